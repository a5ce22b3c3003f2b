"""Errors raised by geomap.

Each error is a :class:`GeomapError` and also the builtin it refines, so callers can
catch either (``except LookupError`` still sees an unknown place). The command line
turns every :class:`GeomapError` into one line on standard error and exit status 1.
"""

from __future__ import annotations

__all__ = [
    "DocumentError",
    "GazetteerError",
    "GeomapError",
    "OutputError",
    "UnknownPlace",
    "ViewError",
]


class GeomapError(Exception):
    """Base class of every error geomap raises on purpose."""


class DocumentError(GeomapError, ValueError):
    """An input document could not be read as text."""


class GazetteerError(GeomapError, ValueError):
    """A geodata record or base layer is missing or invalid."""


class UnknownPlace(GeomapError, LookupError):
    """A name matches no place in the gazetteer."""


class ViewError(GeomapError, ValueError):
    """A worldview or as-of date is not one geomap can draw."""


class OutputError(GeomapError, OSError):
    """An output file could not be written."""
