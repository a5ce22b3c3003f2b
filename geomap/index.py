"""The prepared gazetteer: every place geomap knows, in one compact file built once.

Reading the base layers and geodata/ takes seconds (a shapefile, a 13 MB pickle, 34k
cities, a few hundred YAML files, geodesic discs); a build of one story should not pay
that. The first run builds a plain-data index (records of str, float and WKB bytes), writes
it atomically into the cache folder, and every later run loads it in milliseconds. The
file name carries a digest of geodata/, the base-layer package versions and geomap's
version, so an edit to any of them builds a fresh index. The file holds plain data only
and is read back with the unpickler that refuses every global.
"""

from __future__ import annotations

import hashlib
import os
import pathlib
import re
import sys
import tempfile
from typing import Any

from geomap import __version__, hanzi, lexicon
from geomap.aliases import is_latin
from geomap.errors import GazetteerError
from geomap.geodata import (
    GeodataProblem,
    find_geodata,
    geodata_digest,
    load_aliases,
    load_parties,
    load_places,
)
from geomap.names import fold_for_matching, name_key, slug

__all__ = ["build_index", "cache_dir", "index_key", "load_index", "load_names"]

INDEX_FORMAT = 4
TOWN = 15_000  # the smallest town in the gazetteer
SMALL_TOWN = 5_000  # the smallest town inside a disputed territory
# Simplification tolerances, in degrees: the stored shapes (about 1 km) and the basemap
# drawn under offline maps (about 5 km), whose shared borders stay shared.
STORED_TOLERANCE = 0.01
BASEMAP_TOLERANCE = 0.1
_MARINE_KINDS = (
    ("strait", ("Strait", "Passage", "Channel", "Bosporus", "Dardanelles", "Mandeb", "Sound", "Øresund")),
    ("gulf", ("Gulf", "Bay", "Bight", "Golfe", "Golfo", "Bahía", "Baía", "Baia", "Fjord")),
    ("ocean", ("Ocean", "OCEAN")),
    ("river", ("River",)),
    ("lake", ("Lake", "Lago", "Ozero")),
)
_BUILDER_MODULES = (
    "index.py",
    "basedata.py",
    "geometry.py",
    "records.py",
    "claims.py",
    "names.py",
    "aliases.py",
    "lexicon.py",
    "hanzi.py",
    "inflection.py",
)
_NE_KIND = {"Sovereign country": "country", "Country": "country"}


def cache_dir() -> pathlib.Path:
    """Return the folder for the prepared index (``$GEOMAP_CACHE_DIR`` or the user cache)."""
    env = os.environ.get("GEOMAP_CACHE_DIR")
    if env:
        return pathlib.Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return pathlib.Path(base) / "geomap"


def index_key(root: pathlib.Path) -> str:
    """Return the digest naming the index for this geodata, these packages and this geomap."""
    from geomap.basedata import base_versions

    parts = [str(INDEX_FORMAT), __version__, sys.version.split()[0], geodata_digest(root)]
    # The builder's own source: a changed recipe must not be served from an old index.
    package = pathlib.Path(__file__).resolve().parent
    for module in _BUILDER_MODULES:
        parts.append(hashlib.sha256((package / module).read_bytes()).hexdigest())
    parts += [f"{k}={v}" for k, v in sorted(base_versions().items())]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:20]


def load_index(*, rebuild: bool = False) -> dict[str, Any]:
    """Return the prepared index, building and caching it when missing or stale.

    City alternate names and name keys (two thirds of the bytes, needed only to look a
    name up, not to extract or draw) are kept in a second file that :func:`load_names`
    reads on demand.
    """
    from geomap import safepickle

    root = find_geodata()
    key = index_key(root)
    path = cache_dir() / f"index-{key}.pickle"
    if not rebuild and path.is_file():
        try:
            data = safepickle.load_path(path)
            if isinstance(data, dict) and data.get("key") == key:
                return data
        except (GazetteerError, OSError):
            pass  # a damaged cache is rebuilt, never trusted
    data = build_index(root)
    data["key"] = key
    names = {"alternates": data["cities"].pop("alternates"), "keys": data["cities"].pop("keys"), "key": key}
    _write_cache(_names_path(key), safepickle.dumps(names), key)
    _write_cache(path, safepickle.dumps(data), key)
    data["names"] = names
    return data


