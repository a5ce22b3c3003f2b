"""Extraction throughput on real news text: geomap against geotext, flashtext and a bare scan.

    python benchmarks/bench_throughput.py CORPUS [CORPUS ...] [--min-mb 20]

CORPUS is a JSON Lines file with a "text" field per line (the BBC set) or a folder of .txt
files. Documents stream one at a time; when the corpus is smaller than --min-mb it is read
again until that much text has passed (the figure says how many passes). Four systems run
over the same stream, in the same process:

- geomap: the full extractor (boundaries, longest match, rules, disambiguation);
- bare ahocorasick-rs: one scan of geomap's Latin-script automaton, nothing else;
- flashtext: a KeywordProcessor with the same keyword list;
- geotext: its own city and country lists.

Prints MB/s for each, geomap's speed as a multiple of flashtext's, and peak memory as the
stream goes on (it should stay flat: nothing is kept between documents).
"""

from __future__ import annotations

import argparse
import json
import pathlib
import resource
import time
from collections.abc import Callable, Iterator


def documents(paths: list[pathlib.Path]) -> Iterator[str]:
    for path in paths:
        if path.is_dir():
            for child in sorted(path.rglob("*.txt")):
                yield child.read_text(encoding="utf-8", errors="replace")
        else:
            with path.open(encoding="utf-8") as handle:
                for line in handle:
                    if line.strip():
                        yield json.loads(line)["text"]


def stream(paths: list[pathlib.Path], min_bytes: int) -> Iterator[str]:
    total = 0
    while True:
        before = total
        for text in documents(paths):
            total += len(text.encode("utf-8"))
            yield text
            if total >= min_bytes:
                return
        if total == before:
            return


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run(name: str, system: Callable[[str], object], paths: list[pathlib.Path], min_bytes: int) -> float:
    size = 0
    start = time.perf_counter()
    marks = []
    for text in stream(paths, min_bytes):
        system(text)
        size += len(text.encode("utf-8"))
        if len(marks) < 4 and size >= min_bytes * (len(marks) + 1) / 4:
            marks.append(f"{peak_mb():.0f}")
    seconds = time.perf_counter() - start
    rate = size / 1e6 / seconds
    print(
        f"{name:18} {size / 1e6:6.1f} MB in {seconds:6.2f} s = {rate:6.2f} MB/s   peak RSS at 1/4..4/4: {' '.join(marks)} MB"
    )
    return rate


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="+", type=pathlib.Path)
    parser.add_argument("--min-mb", type=float, default=20.0)
    args = parser.parse_args()
    min_bytes = int(args.min_mb * 1e6)
    one_pass = sum(len(t.encode("utf-8")) for t in documents(args.corpus))
    print(
        f"corpus: {one_pass / 1e6:.1f} MB per pass; streaming {max(one_pass, min_bytes) / 1e6:.1f} MB "
        f"({max(1.0, min_bytes / one_pass):.1f} passes)"
    )

    import ahocorasick_rs
    from flashtext import KeywordProcessor
    from geotext import GeoText

    from geomap.extraction import Extractor
    from geomap.names import fold_for_matching

    extractor = Extractor()
    keywords = [extractor._patterns[i] for i in extractor._latin_ids]
    bare = ahocorasick_rs.AhoCorasick(keywords, implementation=ahocorasick_rs.Implementation.ContiguousNFA)
    processor = KeywordProcessor(case_sensitive=True)
    for keyword in keywords:
        processor.add_keyword(keyword)
    print(f"keyword list: {len(keywords)} Latin-script names (geomap's automaton)")

    rates = {
        "geomap": run("geomap extract", extractor.extract, args.corpus, min_bytes),
        "bare": run(
            "bare ahocorasick-rs",
            lambda t: bare.find_matches_as_indexes(fold_for_matching(t), overlapping=True),
            args.corpus,
            min_bytes,
        ),
        "flashtext": run("flashtext", processor.extract_keywords, args.corpus, min_bytes),
        "geotext": run("geotext", GeoText, args.corpus, min_bytes),
    }
    print(
        f"geomap is {rates['geomap'] / rates['flashtext']:.1f}x flashtext, {rates['geomap'] / rates['geotext']:.1f}x geotext, "
        f"{rates['geomap'] / rates['bare']:.2f}x the bare scan"
    )


if __name__ == "__main__":
    main()
