"""Write outputs: one function per format, every file written atomically.

A file is written under a temporary name in its own folder and renamed over the target,
so an interrupted or failed build leaves the previous file intact and never a half file.
"""

from __future__ import annotations

import json
import os
import pathlib
import tempfile
from typing import TYPE_CHECKING, Any

from geomap.errors import OutputError

if TYPE_CHECKING:
    from geomap.tables import Tables

__all__ = [
    "atomic_write",
    "fragment",
    "geojson_document",
    "write_geojson",
    "write_gpkg",
    "write_html",
    "write_parquet",
]


def atomic_write(path: pathlib.Path, data: bytes) -> None:
    """Write bytes to ``path`` through a temporary file and a rename."""
    folder = path.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise OutputError(f"cannot write to {folder}: {exc.strerror}") from exc
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException as exc:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        if isinstance(exc, OSError):
            raise OutputError(f"cannot write {path.name}: {exc.strerror}") from exc
        raise


def write_html(path: pathlib.Path, page: str) -> None:
    """Write an HTML page atomically."""
    atomic_write(path, page.encode("utf-8"))


def _rfc7946(geom: Any) -> dict[str, Any]:
    """Return GeoJSON geometry as RFC 7946 wants it: exteriors counter-clockwise, 6 decimals."""
    import numpy as np
    import shapely

    geom = shapely.orient_polygons(geom)
    geom = shapely.transform(geom, lambda xy: np.round(xy, 6))
    return json.loads(shapely.to_geojson(geom))  # type: ignore[no-any-return]


def geojson_document(tables: Tables) -> str:
    """Return an RFC 7946 FeatureCollection of the places, with claims and mentions.

    One feature per place; properties hold administrator, claimants, the claims, names by
    party, the mention count and each mention's offsets. Longitude/latitude, no ``crs``.
    """
    claims: dict[str, list[dict[str, Any]]] = {}
    for row in tables.claims:
        claims.setdefault(row["place_id"], []).append(
            {k: v for k, v in row.items() if k != "place_id" and v is not None}
        )
    mentions: dict[str, list[dict[str, Any]]] = {}
    for row in tables.mentions:
        mentions.setdefault(row["place_id"], []).append(
            {
                "start": row["start"],
                "end": row["end"],
                "text": row["text"],
                "metonym": row["metonym"],
                "name_of": row["name_of"],
            }
        )
    features = []
    for row in tables.places:
        props = {k: v for k, v in row.items() if k != "geometry"}
        props["claims"] = claims.get(row["id"], [])
        props["mentions"] = mentions.get(row["id"], [])
        features.append(
            {"type": "Feature", "id": row["id"], "properties": props, "geometry": _rfc7946(row["geometry"])}
        )
    return json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False, sort_keys=True)


def write_geojson(path: pathlib.Path, tables: Tables) -> None:
    """Write the places as a GeoJSON FeatureCollection, atomically."""
    atomic_write(path, geojson_document(tables).encode("utf-8"))


def _columns(rows: list[dict[str, Any]], names: list[str]) -> list[Any]:
    import numpy as np

    from geomap.tables import flat

    out = []
    for name in names:
        values = [flat(r[name]) for r in rows]
        if all(isinstance(v, bool) for v in values) and values:
            out.append(np.array(values, dtype=bool))
        elif all(isinstance(v, int) and not isinstance(v, bool) for v in values) and values:
            out.append(np.array(values, dtype=np.int64))
        elif all(isinstance(v, float) for v in values) and values:
            out.append(np.array(values, dtype=np.float64))
        else:
            out.append(np.array(["" if v is None else str(v) for v in values], dtype=object))
    return out


_PLACE_FIELDS = [
    "id",
    "name",
    "kind",
    "country",
    "status",
    "administered_by",
    "claimants",
    "names_by_party",
    "mention_count",
    "wikidata",
]
_CLAIM_FIELDS = ["place_id", "party", "role", "since", "until", "basis", "source", "recognised_party", "uncertain"]
_MENTION_FIELDS = ["document", "start", "end", "text", "place_id", "score", "metonym", "name_of"]


