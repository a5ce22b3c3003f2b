"""The pipeline: documents in, maps out (document → mentions → places → layers → files).

The command line and the Python API both call :func:`build`. Map libraries are imported
here, lazily, so ``geomap extract`` and ``geomap resolve`` start without them.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import pathlib
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from geomap.claims import parse_as_of
from geomap.document import Document, read_document
from geomap.errors import GeomapError, ViewError
from geomap.extraction import Extractor, Mention
from geomap.gazetteer import Gazetteer

__all__ = ["BuildResult", "FORMATS", "build", "collect_inputs", "output_stem", "validate_view"]

FORMATS = ("html", "geojson", "gpkg", "parquet", "png", "svg", "fragment")
_SKIP_SUFFIXES = {".html", ".geojson", ".json", ".pickle", ".png", ".jpg", ".gpkg", ".parquet"}


@dataclass
class BuildResult:
    """What a build wrote, and the documents it could not read (one line each)."""

    written: list[pathlib.Path] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    maps: list[dict[str, Any]] = field(default_factory=list)


def collect_inputs(paths: Iterable[str | pathlib.Path]) -> list[pathlib.Path]:
    """Return the documents to build: files as given, folders walked (hidden files skipped)."""
    found: list[pathlib.Path] = []
    for raw in paths:
        path = pathlib.Path(raw)
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                rel = child.relative_to(path)
                if child.is_file() and not any(part.startswith(".") for part in rel.parts):
                    if child.suffix.lower() not in _SKIP_SUFFIXES:
                        found.append(child)
        elif path.exists():
            found.append(path)
        else:
            raise GeomapError(f"{path}: no such file or folder")
    return list(dict.fromkeys(found))


def output_stem(path: pathlib.Path, taken: set[str]) -> str:
    """Return a safe, unique output name for a document.

    Keeps letters and digits of any script, so 尖閣.txt stays readable; anything that could
    steer a path (separators, dots, control characters) becomes ``-``. Two documents with
    the same stem in different folders get distinct names (a short hash of the path).
    """
    stem = unicodedata.normalize("NFC", path.stem)
    stem = re.sub(r"[^\w\-]+", "-", stem, flags=re.UNICODE).strip("-_")[:80] or "document"
    if stem.lower() == "index":
        stem = "index-document"
    candidate = stem
    if candidate.lower() in taken:
        digest = hashlib.sha256(str(path.resolve()).encode()).hexdigest()[:8]
        candidate = f"{stem}-{digest}"
    taken.add(candidate.lower())
    return candidate


def validate_view(worldview: str, as_of: str | _dt.date | None, gazetteer: Gazetteer) -> tuple[str, _dt.date | None]:
    """Check ``--worldview`` and ``--as-of``; raise ViewError with one clear line."""
    view = worldview.strip()
    if view.lower() == "neutral":
        view = "neutral"
    else:
        view = view.upper()
        if view not in gazetteer.parties:
            raise ViewError(
                f"unknown --worldview {worldview!r}: expected 'neutral' or a party code such as CHN, JPN, TWN"
            )
    return view, parse_as_of(as_of)


def build(
    inputs: Sequence[str | pathlib.Path],
    out_dir: str | pathlib.Path = "maps",
    *,
    formats: Sequence[str] = ("html",),
    offline: bool = False,
    worldview: str = "neutral",
    as_of: str | _dt.date | None = None,
    progress: Callable[[pathlib.Path], None] | None = None,
    dpi: int = 150,
    jobs: int = 1,
) -> BuildResult:
    """Build a map (and other formats) for each document, then the index page.

    A document that cannot be read is reported in ``result.errors`` and skipped; the
    others are built. Every file is written atomically, so an interrupted build (Ctrl-C)
    keeps every map already written, and the index lists them. With ``jobs`` > 1 the
    documents are shared among worker processes, one document at a time each, so memory
    stays flat however many documents there are.
    """
    from geomap.render import MapOptions

    for fmt in formats:
        if fmt not in FORMATS:
            raise GeomapError(f"unknown format {fmt!r}: expected some of {', '.join(FORMATS)}")
    out = pathlib.Path(out_dir)
    gazetteer = Gazetteer.load()
    view, date = validate_view(worldview, as_of, gazetteer)
    _Worker.setup(gazetteer, MapOptions(worldview=view, as_of=date, offline=offline), out, tuple(formats), dpi)
    taken: set[str] = set()
    tasks = [(path, output_stem(path, taken)) for path in collect_inputs(inputs)]
    result = BuildResult()
    try:
        for path, outcome in _run(tasks, jobs):
            maps, errors, written = outcome
            result.maps += maps
            result.errors += errors
            result.written += written
            if progress:
                progress(path)
    finally:
        _write_index(out, result.maps)  # also after Ctrl-C: the maps written so far
        result.written.append(out / "index.html")
    return result


class _Worker:
    """What every worker needs, set once per process (inherited when workers fork)."""

    gazetteer: Gazetteer
    extractor: Extractor
    options: Any
    out: pathlib.Path
    formats: tuple[str, ...]
    dpi: int

    @classmethod
    def setup(cls, gazetteer: Gazetteer, options: Any, out: pathlib.Path, formats: tuple[str, ...], dpi: int) -> None:
        cls.gazetteer, cls.options, cls.out, cls.formats, cls.dpi = gazetteer, options, out, formats, dpi
        cls.extractor = Extractor(gazetteer)


def _build_one(task: tuple[pathlib.Path, str]) -> tuple[pathlib.Path, tuple[list[Any], list[str], list[pathlib.Path]]]:
    """Build one document's outputs; return (path, (map summaries, errors, files written))."""
    path, stem = task
    w = _Worker
    try:
        doc = read_document(path)
        mentions = w.extractor.extract(doc.text, doc.body_start)
        written: list[pathlib.Path] = []
        summary = _write_document(doc, mentions, stem, w.out, w.formats, w.gazetteer, w.options, written, w.dpi)
    except GeomapError as exc:
        return path, ([], [str(exc)], [])
    return path, ([summary], [], written)


