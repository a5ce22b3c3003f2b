"""Geometry recipes over the base layers, and the geometric verbs geomap needs.

All geometries are shapely objects in WGS84 longitude/latitude degrees (x = lon, y = lat),
the axis order of GeoJSON; folium's ``location=[lat, lon]`` is the only place the order
flips, and that happens in :mod:`geomap.render`. Distances and areas are geodesic
(pyproj's ``Geod`` on WGS84) and in metres.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import shapely
from shapely.geometry.base import BaseGeometry

from geomap.errors import GazetteerError

if TYPE_CHECKING:  # the schema (and pydantic) is needed only when the index is built
    from geomap.records import GeometrySpec

__all__ = [
    "build",
    "disc",
    "display_geometry",
    "geodesic_area",
    "geojson_text",
    "minimal_span_shift",
    "round_coordinates",
    "shift_longitudes",
    "unwrap_antimeridian",
]


def disc(lon: float, lat: float, radius_km: float, segments: int = 24) -> shapely.Polygon:
    """Return a geodesic circle of ``radius_km`` around (lon, lat) as a lon/lat polygon."""
    from pyproj import Geod

    geod = Geod(ellps="WGS84")
    azimuths = [i * 360.0 / segments for i in range(segments)]
    lons, lats, _ = geod.fwd([lon] * segments, [lat] * segments, azimuths, [radius_km * 1000.0] * segments)
    return shapely.Polygon(list(zip(lons, lats, strict=True)))


def geodesic_area(geom: BaseGeometry) -> float:
    """Return the geodesic area of a lon/lat geometry in square metres (always positive)."""
    from pyproj import Geod

    area, _perimeter = Geod(ellps="WGS84").geometry_area_perimeter(geom)
    return abs(area)


def build(
    spec: GeometrySpec,
    countries: Mapping[str, bytes],
    default_countries: Mapping[str, bytes],
    marine: Mapping[str, bytes],
    continents: Mapping[str, bytes] | None = None,
) -> BaseGeometry:
    """Return the geometry a record's spec describes, from the base layers given as WKB.

    Raises GazetteerError when a recipe names a feature the base layers lack.
    """
    if spec.type == "country":
        return _lookup(countries, spec.ref, "Natural Earth admin-0 (German view) ADM0_A3")
    if spec.type == "country_default":
        geom = _lookup(default_countries, spec.ref, "Natural Earth admin-0 default-view name")
        if spec.within:
            within = _lookup(countries, spec.within, "Natural Earth admin-0 (German view) ADM0_A3")
            geom = shapely.make_valid(shapely.intersection(geom, within))
            # Keep only the areal part: the intersection of touching countries adds slivers.
            geom = _polygons_only(geom)
        return geom
    if spec.type == "marine":
        # "North Pacific Ocean + South Pacific Ocean": Natural Earth splits the oceans.
        parts = [
            _lookup(marine, ref.strip(), "Natural Earth marine polygon name") for ref in (spec.ref or "").split(" + ")
        ]
        return parts[0] if len(parts) == 1 else shapely.union_all(parts)
    if spec.type == "continent":
        return _lookup(continents or {}, spec.ref, "Natural Earth CONTINENT")
    if spec.type == "points":
        assert spec.coordinates is not None
        return shapely.union_all([disc(lon, lat, spec.radius_km) for lon, lat in spec.coordinates])
    assert spec.geojson is not None
    try:
        geom = shapely.from_geojson(_json(spec.geojson))
    except shapely.errors.GEOSException as exc:
        raise GazetteerError(f"geometry.geojson: not valid GeoJSON ({exc})") from exc
    if not geom.is_valid:
        raise GazetteerError(f"geometry.geojson: invalid geometry ({shapely.is_valid_reason(geom)})")
    return geom


def continents(countries: list[dict[str, Any]], tolerance: float = 0.02) -> dict[str, bytes]:
    """Return each Natural Earth continent as the simplified union of its countries (WKB)."""
    members: dict[str, list[BaseGeometry]] = {}
    for country in countries:
        if country.get("continent"):
            members.setdefault(country["continent"], []).append(shapely.from_wkb(country["geometry"]))
    return {
        name: shapely.to_wkb(shapely.union_all(geoms).simplify(tolerance, preserve_topology=True))
        for name, geoms in sorted(members.items())
    }


def _json(value: Mapping[str, Any]) -> str:
    import json

    return json.dumps(value)


def _lookup(layer: Mapping[str, bytes], ref: str | None, what: str) -> BaseGeometry:
    if ref is None or ref not in layer:
        raise GazetteerError(f"geometry.ref: no {what} {ref!r} (see geodata/BASE_NAMES.md)")
    return shapely.from_wkb(layer[ref])


def _polygons_only(geom: BaseGeometry) -> BaseGeometry:
    parts = [g for g in getattr(geom, "geoms", [geom]) if g.geom_type in ("Polygon", "MultiPolygon")]
    parts = [p for p in parts if p.area > 1e-6]
    return shapely.union_all(parts) if parts else geom


def shift_longitudes(geom: BaseGeometry, dx: float) -> BaseGeometry:
    """Return the geometry moved ``dx`` degrees east."""
    return shapely.transform(geom, lambda xy: xy + (dx, 0.0))


def unwrap_antimeridian(geom: BaseGeometry) -> BaseGeometry:
    """Join a geometry split at the antimeridian into one continuous shape for display.

    RFC 7946 stores such geometries cut at ±180° (Fiji, Chukotka, the Ross Dependency); drawn
    as they are, Leaflet shows the halves at opposite edges of the world. When a multipart
    geometry has parts on both sides of the date line and reaches ±180, parts west of 0°
    are moved 360° east, so the shape draws whole (longitudes then run past 180).
    """
    parts = list(getattr(geom, "geoms", [geom]))
    if len(parts) < 2:
        return geom
    minx, _, maxx, _ = geom.bounds
    if not (minx <= -179.0 and maxx >= 179.0):
        return geom
    east = [p for p in parts if p.bounds[0] >= 0 or p.centroid.x >= 0]
    west = [p for p in parts if p not in east]
    if not east or not west:
        return geom
    # Move the smaller side, so Russia keeps Europe where it is and moves Chukotka.
    area_east = sum(p.area for p in east)
    area_west = sum(p.area for p in west)
    if area_west <= area_east:
        return _collect(east + [shift_longitudes(p, 360.0) for p in west])
    return _collect(west + [shift_longitudes(p, -360.0) for p in east])


def _collect(parts: list[BaseGeometry]) -> BaseGeometry:
    """Gather parts into one multipart geometry (no union: the parts do not overlap)."""
    polygons: list[BaseGeometry] = []
    for part in parts:
        polygons.extend(getattr(part, "geoms", [part]))
    if len(polygons) <= 4 and sum(shapely.get_num_coordinates(p) for p in polygons) < 2000:
        return shapely.union_all(polygons)  # a region box cut in two: join it into one outline
    if all(p.geom_type == "Polygon" for p in polygons):
        return shapely.MultiPolygon(polygons)
    return shapely.GeometryCollection(polygons)


def display_geometry(geom: BaseGeometry, shift: float) -> BaseGeometry:
    """Return a lon/lat geometry joined across the antimeridian and moved into a map's frame.

    ``shift`` is 0 (longitudes -180..180) or 360 (0..360, for maps centred on the Pacific):
    in the second frame, shapes west of Greenwich move 360° east.
    """
    geom = unwrap_antimeridian(geom)
    if shift and geom.centroid.x < 0:
        return shift_longitudes(geom, shift)
    return geom


def geojson_text(features: list[tuple[Any, dict[str, Any]]], digits: int) -> str:
    """Return a FeatureCollection as JSON text safe inside ``<script>`` (like Jinja's tojson)."""
    import json

    import numpy as np

    out = []
    for geom, props in features:
        rounded = shapely.transform(geom, lambda xy: np.round(xy, digits))
        out.append({"type": "Feature", "properties": props, "geometry": json.loads(shapely.to_geojson(rounded))})
    text = json.dumps({"type": "FeatureCollection", "features": out}, sort_keys=True, separators=(", ", ": "))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026").replace("'", "\\u0027")


def minimal_span_shift(longitudes: list[float]) -> float:
    """Return 0 or 360: whether viewing points in the 0..360 frame spans less longitude.

    A story about Japan and the United States spans 237° of longitude centred on Greenwich
    but 179° centred on the Pacific; a map fitted in the second frame shows both coasts of
    the Pacific instead of the whole world.
    """
    if not longitudes:
        return 0.0
    span = max(longitudes) - min(longitudes)
    pacific = [lon + 360.0 if lon < 0 else lon for lon in longitudes]
    return 360.0 if max(pacific) - min(pacific) < span - 1e-9 else 0.0


def round_coordinates(geom: BaseGeometry, digits: int) -> BaseGeometry:
    """Return the geometry with coordinates rounded to ``digits`` decimals (and made valid)."""
    rounded = shapely.set_precision(geom, 10.0**-digits, mode="pointwise")
    return rounded if not rounded.is_empty else geom
