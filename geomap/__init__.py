"""geomap: text about territorial disputes in, layered claims maps out.

The package imports nothing heavy until a name is used: ``import geomap`` is instant, and
``geomap.extract`` never loads map libraries.

Examples
--------
>>> import geomap
>>> [m.place_id for m in geomap.extract("Tokyo protested; China calls the islands Diaoyu.")]
['tokyo-1850147', 'china', 'senkaku-islands']
"""

from __future__ import annotations

from typing import Any

__version__ = "0.1.0"

__all__ = [
    "Document",
    "Gazetteer",
    "GeomapError",
    "Mention",
    "Place",
    "UnknownPlace",
    "build",
    "build_map",
    "extract",
    "layers",
    "read_document",
]

_LAZY = {
    "Document": "geomap.document",
    "read_document": "geomap.document",
    "Gazetteer": "geomap.gazetteer",
    "Place": "geomap.gazetteer",
    "Mention": "geomap.extraction",
    "extract": "geomap.extraction",
    "GeomapError": "geomap.errors",
    "UnknownPlace": "geomap.errors",
    "build": "geomap.pipeline",
    "build_map": "geomap.api",
    "layers": "geomap.api",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'geomap' has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(module), name)


def __dir__() -> list[str]:
    return sorted(__all__)