def load_names(index: dict[str, Any]) -> dict[str, Any]:
    """Return the city alternate names and name keys that go with a loaded index."""
    from geomap import safepickle

    if "names" in index:
        return index["names"]  # type: ignore[no-any-return]
    path = _names_path(index["key"])
    try:
        names = safepickle.load_path(path)
        if isinstance(names, dict) and names.get("key") == index["key"]:
            index["names"] = names
            return names
    except (GazetteerError, OSError):
        pass
    index["names"] = load_index(rebuild=True)["names"]
    return index["names"]  # type: ignore[no-any-return]


def _names_path(key: str) -> pathlib.Path:
    return cache_dir() / f"index-{key}-names.pickle"


def _write_cache(path: pathlib.Path, payload: bytes, key: str) -> None:
    """Write an index file atomically and drop stale ones; an unwritable cache only costs speed."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".index-", dir=path.parent)
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
        os.replace(tmp, path)
        for old in path.parent.glob("index-*.pickle"):
            if key not in old.name:
                old.unlink(missing_ok=True)
    except OSError:
        return


def _marine_kind(name: str) -> str:
    for kind, words in _MARINE_KINDS:
        if any(word in name for word in words):
            return kind
    return "sea"


def build_index(root: pathlib.Path, *, problems: list[GeodataProblem] | None = None) -> dict[str, Any]:
    """Build the prepared index from geodata/ and the base layers.

    With ``problems`` given, problems in geodata/ are collected there and the broken records
    left out; otherwise the first problem raises GazetteerError naming file and field.
    """
    import shapely

    from geomap import basedata
    from geomap.geometry import build as build_geometry
    from geomap.geometry import continents

    parties = load_parties(root)
    records = load_places(root, parties, collect=problems)
    countries = basedata.load_countries()
    default_view = {r["name"]: r["geometry"] for r in basedata.load_default_countries()}
    marine = {r["name"]: r["geometry"] for r in basedata.load_marine()}
    by_adm0 = {c["adm0_a3"]: c for c in countries}
    country_wkb = {c["adm0_a3"]: c["geometry"] for c in countries}
    continent_wkb = continents(countries)

    places: list[dict[str, Any]] = []
    claimed_adm0: dict[str, str] = {}
    claimed_marine: dict[str, str] = {}
    for record in records:
        where = f"places/{record.id}.yaml"
        try:
            geom = build_geometry(record.geometry, country_wkb, default_view, marine, continent_wkb)
        except GazetteerError as exc:
            _report(problems, GeodataProblem(where, "geometry", str(exc).split(": ", 1)[-1]))
            continue
        point = shapely.Point(record.geometry.point)
        if not geom.buffer(0.02).contains(point):
            _report(
                problems,
                GeodataProblem(where, "geometry.point", f"{list(record.geometry.point)} lies outside the geometry"),
            )
            continue
        ne = by_adm0.get(record.geometry.ref or "") if record.geometry.type == "country" else None
        if ne is not None and _same_place(record, ne):
            claimed_adm0[ne["adm0_a3"]] = record.id
        else:
            ne = None  # a record that only borrows the shape (the Soviet Union in Russia's)
        if record.geometry.type == "marine" and record.geometry.ref:
            claimed_marine[record.geometry.ref] = record.id
        names = [(n.name, n.lang, list(n.parties), n.historic, n.match) for n in record.names]
        if ne is not None:
            # Natural Earth's names resolve to the record but are not matched in text: the
            # curated names are the reviewed ones (NE calls the Spratlys "Wake Island" in
            # NAME_EN).
            names += [
                (n, lang, parties, historic, False)
                for n, lang, parties, historic, _m in _country_names(ne, {n[0] for n in names})
            ]
        places.append(
            _place(
                id=record.id,
                name=record.name,
                kind=record.kind.value,
                source="curated",
                country=record.country,
                names=names,
                geom=geom,
                point=record.geometry.point,
                wikidata=record.wikidata or (ne["wikidata"] if ne else None),
                geonames=record.geonames,
                population=ne["population"] if ne else 0.0,
                adm0=ne["adm0_a3"] if ne else None,
                status=record.status.value,
                resolved=record.resolved,
                region=record.region,
                claims=[c.to_claim().to_json() for c in record.claims],
                notes=record.notes,
                uncertain=record.uncertain or record.geometry.uncertain,
                geometry_source=record.geometry.source,
            )
        )
    _add_short_group_names(places)
    taken = {p["id"] for p in places}

    for country in countries:
        if country["adm0_a3"] in claimed_adm0:
            continue
        # The shorter of NAME and NAME_EN is the common name: NAME abbreviates or goes
        # formal ("Dem. Rep. Korea", "Republic of Korea"), NAME_EN sometimes too
        # ("People's Republic of China").
        options = [n for n in (country["name"], country["names"].get("en")) if n and "." not in n]
        display = min(options, key=len) if options else country["name"]
        pid = _unique(slug(display), taken)
        geom = shapely.from_wkb(country["geometry"])
        places.append(
            _place(
                id=pid,
                name=display,
                kind=_NE_KIND.get(country["type"] or "", "territory"),
                source="country",
                country=country["code"],
                names=_country_names(country, set()),
                geom=geom,
                point=country["label"],
                wikidata=country["wikidata"],
                population=country["population"],
                adm0=country["adm0_a3"],
                region=slug(country["subregion"] or "world"),
                geometry_source="natural-earth",
            )
        )

    for name, wkb in sorted(marine.items()):
        if name in claimed_marine:
            continue
        geom = shapely.from_wkb(wkb)
        point = geom.representative_point()
        places.append(
            _place(
                id=_unique(slug(name), taken),
                name=name.title() if name.isupper() else name,
                kind=_marine_kind(name),
                source="marine",
                names=[(name, "en", [], False, True)],
                geom=geom,
                point=(point.x, point.y),
                region="world",
                geometry_source="natural-earth",
            )
        )

    curated_names = {n[0] for p in places if p["source"] == "curated" for n in p["names"]}
    same_territory = _curated_by_key(places)
    for state in basedata.load_admin1():
        admin1 = _admin1_place(state, taken)
        if _is_curated_territory(admin1, same_territory):
            # Taiwan as a province of China, Crimea as a province of Ukraine, Abkhazia of
            # Georgia: the source states one side's view as fact. The curated record, with
            # who administers and who claims it, stands for the territory instead.
            continue
        # A curated record (Abkhazia, Crimea) is the reviewed reading of a shared name.
        admin1["names"] = [(n, lang, pa, hi, m and n not in curated_names) for n, lang, pa, hi, m in admin1["names"]]
        places.append(admin1)
    language_aliases = _attach_aliases(places, load_aliases(root), problems)
    _attach_country_names(places, basedata.load_country_names())
    _attach_country_names(places, basedata.load_iso_names(), lang="en")
    _attach_script_variants(places)
    # Towns of 15,000 people and more everywhere; in a disputed territory, from 5,000: the
    # news of a dispute names its small towns (Zubin Potok, Majdal Shams, Gagra).
    # (GeoNames' list of towns over 15,000 also holds every capital, however small: Nuuk.)
    listed = {city["geonameid"] for city in basedata.load_cities(TOWN)}
    cities = basedata.load_cities(SMALL_TOWN)
    within = _within_disputed(places, cities)
    kept = [k for k, city in enumerate(cities) if city["geonameid"] in listed or within[k] >= 0]
    cities, within = [cities[k] for k in kept], [within[k] for k in kept]
    for city in cities:
        taken.add(f"{slug(city['name'])}-{city['geonameid']}")

    from geomap.aliases import build_match_table

    first_names, person_names = lexicon.first_names(), lexicon.person_names()
    patterns, targets, accented = build_match_table(places, cities, _not_places(root), person_names | first_names)
    latin_ids = [i for i, p in enumerate(patterns) if is_latin(p)]
    multi: dict[int, int] = {}
    places = [_compact(p) for p in places]
    basemap = _basemap(countries, BASEMAP_TOLERANCE, 0.01)
    # A coarse copy rides along in online maps as the vector alternative to tiles.
    basemap_coarse = _basemap(countries, 0.3, 0.1)
    return {
        "patterns": patterns,
        # One int per pattern (a list per pattern takes half the load time): a place
        # position, or -(k + 1) for the k-th entry of "multi" when a name means several.
        "targets": [
            t[0] if len(t) == 1 and t[0] >= 0 else -(multi.setdefault(i, len(multi)) + 1) for i, t in enumerate(targets)
        ],
        "multi": [targets[i] for i in sorted(multi, key=multi.__getitem__)],
        "latin_ids": latin_ids,
        # Readings a folded pattern has only where the text writes the accent (Salé, not "Sale").
        "accented": accented,
        "demonyms": _demonyms(places, basedata.load_demonyms()),
        # Latin-script country names of other languages ("Serbien", "Royaume-Uni"), matched
        # only in a text in that language: in English text they are false friends.
        "language_names": _language_names(
            places, countries, language_aliases, basedata.load_iso_translations(LANGUAGE_NAME_LANGS)
        ),
        # Person names, for telling "Michael Moore" and "Mr Kennedy" from towns.
        "first_names": sorted(first_names),
        "person_names": sorted(person_names),
        "format": INDEX_FORMAT,
        "parties": {code: p.model_dump(mode="json") for code, p in sorted(parties.items())},
        "places": places,
        "cities": {**_city_columns(cities), "within": within},
        "basemap": basemap,
        "basemap_coarse": basemap_coarse,
        "basemap_json": {
            f"{detail}-{shift}": _basemap_json(outlines, shift, digits)
            for detail, outlines, digits in (("fine", basemap, 2), ("coarse", basemap_coarse, 1))
            for shift in (0, 360)
        },
        "worldviews": {c["adm0_a3"]: c["worldviews"] for c in countries},
    }


def _not_places(root: pathlib.Path) -> list[str]:
    """Return the phrases of not_places.yaml (names inside organisations, people, events)."""
    from geomap.geodata import read_yaml

    path = root / "not_places.yaml"
    data = read_yaml(path) if path.is_file() else []
    if not isinstance(data, list) or not all(isinstance(x, str) and x.strip() for x in data):
        raise GazetteerError(f"{path.name}: expected a list of phrases")
    return sorted({x.strip() for x in data})


def _attach_aliases(
    places: list[dict[str, Any]], aliases: list[Any], problems: list[GeodataProblem] | None
) -> list[tuple[str, str, str]]:
    """Add aliases.yaml's names to the countries and places they name.

    Returns the Latin-script aliases of the languages in ``LANGUAGE_NAME_LANGS`` as
    (language, alias, place id): they are matched only in a text in that language (Dutch
    "VS" is the United States; in English text it is "versus"), and resolve everywhere.
    """
    by_id = {p["id"]: p for p in places}
    by_country = _country_places(places)
    language_aliases = []
    for alias in aliases:
        target = by_id.get(alias.place) if alias.place else by_country.get(alias.country)
        if target is None:
            _report(problems, GeodataProblem("aliases.yaml", alias.alias, f"no place {alias.place or alias.country!r}"))
            continue
        own_language = alias.lang in LANGUAGE_NAME_LANGS and is_latin(alias.alias)
        if own_language and alias.match:
            language_aliases.append((alias.lang, alias.alias, target["id"]))
        if alias.alias not in {n[0] for n in target["names"]}:
            target["names"].append((alias.alias, alias.lang, [], False, alias.match and not own_language))
    return language_aliases


_GENERIC_WORDS = {
    "north",
    "south",
    "east",
    "west",
    "northern",
    "southern",
    "eastern",
    "western",
    "central",
    "centre",
    "center",
    "upper",
    "lower",
    "middle",
    "coast",
    "coastal",
    "capital",
    "region",
    "province",
    "state",
    "islands",
    "island",
    "lakes",
    "lake",
    "plateau",
    "highlands",
    "mountain",
    "mountains",
    "river",
    "maritime",
    "interior",
    "federal",
    "district",
    "great",
    "greater",
    "new",
    "valley",
    "littoral",
    "savanes",
    "sea",
    "national",
    "city",
    "oriental",
    "occidental",
    "north-east",
    "north-west",
    "south-east",
    "south-west",
    "northeast",
    "northwest",
    "southeast",
    "southwest",
    "western area",
}
# The generic part of a Chinese division's name, which running text often leaves out.
_CJK_GENERIC = re.compile("(?:[壮回]族|维吾尔)?(?:自治区|特别行政区|省)$")
_NATIVE_SUFFIX = {("JPN", "prefecture"): "県", ("CHN", "province"): "省", ("TWN", "county"): "縣"}


def _add_short_group_names(places: list[dict[str, Any]]) -> None:
    """Add the short form writers use for a group of islands: "Habomai" for "Habomai Islands".

    A short form that is an English word or a person's name ("Cook", "Virgin", "Scattered"),
    or that is already a name of any curated record (matched or not: "Nansha" is also a
    district, "Loochoo" the old kingdom), is not taken.
    """
    taken = {n[0] for p in places for n in p["names"]}
    people = lexicon.person_names() | lexicon.first_names()
    for place in places:
        if place["kind"] != "island_group":
            continue
        for name, lang, parties, historic, match in list(place["names"]):
            if not match or lang not in ("en", "und") or not name.endswith(" Islands"):
                continue
            bare = name[: -len(" Islands")]
            if len(bare) < 4 or " " in bare or bare.lower() in lexicon.common_words() or bare in people:
                continue
            if bare not in taken:
                taken.add(bare)
                place["names"].append((bare, lang, parties, historic, True))


def _admin1_place(state: dict[str, Any], taken: set[str]) -> dict[str, Any]:
    """Return a first-level division (province, state, prefecture) as a point place."""
    name, native, kind = state["name"], state["native"], state["type"]
    words = name.lower().replace("-", " ").split()
    # "Central", "Northern", "Lakes": a division named by ordinary words is not looked for.
    matchable = len(name) >= 4 and not all(w in _GENERIC_WORDS for w in words)
    names: list[tuple[str, str, list[str], bool, bool]] = [(name, "en", [], False, matchable)]
    if matchable and not name.lower().endswith(kind):
        names.append((f"{name} {kind.title()}", "en", [], False, True))
    if native and native != name:
        # Latin "native" names that are English words ("Saturday" for Lusaka, "Empire" for
        # Echternach) are errors of the source, not names anyone writes.
        latin_word = is_latin(native) and (not native[0].isupper() or native.lower() in lexicon.all_words())
        names.append((native, "und", [], False, not latin_word))
        suffix = _NATIVE_SUFFIX.get((state["country"], kind))
        if suffix and not native.endswith(suffix) and not is_latin(native):
            names.append((native + suffix, "und", [], False, True))
        short = native if is_latin(native) else _CJK_GENERIC.sub("", native)
        if len(short) >= 2 and short != native:
            names.append((short, "und", [], False, True))  # 海南 for 海南省, 西藏 for 西藏自治区
    lon, lat = state["lon"], state["lat"]
    return {
        **_PLACE_DEFAULTS,
        "id": _unique(f"{slug(name)}-{slug(state['code'] or str(state['id']))}", taken),
        "name": name,
        "kind": "admin1",
        "source": "admin1",
        "country": state["country"],
        "names": names,
        "point": (lon, lat),
        "bbox": (lon, lat, lon, lat),
        "geometry": None,
        "notes": f"{kind} ({state['code']})" if state["code"] else kind,
        "geometry_source": "countrystatecity",
    }


LANGUAGE_NAME_LANGS = ("de", "es", "fr", "it", "nl", "pt")


def _language_names(
    places: list[dict[str, Any]],
    countries: list[dict[str, Any]],
    aliases: list[tuple[str, str, str]],
    iso_names: dict[str, dict[str, list[str]]],
) -> dict[str, dict[str, list[int]]]:
    """Return, per language, the Latin-script names matched only in that language, with their places.

    Natural Earth's and ISO 3166's names of countries ("Russische Föderation") and the
    language's aliases (Dutch "VS"). German
    names also get their genitive ("Kosovos", "Serbiens"), which German writes where
    English writes "of Kosovo".
    """
    position = {p["adm0"]: i for i, p in enumerate(places) if p.get("adm0") and p["source"] in ("country", "curated")}
    by_id = {p["id"]: i for i, p in enumerate(places)}
    named = [
        (position[country["adm0_a3"]], lang, value)
        for country in countries
        if country["adm0_a3"] in position
        for lang, value in sorted(country["names"].items())
        if value and len(value) >= 4
    ]
    named += [(by_id[place_id], lang, alias) for lang, alias, place_id in aliases if place_id in by_id]
    index_of = {id(p): i for i, p in enumerate(places)}
    by_code = {code: index_of[id(p)] for code, p in _country_places(places).items()}
    for lang, table in iso_names.items():
        named += [(by_code[code], lang, name) for code, names in table.items() if code in by_code for name in names]
    out: dict[str, dict[str, list[int]]] = {lang: {} for lang in LANGUAGE_NAME_LANGS}
    for target, lang, value in named:
        if lang in out and is_latin(value):
            forms = [value]
            if lang == "de" and not value.endswith(("s", "x", "z", "ß")) and " " not in value:
                forms.append(value + "s")
            for form in forms:
                bucket = out[lang].setdefault(fold_for_matching(form), [])
                if target not in bucket:
                    bucket.append(target)
    return {lang: dict(sorted(names.items())) for lang, names in out.items()}


def _demonyms(places: list[dict[str, Any]], demonyms: dict[str, list[str]]) -> dict[str, int]:
    """Return each demonym with the position of its country: the sovereign one where several share it."""
    index_of = {id(p): i for i, p in enumerate(places)}
    position = {code: index_of[id(p)] for code, p in _country_places(places).items()}
    out = {}
    for form, codes in demonyms.items():
        known = [c for c in codes if c in position]
        # "Chinese": China, not Hong Kong or Macau; "French": France, not Mayotte.
        named = [c for c in known if places[position[c]]["name"].lower().startswith(form[:4].lower())]
        sovereign = [c for c in known if places[position[c]]["kind"] == "country"]
        chosen = named if len(named) == 1 else sovereign if len(sovereign) == 1 else known if len(known) == 1 else []
        if chosen:
            out[form] = position[chosen[0]]
    return out


def _attach_script_variants(places: list[dict[str, Any]]) -> None:
    """Add the simplified, traditional and Japanese forms of each name (冲绳 for 沖縄), same parties."""
    for place in places:
        have = {n[0] for n in place["names"]}
        extra = []
        for name, lang, parties, historic, match in place["names"]:
            for form in hanzi.variants(name):
                if form not in have:
                    have.add(form)
                    extra.append((form, f"{lang.split('-')[0]}-variant", parties, historic, match))
        place["names"] = place["names"] + extra


def _curated_by_key(places: list[dict[str, Any]]) -> dict[str, list[Any]]:
    """Return the geometries of curated places by the name key of each of their names."""
    import shapely

    out: dict[str, list[Any]] = {}
    for place in places:
        if place["source"] == "curated" and place.get("geometry"):
            geom = shapely.from_wkb(place["geometry"]).buffer(0.1)
            for name in {name_key(n[0]) for n in place["names"]}:
                out.setdefault(name, []).append(geom)
    return out


def _is_curated_territory(admin1: dict[str, Any], curated: dict[str, list[Any]]) -> bool:
    """Return whether a province is a curated place: the same name, and its point inside."""
    import shapely

    point = shapely.Point(admin1["point"])
    return any(geom.contains(point) for geom in curated.get(name_key(admin1["name"]), ()))


def _country_places(places: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Return the place that stands for each country code: its own Natural Earth feature.

    Dependencies share their sovereign's code (Ashmore and Cartier Islands: AUS), so the
    feature whose ADM0_A3 is the code itself wins, then a sovereign country, then the first.
    """
    out: dict[str, dict[str, Any]] = {}
    rank: dict[str, int] = {}
    for place in places:
        code = place.get("country")
        if not (place.get("adm0") and code and place["kind"] in ("country", "territory")):
            continue
        score = 0 if place["adm0"] == code else 1 if place["kind"] == "country" else 2
        if code not in out or score < rank[code]:
            out[code], rank[code] = place, score
    return out


