"""Read a document: decode it, take its front matter, split its sentences, keep offsets.

Every offset geomap reports is a Python string index into the document's whole decoded
text, front matter included, so ``text[start:end]`` is always the mention. Front matter
is optional YAML between ``---`` lines; it is parsed with a safe loader (no objects are
constructed) and only a few string fields are kept. This module knows no places.
"""

from __future__ import annotations

import codecs
import datetime as _dt
import functools
import pathlib
import re
from dataclasses import dataclass, field
from typing import Any

from geomap.errors import DocumentError

__all__ = ["Document", "decode", "read_document", "split_sentences"]

MAX_BYTES = 200 * 1024 * 1024
FRONT_MATTER_FIELDS = ("title", "date", "source", "url", "author", "language")
_FRONT = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n---[ \t]*(?:\r?\n|\Z)", re.S)
# Abbreviations after which a full stop does not end a sentence.
_ABBREV = {
    "U.S",
    "U.K",
    "U.N",
    "E.U",
    "Mr",
    "Mrs",
    "Ms",
    "Dr",
    "Prof",
    "St",
    "Gen",
    "Lt",
    "Col",
    "Sgt",
    "Capt",
    "Rep",
    "Sen",
    "Gov",
    "Jr",
    "Sr",
    "No",
    "Nos",
    "vs",
    "etc",
    "e.g",
    "i.e",
    "Jan",
    "Feb",
    "Mar",
    "Apr",
    "Jun",
    "Jul",
    "Aug",
    "Sep",
    "Sept",
    "Oct",
    "Nov",
    "Dec",
    "Corp",
    "Inc",
    "Ltd",
    "Co",
    "Mt",
    "Ft",
    "approx",
    "Is",
    "R.O.C",
    "P.R.C",
    "D.P.R.K",
}
_END = re.compile(r"[.!?。！？]+[\"'”’)\]]*(?=\s|$)|[。！？]+[」』”]*|\n\s*\n")


@dataclass(frozen=True)
class Document:
    """A decoded document with its metadata and sentence spans.

    ``body_start`` is the offset where the text after the front matter begins;
    ``sentences`` are (start, end) offsets into ``text``.
    """

    name: str
    text: str
    body_start: int = 0
    meta: dict[str, str] = field(default_factory=dict)
    path: pathlib.Path | None = None

    @functools.cached_property
    def _sentence_starts(self) -> list[int]:
        return [start for start, _ in self.sentences]

    @functools.cached_property
    def sentences(self) -> tuple[tuple[int, int], ...]:
        """Return the (start, end) offsets of the body's sentences (split on first use)."""
        return tuple(split_sentences(self.text, self.body_start))

    @property
    def title(self) -> str:
        """Return the title: front matter's, else the first line of the body, shortened."""
        if self.meta.get("title"):
            return self.meta["title"]
        for line in self.text[self.body_start :].splitlines():
            if line.strip():
                line = line.strip()
                return line if len(line) <= 120 else line[:117].rstrip() + "…"
        return self.name

    def sentence_at(self, offset: int) -> tuple[int, int]:
        """Return the (start, end) of the sentence holding an offset."""
        import bisect

        i = bisect.bisect_right(self._sentence_starts, offset) - 1
        if 0 <= i < len(self.sentences) and self.sentences[i][0] <= offset < self.sentences[i][1]:
            return self.sentences[i]
        return (offset, offset)

    @classmethod
    def from_text(cls, text: str, name: str = "text", path: pathlib.Path | None = None) -> Document:
        """Build a document from a string (front matter and all)."""
        text = text.lstrip("\ufeff") if text.startswith("\ufeff") else text
        meta, body_start = _front_matter(text, name)
        return cls(name=name, text=text, body_start=body_start, meta=meta, path=path)


def decode(data: bytes, name: str) -> str:
    """Decode a document's bytes: UTF-8 (with or without BOM), or UTF-16 with a BOM.

    Anything else is refused with a DocumentError naming the file: guessing a legacy
    encoding silently turns names into mojibake that then matches nothing.
    """
    if not data.strip():
        raise DocumentError(f"{name}: empty document")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise DocumentError(f"{name}: broken UTF-16 text ({exc.reason})") from exc
    if b"\x00" in data[:8192]:
        raise DocumentError(f"{name}: binary file, not text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DocumentError(
            f"{name}: not UTF-8 text (invalid byte 0x{data[exc.start]:02x} at offset {exc.start}); "
            "convert it to UTF-8 first"
        ) from exc
    if not text.strip():
        raise DocumentError(f"{name}: empty document")
    return text


