"""Draw a document's places and claims as a layered folium map.

The visual grammar is the same on every map: a disputed place is filled in the colour of
the party that administers it and outlined, dashed, in the colour of each party that
claims it; a party keeps one colour everywhere (geodata/parties.yaml). Layers a reader
toggles: places mentioned, seas and straits, disputed places, and one layer per party
and role ("Administered by Japan", "Claimed by China").

Everything from the document reaches the page escaped: popup HTML is built here from
escaped text, and every value passes into JavaScript through Jinja's ``tojson`` (which
escapes ``<``, ``>``, ``&`` and quotes), never by string formatting. Element ids are
assigned in build order, so the same input gives the same bytes.
"""

from __future__ import annotations

import datetime as _dt
import html
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, cast

import folium
import shapely
from branca.element import Element, Figure, MacroElement
from jinja2 import Template

from geomap.claims import ClaimState, Role, worldview_sovereign
from geomap.document import Document
from geomap.extraction import Mention
from geomap.gazetteer import Gazetteer, Place
from geomap.geometry import display_geometry, minimal_span_shift

__all__ = ["MapOptions", "PlaceView", "build_folium_map", "esc", "frame_shift", "place_views"]

ATTRIBUTION = (
    "Boundaries: Natural Earth 5.1.1 (public domain) · Cities: GeoNames (CC BY 4.0) · "
    "Provinces: countries-states-cities database (ODbL) · Claims: geomap geodata (sources in each popup)"
)
_WIDE_KINDS = {"region", "ocean"}
_SEA_KINDS = {"sea", "strait", "gulf", "ocean", "river", "lake"}


def esc(text: object) -> str:
    """Escape text for HTML that will also sit inside a JavaScript string or template.

    Beyond ``html.escape``: backticks and ``$`` (template literals), and the Unicode
    line separators that end a JavaScript string.
    """
    out = html.escape(str(text), quote=True)
    return (
        out.replace("`", "&#96;")
        .replace("$", "&#36;")
        .replace("{", "&#123;")
        .replace("}", "&#125;")
        .replace("\u2028", " ")
        .replace("\u2029", " ")
    )


def _safe_url(url: str | None) -> str | None:
    """Return the URL if it is http(s) with no characters that could break out of it."""
    if not url:
        return None
    url = url.strip()
    if not url.lower().startswith(("http://", "https://")) or any(c in url for c in "\"'<> \\`"):
        return None
    return url


@dataclass(frozen=True)
class MapOptions:
    """What a map shows: point of view, date, and whether it must work offline."""

    worldview: str = "neutral"
    as_of: _dt.date | None = None
    offline: bool = False


@dataclass(frozen=True)
class PlaceView:
    """A place as one map shows it: its claim state on the map's date, and its mentions."""

    place: Place
    state: ClaimState
    mentions: tuple[Mention, ...]

    @property
    def disputed(self) -> bool:
        """Return whether the map draws the place as disputed."""
        return self.place.disputed and self.state.disputed


def place_views(mentions: Sequence[Mention], gazetteer: Gazetteer, as_of: _dt.date | None = None) -> list[PlaceView]:
    """Group mentions by place, in order of first mention."""
    grouped: dict[str, list[Mention]] = {}
    for mention in mentions:
        grouped.setdefault(mention.place_id, []).append(mention)
    views = []
    for place_id, group in grouped.items():
        place = gazetteer.get(place_id, all_names=False)
        views.append(PlaceView(place, place.state(as_of), tuple(group)))
    return views


# -- elements -------------------------------------------------------------------------


class _Raw(Element):
    """Finished HTML or JavaScript, inserted as it is.

    branca's MacroElement.render wraps each macro's output in a new Jinja template, which
    lexes every byte again (slow for GeoJSON) and would evaluate any ``{{ }}`` that reached
    it; our elements hand their output over through this instead.
    """

    def __init__(self, text: str) -> None:
        super().__init__()
        self._text = text

    def render(self, **kwargs: Any) -> str:
        return self._text


class _Rendered(MacroElement):
    """A MacroElement whose header/html/script output is inserted as is (see :class:`_Raw`)."""

    def render(self, **kwargs: Any) -> None:  # type: ignore[override]  # branca's render returns nothing here too
        figure = self.get_root()
        module = self._template.module.__dict__
        for part in ("header", "html", "script"):
            macro = module.get(part)
            if macro is not None:
                getattr(figure, part).add_child(_Raw(str(macro(self, kwargs))), name=self.get_name())
        for element in self._children.values():
            element.render(**kwargs)


