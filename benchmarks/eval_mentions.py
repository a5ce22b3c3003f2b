"""Score place-mention extraction on the hand-annotated evaluation set, against geotext.

The set is ``benchmarks/eval``: ``texts/<id>.txt`` and ``gold/<id>.json`` (source URL,
language, every place mention with offsets and geomap place id, null where geomap has no
record). Mentions are scored as exact spans: precision, recall and F1. Resolution accuracy
is the share of gold mentions with a place id, found with the exact span, that got the
same id. geotext runs on the same texts in the same run; it reports names, not offsets, so
its names are located in the text left to right, and its resolution is judged by resolving
its name with geomap's gazetteer (which favours geotext).

    python benchmarks/eval_mentions.py [--set benchmarks/eval] [--details]
"""

from __future__ import annotations

import argparse
import json
import pathlib
import re
from collections import defaultdict
from collections.abc import Callable
from typing import Any

Span = tuple[int, int, str | None]


def load_set(folder: pathlib.Path) -> list[dict[str, Any]]:
    docs = []
    for gold_path in sorted((folder / "gold").glob("*.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        text = (folder / "texts" / f"{gold['id']}.txt").read_text(encoding="utf-8")
        for m in gold["mentions"]:
            assert text[m["start"] : m["end"]] == m["text"], (gold["id"], m)
        gold["text"] = text
        docs.append(gold)
    return docs


def geomap_system() -> Callable[[str], list[Span]]:
    from geomap.extraction import Extractor

    extractor = Extractor()
    return lambda text: [(m.start, m.end, m.place_id) for m in extractor.extract(text)]


def geotext_system() -> Callable[[str], list[Span]]:
    from geotext import GeoText

    from geomap.errors import UnknownPlace
    from geomap.gazetteer import Gazetteer

    gazetteer = Gazetteer.load()

    def run(text: str) -> list[Span]:
        found = GeoText(text)
        names = list(found.cities) + list(found.countries)
        spans: list[Span] = []
        taken: list[tuple[int, int]] = []
        for name in names:
            for match in re.finditer(r"(?<!\w)" + re.escape(name) + r"(?!\w)", text):
                s, e = match.span()
                if any(s < te and ts < e for ts, te in taken):
                    continue
                try:
                    pid: str | None = gazetteer.resolve(name)[0].id
                except UnknownPlace:
                    pid = None
                spans.append((s, e, pid))
                taken.append((s, e))
                break  # geotext lists each occurrence once, in order
        return sorted(spans)

    return run


def score(docs: list[dict[str, Any]], system: Callable[[str], list[Span]]) -> dict[str, Any]:
    totals: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    details = []
    for doc in docs:
        gold = {(m["start"], m["end"]): m["place_id"] for m in doc["mentions"]}
        got = {(s, e): pid for s, e, pid in system(doc["text"])}
        for key in ("all", doc["lang"].split("-")[0]):
            t = totals[key]
            t["gold"] += len(gold)
            t["got"] += len(got)
            t["hit"] += len(gold.keys() & got.keys())
            resolvable = [k for k in gold.keys() & got.keys() if gold[k] is not None]
            t["resolvable"] += len(resolvable)
            t["right"] += sum(1 for k in resolvable if got[k] == gold[k])
        missed = [doc["text"][s:e] for s, e in sorted(gold.keys() - got.keys())]
        extra = [doc["text"][s:e] for s, e in sorted(got.keys() - gold.keys())]
        wrong = [
            f"{doc['text'][s:e]}→{got[(s, e)]} (gold {gold[(s, e)]})"
            for s, e in sorted(gold.keys() & got.keys())
            if gold[(s, e)] is not None and got[(s, e)] != gold[(s, e)]
        ]
        details.append({"id": doc["id"], "missed": missed, "extra": extra, "wrong": wrong})
    table = {}
    for key, t in totals.items():
        p = t["hit"] / t["got"] if t["got"] else 0.0
        r = t["hit"] / t["gold"] if t["gold"] else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        acc = t["right"] / t["resolvable"] if t["resolvable"] else 0.0
        table[key] = {"precision": p, "recall": r, "f1": f, "resolution": acc, "gold": t["gold"], "texts": 0}
    for doc in docs:
        table["all"]["texts"] += 1
        table[doc["lang"].split("-")[0]]["texts"] += 1
    return {"table": table, "details": details}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", default=str(pathlib.Path(__file__).parent / "eval"))
    parser.add_argument("--details", action="store_true", help="list misses, extras and wrong ids per text")
    args = parser.parse_args()
    docs = load_set(pathlib.Path(args.set))
    systems = {"geomap": geomap_system(), "geotext": geotext_system()}
    print(f"{len(docs)} texts, {sum(len(d['mentions']) for d in docs)} gold mentions")
    print(f"{'system':8} {'subset':6} {'texts':>5} {'gold':>5} {'P':>6} {'R':>6} {'F1':>6} {'resolution':>10}")
    for name, system in systems.items():
        result = score(docs, system)
        for key, row in sorted(result["table"].items(), key=lambda kv: (kv[0] != "all", kv[0])):
            print(
                f"{name:8} {key:6} {row['texts']:5d} {row['gold']:5d} {row['precision']:6.3f} {row['recall']:6.3f} "
                f"{row['f1']:6.3f} {row['resolution']:10.3f}"
            )
        if args.details and name == "geomap":
            for d in result["details"]:
                if d["missed"] or d["extra"] or d["wrong"]:
                    print(f"  {d['id']}: missed {d['missed']} extra {d['extra']} wrong {d['wrong']}")


if __name__ == "__main__":
    main()
