"""Fuzz the reader and the extractor for a bounded time with hypothesis at scale.

    python benchmarks/fuzz_reader.py [--seconds 120]

Random bytes go through decoding, front matter and sentence splitting; random text built
from place names, punctuation, scripts, bidi and zero-width characters goes through
extraction. Every input must either give a clean DocumentError or a document whose
mentions satisfy the invariants (offsets valid, text equal, no overlaps). A failure prints
the smallest input hypothesis finds; keep it as a regression test in tests/.
"""

from __future__ import annotations

import argparse
import time

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from geomap.document import Document, decode
from geomap.errors import DocumentError
from geomap.extraction import Extractor

PIECES = [
    "Japan",
    "U.S.",
    "China",
    "Diaoyu",
    "尖閣諸島",
    "钓鱼岛",
    "독도",
    "Taiwan Strait",
    "South China Sea",
    "Georgia",
    "Washington",
    "Bank of America",
    "-",
    ".",
    "'s",
    " ",
    "\n",
    "\u202e",
    "\u200d",
    "\u200b",
    "\ufeff",
    "<script>",
    "`${",
    "{{",
    "---\n",
    "title: x\n",
    "é",
    "\u0301",
    "İ",
    "ß",
    "Ⅻ",
    "\U0001f30f",
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=120.0)
    args = parser.parse_args()
    extractor = Extractor()
    deadline = time.monotonic() + args.seconds
    counts = {"bytes": 0, "text": 0}

    def check(text: str) -> None:
        doc = Document.from_text(text)
        last = 0
        for m in extractor.extract(doc.text, doc.body_start):
            assert doc.text[m.start : m.end] == m.text and m.start >= last
            last = m.end

    @settings(max_examples=500, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    @given(st.binary(max_size=2000))
    def fuzz_bytes(data: bytes) -> None:
        counts["bytes"] += 1
        try:
            check(decode(data, "fuzz.txt"))
        except DocumentError:
            pass

    @settings(max_examples=500, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    @given(st.lists(st.sampled_from(PIECES) | st.text(max_size=8), max_size=60).map("".join))
    def fuzz_text(text: str) -> None:
        counts["text"] += 1
        check(text)

    while time.monotonic() < deadline:  # each round draws fresh random examples
        fuzz_bytes()
        fuzz_text()
    print(f"fuzzed {counts['bytes']:,} byte strings and {counts['text']:,} texts in {args.seconds:.0f} s: no failure")


if __name__ == "__main__":
    main()
