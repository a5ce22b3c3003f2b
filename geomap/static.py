"""Static maps for print: PNG and SVG with the web map's colours, hatching and legend.

Drawn with matplotlib (no browser, no tiles): the Natural Earth country layer as basemap,
places in their party colours, disputed places filled by their administrator and hatched
in each claimant's colour. Chinese, Japanese and Korean text uses Noto Sans CJK when it is
installed (Debian's fonts-noto-cjk) and falls back to the default font otherwise. The same
input gives the same bytes (no dates in the files, a fixed SVG id salt).
"""

from __future__ import annotations

import io
import warnings
from collections.abc import Sequence
from typing import Any

import shapely

from geomap.claims import worldview_sovereign
from geomap.document import Document
from geomap.errors import OutputError
from geomap.gazetteer import Gazetteer

__all__ = ["render_static"]

A4_LANDSCAPE = (11.69, 8.27)
_SEA_KINDS = {"sea", "strait", "gulf", "ocean", "river", "lake"}


def _matplotlib() -> Any:
    try:
        import matplotlib
    except ImportError as exc:
        raise OutputError("--format png/svg needs matplotlib: pip install 'geomap[static]'") from exc
    matplotlib.use("Agg")
    from matplotlib import font_manager

    names = {f.name for f in font_manager.fontManager.ttflist}
    cjk = [n for n in ("Noto Sans CJK JP", "Noto Sans CJK SC", "Noto Sans CJK KR") if n in names]
    matplotlib.rcParams.update(
        {"font.family": ["DejaVu Sans", *cjk], "svg.hashsalt": "geomap", "svg.fonttype": "path", "hatch.linewidth": 1.2}
    )
    return matplotlib


def _patch(geom: Any, **style: Any) -> Any:
    """Return a matplotlib patch for a (multi)polygon in lon/lat."""
    from matplotlib.patches import PathPatch
    from matplotlib.path import Path

    vertices: list[tuple[float, float]] = []
    codes: list[int] = []
    for polygon in getattr(geom, "geoms", [geom]):
        if polygon.geom_type != "Polygon" or polygon.is_empty:
            continue
        for ring in [polygon.exterior, *polygon.interiors]:
            coords = list(ring.coords)
            vertices += coords
            codes += [int(Path.MOVETO)] + [int(Path.LINETO)] * (len(coords) - 2) + [int(Path.CLOSEPOLY)]
    if not vertices:
        return None
    return PathPatch(Path(vertices, codes), **style)


def render_static(
    doc: Document,
    views: Sequence[Any],
    gazetteer: Gazetteer,
    options: Any,
    fmt: str = "png",
    dpi: int = 150,
) -> bytes:
    """Return a PNG or SVG map of a document's places (A4 landscape at ``dpi``)."""
    from geomap.geometry import display_geometry
    from geomap.render import ATTRIBUTION, _fit_bounds, frame_shift

    mpl = _matplotlib()
    from matplotlib import pyplot as plt
    from matplotlib.patches import Patch

    shift = frame_shift(views)
    bounds = _fit_bounds(views, shift) or [[-60.0, -180.0], [80.0, 180.0]]
    (south, west), (north, east) = bounds
    pad_x, pad_y = max(3.0, (east - west) * 0.08), max(3.0, (north - south) * 0.08)
    west, east, south, north = west - pad_x, east + pad_x, max(-89.0, south - pad_y), min(89.0, north + pad_y)
    # Equirectangular at the map's middle latitude; widen the shorter side to fill the page.
    aspect = 1.0 / max(0.2, _cos_mid(south, north))
    page = A4_LANDSCAPE[1] / A4_LANDSCAPE[0]
    height_needed = (east - west) * page / aspect
    if height_needed > north - south:
        grow = (height_needed - (north - south)) / 2
        south, north = max(-89.0, south - grow), min(89.0, north + grow)
    else:
        grow = ((north - south) * aspect / page - (east - west)) / 2
        west, east = west - grow, east + grow
    view_box = shapely.box(west, south, east, north)
    fig, ax = plt.subplots(figsize=A4_LANDSCAPE, dpi=dpi)
    try:
        ax.set_facecolor("#cfe3f1")
        for _code, wkb in gazetteer.basemap:
            geom = display_geometry(shapely.from_wkb(wkb), shift)
            if not geom.intersects(view_box):
                continue
            patch = _patch(geom, facecolor="#f2efe9", edgecolor="#9a9a9a", linewidth=0.3, zorder=1)
            if patch is not None:
                ax.add_patch(patch)
        legend: dict[str, Any] = {}
        for view in views:
            _draw_view(ax, view, gazetteer, options, shift, legend)
        ax.set_xlim(west, east)
        ax.set_ylim(south, north)
        ax.set_aspect(aspect)
        ax.set_xticks([])
        ax.set_yticks([])
        meta = " · ".join(x for x in (doc.meta.get("date"), doc.meta.get("source")) if x)
        view_text = "neutral view" if options.worldview == "neutral" else f"as {options.worldview} draws it"
        when = options.as_of.isoformat() if options.as_of else "today"
        ax.set_title(f"{doc.title}\n{meta} · {view_text} · claims as of {when}", fontsize=11, loc="left")
        if legend:
            ax.legend(handles=[legend[k] for k in sorted(legend)], loc="lower left", fontsize=8, framealpha=0.9)
        fig.text(0.01, 0.01, ATTRIBUTION, fontsize=6, color="#555555")
        out = io.BytesIO()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", UserWarning)  # a glyph missing from the fonts draws as a box
            metadata = {"Date": None} if fmt == "svg" else {"Software": "geomap"}
            fig.savefig(out, format=fmt, dpi=dpi, bbox_inches="tight", metadata=metadata)
        return out.getvalue()
    finally:
        plt.close(fig)
        del mpl, Patch


