"""The command line as a user runs it: exit codes, JSON, files written, bytes stable."""

from __future__ import annotations

import json
import pathlib

from conftest import SEED, run


def test_resolve_diaoyu_json() -> None:
    result = run("resolve", "Diaoyu Islands", "--json")
    assert result.exit_code == 0
    data = json.loads(result.output)
    match = data["matches"][0]
    assert data["query"] == "Diaoyu Islands"
    assert match["id"] == "senkaku-islands"
    assert match["administered_by"] == ["JPN"]
    assert {"CHN", "TWN"} <= set(match["claimants"])
    assert len(match["centroid"]) == 2 and len(match["bbox"]) == 4


def test_resolve_several_names_prints_a_list_in_order() -> None:
    data = json.loads(run("resolve", "Taiwan", "尖閣諸島", "--json").output)
    assert [d["matches"][0]["id"] for d in data] == ["taiwan", "senkaku-islands"]
    assert data[0]["matches"][0]["administered_by"] == ["TWN"]
    assert "CHN" in data[0]["matches"][0]["claimants"]


def test_resolve_unknown_exits_1_with_one_line() -> None:
    result = run("resolve", "Xyzzyland", "--json")
    assert result.exit_code == 1
    assert result.output.strip().count("\n") == 0
    assert "no place named" in result.output


def test_resolve_as_of_and_bad_as_of() -> None:
    assert run("resolve", "Taiwan", "--as-of", "1930", "--json").exit_code == 0
    data = json.loads(run("resolve", "Taiwan", "--as-of", "1930", "--json").output)
    assert data["matches"][0]["administered_by"] == ["JPN"]
    bad = run("resolve", "Taiwan", "--as-of", "soon")
    assert bad.exit_code == 1 and "bad --as-of" in bad.output


def test_extract_json_offsets(seed_text: str) -> None:
    result = run("extract", str(SEED), "--json")
    assert result.exit_code == 0
    doc = json.loads(result.output)
    assert doc["document"] == str(SEED)
    for m in doc["mentions"]:
        assert seed_text[m["start"] : m["end"]] == m["text"]
        assert set(m) >= {
            "text",
            "start",
            "end",
            "place_id",
            "name",
            "kind",
            "lon",
            "lat",
            "country",
            "score",
            "metonym",
            "name_of",
            "demonym",
        }


def test_extract_several_files_gives_json_lines_and_stdin(tmp_path: pathlib.Path) -> None:
    other = tmp_path / "b.txt"
    other.write_text("Kyiv said Crimea is Ukraine.", encoding="utf-8")
    lines = run("extract", str(SEED), str(other), "--json").output.strip().splitlines()
    assert len(lines) == 2 and json.loads(lines[1])["document"] == str(other)
    piped = json.loads(run("extract", "-", "--json", input="Beijing and Taipei").output)
    assert [m["text"] for m in piped["mentions"]] == ["Beijing", "Taipei"]


def test_extract_demonyms_flag() -> None:
    text = "Vietnamese and Chinese vessels collided near the Paracel Islands."
    plain = json.loads(run("extract", "-", "--json", input=text).output)
    assert [m["text"] for m in plain["mentions"]] == ["Paracel Islands"]
    flagged = json.loads(run("extract", "-", "--json", "--demonyms", input=text).output)
    assert [(m["text"], m["place_id"], m["demonym"]) for m in flagged["mentions"]] == [
        ("Vietnamese", "vietnam", True),
        ("Chinese", "china", True),
        ("Paracel Islands", "paracel-islands", False),
    ]


def test_extract_bad_file_is_one_line(tmp_path: pathlib.Path) -> None:
    bad = tmp_path / "latin1.txt"
    bad.write_bytes("Espa\u00f1a".encode("latin-1"))
    result = run("extract", str(bad), "--json")
    assert result.exit_code == 1
    assert "not UTF-8" in result.output and "Traceback" not in result.output


def test_build_writes_map_and_index_and_is_deterministic(tmp_path: pathlib.Path) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    assert run("build", str(SEED), "--out", str(a), "--format", "html,geojson").exit_code == 0
    assert run("build", str(SEED), "--out", str(b), "--format", "html,geojson").exit_code == 0
    for name in (f"{SEED.stem}.html", f"{SEED.stem}.geojson", "index.html"):
        assert (a / name).read_bytes() == (b / name).read_bytes(), name
    index = (a / "index.html").read_text(encoding="utf-8")
    assert f'href="{SEED.stem}.html"' in index and "Senkaku Islands" in index
    features = json.loads((a / f"{SEED.stem}.geojson").read_text(encoding="utf-8"))["features"]
    senkaku = next(f for f in features if f["id"] == "senkaku-islands")
    assert senkaku["properties"]["administered_by"] == ["JPN"]
    assert senkaku["properties"]["mention_count"] == 3


def test_bad_usage_exits_2_and_bad_view_exits_1(tmp_path: pathlib.Path) -> None:
    assert run("build", str(SEED), "--out", str(tmp_path), "--format", "pdf").exit_code == 2
    result = run("build", str(SEED), "--out", str(tmp_path), "--worldview", "MARS")
    assert result.exit_code == 1 and "unknown --worldview" in result.output


def test_unreadable_document_is_reported_and_others_still_built(tmp_path: pathlib.Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "good.txt").write_text("Taiwan and Japan.", encoding="utf-8")
    (src / "empty.txt").write_bytes(b"")
    result = run("build", str(src), "--out", str(tmp_path / "out"))
    assert result.exit_code == 1
    assert "empty.txt: empty document" in result.output
    assert (tmp_path / "out" / "good.html").is_file()


def test_same_stem_in_two_folders_does_not_overwrite(tmp_path: pathlib.Path) -> None:
    for folder in ("x", "y"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "story.txt").write_text(f"Japan story {folder}.", encoding="utf-8")
    run("build", str(tmp_path / "x"), str(tmp_path / "y"), "--out", str(tmp_path / "out"))
    assert len(list((tmp_path / "out").glob("story*.html"))) == 2


def test_hostile_text_is_inert(tmp_path: pathlib.Path) -> None:
    story = tmp_path / "evil.txt"
    story.write_text(
        "---\ntitle: <script>alert(1)</script>\nurl: javascript:alert(2)\n---\n"
        "Japan </script><img src=x onerror=alert(3)> said `${alert(4)}` {{ 7*7 }} near Taiwan.\n",
        encoding="utf-8",
    )
    assert run("build", str(story), "--out", str(tmp_path / "out")).exit_code == 0
    page = (tmp_path / "out" / "evil.html").read_text(encoding="utf-8")
    assert "<script>alert" not in page and "<img src=x" not in page
    assert "javascript:alert" not in page
    assert "${alert(4)}" not in page
    assert "7*7" in page  # "{{ 7*7 }}" stays text: never evaluated as a template