def _attach_country_names(places: list[dict[str, Any]], names: dict[str, list[str]], lang: str = "und") -> None:
    """Add names by country code to the country places (and Taiwan's record)."""
    by_country = _country_places(places)
    for code, extra in sorted(names.items()):
        target = by_country.get(code)
        if target is None:
            continue
        have = {n[0] for n in target["names"]}
        for name in extra:
            if name not in have:
                target["names"].append((name, lang, [], False, True))


def _within_disputed(places: list[dict[str, Any]], cities: list[dict[str, Any]]) -> list[int]:
    """Return, for each city, the position of the smallest disputed territory it lies in (-1: none).

    Areas only (territories, islands, regions), not lines or waters; the smallest holder is
    the most specific (Srinagar: Indian-administered Jammu and Kashmir, not all of Kashmir).
    A hand-drawn outline (Abkhazia, the occupied part of Kherson oblast) is good to 5-10 km
    where it leaves Natural Earth's borders and coasts, so a town counts as inside only when
    it is farther than ``HAND_DRAWN_MARGIN`` from those drawn lines: Sukhumi and Melitopol
    are in, Kherson (on the Dnipro, the front line) is not.
    """
    import shapely

    holders = [
        (i, shapely.from_wkb(p["geometry"]))
        for i, p in enumerate(places)
        if p["source"] == "curated"
        and p.get("status") in ("active", "dormant")
        and p["kind"] in ("territory", "island", "island_group", "region", "zone")
        and p.get("geometry")
        # A hand-drawn region (Donbas, Mount Hermon) has no edge at all, only a rough extent.
        and not (p["kind"] == "region" and "natural-earth" not in (p.get("geometry_source") or ""))
    ]
    if not holders:
        return [-1] * len(cities)
    land_geoms = [shapely.from_wkb(p["geometry"]) for p in places if p["source"] == "country" and p.get("geometry")]
    land = shapely.STRtree(land_geoms)
    hand_drawn = ["natural-earth" not in (places[i].get("geometry_source") or "") for i, _geom in holders]
    tree = shapely.STRtree([geom for _i, geom in holders])
    points = shapely.points([(c["lon"], c["lat"]) for c in cities])
    city_idx, holder_idx = tree.query(points, predicate="within")
    area = [geom.area for _i, geom in holders]
    drawn: dict[int, Any] = {}  # the drawn edges of hand-drawn holders, found when a town needs them

    def clear_of_drawn_edges(h: int, c: int) -> bool:
        if not hand_drawn[h]:
            return True
        if h not in drawn:
            drawn[h] = _drawn_lines(holders[h][1], land, land_geoms)
        return bool(drawn[h].is_empty or shapely.distance(points[c], drawn[h]) > HAND_DRAWN_MARGIN)

    best: dict[int, int] = {}
    for c, h in zip(city_idx.tolist(), holder_idx.tolist(), strict=True):
        if not clear_of_drawn_edges(h, c):
            continue
        if c not in best or area[h] < area[best[c]]:
            best[c] = h
    # A coastal town whose point falls just offshore of the simplified outlines (Famagusta)
    # goes to a territory within 5 km; a town on land in another country never does.
    offshore = [c for c in range(len(cities)) if c not in best]
    on_land = set(land.query(points[offshore], predicate="within")[0].tolist()) if offshore else set()
    for k, c in enumerate(offshore):
        if k not in on_land:
            near = tree.query_nearest(points[c], max_distance=0.05)
            if len(near) and clear_of_drawn_edges(int(near[0]), c):
                best[c] = int(near[0])
    out = [-1] * len(cities)
    for c, h in best.items():
        out[c] = holders[h][0]
    return out


