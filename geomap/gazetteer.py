"""The gazetteer: every place geomap knows, looked up by id or by name.

Built over the prepared index (:mod:`geomap.index`): curated records from geodata/,
Natural Earth countries and marine polygons, and GeoNames cities. A curated record that
names a base-layer feature in its geometry recipe takes that feature's place, so Taiwan is
one place with the curated claims and Natural Earth's names in 26 languages.
"""

from __future__ import annotations

import bisect
import datetime as _dt
import functools
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from geomap.claims import Claim, ClaimState, claims_as_of
from geomap.errors import UnknownPlace
from geomap.names import name_key

__all__ = ["Gazetteer", "Name", "Place"]

_SOURCE_RANK = {"curated": 0, "country": 1, "marine": 2, "city": 3, "admin1": 4}
_SEP = "\x1f"


@dataclass(frozen=True)
class Name:
    """A name of a place: the text, its language, the parties that use it."""

    name: str
    lang: str
    parties: tuple[str, ...] = ()
    historic: bool = False
    match: bool = True

    @property
    def variant(self) -> bool:
        """Return whether the name is another script's form of a listed name (冲绳 for 沖縄)."""
        return self.lang.endswith("-variant")


@dataclass(frozen=True, eq=False)
class Place:
    """A place with its geometry reference, names and claims.

    ``point`` is a representative (lon, lat) inside the place; ``bbox`` is
    (min lon, min lat, max lon, max lat); both WGS84 degrees.
    """

    id: str
    name: str
    kind: str
    source: str
    country: str | None
    point: tuple[float, float]
    bbox: tuple[float, float, float, float]
    names: tuple[Name, ...] = ()
    wikidata: str | None = None
    geonames: int | None = None
    population: float = 0.0
    capital: bool = False
    status: str = "none"
    resolved: int | None = None
    region: str = "world"
    claims: tuple[Claim, ...] = ()
    notes: str | None = None
    uncertain: str | None = None
    adm0: str | None = None
    geometry_source: str | None = None
    index: int = field(default=-1, compare=False, repr=False)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Place) and other.id == self.id and other.names == self.names

    def __hash__(self) -> int:
        return hash(self.id)  # ids are unique; hashing every name tuple made lookups slow

    def state(self, as_of: _dt.date | None = None) -> ClaimState:
        """Return who administers and who claims the place on a date (default: now).

        A place without curated claims is administered and claimed by its country alone.
        """
        if self.claims:
            return claims_as_of(self.claims, as_of)
        own = (self.country,) if self.country else ()
        return ClaimState(administered_by=own, claimants=own, claims=())

    @property
    def disputed(self) -> bool:
        """Return whether the place has a live or dormant sovereignty dispute."""
        return self.status in ("active", "dormant")

    def names_of(self, party: str) -> list[str]:
        """Return the names a party uses for the place."""
        return [n.name for n in self.names if party in n.parties]

    def _repr_html_(self) -> str:
        """Show the place in Jupyter: kind, who administers and claims, names by party."""
        from html import escape

        state = self.state()
        rows = [
            ("kind", self.kind.replace("_", " ")),
            ("status", self.status),
            ("administered by", ", ".join(state.administered_by) or "-"),
            ("claimed by", ", ".join(state.claimants) or "-"),
            ("point (lon, lat)", f"{self.point[0]:.4f}, {self.point[1]:.4f}"),
        ]
        rows += [(f"name ({', '.join(n.parties)})", n.name) for n in self.names if n.parties]
        body = "".join(f"<tr><th>{escape(k)}</th><td>{escape(v)}</td></tr>" for k, v in rows)
        return f"<table><caption>{escape(self.name)} <code>{escape(self.id)}</code></caption>{body}</table>"

    def to_json(self, as_of: _dt.date | None = None) -> dict[str, Any]:
        """Return the place as ``geomap resolve --json`` prints it."""
        state = self.state(as_of)
        return {
            "id": self.id,
            "name": self.name,
            "kind": self.kind,
            "country": self.country,
            "status": self.status,
            "administered_by": list(state.administered_by),
            "claimants": list(state.claimants),
            "claims": [c.to_json() for c in state.claims],
            "names": [
                {"name": n.name, "lang": n.lang, "parties": list(n.parties), "historic": n.historic} for n in self.names
            ],
            "centroid": [round(self.point[0], 5), round(self.point[1], 5)],
            "bbox": [round(v, 5) for v in self.bbox],
            "wikidata": self.wikidata,
        }