class _GeoLayer(_Rendered):
    """A GeoJSON layer with one style, an optional popup and tooltip; data via tojson."""

    _template = Template(
        """
{% macro script(this, kwargs) %}
var {{ this.get_name() }} = L.geoJSON({% if this.data_json %}{{ this.data_json }}{% else %}{{ this.data|tojson }}{% endif %}, {
    style: {{ this.style|tojson }},
    pointToLayer: function (feature, latlng) { return L.circleMarker(latlng, {{ this.marker|tojson }}); },
    attribution: {{ this.attribution|tojson }},
    interactive: {{ this.interactive|tojson }}
});
{% if this.popup %}{{ this.get_name() }}.bindPopup({{ this.popup|tojson }}, {maxWidth: 440, className: "geomap-popup"});{% endif %}
{% if this.tooltip %}{{ this.get_name() }}.bindTooltip({{ this.tooltip|tojson }}, {sticky: true});{% endif %}
{{ this.get_name() }}.addTo({{ this._parent.get_name() }});
{% endmacro %}
"""
    )

    def __init__(
        self,
        data: dict[str, Any],
        style: dict[str, Any],
        *,
        marker: dict[str, Any] | None = None,
        popup: str | None = None,
        tooltip: str | None = None,
        attribution: str = "",
        name: str = "layer",
        data_json: str | None = None,
    ) -> None:
        super().__init__()  # type: ignore[no-untyped-call]
        self._name = "geo_layer"
        self.data = data
        self.data_json = data_json
        self.style = style
        self.marker = marker or {"radius": 5, "weight": 1, "fillOpacity": 0.9, **style}
        self.popup = popup
        self.tooltip = tooltip
        self.attribution = attribution
        self.interactive = bool(popup or tooltip)
        self.layer_name = name


class _Overlay(_Rendered):
    """Fixed HTML (title box, legend) placed over the map."""

    _template = Template(
        """
{% macro header(this, kwargs) %}<style>{{ this.css }}</style>{% endmacro %}
{% macro html(this, kwargs) %}{{ this.markup }}{% endmacro %}
"""
    )

    def __init__(self, markup: str, css: str = "") -> None:
        super().__init__()  # type: ignore[no-untyped-call]
        self._name = "overlay"
        self.markup = markup
        self.css = css


_CSS = """
.geomap-title{position:absolute;top:10px;left:54px;z-index:1000;background:rgba(255,255,255,.93);
 padding:6px 10px;border-radius:4px;box-shadow:0 1px 4px rgba(0,0,0,.3);font:13px/1.35 system-ui,sans-serif;max-width:46%}
.geomap-title h1{font-size:15px;margin:0 0 2px}
.geomap-title .meta{color:#555}
.geomap-legend{position:absolute;bottom:24px;left:10px;z-index:1000;background:rgba(255,255,255,.93);
 padding:6px 10px;border-radius:4px;box-shadow:0 1px 4px rgba(0,0,0,.3);font:12px/1.4 system-ui,sans-serif;max-width:300px}
.geomap-legend h2{font-size:12px;margin:0 0 4px}
.geomap-legend .row{display:flex;align-items:center;gap:6px}
.geomap-legend .fill{width:14px;height:10px;display:inline-block;opacity:.8}
.geomap-legend .dash{width:14px;height:10px;display:inline-block;border:2px dashed;box-sizing:border-box}
.geomap-legend .note{color:#555;margin-top:4px;font-size:11px}
.geomap-popup table{border-collapse:collapse;font-size:12px;margin:4px 0}
.geomap-popup td,.geomap-popup th{border-top:1px solid #ddd;padding:2px 4px;text-align:left;vertical-align:top}
.geomap-popup blockquote{margin:4px 0;padding:2px 6px;border-left:3px solid #aaa;font-size:12px}
.geomap-popup mark{background:#ffe58a}
.geomap-popup h3{margin:0 0 2px;font-size:14px}
"""


# -- the map ----------------------------------------------------------------------------