HAND_DRAWN_MARGIN = 0.12  # degrees, about 10-13 km: more than a hand-drawn outline's error


def _drawn_lines(geom: Any, land: Any, land_geoms: list[Any]) -> Any:
    """Return the parts of an outline's edge that are not Natural Earth borders or coasts."""
    import shapely

    x0, y0, x1, y1 = geom.bounds
    box = (x0 - 0.1, y0 - 0.1, x1 + 0.1, y1 + 0.1)
    known = shapely.union_all([shapely.clip_by_rect(land_geoms[k].boundary, *box) for k in land.query(geom)])
    return shapely.difference(geom.boundary, shapely.buffer(known, 0.02))


def _city_columns(cities: list[dict[str, Any]]) -> dict[str, Any]:
    """Store cities column by column: 34k small dicts would take most of the load time.

    Alternate names are joined with U+001F (unit separator) into one string per city and
    split only when a city is looked at.
    """
    return {
        "id": [f"{slug(c['name'])}-{c['geonameid']}" for c in cities],
        "geonames": [c["geonameid"] for c in cities],
        "name": [c["name"] for c in cities],
        "alternates": ["\x1f".join(n for n in c["alternatenames"] if n != c["name"]) for c in cities],
        "lon": [c["lon"] for c in cities],
        "lat": [c["lat"] for c in cities],
        "country": [c["country"] for c in cities],
        "admin1": [c["admin1"] for c in cities],
        "population": [c["population"] for c in cities],
        "capital": [c["capital"] for c in cities],
        "keys": _city_keys(cities),
    }


