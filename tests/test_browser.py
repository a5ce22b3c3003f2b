"""The offline seed map in a real browser (Debian's chromium, headless, through Playwright)."""

from __future__ import annotations

import os
import pathlib
import shutil

import pytest
from conftest import ARTIFACTS

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
pytestmark = pytest.mark.browser

if not os.path.exists(CHROMIUM):  # pragma: no cover - CI installs it
    pytest.skip("Debian chromium is not installed", allow_module_level=True)

ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="module")
def page():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        context = browser.new_context(viewport={"width": 1400, "height": 900})
        yield context.new_page()
        browser.close()


def test_offline_seed_map_renders_with_layers_and_popup(page, offline_map: pathlib.Path) -> None:
    errors: list[str] = []
    requests: list[str] = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("request", lambda req: requests.append(req.url) if not req.url.startswith(("file:", "data:")) else None)
    page.goto(offline_map.as_uri())
    page.wait_for_function("document.querySelectorAll('.leaflet-overlay-pane path').length > 10")
    assert errors == []
    assert requests == []
    labels = page.locator(".leaflet-control-layers-overlays label").all_inner_texts()
    for name in (
        "Places mentioned",
        "Disputed places",
        "Administered by Japan",
        "Claimed by China",
        "Claimed by Taiwan",
    ):
        assert any(name in label for label in labels), labels
    assert "Japan — administers" in page.locator(".geomap-legend").inner_text()

    paths_before = page.locator(".leaflet-overlay-pane path").count()
    page.locator(".leaflet-control-layers-overlays label", has_text="Claimed by China").locator("input").click()
    assert page.locator(".leaflet-overlay-pane path").count() < paths_before
    page.locator(".leaflet-control-layers-overlays label", has_text="Claimed by China").locator("input").click()
    assert page.locator(".leaflet-overlay-pane path").count() == paths_before

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "issue2-seed-offline.png"))

    # Open the Senkaku popup through Leaflet's own API: find the layer whose popup names it.
    page.evaluate(
        """() => {
        for (const k of Object.keys(window)) {
          const v = window[k];
          if (v && v.getPopup && v.getPopup() && String(v.getPopup().getContent()).includes('Senkaku Islands</h3>')) {
            v.openPopup(); return true;
          }
        }
        return false; }"""
    )
    popup = page.locator(".leaflet-popup-content")
    popup.wait_for()
    text = popup.inner_text()
    assert "Administered by Japan" in text and "China" in text and "Taiwan" in text
    assert "which China calls Diaoyu" in text
    assert popup.locator("table").count() >= 1
    page.screenshot(path=str(ARTIFACTS / "issue2-senkaku-popup.png"))


def test_two_fragments_on_one_page_both_work(page, tmp_path: pathlib.Path) -> None:
    from conftest import SEED, run

    other = tmp_path / "other.txt"
    other.write_text("Argentina claims the Falkland Islands, which Britain administers.", encoding="utf-8")
    out = tmp_path / "out"
    assert run("build", str(SEED), str(other), "--out", str(out), "--format", "fragment", "--offline").exit_code == 0
    fragments = [
        (out / f"{SEED.stem}.fragment.html").read_text(encoding="utf-8"),
        (out / "other.fragment.html").read_text(encoding="utf-8"),
    ]
    host = tmp_path / "report.html"
    host.write_text(
        "<!DOCTYPE html><html><body><h1>Report</h1>" + "".join(fragments) + "</body></html>", encoding="utf-8"
    )
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(host.as_uri())
    frames = [f for f in page.frames if f != page.main_frame]
    assert len(frames) == 2
    for frame in frames:
        frame.wait_for_function("document.querySelectorAll('.leaflet-overlay-pane path').length > 10")
    legends = [frame.locator(".geomap-legend").inner_text() for frame in frames]
    assert any("Japan" in text for text in legends) and any("United Kingdom" in text for text in legends)
    assert errors == []


HOSTILE = (
    "---\ntitle: \"<script>alert('title')</script><img src=x onerror=alert('t2')>\"\n"
    "source: \"</script><script>alert('source')</script>\"\nurl: \"javascript:alert('url')\"\n---\n"
    "Japan said </script><script>alert('body')</script> the <img src=x onerror=alert('img')> Senkaku Islands "
    "are `${alert('tpl')}` {{ 7*7 }} Japan's. \u202eTaiwan\u202c said <a href=\"javascript:alert('a')\">click</a>.\n"
)