class Gazetteer:
    """Every place geomap knows: curated records, countries, seas and cities.

    Examples
    --------
    >>> gaz = Gazetteer.load()
    >>> gaz.resolve("Diaoyu Islands")[0].id
    'senkaku-islands'
    """

    def __init__(self, index: dict[str, Any]) -> None:
        self._index = index
        self._places: list[dict[str, Any]] = index["places"]
        self._cities: dict[str, list[Any]] = index["cities"]
        self._by_id = {p["id"]: i for i, p in enumerate(self._places)}
        n = len(self._places)
        self._by_id.update({cid: n + i for i, cid in enumerate(self._cities["id"])})
        self.parties: dict[str, dict[str, Any]] = index["parties"]

    @classmethod
    @functools.lru_cache(maxsize=1)
    def load(cls) -> Gazetteer:
        """Return the gazetteer over the prepared index (built on first use, then cached)."""
        from geomap.index import load_index

        return cls(load_index())

    def __len__(self) -> int:
        return len(self._places) + len(self._cities["id"])

    def __iter__(self) -> Iterator[Place]:
        for i in range(len(self)):
            yield self.place(i)

    def __contains__(self, place_id: object) -> bool:
        return place_id in self._by_id

    @property
    def basemap(self) -> list[tuple[str | None, bytes]]:
        """Return every country's simplified outline (party code, WKB) for offline basemaps."""
        return self._index["basemap"]  # type: ignore[no-any-return]

    def basemap_json(self, *, fine: bool, shift: float) -> str:
        """Return the basemap as GeoJSON text (fine for offline maps, coarse for online) in a frame."""
        return self._index["basemap_json"][f"{'fine' if fine else 'coarse'}-{int(shift)}"]  # type: ignore[no-any-return]

    @property
    def basemap_coarse(self) -> list[tuple[str | None, bytes]]:
        """Return the countries simplified to about 30 km, small enough for every online map."""
        return self._index["basemap_coarse"]  # type: ignore[no-any-return]

    @property
    def worldviews(self) -> dict[str, dict[str, str | None]]:
        """Return Natural Earth's worldview relabelling: {ADM0_A3: {view: ADM0_A3}}."""
        return self._index["worldviews"]  # type: ignore[no-any-return]

    def _repr_html_(self) -> str:
        from html import escape

        curated = self.curated()
        disputed = sum(1 for p in curated if p.disputed)
        return escape(
            f"geomap gazetteer: {len(self):,} places ({len(curated)} curated, {disputed} disputed), {len(self.parties)} parties"
        )

    def to_geodataframe(self, *, curated_only: bool = True, as_of: _dt.date | None = None) -> Any:
        """Return places as a GeoDataFrame (EPSG:4326) with the claims as columns.

        Columns: id, name, kind, status, country, administered_by, claimants (lists of party
        codes), claims (list of dicts), names_by_party (dict), wikidata, geometry. Needs
        geopandas (``pip install 'geomap[geopandas]'``).
        """
        try:
            import geopandas
        except ImportError as exc:
            from geomap.errors import GeomapError

            raise GeomapError("to_geodataframe needs geopandas: pip install 'geomap[geopandas]'") from exc
        import shapely

        places = self.curated() if curated_only else [self.place(i) for i in range(len(self._places))]
        rows = []
        for place in places:
            state = place.state(as_of)
            wkb = self.geometry_wkb(place)
            by_party: dict[str, list[str]] = {}
            for name in place.names:
                for party in name.parties:
                    by_party.setdefault(party, []).append(name.name)
            rows.append(
                {
                    "id": place.id,
                    "name": place.name,
                    "kind": place.kind,
                    "status": place.status,
                    "country": place.country,
                    "administered_by": list(state.administered_by),
                    "claimants": list(state.claimants),
                    "claims": [c.to_json() for c in state.claims],
                    "names_by_party": by_party,
                    "wikidata": place.wikidata,
                    "geometry": shapely.Point(place.point) if wkb is None else shapely.from_wkb(wkb),
                }
            )
        return geopandas.GeoDataFrame(rows, geometry="geometry", crs="EPSG:4326")

    def curated(self) -> list[Place]:
        """Return the curated places from geodata/, in id order."""
        out = [self.place(i) for i, p in enumerate(self._places) if p["source"] == "curated"]
        return sorted(out, key=lambda p: p.id)

    def get(self, place_id: str, *, all_names: bool = True) -> Place:
        """Return the place with this id; raise UnknownPlace if there is none.

        ``all_names=False`` skips a city's alternate names (and the file that holds them).
        """
        try:
            i = self._by_id[place_id]
        except KeyError:
            raise UnknownPlace(f"no place with id {place_id!r}") from None
        return self._with_names(i) if all_names else self.place(i)

    def geometry_wkb(self, place: Place) -> bytes | None:
        """Return the place's stored geometry as WKB (None for cities, which are points)."""
        if place.index < len(self._places):
            return self._places[place.index].get("geometry")
        return None

    @functools.lru_cache(maxsize=4096)  # noqa: B019 - one gazetteer per process
    def place(self, i: int) -> Place:
        """Return the place at a position in the index (a city with its own name only)."""
        n = len(self._places)
        if i >= n:
            return self._city(i - n, i, ())
        p = self._places[i]
        return Place(
            id=p["id"],
            name=p["name"],
            kind=p["kind"],
            source=p["source"],
            country=p.get("country"),
            point=tuple(p["point"]),
            bbox=tuple(p.get("bbox") or (*p["point"], *p["point"])),
            names=tuple(Name(n[0], n[1], tuple(n[2]), n[3], n[4]) for n in p["names"]),
            wikidata=p.get("wikidata"),
            geonames=p.get("geonames"),
            population=p.get("population", 0.0),
            capital=p.get("capital", False),
            status=p.get("status", "none"),
            resolved=p.get("resolved"),
            region=p.get("region", "world"),
            claims=tuple(Claim.from_dict(c) for c in p.get("claims", ())),
            notes=p.get("notes"),
            uncertain=p.get("uncertain"),
            adm0=p.get("adm0"),
            geometry_source=p.get("geometry_source"),
            index=i,
        )

    def _with_names(self, i: int) -> Place:
        """Return the place at a position, a city with all its alternate names."""
        n = len(self._places)
        if i < n:
            return self.place(i)
        alternates = tuple(a for a in self._names["alternates"][i - n].split(_SEP) if a)
        return self._city(i - n, i, alternates)

    def _city(self, j: int, i: int, alternates: tuple[str, ...]) -> Place:
        c = self._cities
        lon, lat = c["lon"][j], c["lat"][j]
        within = c["within"][j] if "within" in c else -1
        container = self.place(within) if within >= 0 else None
        return Place(
            id=c["id"][j],
            name=c["name"][j],
            kind="city",
            source="city",
            country=c["country"][j],
            point=(lon, lat),
            bbox=(lon, lat, lon, lat),
            names=tuple(Name(n, "und") for n in [c["name"][j], *alternates]),
            geonames=c["geonames"][j],
            population=float(c["population"][j]),
            capital=c["capital"][j],
            region="world",
            geometry_source="geonames",
            # A town in a disputed territory (Sevastopol in Crimea) carries that territory's
            # claims: who administers it is not GeoNames' country code.
            claims=container.claims if container else (),
            notes=f"in {container.name} ({container.id}), whose claims apply" if container else None,
            index=i,
        )

    # -- names -----------------------------------------------------------------------

    @functools.cached_property
    def _names(self) -> dict[str, Any]:
        """City alternate names and name keys, read only when a lookup needs them."""
        from geomap.index import load_names

        return load_names(self._index)

    @functools.cached_property
    def _keys(self) -> dict[str, list[int]]:
        """Name key → positions, for every non-city place (a few thousand names)."""
        keys: dict[str, list[int]] = {}
        for i, p in enumerate(self._places):
            for n in p["names"]:
                positions = keys.setdefault(name_key(n[0]), [])
                if i not in positions:
                    positions.append(i)
        return keys

    def resolve(self, name: str, *, cities: bool = True) -> list[Place]:
        """Return the places a name can mean, best first.

        Matching ignores case, width, diacritics, a leading "the" and "Island"/"Islands"/
        "Is." variants. Curated places come first, then countries, seas, and cities; within
        each, the places whose own name it is, then the largest.

        Raises
        ------
        UnknownPlace
            If the name matches nothing.
        """
        key = name_key(name)
        if not key:
            raise UnknownPlace(f"no place named {name!r}")
        found = list(self._keys.get(key, []))
        if cities:
            found += self._city_matches(key)
        if not found:
            raise UnknownPlace(f"no place named {name!r}")
        places = [self._with_names(i) for i in dict.fromkeys(found)]
        # A place whose own name it is comes before one that merely lists it ("Leh" is Leh,
        # not Le Havre, whose alternate names include it).
        return sorted(places, key=lambda p: (_SOURCE_RANK[p.source], name_key(p.name) != key, -p.population, p.id))

    def _city_matches(self, key: str) -> list[int]:
        blob, starts = self._names["keys"]
        needle = _SEP + key + _SEP
        out, pos, n = [], blob.find(needle), len(self._places)
        while pos != -1:
            out.append(n + bisect.bisect_right(starts, pos) - 1)
            pos = blob.find(needle, pos + 1)
        return out

    def party_name(self, code: str) -> str:
        """Return a party's display name (the code itself when unknown)."""
        party = self.parties.get(code)
        return party["name"] if party else code

    def party_color(self, code: str | None) -> str:
        """Return a party's map colour; grey for no party."""
        party = self.parties.get(code or "")
        return party["color"] if party else "#9e9e9e"