def build_folium_map(
    doc: Document, mentions: Sequence[Mention], gazetteer: Gazetteer, options: MapOptions
) -> folium.Map:
    """Return the folium map of a document: layers, popups, title and legend."""
    views = place_views(mentions, gazetteer, options.as_of)
    shift = frame_shift(views)
    fmap = folium.Map(
        location=[20.0, 0.0],
        zoom_start=2,
        tiles=None,
        control_scale=True,
        world_copy_jump=False,
        prefer_canvas=False,
    )
    _set_assets(fmap, options.offline)
    _add_basemaps(fmap, gazetteer, shift, options.offline)

    mentioned = folium.FeatureGroup(name="Places mentioned", overlay=True, show=True)
    seas = folium.FeatureGroup(name="Seas and straits", overlay=True, show=True)
    disputed = folium.FeatureGroup(name="Disputed places", overlay=True, show=True)
    party_groups: dict[tuple[str, str], folium.FeatureGroup] = {}
    tolerance = _tolerance(views, shift)

    for view in views:
        place = view.place
        geom = _display_geometry(gazetteer, place, shift, tolerance)
        popup = popup_html(view, doc, gazetteer, options)
        tooltip = place.name
        if view.disputed:
            _add_disputed(view, geom, shift, popup, gazetteer, options, disputed, party_groups)
        elif place.kind in _SEA_KINDS:
            seas.add_child(_GeoLayer(_fc(geom), _SEA_STYLE, popup=popup, tooltip=tooltip))
        else:
            color = gazetteer.party_color(place.country) if place.source != "city" else "#333333"
            if place.kind in _WIDE_KINDS:
                style = {"color": "#6d6d6d", "weight": 1.5, "dashArray": "2 6", "fill": False}
            elif place.status == "resolved":
                # A settled dispute: grey, dotted, never in a claimant's colours.
                style = {
                    "color": "#555555",
                    "weight": 2,
                    "dashArray": "1 5",
                    "fillColor": "#bdbdbd",
                    "fillOpacity": 0.3,
                }
                tooltip = f"{place.name} (dispute resolved {place.resolved})"
            else:
                style = {"color": color, "weight": 1.5, "fillColor": color, "fillOpacity": 0.12}
            marker = {"radius": 6, "color": "#ffffff", "weight": 1.5, "fillColor": color, "fillOpacity": 0.95}
            mentioned.add_child(_GeoLayer(_fc(geom), style, marker=marker, popup=popup, tooltip=tooltip))

    for group in (mentioned, seas, disputed):
        if group._children:
            fmap.add_child(group)
    for key in sorted(party_groups, key=lambda k: (k[0] != "administers", gazetteer.party_name(k[1]))):
        fmap.add_child(party_groups[key])
    folium.LayerControl(collapsed=False).add_to(fmap)

    bounds = _fit_bounds(views, shift)
    if bounds:
        fmap.fit_bounds(bounds, padding=(24, 24), max_zoom=7)
    patterns = {
        style["fillColor"][5:-1]
        for view in views
        if view.disputed
        for _role, _code, style in claim_styles(view, gazetteer, options)
        if str(style.get("fillColor", "")).startswith("url(#")
    }
    if patterns:
        fmap.get_root().add_child(_Overlay(_hatch_defs(patterns)))
    fmap.get_root().add_child(_Overlay(_title_html(doc, options), _CSS))
    fmap.get_root().add_child(_Overlay(_legend_html(views, gazetteer, options)))
    assign_ids(fmap.get_root())
    return fmap


_SEA_STYLE = {"color": "#2b7bb9", "weight": 1, "fillColor": "#7fb8e6", "fillOpacity": 0.25}


