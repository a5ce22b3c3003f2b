"""Facts a reader would check: known places fall inside their records, claims change on the right dates."""

from __future__ import annotations

import datetime as dt

import pytest
import shapely

from geomap.claims import worldview_sovereign
from geomap.geometry import unwrap_antimeridian

# Published coordinates (lon, lat) of places that must lie inside a record's geometry; they
# come from gazetteers, not from the records, so a misplaced record fails here.
INSIDE = [
    ("itu-aba", (114.3664, 10.3772), "Itu Aba (Taiping Island)"),
    ("liancourt-rocks", (131.8696, 37.2408), "Dongdo, the east islet"),
    ("liancourt-rocks", (131.8653, 37.2419), "Seodo, the west islet"),
    ("falkland-islands", (-57.8492, -51.6977), "Stanley"),
    ("iturup", (147.8769, 45.2272), "Kurilsk"),
    ("paracel-islands", (112.3333, 16.8333), "Woody Island"),
    ("crimea", (33.5224, 44.6054), "Sevastopol"),
    ("crimea", (34.1024, 44.9521), "Simferopol"),
    ("abkhazia", (41.0200, 43.0015), "Sukhumi"),
    ("golan-heights", (35.6901, 32.9925), "Katzrin"),
    ("gaza-strip", (34.4668, 31.5017), "Gaza City"),
    ("western-sahara", (-13.2033, 27.1536), "Laayoune"),
    ("northern-cyprus", (33.3642, 35.1856), "North Nicosia"),
    ("africa", (36.8219, -1.2921), "Nairobi"),
    ("south-america", (-58.3816, -34.6037), "Buenos Aires"),
    ("europe", (2.3522, 48.8566), "Paris"),
    ("asia", (139.6917, 35.6895), "Tokyo"),
    ("oceania", (174.7633, -36.8485), "Auckland"),
    ("north-america", (-99.1332, 19.4326), "Mexico City"),
    ("urup", (150.0333, 45.9333), "Urup's published position"),
    ("okinokitaiwa", (123.5442, 25.7811), "Okinokitaiwa's published position"),
]
OUTSIDE = [
    ("crimea", (30.5234, 50.4501), "Kyiv"),
    ("abkhazia", (44.7930, 41.7151), "Tbilisi"),
    ("senkaku-islands", (124.1575, 24.3448), "Ishigaki"),
    ("africa", (2.3522, 48.8566), "Paris"),
    ("south-america", (-99.1332, 19.4326), "Mexico City"),
    ("galilee", (34.7818, 32.0853), "Tel Aviv"),
]


def _geometry(gazetteer, place_id: str):
    place = gazetteer.get(place_id)
    return shapely.from_wkb(gazetteer.geometry_wkb(place))


@pytest.mark.parametrize(("place_id", "lonlat", "what"), INSIDE, ids=[w for _, _, w in INSIDE])
def test_known_points_fall_inside(gazetteer, place_id: str, lonlat, what: str) -> None:
    assert _geometry(gazetteer, place_id).buffer(0.01).contains(shapely.Point(lonlat)), what


@pytest.mark.parametrize(("place_id", "lonlat", "what"), OUTSIDE, ids=[w for _, _, w in OUTSIDE])
def test_known_points_fall_outside(gazetteer, place_id: str, lonlat, what: str) -> None:
    assert not _geometry(gazetteer, place_id).contains(shapely.Point(lonlat)), what


def test_hans_island_before_and_after_2022(gazetteer) -> None:
    hans = gazetteer.get("hans-island")
    before = hans.state(dt.date(2020, 1, 1))
    assert set(before.claimants) == {"CAN", "DNK"} and not before.administered_by
    after = hans.state(dt.date(2023, 1, 1))
    assert set(after.administered_by) == {"CAN", "DNK"}
    assert hans.status == "resolved" and hans.resolved == 2022


def test_crimea_in_2013_and_2015(gazetteer) -> None:
    crimea = gazetteer.get("crimea")
    assert crimea.state(dt.date(2013, 12, 31)).administered_by == ("UKR",)
    state = crimea.state(dt.date(2015, 6, 1))
    assert state.administered_by == ("RUS",)
    assert {"UKR", "RUS"} <= set(state.claimants)


def test_taiwan_before_1945_was_japanese(gazetteer) -> None:
    assert gazetteer.get("taiwan").state(dt.date(1930, 1, 1)).administered_by == ("JPN",)