def _city_keys(cities: list[dict[str, Any]]) -> tuple[str, list[int]]:
    r"""Return every city's name keys in one string, and where each city's keys start.

    Searching one string for ``\x1fkey\x1f`` finds every city of a name without loading a
    dict of 700k alternate names on each run.
    """
    parts, starts, pos = [], [], 0
    for city in cities:
        keys = {name_key(city["name"])} | {name_key(a) for a in city["alternatenames"]}
        keys.discard("")
        chunk = "\x1f" + "\x1f".join(sorted(keys)) + "\x1f\x1e"
        starts.append(pos)
        parts.append(chunk)
        pos += len(chunk)
    return "".join(parts), starts


def _same_place(record: Any, ne: dict[str, Any]) -> bool:
    """Return whether a curated record is the Natural Earth feature it draws, not a borrower.

    Taiwan's record is the feature TWN and takes its place; a historic state drawn with a
    modern country's shape is not, and the country stays.
    """
    if ne["code"] is None or (record.country is not None and record.country == ne["code"]):
        return True
    return record.wikidata is not None and record.wikidata == ne["wikidata"]


def _basemap_json(outlines: list[tuple[str | None, bytes]], shift: int, digits: int) -> str:
    """Return the basemap as GeoJSON text in one longitude frame, ready for a map page."""
    import shapely

    from geomap.geometry import display_geometry, geojson_text

    return geojson_text([(display_geometry(shapely.from_wkb(w), shift), {"party": c}) for c, w in outlines], digits)


