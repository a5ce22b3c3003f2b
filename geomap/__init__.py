"""geomap: text about territorial disputes in, layered claims maps out."""

from __future__ import annotations

__version__ = "0.1.0"
