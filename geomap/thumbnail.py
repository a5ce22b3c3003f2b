"""Small SVG thumbnails of a map for the gallery page, drawn without a browser.

A thumbnail is an inline ``<svg>`` of a few kilobytes: the countries around the story in
grey, the places it names in their party colours, disputed places with a black ring. It
uses the map's own framing (:func:`geomap.render.frame_shift` and its bounds).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import shapely

from geomap.gazetteer import Gazetteer

__all__ = ["thumbnail_svg"]

WIDTH, HEIGHT = 240, 150


def thumbnail_svg(views: Sequence[Any], gazetteer: Gazetteer) -> str:
    """Return an inline SVG thumbnail of the places a document names."""
    from geomap.geometry import display_geometry
    from geomap.render import _fit_bounds, frame_shift

    shift = frame_shift(views)
    bounds = _fit_bounds(views, shift) or [[-60.0, -180.0], [80.0, 180.0]]
    (south, west), (north, east) = bounds
    pad = max(2.0, (east - west) * 0.1, (north - south) * 0.1)
    west, east, south, north = west - pad, east + pad, max(-85.0, south - pad), min(85.0, north + pad)
    # Fill the frame: widen whichever side is short for a 240x150 picture.
    if (east - west) / (north - south) < WIDTH / HEIGHT:
        grow = ((north - south) * WIDTH / HEIGHT - (east - west)) / 2
        west, east = west - grow, east + grow
    else:
        grow = ((east - west) * HEIGHT / WIDTH - (north - south)) / 2
        south, north = south - grow, north + grow
    scale = WIDTH / (east - west)
    tolerance = 1.5 / scale  # about a pixel and a half
    box = shapely.box(west, south, east, north)

    def path(geom: Any) -> str:
        geom = shapely.simplify(geom, tolerance, preserve_topology=False)
        parts = []
        for polygon in getattr(geom, "geoms", [geom]):
            if polygon.geom_type != "Polygon" or polygon.is_empty:
                continue
            for ring in [polygon.exterior, *polygon.interiors]:
                pts = [f"{(x - west) * scale:.1f} {(north - y) * scale:.1f}" for x, y in ring.coords]
                parts.append("M" + "L".join(pts) + "Z")
        return "".join(parts)

    shapes = ['<rect width="100%" height="100%" fill="#cfe3f1"/>']
    for _code, wkb in gazetteer.basemap_coarse:
        geom = shapely.from_wkb(wkb)
        minx, miny, maxx, maxy = geom.bounds
        if maxy < south or miny > north:
            continue
        if not (minx <= east and maxx >= west) and not (shift and minx + shift <= east and maxx + shift >= west):
            continue  # off the picture in both longitude frames: skip the costly unwrapping
        geom = display_geometry(geom, shift)
        if geom.intersects(box):
            d = path(shapely.clip_by_rect(geom, west, south, east, north))
            if d:
                shapes.append(f'<path d="{d}" fill="#f2efe9" stroke="#aaa" stroke-width="0.4"/>')
    for view in views:
        place = view.place
        admins = view.state.administered_by
        color = gazetteer.party_color(admins[0] if admins else place.country)
        shape = gazetteer.geometry_wkb(place)
        if shape is not None and place.kind not in ("region", "ocean", "sea", "strait", "gulf"):
            d = path(shapely.clip_by_rect(display_geometry(shapely.from_wkb(shape), shift), west, south, east, north))
            if d:
                shapes.append(f'<path d="{d}" fill="{color}" fill-opacity="0.45" stroke="{color}" stroke-width="0.6"/>')
        point = display_geometry(shapely.Point(place.point), shift)
        x, y = (point.x - west) * scale, (north - point.y) * scale
        if 0 <= x <= WIDTH and 0 <= y <= HEIGHT and (view.disputed or place.kind == "city"):
            ring = ' stroke="#000" stroke-width="1.2"' if view.disputed else ""
            shapes.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{3.5 if view.disputed else 2}" fill="{color}"{ring}/>')
    return (
        f'<svg class="thumb" xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" '
        f'viewBox="0 0 {WIDTH} {HEIGHT}" role="img" aria-label="map thumbnail">{"".join(shapes)}</svg>'
    )
