"""Write outputs: one function per format, every file written atomically.

A file is written under a temporary name in its own folder and renamed over the target,
so an interrupted or failed build leaves the previous file intact and never a half file.
"""

from __future__ import annotations

import json
import os
import pathlib
import tempfile
from collections.abc import Sequence
from typing import Any

from geomap.errors import OutputError

__all__ = ["atomic_write", "geojson_document", "write_geojson", "write_html"]


def atomic_write(path: pathlib.Path, data: bytes) -> None:
    """Write bytes to ``path`` through a temporary file and a rename."""
    folder = path.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise OutputError(f"cannot write to {folder}: {exc.strerror}") from exc
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException as exc:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        if isinstance(exc, OSError):
            raise OutputError(f"cannot write {path.name}: {exc.strerror}") from exc
        raise


def write_html(path: pathlib.Path, page: str) -> None:
    """Write an HTML page atomically."""
    atomic_write(path, page.encode("utf-8"))


def geojson_document(features: Sequence[dict[str, Any]]) -> str:
    """Return an RFC 7946 FeatureCollection as sorted-key JSON text."""
    return json.dumps({"type": "FeatureCollection", "features": list(features)}, ensure_ascii=False, sort_keys=True)


def write_geojson(path: pathlib.Path, features: Sequence[dict[str, Any]]) -> None:
    """Write a GeoJSON FeatureCollection atomically."""
    atomic_write(path, geojson_document(features).encode("utf-8"))