def _add_disputed(
    view: PlaceView,
    geom: Any,
    shift: float,
    popup: str,
    gazetteer: Gazetteer,
    options: MapOptions,
    disputed: folium.FeatureGroup,
    party_groups: dict[tuple[str, str], folium.FeatureGroup],
) -> None:
    """Draw a disputed place: a marker for every zoom, fill by administrator, dashes by claimant."""
    place, state = view.place, view.state
    sovereign = worldview_sovereign(state, options.worldview)
    admins = [sovereign] if sovereign else list(state.administered_by)
    admin_color = gazetteer.party_color(admins[0]) if admins else "#9e9e9e"
    point = shapely.Point(place.point[0] + (shift if place.point[0] < 0 and shift else 0), place.point[1])
    marker = {"radius": 7, "color": "#000000", "weight": 2, "fillColor": admin_color, "fillOpacity": 1.0}
    disputed.add_child(
        _GeoLayer(_fc(point), {"color": "#000000"}, marker=marker, popup=popup, tooltip=f"{place.name} (disputed)")
    )
    for role, code, style in claim_styles(view, gazetteer, options):
        group = _party_group(party_groups, role, code, gazetteer, options)
        if role == "administers":
            tooltip = f"{place.name}: {_role_label('administers', code, gazetteer, options)}"
            group.add_child(_GeoLayer(_fc(geom), style, popup=popup, tooltip=tooltip))
        else:
            tooltip = f"{place.name}: claimed by {gazetteer.party_name(code)}"
            group.add_child(_GeoLayer(_fc(geom), style, tooltip=tooltip))


def claim_styles(view: PlaceView, gazetteer: Gazetteer, options: MapOptions) -> list[tuple[str, str, dict[str, Any]]]:
    """Return (role, party, Leaflet style) for each layer that draws a disputed place.

    One administrator fills the place in its colour; several (split control, as in
    Kashmir) fill it with interleaved stripes of their colours. Each other claimant adds
    hatching and a dashed outline in its colour. A party's view draws its sovereign only.
    """
    state = view.state
    sovereign = worldview_sovereign(state, options.worldview)
    admins = [sovereign] if sovereign else list(state.administered_by)
    out: list[tuple[str, str, dict[str, Any]]] = []
    for n, code in enumerate(admins):
        color = gazetteer.party_color(code)
        fill = (
            {"fillColor": color, "fillOpacity": 0.55}
            if len(admins) == 1
            else {"fillColor": f"url(#{hatch_id(color, n)})", "fillOpacity": 1.0}
        )
        out.append(("administers", code, {"color": color, "weight": 1, **fill}))
    if sovereign:
        return out
    for n, code in enumerate(c for c in state.claimants if c not in admins):
        color = gazetteer.party_color(code)
        out.append(
            (
                "claims",
                code,
                {
                    "color": color,
                    "weight": 3,
                    "dashArray": "6 6",
                    "dashOffset": str(6 * n),
                    "fill": True,
                    "fillColor": f"url(#{hatch_id(color, n + (len(admins) if len(admins) > 1 else 0))})",
                    "fillOpacity": 1.0,
                },
            )
        )
    return out


_HATCH_ANGLES = (45, -45, 0, 90)


def hatch_id(color: str, n: int) -> str:
    """Return the id of the SVG hatch pattern for a claimant colour (the n-th claimant of a place)."""
    return f"geomap-hatch-{color.lstrip('#')}-{_HATCH_ANGLES[n % len(_HATCH_ANGLES)] % 180}"


def _hatch_defs(patterns: set[str]) -> str:
    """Return a hidden SVG with the hatch patterns the map's claim layers fill with.

    Leaflet draws vector layers as SVG paths in the same document, so a path's
    ``fill="url(#id)"`` finds these patterns: hatching with no plugin and no network.
    """
    defs = []
    for pid in sorted(patterns):
        _, _, color, angle = pid.split("-")
        defs.append(
            f'<pattern id="{pid}" patternUnits="userSpaceOnUse" width="8" height="8" patternTransform="rotate({angle})">'
            f'<rect width="3" height="8" fill="#{color}" fill-opacity="0.75"/></pattern>'
        )
    return f'<svg aria-hidden="true" width="0" height="0" style="position:absolute"><defs>{"".join(defs)}</defs></svg>'


def _role_label(role: str, code: str, gazetteer: Gazetteer, options: MapOptions) -> str:
    name = gazetteer.party_name(code)
    if options.worldview != "neutral":
        return f"Shown as {name}'s (as {gazetteer.party_name(options.worldview)} draws it)"
    return f"Administered by {name}" if role == "administers" else f"Claimed by {name}"


def _party_group(
    groups: dict[tuple[str, str], folium.FeatureGroup], role: str, code: str, gazetteer: Gazetteer, options: MapOptions
) -> folium.FeatureGroup:
    key = (role, code)
    if key not in groups:
        groups[key] = folium.FeatureGroup(name=_role_label(role, code, gazetteer, options), overlay=True, show=True)
    return groups[key]