def write_gpkg(path: pathlib.Path, tables: Tables) -> None:
    """Write a GeoPackage with layers ``places``, ``claims`` and ``mentions``, atomically.

    Lists (administered_by, claimants, name_of) and names by party are JSON text columns.
    """
    import numpy as np
    import shapely
    from pyogrio.raw import write

    tmp = _temp_beside(path)
    try:
        layers = [
            ("places", tables.places, _PLACE_FIELDS, "Unknown"),
            ("claims", tables.claims, _CLAIM_FIELDS, None),
            ("mentions", tables.mentions, _MENTION_FIELDS, "Point"),
        ]
        for layer, rows, fields, geometry_type in layers:
            geometry = np.array([shapely.to_wkb(r["geometry"]) for r in rows], dtype=object) if geometry_type else None
            write(
                str(tmp),
                geometry,
                _columns(rows, fields),
                fields,
                layer=layer,
                driver="GPKG",
                geometry_type=geometry_type,
                crs="EPSG:4326" if geometry_type else None,
                append=layer != "places",
            )
        os.replace(tmp, path)
    except Exception as exc:
        tmp.unlink(missing_ok=True)
        raise OutputError(f"cannot write {path.name}: {exc}") from exc


def write_parquet(path: pathlib.Path, tables: Tables) -> None:
    """Write GeoParquet files: ``<stem>.parquet`` (places), ``.claims.parquet``, ``.mentions.parquet``."""
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError as exc:
        raise OutputError("--format parquet needs pyarrow: pip install 'geomap[parquet]'") from exc
    import shapely

    from geomap.tables import flat

    def table(rows: list[dict[str, Any]], fields: list[str], geometry: bool) -> Any:
        data = {f: [flat(r[f]) for r in rows] for f in fields}
        meta = None
        if geometry:
            data["geometry"] = [shapely.to_wkb(r["geometry"]) for r in rows]
            types = sorted({r["geometry"].geom_type for r in rows})
            bbox = list(shapely.total_bounds([r["geometry"] for r in rows])) if rows else []
            geo = {
                "version": "1.1.0",
                "primary_column": "geometry",
                "columns": {"geometry": {"encoding": "WKB", "geometry_types": types, "bbox": bbox, "crs": None}},
            }
            meta = {b"geo": json.dumps(geo).encode()}
        return pa.table(data).replace_schema_metadata(meta) if meta else pa.table(data)

    stem = path.name[: -len(".parquet")]
    for suffix, rows, fields, geometry in (
        ("", tables.places, _PLACE_FIELDS, True),
        (".claims", tables.claims, _CLAIM_FIELDS, False),
        (".mentions", tables.mentions, _MENTION_FIELDS, True),
    ):
        target = path.with_name(f"{stem}{suffix}.parquet")
        tmp = _temp_beside(target)
        try:
            pq.write_table(table(rows, fields, geometry), tmp)
            os.replace(tmp, target)
        except Exception as exc:
            tmp.unlink(missing_ok=True)
            raise OutputError(f"cannot write {target.name}: {exc}") from exc


def fragment(page: str, title: str) -> str:
    """Return an HTML fragment that embeds a full map page in any other page.

    The map lives in an ``<iframe srcdoc>``: its scripts and element ids stay inside it, so
    two fragments on one page never collide, and the host page's styles do not leak in.
    """
    import html

    return (
        f'<figure class="geomap-fragment" style="margin:0">'
        f'<iframe title="{html.escape(title, quote=True)}" srcdoc="{html.escape(page, quote=True)}" '
        f'style="width:100%;height:520px;border:0" loading="lazy" '
        f'sandbox="allow-scripts allow-popups allow-popups-to-escape-sandbox"></iframe>'
        f"<figcaption>{html.escape(title)}</figcaption></figure>\n"
    )


def _temp_beside(path: pathlib.Path) -> pathlib.Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=path.suffix, dir=path.parent)
    os.close(fd)
    os.unlink(tmp)  # the writers create the file themselves
    return pathlib.Path(tmp)
