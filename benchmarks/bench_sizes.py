"""Map sizes: the seed, and a generated story naming 50 countries, online and offline.

    python benchmarks/bench_sizes.py

Targets (issue 5): the seed under 600 KB online and 1.5 MB offline; a 50-country story
under 3 MB online.
"""

from __future__ import annotations

import pathlib
import subprocess
import sys
import tempfile

ROOT = pathlib.Path(__file__).resolve().parents[1]
COUNTRIES = [
    "China",
    "Japan",
    "India",
    "Pakistan",
    "Russia",
    "Ukraine",
    "United States",
    "Canada",
    "Mexico",
    "Brazil",
    "Argentina",
    "Chile",
    "Peru",
    "Colombia",
    "Venezuela",
    "Guyana",
    "United Kingdom",
    "France",
    "Spain",
    "Portugal",
    "Morocco",
    "Algeria",
    "Egypt",
    "Sudan",
    "Ethiopia",
    "Kenya",
    "Somalia",
    "Nigeria",
    "Cameroon",
    "South Africa",
    "Australia",
    "Indonesia",
    "Malaysia",
    "Philippines",
    "Vietnam",
    "Thailand",
    "Cambodia",
    "South Korea",
    "North Korea",
    "Mongolia",
    "Kazakhstan",
    "Iran",
    "Iraq",
    "Syria",
    "Israel",
    "Turkey",
    "Greece",
    "Cyprus",
    "Georgia",
    "Azerbaijan",
]


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = pathlib.Path(tmp)
        story = folder / "fifty.txt"
        story.write_text(
            "---\ntitle: Fifty countries\n---\n"
            + " ".join(f"Officials from {c} met on Monday." for c in COUNTRIES)
            + "\n",
            encoding="utf-8",
        )
        seed = next((ROOT / "seeds").glob("*.txt"))
        for offline in (False, True):
            out = folder / ("offline" if offline else "online")
            cmd = [sys.executable, "-m", "geomap.cli", "build", str(seed), str(story), "--out", str(out)]
            subprocess.run(cmd + (["--offline"] if offline else []), check=True, capture_output=True)
            for page in sorted(out.glob("*.html")):
                if page.name != "index.html":
                    kind = "offline" if offline else "online"
                    print(f"{kind:7} {page.name:50} {page.stat().st_size / 1024:8.0f} KB")


if __name__ == "__main__":
    main()