def _set_assets(fmap: folium.Map, offline: bool) -> None:
    """Load Leaflet alone (no jQuery, Bootstrap or fonts); inline it when offline."""
    from geomap.assets import LEAFLET_CSS_URL, LEAFLET_JS_URL, leaflet_css, leaflet_js

    if offline:
        fmap.default_js = []
        fmap.default_css = []
        header = cast(Figure, fmap.get_root()).header
        header.add_child(_Raw(f"<style>{leaflet_css()}</style>"), name="leaflet_css_inline")
        header.add_child(_Raw(f"<script>{leaflet_js()}</script>"), name="leaflet_js_inline")
    else:
        fmap.default_js = [("leaflet", LEAFLET_JS_URL)]
        fmap.default_css = [("leaflet_css", LEAFLET_CSS_URL)]


def _add_basemaps(fmap: folium.Map, gazetteer: Gazetteer, shift: float, offline: bool) -> None:
    """Add the base layers: a light tile layer (online), and the vector country basemap.

    Online maps carry a coarse vector basemap as the second choice, so the map still has
    land and sea when tiles cannot load; offline maps carry a finer one as their only base.
    """
    if not offline:
        folium.TileLayer(
            tiles="https://{s}.basemaps.cartocdn.com/light_all/{z}/{x}/{y}{r}.png",
            attr='&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors &copy; <a href="https://carto.com/attributions">CARTO</a>',
            name="Light (CARTO, OpenStreetMap)",
            subdomains="abcd",
            max_zoom=20,
            overlay=False,
            control=True,
        ).add_to(fmap)
    # Prepared with the index for both longitude frames: JSON text ready for the page.
    data_json = gazetteer.basemap_json(fine=offline, shift=shift)
    name = "Countries (offline basemap)" if offline else "Countries (vector, no tiles)"
    base = folium.FeatureGroup(name=name, overlay=False, control=True, show=offline)
    style = {"color": "#9a9a9a", "weight": 0.6, "fillColor": "#f2efe9", "fillOpacity": 1.0}
    base.add_child(_GeoLayer({}, style, attribution="Natural Earth (public domain)", data_json=data_json))
    fmap.add_child(base)
    cast(Figure, fmap.get_root()).header.add_child(
        _Raw("<style>.leaflet-container{background:#cfe3f1}</style>"), name="sea_bg"
    )


# -- geometry for display ---------------------------------------------------------------


def frame_shift(views: Sequence[PlaceView]) -> float:
    """Return 0 or 360: the longitude frame in which a map's places sit closest together."""
    return minimal_span_shift([v.place.point[0] for v in views if v.place.kind not in _WIDE_KINDS])


def _tolerance(views: Sequence[PlaceView], shift: float) -> float:
    """Return a simplification tolerance (degrees) fitted to the map's extent."""
    bounds = _fit_bounds(views, shift)
    if not bounds:
        return 0.02
    (south, west), (north, east) = bounds
    span = max(east - west, north - south, 1.0)
    return min(0.05, max(0.002, span / 2500.0))


def _display_geometry(gazetteer: Gazetteer, place: Place, shift: float, tolerance: float) -> Any:
    wkb = gazetteer.geometry_wkb(place)
    geom = shapely.Point(place.point) if wkb is None else shapely.from_wkb(wkb)
    geom = display_geometry(geom, shift)
    minx, miny, maxx, maxy = geom.bounds
    if max(maxx - minx, maxy - miny) > 20 * tolerance:
        # Without topology preservation simplify is several times faster; parts it
        # collapses are smaller than a pixel at this scale, so dropping them is right.
        simplified = shapely.simplify(geom, tolerance, preserve_topology=False)
        if not simplified.is_empty:
            geom = simplified
    return geom


def _geojson(geom: Any, digits: int) -> dict[str, Any]:
    """Return GeoJSON geometry with coordinates rounded to what the map's scale shows."""
    import numpy as np

    rounded = shapely.transform(geom, lambda xy: np.round(xy, digits))
    return json.loads(shapely.to_geojson(rounded))  # type: ignore[no-any-return]


