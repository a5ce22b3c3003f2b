"""Time a cold `geomap build` of the seed against a baseline process, in the same run.

The baseline is the least a folium map costs: a fresh Python that imports folium and
saves an empty map. geomap's build is a fresh process too (index already prepared, as
on every run after the first). Runs alternate, and each side reports its median.

    python benchmarks/bench_build.py [--runs 7] [--seed seeds]

Prints the medians, the ratio, and the map sizes (online and --offline).
"""

from __future__ import annotations

import argparse
import pathlib
import statistics
import subprocess
import sys
import tempfile
import time

from _common import precompile

BASELINE = "import folium, sys; folium.Map().save(sys.argv[1])"


def timed(cmd: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> None:
    precompile()
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--seed", default="seeds")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        out = pathlib.Path(tmp)
        geomap = [sys.executable, "-m", "geomap.cli", "build", args.seed, "--out", str(out / "online")]
        subprocess.run(geomap, check=True, capture_output=True)  # prepare the index once
        base_times, build_times = [], []
        for _ in range(args.runs):
            base_times.append(timed([sys.executable, "-c", BASELINE, str(out / "empty.html")]))
            build_times.append(timed(geomap))
        subprocess.run(geomap[:-1] + [str(out / "offline"), "--offline"], check=True, capture_output=True)
        base, build = statistics.median(base_times), statistics.median(build_times)
        print(f"baseline (import folium, save empty map): median {base:.3f} s over {args.runs} runs")
        print(f"geomap build {args.seed}:                  median {build:.3f} s over {args.runs} runs")
        print(f"ratio: {build / base:.2f}x the baseline")
        for kind in ("online", "offline"):
            for page in sorted((out / kind).glob("*.html")):
                if page.name != "index.html":
                    print(f"{kind} map {page.name}: {page.stat().st_size / 1024:.0f} KB")


if __name__ == "__main__":
    main()
