"""Load run: build maps for 1,000 generated documents in one command, on two cores.

    python benchmarks/bench_load.py CORPUS.jsonl [--docs 1000] [--jobs 2]

Documents are made from the corpus's articles (its "text" field), each with a sentence
about a territorial dispute appended so every map has a disputed place. The build runs
as `geomap build FOLDER --jobs N` in a fresh process, twice: with a quarter of the
documents and with all of them. Printed: documents per second, and the peak resident
memory of the largest process in each run (it should not grow with the document count).
"""

from __future__ import annotations

import argparse
import json
import pathlib
import subprocess
import sys
import tempfile
import time

DISPUTES = [
    "Officials in Tokyo protested after Chinese vessels entered waters near the Senkaku Islands.",
    "Argentina renewed its claim to the Falkland Islands, which Britain administers.",
    "Seoul rejected Tokyo's claim to the Liancourt Rocks, which Korea calls Dokdo.",
    "Russia has administered Crimea since 2014; Ukraine and most UN members reject the annexation.",
    "India and Pakistan both claim Kashmir; China holds Aksai Chin.",
]


def make_documents(corpus: pathlib.Path, folder: pathlib.Path, count: int) -> int:
    folder.mkdir(parents=True, exist_ok=True)
    total = 0
    with corpus.open(encoding="utf-8") as handle:
        for i, line in enumerate(handle):
            if i >= count:
                break
            text = json.loads(line)["text"] + "\n\n" + DISPUTES[i % len(DISPUTES)] + "\n"
            (folder / f"doc{i:05d}.txt").write_text(text, encoding="utf-8")
            total += len(text.encode("utf-8"))
    return total


def run(folder: pathlib.Path, out: pathlib.Path, jobs: int) -> tuple[float, float]:
    script = (
        "import resource, subprocess, sys; "
        f"subprocess.run([sys.executable, '-m', 'geomap.cli', 'build', {str(folder)!r}, '--out', {str(out)!r}, "
        f"'--jobs', '{jobs}'], check=True, capture_output=True); "
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
    )
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", script], check=True, capture_output=True, text=True)
    return time.perf_counter() - start, int(done.stdout.strip()) / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=pathlib.Path)
    parser.add_argument("--docs", type=int, default=1000)
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = pathlib.Path(tmp)
        for count in (args.docs // 4, args.docs):
            folder = root / f"docs{count}"
            size = make_documents(args.corpus, folder, count)
            seconds, peak = run(folder, root / f"maps{count}", args.jobs)
            maps = len(list((root / f"maps{count}").glob("doc*.html")))
            print(
                f"{count:5d} documents ({size / 1e6:.1f} MB), --jobs {args.jobs}: {maps} maps in {seconds:.1f} s = "
                f"{count / seconds:.1f} documents/s; peak memory of the largest process {peak:.0f} MB"
            )


if __name__ == "__main__":
    main()
