"""The map's HTML: layers, styles, popups and offline assets, asserted on fragments."""

from __future__ import annotations

import pathlib
import re


def test_layers_are_named_per_party(online_map: pathlib.Path) -> None:
    page = online_map.read_text(encoding="utf-8")
    for layer in (
        "Places mentioned",
        "Seas and straits",
        "Disputed places",
        "Administered by Japan",
        "Claimed by China",
        "Claimed by Taiwan",
        "Administered by Taiwan",
    ):
        assert f'"{layer}"' in page or layer in page, layer


def test_senkaku_popup_has_claims_sources_and_the_sentence(online_map: pathlib.Path) -> None:
    page = online_map.read_text(encoding="utf-8")
    assert "https://www.mofa.go.jp/region/asia-paci/senkaku/basic_view.html" in page
    assert "which China calls \\u003cmark\\u003eDiaoyu\\u003c/mark\\u003e" in page
    assert "Article 5" in page


def test_claimants_are_dashed_in_their_colour(online_map: pathlib.Path) -> None:
    page = online_map.read_text(encoding="utf-8")
    assert re.search(r'"dashArray": "6 6"', page)


def test_online_map_loads_only_leaflet_and_stays_small(online_map: pathlib.Path) -> None:
    page = online_map.read_text(encoding="utf-8")
    scripts = re.findall(r'<script src="([^"]+)"', page)
    assert scripts == ["https://cdn.jsdelivr.net/npm/leaflet@1.9.4/dist/leaflet.js"]
    assert "jquery" not in page.lower()
    assert online_map.stat().st_size < 1_000_000


def test_offline_map_has_no_network_reference(offline_map: pathlib.Path) -> None:
    page = offline_map.read_text(encoding="utf-8")
    assert not re.search(r'(src|href)="https?://', page)
    assert "Leaflet 1.9.4" in page
    assert "Countries (offline basemap)" in page