def _fc(geom: Any) -> dict[str, Any]:
    minx, miny, maxx, maxy = geom.bounds
    span = max(maxx - minx, maxy - miny)
    digits = 4 if span < 2 else 3
    return {
        "type": "FeatureCollection",
        "features": [{"type": "Feature", "properties": {}, "geometry": _geojson(geom, digits)}],
    }


def _fit_bounds(views: Sequence[PlaceView], shift: float) -> list[list[float]] | None:
    """Return [[south, west], [north, east]] around the places a reader should see.

    Cities and small places count by their extent; countries wider than 30° and wide
    regions count by their representative point, so Alaska does not pull a map of an
    East Asian story to the Arctic.
    """
    xs: list[float] = []
    ys: list[float] = []
    for view in views:
        place = view.place
        if place.kind in _WIDE_KINDS:
            continue
        minx, miny, maxx, maxy = place.bbox
        lon, lat = place.point
        if maxx - minx > 30 or maxy - miny > 30:
            xs.append(lon)
            ys.append(lat)
        else:
            xs += [minx, maxx]
            ys += [miny, maxy]
    if not xs:
        return None
    if shift:
        xs = [x + shift if x < 0 else x for x in xs]
    return [[min(ys), min(xs)], [max(ys), max(xs)]]


# -- popups, title, legend ---------------------------------------------------------------


def popup_html(view: PlaceView, doc: Document, gazetteer: Gazetteer, options: MapOptions) -> str:
    """Return the popup of a place: names by party, claims with sources, the sentences."""
    place, state = view.place, view.state
    parts = [f"<h3>{esc(place.name)}</h3>", f"<div>{esc(place.kind.replace('_', ' '))}"]
    if place.status not in ("none", ""):
        parts.append(f" · dispute {esc(place.status)}" + (f" ({esc(place.resolved)})" if place.resolved else ""))
    parts.append("</div>")
    if state.administered_by or state.claimants:
        admin = ", ".join(gazetteer.party_name(c) for c in state.administered_by) or "nobody"
        parts.append(f"<div>Administered by <b>{esc(admin)}</b>")
        claim = [gazetteer.party_name(c) for c in state.claimants]
        if claim:
            parts.append(f"; claimed by <b>{esc(', '.join(claim))}</b>")
        parts.append("</div>")
    used = sorted({p for m in view.mentions for p in m.name_of})
    if used:
        parts.append(
            f"<div>This document uses the name of: <b>{esc(', '.join(gazetteer.party_name(p) for p in used))}</b></div>"
        )
    by_party = [n for n in place.names if n.parties and not n.variant]
    if by_party:
        rows = "".join(
            f"<tr><td>{esc(n.name)}</td><td>{esc(n.lang)}</td><td>{esc(', '.join(gazetteer.party_name(p) for p in n.parties))}</td></tr>"
            for n in by_party[:12]
        )
        parts.append(f"<table><tr><th>Name</th><th>Lang</th><th>Used by</th></tr>{rows}</table>")
    if state.claims:
        parts.append(_claims_table(state, gazetteer))
    parts.append(_sentences_html(view, doc))
    return "".join(parts)


def _claims_table(state: ClaimState, gazetteer: Gazetteer) -> str:
    rows = []
    for claim in state.claims:
        since = claim.since or "?"
        until = f"–{claim.until}" if claim.until else ""
        url = _safe_url(claim.source)
        source = f'<a href="{esc(url)}" target="_blank" rel="noopener noreferrer">source</a>' if url else ""
        role = claim.role.value + (
            f" {gazetteer.party_name(claim.recognised_party)}"
            if claim.role is Role.RECOGNISES and claim.recognised_party
            else ""
        )
        note = f" <i>(uncertain: {esc(claim.uncertain)})</i>" if claim.uncertain else ""
        rows.append(
            f"<tr><td>{esc(gazetteer.party_name(claim.party))}</td><td>{esc(role)}</td>"
            f"<td>{esc(since)}{esc(until)}</td><td>{esc(claim.basis)}{note} {source}</td></tr>"
        )
    return "<table><tr><th>Party</th><th>Role</th><th>Since</th><th>Basis</th></tr>" + "".join(rows) + "</table>"


