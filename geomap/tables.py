"""A document's places, claims and mentions as three plain tables, for every export format.

GeoJSON, GeoPackage, GeoParquet and GeoDataFrames all take the same rows, so they agree:
``places`` (one row per place, with geometry), ``claims`` (one row per party and role)
and ``mentions`` (one row per mention, at the place's representative point). Geometries
are shapely objects in lon/lat WGS84.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import shapely

from geomap.gazetteer import Gazetteer

__all__ = ["Tables", "build_tables"]


@dataclass
class Tables:
    """Rows of the three layers; each row a dict, ``geometry`` a shapely geometry."""

    places: list[dict[str, Any]] = field(default_factory=list)
    claims: list[dict[str, Any]] = field(default_factory=list)
    mentions: list[dict[str, Any]] = field(default_factory=list)


def build_tables(views: Sequence[Any], gazetteer: Gazetteer, document: str = "") -> Tables:
    """Return the tables for a document's place views (see :func:`geomap.render.place_views`)."""
    tables = Tables()
    for view in views:
        place, state = view.place, view.state
        wkb = gazetteer.geometry_wkb(place)
        geom = shapely.Point(place.point) if wkb is None else shapely.from_wkb(wkb)
        by_party: dict[str, list[str]] = {}
        for name in place.names:
            for party in () if name.variant else name.parties:
                by_party.setdefault(party, []).append(name.name)
        tables.places.append(
            {
                "id": place.id,
                "name": place.name,
                "kind": place.kind,
                "country": place.country,
                "status": place.status,
                "administered_by": list(state.administered_by),
                "claimants": list(state.claimants),
                "names_by_party": by_party,
                "mention_count": len(view.mentions),
                "wikidata": place.wikidata,
                "geometry": geom,
            }
        )
        for claim in state.claims:
            row = {"place_id": place.id, **claim.to_json()}
            for key in ("since", "until", "recognised_party", "uncertain"):
                row.setdefault(key, None)
            tables.claims.append(row)
        for mention in view.mentions:
            tables.mentions.append(
                {
                    "document": document,
                    "start": mention.start,
                    "end": mention.end,
                    "text": mention.text,
                    "place_id": mention.place_id,
                    "score": mention.score,
                    "metonym": mention.metonym,
                    "name_of": list(mention.name_of),
                    "geometry": shapely.Point(mention.lon, mention.lat),
                }
            )
    tables.mentions.sort(key=lambda r: r["start"])
    return tables


def flat(value: Any) -> Any:
    """Return a value as a flat column value: lists and dicts as JSON text."""
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return value
