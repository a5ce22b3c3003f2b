"""Time `geomap build` of the seed for each output format, in the same run.

    python benchmarks/bench_formats.py [--runs 3] [--seed seeds]

Each build is a fresh process (index prepared beforehand); medians are printed with the
ratio to `--format html` and the size of what was written.
"""

from __future__ import annotations

import argparse
import pathlib
import statistics
import subprocess
import sys
import tempfile
import time

FORMATS = ["html", "geojson", "gpkg", "parquet", "png", "svg", "fragment"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--seed", default="seeds")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:

        def build(fmt: str) -> float:
            out = pathlib.Path(tmp) / fmt
            start = time.perf_counter()
            cmd = [sys.executable, "-m", "geomap.cli", "build", args.seed, "--out", str(out), "--format", fmt]
            subprocess.run(cmd, check=True, capture_output=True)
            return time.perf_counter() - start

        build("html")
        times = {fmt: [] for fmt in FORMATS}
        for _ in range(args.runs):
            for fmt in FORMATS:
                times[fmt].append(build(fmt))
        base = statistics.median(times["html"])
        for fmt in FORMATS:
            med = statistics.median(times[fmt])
            size = sum(p.stat().st_size for p in (pathlib.Path(tmp) / fmt).iterdir() if p.name != "index.html")
            print(f"--format {fmt:9} median {med:6.2f} s  ({med / base:4.1f}x html)  {size / 1024:8.0f} KB")


if __name__ == "__main__":
    main()