def _sentences_html(view: PlaceView, doc: Document, limit: int = 4) -> str:
    count = len(view.mentions)
    spans: dict[tuple[int, int], list[Mention]] = {}
    for mention in view.mentions:
        spans.setdefault(doc.sentence_at(mention.start), []).append(mention)
    quotes = []
    for (start, end), group in list(spans.items())[:limit]:
        if end <= start:
            continue
        pieces, pos = [], start
        for m in sorted(group, key=lambda m: m.start):
            pieces.append(esc(doc.text[pos : m.start]))
            pieces.append(f"<mark>{esc(doc.text[m.start : m.end])}</mark>")
            pos = m.end
        pieces.append(esc(doc.text[pos:end]))
        quotes.append(f"<blockquote>{''.join(pieces)}</blockquote>")
    more = len(spans) - limit
    tail = f"<div>…and {more} more sentence{'s' if more > 1 else ''}</div>" if more > 0 else ""
    times = "once" if count == 1 else f"{count} times"
    return f"<div>Named {times} in this document:</div>{''.join(quotes)}{tail}"


def _title_html(doc: Document, options: MapOptions) -> str:
    meta = [str(doc.meta[k]) for k in ("date", "source") if doc.meta.get(k)]
    url = _safe_url(doc.meta.get("url"))
    view = (
        "neutral (who administers; claims dashed)"
        if options.worldview == "neutral"
        else f"as {options.worldview} draws it"
    )
    when = options.as_of.isoformat() if options.as_of else "today"
    link = f' · <a href="{esc(url)}" target="_blank" rel="noopener noreferrer">original</a>' if url else ""
    return (
        '<div class="geomap-title"><h1>'
        + esc(doc.title)
        + "</h1>"
        + '<div class="meta">'
        + esc(" · ".join(meta))
        + link
        + "</div>"
        + f'<div class="meta">View: {esc(view)} · Claims as of {esc(when)}</div></div>'
    )


def _legend_html(views: Iterable[PlaceView], gazetteer: Gazetteer, options: MapOptions) -> str:
    views = list(views)
    admins: list[str] = []
    claimants: list[str] = []
    for view in views:
        if not view.disputed:
            continue
        sovereign = worldview_sovereign(view.state, options.worldview)
        for code in [sovereign] if sovereign else view.state.administered_by:
            if code and code not in admins:
                admins.append(code)
        if not sovereign:
            for code in view.state.claimants:
                if code not in claimants and code not in view.state.administered_by:
                    claimants.append(code)
    rows = []
    for code in admins:
        label = "administers" if options.worldview == "neutral" else "sovereign in this view"
        rows.append(
            f'<div class="row"><span class="fill" style="background:{esc(gazetteer.party_color(code))}"></span>{esc(gazetteer.party_name(code))} — {label}</div>'
        )
    for code in claimants:
        rows.append(
            f'<div class="row"><span class="dash" style="border-color:{esc(gazetteer.party_color(code))};background:repeating-linear-gradient(45deg,{esc(gazetteer.party_color(code))} 0 2px,transparent 2px 6px)"></span>{esc(gazetteer.party_name(code))} — claims</div>'
        )
    if any(v.place.status == "resolved" for v in views):
        rows.append(
            '<div class="row"><span class="dash" style="border:2px dotted #555;background:#bdbdbd"></span>dispute resolved</div>'
        )
    if not rows:
        rows.append('<div class="row">No disputed place named.</div>')
    view_name = (
        "Neutral view" if options.worldview == "neutral" else f"View of {esc(gazetteer.party_name(options.worldview))}"
    )
    when = options.as_of.isoformat() if options.as_of else "today"
    return (
        '<div class="geomap-legend"><h2>Disputed places</h2>'
        + "".join(rows)
        + f'<div class="note">{view_name}; claims as of {esc(when)}. Hatching and dashed outlines mark claims; black-ringed dots mark disputed places at every zoom.</div>'
        + f'<div class="note">{esc(ATTRIBUTION)}</div></div>'
    )


def assign_ids(root: Element) -> None:
    """Give every element an id from its position in the tree (branca's are random)."""
    counter = 0

    def walk(element: Any) -> None:
        nonlocal counter
        element._id = f"{counter:05d}"
        counter += 1
        for child in list(element._children.values()):
            walk(child)
        for attr in ("header", "html", "script"):
            sub = getattr(element, attr, None)
            if isinstance(sub, Element) and sub is not element:
                walk(sub)

    walk(root)
