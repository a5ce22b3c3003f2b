"""Put the seed story's map layers into a report of your own: an HTML brief.

    python examples/report.py [OUT]

Builds a one-page report (default ``report.html``) with a headline, a table of the disputed
places the story names (who administers, who claims, since when), and the story's layers on
a map of the report's own making (folium, fitted to East Asia), saved as a single file.
"""

from __future__ import annotations

import html
import pathlib
import sys

import folium

import geomap

SEED = pathlib.Path(__file__).resolve().parents[1] / "seeds" / "2025-02-03-kyodo-ishiba-trump-summit.txt"


def report(out: pathlib.Path) -> None:
    """Write the brief to ``out``."""
    doc = geomap.read_document(SEED)
    gazetteer = geomap.Gazetteer.load()
    disputed = []
    for place_id in dict.fromkeys(m.place_id for m in geomap.extract(doc.text)):
        place = gazetteer.get(place_id)
        if place.disputed:
            disputed.append(place)

    fmap = folium.Map(location=[30, 125], zoom_start=4, tiles="OpenStreetMap")
    for layer in geomap.layers(SEED):
        layer.add_to(fmap)
    folium.LayerControl(collapsed=False).add_to(fmap)

    rows = "".join(
        f"<tr><td>{html.escape(p.name)}</td><td>{', '.join(p.state().administered_by)}</td>"
        f"<td>{', '.join(p.state().claimants)}</td></tr>"
        for p in disputed
    )
    page = f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>Brief</title></head>
<body style="font-family:sans-serif;max-width:960px;margin:auto">
<h1>Brief: {html.escape(doc.title)}</h1>
<p>{html.escape(doc.meta.get("source", ""))}, {html.escape(doc.meta.get("date", ""))}</p>
<h2>Disputed places named</h2>
<table border="1" cellpadding="4"><tr><th>Place</th><th>Administered by</th><th>Claimed by</th></tr>{rows}</table>
<h2>Map</h2>
{fmap._repr_html_()}
</body></html>"""
    out.write_text(page, encoding="utf-8")
    print(f"wrote {out}")


if __name__ == "__main__":
    report(pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "report.html"))
