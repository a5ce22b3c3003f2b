"""geodata/: every record validates, and broken records are named with file and field."""

from __future__ import annotations

import pathlib
import shutil

import pytest
from click.testing import CliRunner

from geomap.cli import cli
from geomap.errors import GazetteerError
from geomap.geodata import GeodataProblem, find_geodata, load_parties, load_places, read_yaml
from geomap.records import PlaceRecord

GEODATA = find_geodata()
PLACE_FILES = sorted((GEODATA / "places").glob("*.yaml"))


@pytest.fixture(scope="module")
def parties():
    return load_parties(GEODATA)


@pytest.mark.parametrize("path", PLACE_FILES, ids=lambda p: p.stem)
def test_every_place_record_validates(path: pathlib.Path, parties) -> None:
    record = PlaceRecord.model_validate(read_yaml(path))
    assert record.id == path.stem
    assert record.party_codes() <= parties.keys()
    for claim in record.claims:
        assert claim.source.startswith(("http://", "https://"))


def test_every_party_has_a_distinct_colour_from_its_rivals(parties) -> None:
    assert parties["NOR"].code == "NOR"
    for record in load_places(GEODATA, parties):
        rivals = {c.party for c in record.claims if c.role.value in ("administers", "claims")}
        colours = [parties[p].color for p in sorted(rivals)]
        assert len(set(colours)) == len(colours), f"{record.id}: rivals share a colour"


def _geodata_copy(tmp_path: pathlib.Path) -> pathlib.Path:
    root = tmp_path / "geodata"
    (root / "places").mkdir(parents=True)
    shutil.copy(GEODATA / "parties.yaml", root / "parties.yaml")
    shutil.copy(GEODATA / "places" / "senkaku-islands.yaml", root / "places" / "senkaku-islands.yaml")
    return root


@pytest.mark.parametrize(
    ("edit", "field"),
    [
        (lambda t: t.replace("party: CHN", "party: XXQ"), "claims"),
        (lambda t: t.replace("kind: island_group", "kind: islet"), "kind"),
        (
            lambda t: t.replace("    source: https://www.mofa.go.jp/region/asia-paci/senkaku/basic_view.html\n", "", 1),
            "claims.0.source",
        ),
        (lambda t: t + "colour: red\n", "colour"),
        (lambda t: t.replace("id: senkaku-islands", "id: senkaku"), "id"),
        (lambda t: t.replace("names:", "names: [\n"), "bad YAML"),
    ],
)
def test_a_broken_record_is_reported_with_file_and_field(tmp_path: pathlib.Path, edit, field: str) -> None:
    root = _geodata_copy(tmp_path)
    path = root / "places" / "senkaku-islands.yaml"
    path.write_text(edit(path.read_text(encoding="utf-8")), encoding="utf-8")
    problems: list[GeodataProblem] = []
    load_places(root, load_parties(root), collect=problems)
    assert problems, "the broken record was accepted"
    assert problems[0].file == "places/senkaku-islands.yaml"
    assert field in str(problems[0])
    with pytest.raises(GazetteerError, match="places/senkaku-islands.yaml"):
        load_places(root, load_parties(root))


def test_norway_code_stays_a_string(tmp_path: pathlib.Path) -> None:
    path = tmp_path / "x.yaml"
    path.write_text("country: NO\nflag: yes\nreal: true\n", encoding="utf-8")
    assert read_yaml(path) == {"country": "NO", "flag": "yes", "real": True}


def test_gazetteer_check_names_the_file_and_field_and_exits_1(tmp_path: pathlib.Path, monkeypatch) -> None:
    root = _geodata_copy(tmp_path)
    path = root / "places" / "senkaku-islands.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("point: [123.4733, 25.7431]", "point: [0.0, 0.0]"), encoding="utf-8"
    )
    monkeypatch.setenv("GEOMAP_GEODATA", str(root))
    monkeypatch.setenv("GEOMAP_CACHE_DIR", str(tmp_path / "cache"))
    result = CliRunner().invoke(cli, ["gazetteer", "check"])
    assert result.exit_code == 1
    assert "places/senkaku-islands.yaml: geometry.point" in result.output
    assert "Traceback" not in result.output


def test_gazetteer_check_is_clean_on_the_repository() -> None:
    result = CliRunner().invoke(cli, ["gazetteer", "check"])
    assert result.exit_code == 0, result.output
    assert "geodata ok" in result.output