def test_hostile_text_is_inert_in_the_browser(page, tmp_path: pathlib.Path) -> None:
    from conftest import run

    story = tmp_path / "hostile.txt"
    story.write_text(HOSTILE, encoding="utf-8")
    out = tmp_path / "out"
    assert run("build", str(story), "--out", str(out), "--offline").exit_code == 0
    dialogs: list[str] = []
    requests: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.on("request", lambda r: requests.append(r.url) if not r.url.startswith(("file:", "data:")) else None)
    page.goto((out / "hostile.html").as_uri())
    page.wait_for_function("document.querySelectorAll('.leaflet-overlay-pane path').length > 10")
    # open every popup: their content is where document text goes
    page.evaluate(
        """() => { for (const k of Object.keys(window)) { const v = window[k];
            if (v && v.getPopup && v.getPopup()) { v.openPopup(); } } }"""
    )
    page.wait_for_timeout(300)
    assert dialogs == []
    assert requests == []
    assert page.locator("img[onerror]").count() == 0
    assert page.locator("a[href^='javascript']").count() == 0
    assert "<script>" in page.locator(".geomap-title").inner_text()  # shown as text, not run


def _open(page, path: pathlib.Path) -> None:
    page.goto(path.as_uri())
    page.wait_for_function("document.querySelectorAll('.leaflet-overlay-pane path').length > 10")


def _paths(page) -> int:
    return page.locator(".leaflet-overlay-pane path").count()


def test_every_layer_toggles_its_features(page, offline_map: pathlib.Path) -> None:
    _open(page, offline_map)
    labels = page.locator(".leaflet-control-layers-overlays label")
    assert labels.count() >= 5
    for i in range(labels.count()):
        box = labels.nth(i).locator("input")
        before = _paths(page)
        box.click()
        hidden = _paths(page)
        box.click()
        assert hidden < before, labels.nth(i).inner_text()
        assert _paths(page) == before


def _fill_of(page, tooltip: str) -> set[str]:
    return set(
        page.evaluate(
            """(name) => { const out = [];
            for (const k of Object.keys(window)) { const v = window[k];
              if (v && v.getTooltip && v.getTooltip() && String(v.getTooltip().getContent()).startsWith(name + ':')
                  && v.options && v.options.style) out.push(v.options.style.fillColor || ''); }
            return out; }""",
            tooltip,
        )
    )


def test_worldviews_draw_taiwan_and_the_senkakus_differently(page, tmp_path: pathlib.Path, gazetteer) -> None:
    from conftest import SEED, run

    fills = {}
    for view in ("CHN", "JPN"):
        out = tmp_path / view
        assert run("build", str(SEED), "--out", str(out), "--offline", "--worldview", view).exit_code == 0
        _open(page, out / f"{SEED.stem}.html")
        fills[view] = {place: _fill_of(page, place) for place in ("Taiwan", "Senkaku Islands")}
        assert f"as {view} draws it" in page.locator(".geomap-title").inner_text()
    chn, jpn = gazetteer.party_color("CHN"), gazetteer.party_color("JPN")
    assert fills["CHN"]["Senkaku Islands"] == {chn}
    assert fills["JPN"]["Senkaku Islands"] == {jpn}
    assert fills["CHN"]["Taiwan"] == {chn}
    assert fills["JPN"]["Taiwan"] != {chn}


def test_screenshots_at_three_zoom_levels(page, offline_map: pathlib.Path) -> None:
    _open(page, offline_map)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for zoom in (3, 6, 9):
        page.evaluate(
            f"""() => {{ for (const k of Object.keys(window)) {{
                if (k.startsWith('map_') && window[k].setView) window[k].setView([25.75, 123.6], {zoom}, {{animate: false}}); }} }}"""
        )
        page.wait_for_timeout(300)
        page.screenshot(path=str(ARTIFACTS / f"issue5-seed-zoom{zoom}.png"))
        # the Senkaku marker stays on screen at every zoom
        assert page.locator(".leaflet-overlay-pane path[stroke='#000000']").count() >= 1
