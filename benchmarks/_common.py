"""Helpers the benchmark scripts share."""

from __future__ import annotations

import compileall
import pathlib


def precompile() -> None:
    """Byte-compile geomap as `pip install` does, so no timed run pays for compiling its source.

    (Some environments set PYTHONDONTWRITEBYTECODE, and a source checkout would otherwise be
    compiled again by every process; folium, the baseline, is installed and compiled.)
    """
    import geomap

    compileall.compile_dir(pathlib.Path(geomap.__file__).parent, quiet=1)