_PLACE_DEFAULTS: dict[str, Any] = {
    "country": None,
    "geonames": None,
    "population": 0.0,
    "capital": False,
    "adm0": None,
    "status": "none",
    "resolved": None,
    "claims": (),
    "notes": None,
    "uncertain": None,
    "wikidata": None,
    "region": "world",
}
_REQUIRED = ("id", "name", "kind", "source", "point", "names")


def _compact(place: dict[str, Any]) -> dict[str, Any]:
    """Drop empty fields (the gazetteer fills in defaults): fewer objects, faster loading."""
    out = {k: v for k, v in place.items() if k in _REQUIRED or v not in (None, False, [], (), 0.0, "none", "world")}
    if out.get("bbox") == (*place["point"], *place["point"]):
        del out["bbox"]
    return out


def _report(problems: list[GeodataProblem] | None, problem: GeodataProblem) -> None:
    if problems is None:
        raise GazetteerError(str(problem))
    problems.append(problem)


def _unique(pid: str, taken: set[str]) -> str:
    candidate, n = pid, 2
    while candidate in taken:
        candidate, n = f"{pid}-{n}", n + 1
    taken.add(candidate)
    return candidate


def _country_names(country: dict[str, Any], have: set[str]) -> list[tuple[str, str, list[str], bool, bool]]:
    """Return a Natural Earth feature's names in every language it carries."""
    out: list[tuple[str, str, list[str], bool, bool]] = []
    english = [country["name"], country["name_long"], country["formal"], country["abbrev"]]
    english += (country["alt"] or "").split("|") if country["alt"] else []
    for value in english:
        if value and value not in have:
            # Natural Earth abbreviations ("Dem. Rep. Congo", "Eq. G.") resolve but are not
            # how text names a country; only full names are matched in text.
            matchable = "." not in value and len(value) > 3
            out.append((value.strip(), "en", [], False, matchable))
            have.add(value)
    for lang, value in sorted(country["names"].items()):
        if value not in have:
            # Names in other languages written in Latin script are false friends in English
            # text (German "Island" is Iceland, French "Argentine" is Argentina): resolve only.
            matchable = lang == "en" or not is_latin(value)
            out.append((value, {"zht": "zh-Hant", "zh": "zh-Hans"}.get(lang, lang), [], False, matchable))
            have.add(value)
    return out