def _run(tasks: list[tuple[pathlib.Path, str]], jobs: int) -> Iterator[tuple[pathlib.Path, Any]]:
    """Yield each task's outcome in input order, in this process or in ``jobs`` workers."""
    if jobs <= 1 or len(tasks) < 2:
        for task in tasks:
            yield _build_one(task)
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    context = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else None)
    with ProcessPoolExecutor(max_workers=jobs, mp_context=context) as pool:
        try:
            yield from pool.map(_build_one, tasks, chunksize=4)
        except BaseException:
            pool.shutdown(wait=False, cancel_futures=True)
            raise


def _write_document(
    doc: Document,
    mentions: list[Mention],
    stem: str,
    out: pathlib.Path,
    formats: Sequence[str],
    gazetteer: Gazetteer,
    options: Any,
    written: list[pathlib.Path],
    dpi: int = 150,
) -> dict[str, Any]:
    from geomap import export
    from geomap.render import build_folium_map, place_views
    from geomap.tables import build_tables
    from geomap.thumbnail import thumbnail_svg

    views = place_views(mentions, gazetteer, options.as_of)
    if "html" in formats or "fragment" in formats:
        page = build_folium_map(doc, mentions, gazetteer, options).get_root().render()
        if "html" in formats:
            export.write_html(out / f"{stem}.html", page)
            written.append(out / f"{stem}.html")
        if "fragment" in formats:
            export.write_html(out / f"{stem}.fragment.html", export.fragment(page, doc.title))
            written.append(out / f"{stem}.fragment.html")
    tables = build_tables(views, gazetteer, document=doc.name)
    if "geojson" in formats:
        export.write_geojson(out / f"{stem}.geojson", tables)
        written.append(out / f"{stem}.geojson")
    if "gpkg" in formats:
        export.write_gpkg(out / f"{stem}.gpkg", tables)
        written.append(out / f"{stem}.gpkg")
    if "parquet" in formats:
        export.write_parquet(out / f"{stem}.parquet", tables)
        written.append(out / f"{stem}.parquet")
    for fmt in ("png", "svg"):
        if fmt in formats:
            from geomap.static import render_static

            export.atomic_write(out / f"{stem}.{fmt}", render_static(doc, views, gazetteer, options, fmt, dpi))
            written.append(out / f"{stem}.{fmt}")
    return {
        "stem": stem,
        "title": doc.title,
        "date": doc.meta.get("date", ""),
        "source": doc.meta.get("source", ""),
        "places": [v.place.name for v in views],
        "disputed": [v.place.name for v in views if v.disputed],
        "thumbnail": thumbnail_svg(views, gazetteer),
    }


def _write_index(out: pathlib.Path, maps: list[dict[str, Any]]) -> None:
    """Write index.html: one card per map with title, date, places and disputes."""
    from geomap.export import write_html
    from geomap.render import esc

    cards = []
    for entry in sorted(maps, key=lambda e: (e["date"], e["stem"]), reverse=True):
        places = ", ".join(entry["places"][:20]) + (" …" if len(entry["places"]) > 20 else "")
        disputed = ", ".join(entry["disputed"]) or "none"
        cards.append(
            f'<article><a href="{esc(entry["stem"])}.html">{entry["thumbnail"]}</a>'
            f'<h2><a href="{esc(entry["stem"])}.html">{esc(entry["title"])}</a></h2>'
            f'<p class="meta">{esc(" · ".join(x for x in (entry["date"], entry["source"]) if x))}</p>'
            f"<p><b>Disputed:</b> {esc(disputed)}</p><p><b>Places:</b> {esc(places)}</p></article>"
        )
    page = (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        "<title>geomap: maps</title><style>body{font:15px/1.45 system-ui,sans-serif;max-width:900px;margin:2em auto;padding:0 1em}"
        "article{border-bottom:1px solid #ddd;padding:.6em 0;overflow:hidden}.thumb{float:left;margin:0 1em .4em 0;border:1px solid #ccc}h2{font-size:18px;margin:0}.meta{color:#666;margin:.2em 0}</style>"
        "</head><body><h1>Maps</h1>"
        f"<p>{len(maps)} map{'s' if len(maps) != 1 else ''} built by geomap.</p>" + "".join(cards) + "</body></html>\n"
    )
    write_html(out / "index.html", page)
