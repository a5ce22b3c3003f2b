"""Bad input, hostile text and failures mid-build: one clear line, nothing lost."""

from __future__ import annotations

import errno
import os
import pathlib

import pytest
from conftest import SEED, run
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from geomap import export, pipeline
from geomap.document import Document, decode
from geomap.errors import DocumentError
from geomap.extraction import Extractor


def _story(
    folder: pathlib.Path, name: str, text: str = "Japan and China dispute the Senkaku Islands.\n"
) -> pathlib.Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def _one_line(output: str) -> None:
    lines = [line for line in output.strip().splitlines() if line.strip()]
    assert len(lines) == 1, output
    assert "Traceback" not in output


def test_unwritable_output_folder_is_one_line(tmp_path: pathlib.Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    result = run("build", str(SEED), "--out", str(blocker / "maps"))
    assert result.exit_code == 1
    _one_line(result.output)
    assert "cannot write" in result.output


def test_full_disk_keeps_the_previous_map(tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "maps"
    assert run("build", str(SEED), "--out", str(out)).exit_code == 0
    page = out / f"{SEED.stem}.html"
    before = page.read_bytes()

    real_fdopen = os.fdopen

    class FullDisk:
        def __init__(self, handle):
            self.handle = handle

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.handle.close()

        def write(self, data):
            raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(export.os, "fdopen", lambda fd, mode: FullDisk(real_fdopen(fd, mode)))
    result = run("build", str(SEED), "--out", str(out), "--worldview", "CHN")
    assert result.exit_code == 1
    _one_line(result.output)
    assert "No space left" in result.output
    assert page.read_bytes() == before
    assert not [p for p in out.iterdir() if p.name.startswith(".")], "a temporary file was left behind"


def test_ctrl_c_keeps_written_maps_and_their_index(tmp_path: pathlib.Path) -> None:
    src = tmp_path / "in"
    for name in ("a.txt", "b.txt", "c.txt"):
        _story(src, name)
    out = tmp_path / "out"
    seen: list[pathlib.Path] = []

    def interrupt(path: pathlib.Path) -> None:
        seen.append(path)
        if len(seen) == 1:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        pipeline.build([src], out, progress=interrupt)
    assert (out / "a.html").is_file()
    assert 'href="a.html"' in (out / "index.html").read_text(encoding="utf-8")
    assert not [p for p in out.iterdir() if p.name.startswith(".")]


def test_a_file_that_disappears_mid_build(tmp_path: pathlib.Path) -> None:
    src = tmp_path / "in"
    for name in ("a.txt", "b.txt", "c.txt"):
        _story(src, name)

    def vanish(path: pathlib.Path) -> None:
        (src / "b.txt").unlink(missing_ok=True)

    result = pipeline.build([src], tmp_path / "out", progress=vanish)
    assert any("b.txt" in e and "no such file" in e for e in result.errors)
    assert (tmp_path / "out" / "c.html").is_file()


def test_hostile_file_names_and_front_matter_stay_in_the_output_folder(tmp_path: pathlib.Path) -> None:
    src = tmp_path / "in"
    _story(
        src, "evil..<script>alert(1)<.txt", "---\ntitle: ../../../etc/passwd\nurl: javascript:alert(1)\n---\nTaiwan.\n"
    )
    out = tmp_path / "out"
    assert run("build", str(src), "--out", str(out)).exit_code == 0
    written = sorted(p.name for p in out.iterdir())
    assert all("<" not in name and "/" not in name for name in written)
    assert len(written) == 2 and not (tmp_path / "etc").exists()
    page = next(p for p in out.iterdir() if p.name != "index.html").read_text(encoding="utf-8")
    assert "javascript:alert" not in page


def test_two_jobs_build_the_same_bytes_as_one(tmp_path: pathlib.Path) -> None:
    src = tmp_path / "in"
    for i in range(6):
        _story(src, f"s{i}.txt", f"Story {i}: Kashmir, Crimea and the Falkland Islands.\n")
    assert run("build", str(src), "--out", str(tmp_path / "one")).exit_code == 0
    assert run("build", str(src), "--out", str(tmp_path / "two"), "--jobs", "2").exit_code == 0
    for page in (tmp_path / "one").iterdir():
        assert page.read_bytes() == (tmp_path / "two" / page.name).read_bytes(), page.name


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.binary(max_size=400))
def test_any_bytes_decode_or_fail_cleanly(data: bytes) -> None:
    try:
        text = decode(data, "x.txt")
    except DocumentError as exc:
        assert str(exc).startswith("x.txt: ")
        return
    doc = Document.from_text(text)
    assert doc.text == text.lstrip("\ufeff") or doc.text == text
    Extractor().extract(doc.text, doc.body_start)


@settings(max_examples=200, deadline=None)
@given(
    st.dictionaries(
        st.sampled_from(["title", "date", "source", "url", "author", "tags", "x"]),
        st.one_of(st.text(max_size=30), st.integers(), st.lists(st.text(max_size=5), max_size=3), st.none()),
        max_size=5,
    ),
    st.text(max_size=100),
)
def test_any_front_matter_reads(fields: dict, body: str) -> None:
    import yaml

    text = "---\n" + yaml.safe_dump(fields, allow_unicode=True) + "---\n" + body
    doc = Document.from_text(text)
    assert all(isinstance(v, str) for v in doc.meta.values())
    assert doc.text == text


def test_a_broken_geodata_record_stops_build_with_file_and_field(
    tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import shutil

    from geomap.geodata import find_geodata

    root = tmp_path / "geodata"
    shutil.copytree(find_geodata(), root)
    record = root / "places" / "taiwan.yaml"
    record.write_text(
        record.read_text(encoding="utf-8").replace("status: active", "status: contested"), encoding="utf-8"
    )
    monkeypatch.setenv("GEOMAP_GEODATA", str(root))
    monkeypatch.setenv("GEOMAP_CACHE_DIR", str(tmp_path / "cache"))
    from geomap.gazetteer import Gazetteer

    Gazetteer.load.cache_clear()
    try:
        result = run("build", str(SEED), "--out", str(tmp_path / "out"))
    finally:
        Gazetteer.load.cache_clear()
    assert result.exit_code == 1
    _one_line(result.output)
    assert "places/taiwan.yaml: status" in result.output


def test_html_given_as_input_is_read_as_text(tmp_path: pathlib.Path) -> None:
    page = _story(
        tmp_path / "in", "page.txt", "<html><body><h1>Crimea</h1><script>alert(1)</script><p>Kyiv.</p></body></html>\n"
    )
    out = tmp_path / "out"
    assert run("build", str(page), "--out", str(out)).exit_code == 0
    html = (out / "page.html").read_text(encoding="utf-8")
    assert "<h1>Crimea" not in html and "<script>alert(1)" not in html
    assert "Crimea" in html