def _place(*, geom: Any, point: tuple[float, float], **fields: Any) -> dict[str, Any]:
    import shapely

    simplified = shapely.simplify(geom, STORED_TOLERANCE, preserve_topology=True)
    if simplified.is_empty:
        simplified = geom
    record = {**_PLACE_DEFAULTS, **fields}
    record["point"] = (float(point[0]), float(point[1]))
    record["bbox"] = tuple(float(v) for v in geom.bounds)
    record["geometry"] = shapely.to_wkb(simplified)
    return record


def _basemap(
    countries: list[dict[str, Any]], tolerance: float = 0.1, grid: float = 0.01
) -> list[tuple[str | None, bytes]]:
    """Return every country simplified together so neighbours keep one shared border."""
    import shapely

    geoms = [shapely.from_wkb(c["geometry"]) for c in countries]
    try:
        simplified = list(shapely.coverage_simplify(geoms, tolerance))
    except shapely.errors.GEOSException:
        simplified = [shapely.simplify(g, tolerance) for g in geoms]
    out = []
    for country, geom in sorted(zip(countries, simplified, strict=True), key=lambda cg: cg[0]["adm0_a3"]):
        # On the grid (0.01° is about 1 km) islets smaller than a cell vanish: so be it at this scale.
        geom = shapely.set_precision(geom, grid)
        if not geom.is_empty:
            out.append((country["code"], shapely.to_wkb(geom)))
    return out
