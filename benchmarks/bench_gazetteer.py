"""Time loading the gazetteer and its name index against `import geopandas`, in one run.

Each side is a fresh Python process (median of several), so imports and file reads are
paid as a user pays them. The gazetteer side loads the prepared index (built once before
timing) and builds the extractor's name automaton; it imports no map library.

    python benchmarks/bench_gazetteer.py [--runs 9]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time

from _common import precompile

GAZETTEER = "from geomap.extraction import Extractor; Extractor()"
GEOPANDAS = "import geopandas"
BARE = "pass"


def timed(code: str) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], check=True)
    return time.perf_counter() - start


def main() -> None:
    precompile()
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    timed(GAZETTEER)  # prepare the index once
    times: dict[str, list[float]] = {"python": [], "geopandas": [], "gazetteer": []}
    for _ in range(args.runs):
        times["python"].append(timed(BARE))
        times["geopandas"].append(timed(GEOPANDAS))
        times["gazetteer"].append(timed(GAZETTEER))
    med = {k: statistics.median(v) for k, v in times.items()}
    base = med["python"]
    print(f"bare python start:            median {med['python']:.3f} s over {args.runs} runs")
    print(
        f"import geopandas:             median {med['geopandas']:.3f} s ({med['geopandas'] - base:.3f} s over bare python)"
    )
    print(
        f"gazetteer + name automaton:   median {med['gazetteer']:.3f} s ({med['gazetteer'] - base:.3f} s over bare python)"
    )
    print(f"ratio of the additions: {(med['gazetteer'] - base) / (med['geopandas'] - base):.2f}x import geopandas")


if __name__ == "__main__":
    main()
