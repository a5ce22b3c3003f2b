"""Load pickles that hold only plain data, refusing every global.

A pickle can name any importable callable and have the unpickler call it, so loading a
third-party pickle with :func:`pickle.load` runs whatever the file says. Plain data
(dict, list, tuple, set, str, bytes, int, float, bool, None) needs no global at all, so
an unpickler that refuses every global loads such a file and nothing else.
"""

from __future__ import annotations

import io
import pathlib
import pickle
from typing import Any

from geomap.errors import GazetteerError

__all__ = ["dumps", "load_path", "loads"]


class _PlainDataUnpickler(pickle.Unpickler):
    """An unpickler whose every global lookup fails."""

    def find_class(self, module: str, name: str) -> Any:
        raise pickle.UnpicklingError(f"refusing global {module}.{name} in a data-only pickle")


def loads(data: bytes) -> Any:
    """Load a plain-data pickle from bytes, refusing every global."""
    return _PlainDataUnpickler(io.BytesIO(data)).load()


def load_path(path: pathlib.Path) -> Any:
    """Load a plain-data pickle from a file; a refused or broken file raises GazetteerError."""
    import gc

    enabled = gc.isenabled()
    gc.disable()  # a plain-data pickle makes no cycles; collecting while loading is wasted time
    try:
        with open(path, "rb") as handle:
            return _PlainDataUnpickler(handle).load()
    except (pickle.UnpicklingError, EOFError, ValueError, TypeError, IndexError) as exc:
        raise GazetteerError(f"{path.name}: not a plain-data pickle ({exc})") from exc
    finally:
        if enabled:
            gc.enable()


def dumps(value: Any) -> bytes:
    """Serialise plain data; the result loads with :func:`loads`."""
    return pickle.dumps(value, protocol=5)
