"""Every export format opens in the library a user would use, with the expected content."""

from __future__ import annotations

import json
import pathlib
import runpy
import xml.etree.ElementTree as ET

import pytest
from conftest import ROOT, SEED, run

ALL = "html,geojson,gpkg,parquet,png,svg,fragment"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> pathlib.Path:
    out = tmp_path_factory.mktemp("formats")
    result = run("build", str(SEED), "--out", str(out), "--format", ALL, "--dpi", "100")
    assert result.exit_code == 0, result.output
    return out


def test_geojson_is_rfc7946_and_reads_in_geopandas(built: pathlib.Path) -> None:
    import geopandas
    import shapely

    path = built / f"{SEED.stem}.geojson"
    data = json.loads(path.read_text(encoding="utf-8"))
    assert "crs" not in data
    df = geopandas.read_file(path)
    senkaku = df[df["id"] == "senkaku-islands"].iloc[0]
    assert senkaku["mention_count"] == 3
    for feature in data["features"]:
        geom = shapely.geometry.shape(feature["geometry"])
        for polygon in getattr(geom, "geoms", [geom]):
            if polygon.geom_type == "Polygon":
                assert polygon.exterior.is_ccw, feature["id"]
    props = next(f["properties"] for f in data["features"] if f["id"] == "senkaku-islands")
    assert props["administered_by"] == ["JPN"] and "CHN" in props["claimants"]
    assert {"start", "end", "text"} <= set(props["mentions"][0])


def test_geopackage_has_three_layers(built: pathlib.Path) -> None:
    import geopandas
    import pyogrio

    path = built / f"{SEED.stem}.gpkg"
    assert sorted(name for name, _ in pyogrio.list_layers(path)) == ["claims", "mentions", "places"]
    places = geopandas.read_file(path, layer="places")
    assert {"id", "name", "kind", "administered_by", "claimants", "names_by_party", "mention_count"} <= set(
        places.columns
    )
    assert places.crs.to_epsg() == 4326
    claims = pyogrio.read_dataframe(path, layer="claims")
    chn = claims[(claims.place_id == "senkaku-islands") & (claims.party == "CHN")]
    assert list(chn.role) == ["claims"] and chn.source.iloc[0].startswith("http")
    mentions = geopandas.read_file(path, layer="mentions")
    assert len(mentions) == 31 and set(mentions.geom_type) == {"Point"}


def test_geoparquet_reads_in_geopandas(built: pathlib.Path) -> None:
    import geopandas
    import pyarrow.parquet as pq

    places = geopandas.read_parquet(built / f"{SEED.stem}.parquet")
    assert "senkaku-islands" in set(places["id"])
    assert len(geopandas.read_parquet(built / f"{SEED.stem}.mentions.parquet")) == 31
    assert "party" in pq.read_table(built / f"{SEED.stem}.claims.parquet").column_names


def test_png_is_a4_with_the_party_colours(built: pathlib.Path, gazetteer) -> None:
    from PIL import Image

    image = Image.open(built / f"{SEED.stem}.png").convert("RGB")
    width, height = image.size
    assert width > height > 500
    colours = {rgb for _count, rgb in image.getcolors(maxcolors=1 << 24)}

    def present(hex_colour: str) -> bool:
        target = tuple(int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
        return any(sum(abs(a - b) for a, b in zip(c, target, strict=True)) < 60 for c in colours)

    assert present(gazetteer.party_color("JPN"))  # Japan administers: the fill
    assert present(gazetteer.party_color("CHN"))  # China claims: the hatching


def test_svg_parses_and_names_the_places(built: pathlib.Path) -> None:
    root = ET.parse(built / f"{SEED.stem}.svg").getroot()
    assert root.tag.endswith("svg")


def test_fragment_has_no_page_tags_and_embeds_the_map(built: pathlib.Path) -> None:
    text = (built / f"{SEED.stem}.fragment.html").read_text(encoding="utf-8")
    assert not any(tag in text.lower() for tag in ("<html", "<body", "<head"))
    assert text.startswith('<figure class="geomap-fragment"') and "srcdoc=" in text


def test_static_outputs_are_deterministic(tmp_path: pathlib.Path) -> None:
    for name in ("a", "b"):
        assert (
            run("build", str(SEED), "--out", str(tmp_path / name), "--format", "png,svg", "--dpi", "60").exit_code == 0
        )
    for ext in ("png", "svg"):
        assert (tmp_path / "a" / f"{SEED.stem}.{ext}").read_bytes() == (
            tmp_path / "b" / f"{SEED.stem}.{ext}"
        ).read_bytes()


def test_readme_python_examples_run(monkeypatch: pytest.MonkeyPatch) -> None:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = [b.split("```", 1)[0] for b in text.split("```python\n")[1:]]
    assert blocks, "README has no Python examples"
    monkeypatch.chdir(ROOT)
    namespace: dict = {}
    for block in blocks:
        exec(compile(block, "README.md", "exec"), namespace)  # noqa: S102 - our own README


def test_example_report_runs(tmp_path: pathlib.Path) -> None:
    out = tmp_path / "report.html"
    runpy.run_path(str(ROOT / "examples" / "report.py"), run_name="not_main")["report"](out)
    page = out.read_text(encoding="utf-8")
    assert "Senkaku Islands" in page and "Administered by Japan" in page


def test_example_notebook_runs_top_to_bottom(monkeypatch: pytest.MonkeyPatch) -> None:
    notebook = json.loads((ROOT / "examples" / "notebook.ipynb").read_text(encoding="utf-8"))
    monkeypatch.chdir(ROOT / "examples")
    namespace: dict = {}
    for cell in notebook["cells"]:
        if cell["cell_type"] == "code":
            exec(compile("".join(cell["source"]), "notebook.ipynb", "exec"), namespace)  # noqa: S102
    assert namespace["senkaku"].id == "senkaku-islands"
    assert len(namespace["df"]) > 150
