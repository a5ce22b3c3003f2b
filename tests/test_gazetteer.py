"""The gazetteer: names in every script resolve to the right place, with its claims."""

from __future__ import annotations

import pytest
import shapely

from geomap.errors import UnknownPlace
from geomap.gazetteer import Gazetteer


@pytest.mark.parametrize(
    "name",
    [
        "Senkaku Islands",
        "Diaoyu Islands",
        "尖閣諸島",
        "钓鱼岛",
        "釣魚臺列嶼",
        "the Senkaku Is.",
        "ＤＩＡＯＹＵ ISLANDS",
        "Pinnacle Islands",
    ],
)
def test_senkaku_names_resolve_to_one_place(gazetteer: Gazetteer, name: str) -> None:
    place = gazetteer.resolve(name)[0]
    assert place.id == "senkaku-islands"
    state = place.state()
    assert state.administered_by == ("JPN",)
    assert {"CHN", "TWN"} <= set(state.claimants)


def test_names_by_party(gazetteer: Gazetteer) -> None:
    place = gazetteer.get("senkaku-islands")
    assert "尖閣諸島" in place.names_of("JPN")
    assert "钓鱼岛" in place.names_of("CHN")
    assert "釣魚臺列嶼" in place.names_of("TWN")


def test_us_position_on_the_senkakus_is_recorded(gazetteer: Gazetteer) -> None:
    positions = [c for c in gazetteer.get("senkaku-islands").claims if c.party == "USA" and c.role.value == "position"]
    assert positions and "Article 5" in positions[0].basis


@pytest.mark.parametrize(
    ("lon", "lat"),
    [(123.4733, 25.7431), (123.5411, 25.7297), (123.5511, 25.7233), (123.6822, 25.9236), (124.5581, 25.9228)],
)
def test_the_five_senkaku_islands_lie_inside_the_geometry(gazetteer: Gazetteer, lon: float, lat: float) -> None:
    geom = shapely.from_wkb(gazetteer.geometry_wkb(gazetteer.get("senkaku-islands")))
    assert geom.contains(shapely.Point(lon, lat))


def test_taiwan(gazetteer: Gazetteer) -> None:
    state = gazetteer.resolve("Taiwan")[0].state()
    assert state.administered_by == ("TWN",)
    assert "CHN" in state.claimants


@pytest.mark.parametrize(
    ("name", "place_id"),
    [
        ("U.S.", "united-states"),
        ("Japan", "japan"),
        ("日本", "japan"),
        ("PRC", "china"),
        ("ROK", "south-korea"),
        ("DPRK", "north-korea"),
        ("Taiwan Strait", "taiwan-strait"),
        ("East China Sea", "east-china-sea"),
        ("Indo-Pacific", "indo-pacific"),
    ],
)
def test_countries_seas_and_regions_resolve(gazetteer: Gazetteer, name: str, place_id: str) -> None:
    assert gazetteer.resolve(name)[0].id == place_id


@pytest.mark.parametrize(
    ("name", "country"), [("Washington", "USA"), ("Tokyo", "JPN"), ("Nairobi", "KEN"), ("Lima", "PER"), ("東京", "JPN")]
)
def test_cities_of_the_world_resolve_largest_first(gazetteer: Gazetteer, name: str, country: str) -> None:
    place = gazetteer.resolve(name)[0]
    assert place.kind == "city" and place.country == country


def test_unknown_names_raise(gazetteer: Gazetteer) -> None:
    with pytest.raises(UnknownPlace, match="no place named"):
        gazetteer.resolve("Xyzzyland")
    with pytest.raises(UnknownPlace, match="no place named"):
        gazetteer.resolve("   ")


@pytest.mark.parametrize(("name", "place_id"), [("Leh", "leh-1264976"), ("Smara", "smara-2461874")])
def test_a_town_whose_own_name_it_is_comes_before_a_larger_one_that_lists_it(
    gazetteer: Gazetteer, name: str, place_id: str
) -> None:
    """Le Havre and Samara list "Leh" and "Smara" among their alternate names."""
    assert gazetteer.resolve(name)[0].id == place_id