@pytest.mark.parametrize(
    ("place_id", "view", "sovereign"),
    [
        ("taiwan", "CHN", "CHN"),
        ("taiwan", "TWN", "TWN"),
        ("senkaku-islands", "CHN", "CHN"),
        ("senkaku-islands", "JPN", "JPN"),
        ("iturup", "JPN", "JPN"),
        ("iturup", "RUS", "RUS"),
        ("falkland-islands", "ARG", "ARG"),
        ("liancourt-rocks", "JPN", "JPN"),
        ("liancourt-rocks", "KOR", "KOR"),
        ("crimea", "UKR", "UKR"),
    ],
)
def test_each_side_draws_its_claim(gazetteer, place_id: str, view: str, sovereign: str) -> None:
    assert worldview_sovereign(gazetteer.get(place_id).state(), view) == sovereign


@pytest.mark.parametrize(
    ("place_id", "administers", "claims"),
    [
        ("liancourt-rocks", {"KOR"}, {"KOR", "JPN"}),
        ("falkland-islands", {"GBR"}, {"GBR", "ARG"}),
        ("golan-heights", {"ISR"}, {"SYR"}),
        ("western-sahara", {"MAR"}, {"MAR", "XSR"}),
        ("kosovo", {"XKX"}, {"XKX", "SRB"}),
        ("northern-cyprus", {"XNC"}, {"CYP"}),
        ("aksai-chin", {"CHN"}, {"IND"}),
        ("essequibo", {"GUY"}, {"VEN"}),
        ("gibraltar", {"GBR"}, {"ESP"}),
        ("abu-musa", {"IRN"}, {"ARE"}),
    ],
)
def test_who_administers_and_who_claims(gazetteer, place_id: str, administers: set, claims: set) -> None:
    state = gazetteer.get(place_id).state()
    assert administers <= set(state.administered_by)
    assert claims <= set(state.claimants)


def test_bir_tawil_is_claimed_by_nobody(gazetteer) -> None:
    state = gazetteer.get("bir-tawil").state()
    assert not state.claimants and not state.administered_by


@pytest.mark.parametrize("place_id", ["ross-dependency", "fiji", "russia"])
def test_antimeridian_geometries_draw_in_one_piece(gazetteer, place_id: str) -> None:
    geom = _geometry(gazetteer, place_id)
    minx, _, maxx, _ = unwrap_antimeridian(geom).bounds
    assert maxx - minx < 200, "a band across the map"


@pytest.mark.parametrize(
    ("city", "administers", "claims"),
    [
        ("sevastopol-694423", {"RUS"}, {"RUS", "UKR"}),  # in Crimea: Crimea's claims apply
        ("kyrenia-146412", {"XNC"}, {"XNC", "CYP"}),  # in Northern Cyprus
        ("taipei-1668341", {"TWN"}, {"TWN", "CHN"}),
        ("kherson-706448", {"UKR"}, {"UKR"}),  # on the front line: retaken in November 2022
        # Inside hand-drawn outlines, far enough from their drawn edges to be sure:
        ("sokhumi-611847", {"XAB"}, {"XAB", "GEO"}),
        ("donetsk-709717", {"RUS"}, {"RUS", "UKR"}),
        ("melitopol-701404", {"RUS"}, {"RUS", "UKR"}),
        # Too near a drawn edge (the Dnipro, the Dniester, the front) to say: their own country.
        ("nova-kakhovka-699839", {"UKR"}, {"UKR"}),
        ("tiraspol-617239", {"MDA"}, {"MDA"}),
        ("kramatorsk-704508", {"UKR"}, {"UKR"}),  # in Donbas, which is drawn only roughly
        # Small towns (under 15,000) are in the gazetteer inside disputed territories.
        ("majdal-shams-167444", {"ISR"}, {"ISR", "SYR"}),
        ("zubin-potok-783802", {"XKX"}, {"XKX", "SRB"}),
        ("gagra-614622", {"XAB"}, {"XAB", "GEO"}),
        # Inside Natural Earth's Kashmir outlines: both sides' claims.
        ("srinagar-1255634", {"IND"}, {"IND", "PAK"}),
        ("muzaffarabad-1169607", {"PAK"}, {"PAK", "IND"}),
        ("tokyo-1850147", {"JPN"}, {"JPN"}),
    ],
)
def test_towns_in_disputed_territories_carry_its_claims(gazetteer, city: str, administers: set, claims: set) -> None:
    state = gazetteer.get(city).state()
    assert set(state.administered_by) == administers
    assert set(state.claimants) == claims