def _cos_mid(south: float, north: float) -> float:
    import math

    return math.cos(math.radians((south + north) / 2))


def _draw_view(ax: Any, view: Any, gazetteer: Gazetteer, options: Any, shift: float, legend: dict[str, Any]) -> None:
    from matplotlib.patches import Patch

    from geomap.geometry import display_geometry

    place, state = view.place, view.state
    wkb = gazetteer.geometry_wkb(place)
    geom = display_geometry(shapely.Point(place.point) if wkb is None else shapely.from_wkb(wkb), shift)
    label_point = display_geometry(shapely.Point(place.point), shift)
    if view.disputed:
        sovereign = worldview_sovereign(state, options.worldview)
        admins = [sovereign] if sovereign else list(state.administered_by)
        fill = gazetteer.party_color(admins[0]) if admins else "#9e9e9e"
        patch = _patch(geom, facecolor=fill, edgecolor="#222222", linewidth=0.6, alpha=0.75, zorder=4)
        if patch is not None:
            ax.add_patch(patch)
        for code in admins:
            legend[f"1{gazetteer.party_name(code)}"] = Patch(
                facecolor=gazetteer.party_color(code), label=f"{gazetteer.party_name(code)} administers"
            )
        if not sovereign:
            hatches = ["////", "\\\\\\\\", "xx", "--"]
            for n, code in enumerate(c for c in state.claimants if c not in admins):
                color = gazetteer.party_color(code)
                patch = _patch(geom, facecolor="none", edgecolor=color, hatch=hatches[n % 4], linewidth=1.0, zorder=5)
                if patch is not None:
                    ax.add_patch(patch)
                legend[f"2{gazetteer.party_name(code)}"] = Patch(
                    facecolor="white",
                    edgecolor=color,
                    hatch=hatches[n % 4],
                    label=f"{gazetteer.party_name(code)} claims",
                )
        ax.plot([label_point.x], [label_point.y], "o", ms=6, mfc=fill, mec="black", mew=1.2, zorder=6)
        ax.annotate(
            place.name,
            (label_point.x, label_point.y),
            xytext=(5, 4),
            textcoords="offset points",
            fontsize=8,
            weight="bold",
            zorder=7,
        )
        return
    if place.kind in _SEA_KINDS:
        patch = _patch(geom, facecolor="#7fb8e6", edgecolor="#2b7bb9", linewidth=0.6, alpha=0.35, zorder=2)
        if patch is not None:
            ax.add_patch(patch)
        ax.annotate(
            place.name,
            (label_point.x, label_point.y),
            fontsize=7,
            style="italic",
            color="#1f4e79",
            ha="center",
            zorder=7,
        )
        return
    if place.kind in ("region",):
        patch = _patch(geom, facecolor="none", edgecolor="#6d6d6d", linestyle="--", linewidth=0.8, zorder=2)
        if patch is not None:
            ax.add_patch(patch)
        return
    color = gazetteer.party_color(place.country) if place.source not in ("city", "admin1") else "#333333"
    if geom.geom_type in ("Polygon", "MultiPolygon"):
        patch = _patch(geom, facecolor=color, edgecolor=color, linewidth=0.8, alpha=0.18, zorder=3)
        if patch is not None:
            ax.add_patch(patch)
        ax.annotate(place.name, (label_point.x, label_point.y), fontsize=8, ha="center", color="#222222", zorder=7)
    else:
        ax.plot([label_point.x], [label_point.y], "o", ms=4, mfc=color, mec="white", zorder=6)
        ax.annotate(
            place.name, (label_point.x, label_point.y), xytext=(4, -8), textcoords="offset points", fontsize=7, zorder=7
        )