def read_document(path: str | pathlib.Path) -> Document:
    """Read a document file; raise DocumentError with one clear line on bad input."""
    path = pathlib.Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise DocumentError(f"{path.name}: {size / 1e6:.0f} MB is over the {MAX_BYTES // 2**20} MB limit")
        data = path.read_bytes()
    except IsADirectoryError as exc:
        raise DocumentError(f"{path}: is a folder, not a document") from exc
    except FileNotFoundError as exc:
        raise DocumentError(f"{path}: no such file") from exc
    except PermissionError as exc:
        raise DocumentError(f"{path}: permission denied") from exc
    except OSError as exc:
        raise DocumentError(f"{path}: cannot read ({exc.strerror})") from exc
    return Document.from_text(decode(data, path.name), name=path.stem, path=path)


def _front_matter(text: str, name: str) -> tuple[dict[str, str], int]:
    match = _FRONT.match(text)
    if not match:
        return {}, 0
    data: Any = _flat_mapping(match.group(1))
    if data is None:  # more than "key: value" lines: let a safe YAML loader read it
        import yaml

        try:
            data = yaml.safe_load(match.group(1))
        except yaml.YAMLError:
            return {}, 0  # not front matter after all: treat the whole file as text
    if not isinstance(data, dict):
        return {}, 0
    meta = {}
    for key in FRONT_MATTER_FIELDS:
        value = data.get(key)
        if isinstance(value, (_dt.date, _dt.datetime)):
            value = value.isoformat()[:10]
        if isinstance(value, (str, int, float)) and not isinstance(value, bool):
            meta[key] = _clean_meta(str(value))
    return meta, match.end()


_FLAT_LINE = re.compile(
    r"""^([A-Za-z_][\w-]*):(?:[ \t]+(?:"((?:[^"\\]|\\.)*)"|'((?:[^']|'')*)'|([^"'#\s].*?))?)?(?:[ \t]+#.*)?[ \t]*$"""
)


def _flat_mapping(block: str) -> dict[str, str] | None:
    """Read front matter made only of ``key: value`` lines without a YAML parser.

    Returns None when a line is anything else (lists, nesting, anchors), for the YAML
    loader to handle. Values stay strings: ``date: 2025-02-03`` is the text "2025-02-03".
    """
    out: dict[str, str] = {}
    for line in block.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        match = _FLAT_LINE.match(line)
        if not match:
            return None
        key, double, single, plain = match.groups()
        if double is not None:
            if "\\" in double:
                return None  # escapes: leave them to YAML
            value = double
        elif single is not None:
            value = single.replace("''", "'")
        else:
            value = (plain or "").strip()
            if value in ("|", ">", "|-", ">-") or value.startswith(("&", "*", "!", "[", "{")):
                return None
        out[key] = value
    return out


def _clean_meta(value: str) -> str:
    """Drop control and bidirectional-override characters from a metadata value."""
    bad = {0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069}
    return "".join(c for c in value if (c.isprintable() or c == " ") and ord(c) not in bad).strip()[:500]


def split_sentences(text: str, start: int = 0) -> list[tuple[int, int]]:
    """Split text into sentence spans (start, end), trimmed of surrounding whitespace.

    A full stop after a known abbreviation ("U.S.", "Mr.") or an initial ("J.") does not
    end a sentence; Chinese and Japanese full stops do, with no space after them.

    Examples
    --------
    >>> t = "The U.S. and Japan met. Beijing objected."
    >>> [t[s:e] for s, e in split_sentences(t)]
    ['The U.S. and Japan met.', 'Beijing objected.']
    """
    spans: list[tuple[int, int]] = []
    begin = start
    for match in _END.finditer(text, start):
        end = match.end()
        if match.group().startswith("."):
            word = re.search(r"([\w.]+)$", text[begin : match.start()])
            token = word.group(1) if word else ""
            if token in _ABBREV or re.fullmatch(r"[A-Z]", token) or re.fullmatch(r"(?:[A-Z]\.)+[A-Z]", token):
                continue
        _add_span(text, begin, end, spans)
        begin = end
    _add_span(text, begin, len(text), spans)
    return spans


def _add_span(text: str, begin: int, end: int, spans: list[tuple[int, int]]) -> None:
    while begin < end and text[begin].isspace():
        begin += 1
    while end > begin and text[end - 1].isspace():
        end -= 1
    if end > begin:
        spans.append((begin, end))
