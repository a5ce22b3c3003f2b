"""The Python API: maps, layers and mentions for notebooks, reports and other programs.

Each function takes a *source*: a path to a document, or the text itself.
"""

from __future__ import annotations

import datetime as _dt
import pathlib
from typing import TYPE_CHECKING, Any

from geomap.document import Document, read_document

if TYPE_CHECKING:
    import folium

    from geomap.extraction import Mention

__all__ = ["build_map", "layers", "read_source"]


def read_source(source: str | pathlib.Path | Document) -> Document:
    """Return a document from a path, a string of text, or a document.

    A string that names an existing file is read as that file; any other string is text.
    """
    if isinstance(source, Document):
        return source
    if isinstance(source, pathlib.Path):
        return read_document(source)
    if "\n" not in source and len(source) < 4096:
        try:
            if pathlib.Path(source).is_file():
                return read_document(source)
        except OSError:
            pass
    return Document.from_text(source, name="text")


def _prepare(source: str | pathlib.Path | Document, worldview: str, as_of: str | _dt.date | None) -> tuple[Any, ...]:
    from geomap.extraction import Extractor
    from geomap.gazetteer import Gazetteer
    from geomap.pipeline import validate_view
    from geomap.render import MapOptions

    doc = read_source(source)
    gazetteer = Gazetteer.load()
    view, date = validate_view(worldview, as_of, gazetteer)
    mentions: list[Mention] = Extractor(gazetteer).extract(doc.text, doc.body_start)
    return doc, mentions, gazetteer, view, date, MapOptions


def build_map(
    source: str | pathlib.Path | Document,
    *,
    worldview: str = "neutral",
    as_of: str | _dt.date | None = None,
    offline: bool = False,
) -> folium.Map:
    """Return the folium map of a document: every place it names, claims by party.

    Parameters
    ----------
    source
        A path to a document, or its text.
    worldview
        ``"neutral"`` (who administers; claims hatched) or a party code such as ``"CHN"``.
    as_of
        Draw the claims in force on this date (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``).
    offline
        Inline Leaflet and draw the country basemap, so the map needs no network.

    Examples
    --------
    >>> m = build_map("Beijing sent coast guard ships to the Diaoyu Islands.")
    >>> type(m).__name__
    'Map'
    """
    from geomap.render import build_folium_map

    doc, mentions, gazetteer, view, date, options = _prepare(source, worldview, as_of)
    return build_folium_map(doc, mentions, gazetteer, options(worldview=view, as_of=date, offline=offline))


def layers(
    source: str | pathlib.Path | Document,
    *,
    worldview: str = "neutral",
    as_of: str | _dt.date | None = None,
) -> list[folium.FeatureGroup]:
    """Return a document's layers (places, seas, disputed places, one per party) for a map of your own.

    Examples
    --------
    >>> import folium
    >>> m = folium.Map(tiles=None)
    >>> for layer in layers("Japan administers the Senkaku Islands; China claims them."):
    ...     _ = layer.add_to(m)
    >>> sorted(g.layer_name for g in layers("Japan administers the Senkaku Islands."))[:2]
    ['Administered by Japan', 'Claimed by China']
    """
    import folium

    fmap = build_map(source, worldview=worldview, as_of=as_of)
    groups = [child for child in fmap._children.values() if isinstance(child, folium.FeatureGroup) and child.overlay]
    for group in groups:
        group._parent = None
    return groups
