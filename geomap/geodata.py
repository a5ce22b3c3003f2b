"""Find, read and validate the curated data in geodata/.

geodata/ holds ``parties.yaml`` and one YAML file per place in ``places/`` (the file stem
is the record id). YAML is read with YAML 1.2 booleans: only ``true`` and ``false`` are
booleans, so Norway's code ``NO`` stays a string instead of turning into ``False``.
Every problem is reported as ``<file>: <field>: <message>``.
"""

from __future__ import annotations

import functools
import hashlib
import os
import pathlib
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from geomap.errors import GazetteerError

if TYPE_CHECKING:
    from pydantic import ValidationError

    from geomap.records import Party, PlaceRecord

__all__ = [
    "GeodataProblem",
    "find_geodata",
    "geodata_digest",
    "load_aliases",
    "load_parties",
    "load_places",
    "read_yaml",
]


@functools.lru_cache(maxsize=1)
def _yaml12_loader() -> Any:
    """Return a safe YAML loader whose booleans are YAML 1.2's: ``true``/``false`` only."""
    import yaml

    base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

    class Yaml12Loader(base):  # type: ignore[misc, valid-type]
        pass

    Yaml12Loader.yaml_implicit_resolvers = {
        key: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:bool"]
        for key, resolvers in base.yaml_implicit_resolvers.items()
    }
    Yaml12Loader.add_implicit_resolver(
        "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
    )
    return Yaml12Loader


def find_geodata() -> pathlib.Path:
    """Return the geodata folder: ``$GEOMAP_GEODATA``, the source tree's, or the installed copy.

    A source checkout's ``geodata/`` wins over the copy inside an installed wheel, so a
    curator's edit is seen without reinstalling.
    """
    env = os.environ.get("GEOMAP_GEODATA")
    if env:
        path = pathlib.Path(env)
        if not (path / "parties.yaml").is_file():
            raise GazetteerError(f"GEOMAP_GEODATA={env}: no parties.yaml there")
        return path
    package = pathlib.Path(__file__).resolve().parent
    for path in (package.parent / "geodata", package / "_geodata"):
        if (path / "parties.yaml").is_file():
            return path
    raise GazetteerError("geodata folder not found (set GEOMAP_GEODATA or reinstall geomap)")


def read_yaml(path: pathlib.Path) -> Any:
    """Parse one YAML file safely (no object construction), with YAML 1.2 booleans."""
    try:
        text = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as exc:
        raise GazetteerError(f"{path.name}: not UTF-8 text ({exc.reason} at byte {exc.start})") from exc
    except OSError as exc:
        raise GazetteerError(f"{path.name}: cannot read ({exc.strerror})") from exc
    import yaml

    try:
        return yaml.load(text, Loader=_yaml12_loader())  # noqa: S506 - a SafeLoader subclass
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" line {mark.line + 1}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise GazetteerError(f"{path.name}:{where}: bad YAML: {problem}") from exc


def geodata_digest(root: pathlib.Path) -> str:
    """Return a digest of every geodata file's name and bytes (keys the prepared index)."""
    digest = hashlib.sha256()
    for path in sorted(root.rglob("*.yaml")):
        digest.update(str(path.relative_to(root)).encode())
        digest.update(b"\0")
        digest.update(path.read_bytes())
        digest.update(b"\0")
    return digest.hexdigest()[:16]


@dataclass(frozen=True)
class GeodataProblem:
    """One problem in geodata/: the file, the field and what is wrong."""

    file: str
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}: {self.field}: {self.message}" if self.field else f"{self.file}: {self.message}"


def _problems_from(exc: ValidationError, file: str, prefix: str = "") -> list[GeodataProblem]:
    out = []
    for error in exc.errors():
        loc = ".".join(str(part) for part in error["loc"])
        out.append(GeodataProblem(file, prefix + loc, error["msg"]))
    return out


def load_parties(root: pathlib.Path) -> dict[str, Party]:
    """Load and validate parties.yaml; raise GazetteerError naming the file and field."""
    from pydantic import ValidationError

    from geomap.records import Party

    path = root / "parties.yaml"
    data = read_yaml(path)
    if not isinstance(data, list):
        raise GazetteerError(f"{path.name}: expected a list of parties")
    parties: dict[str, Party] = {}
    for i, entry in enumerate(data):
        try:
            party = Party.model_validate(entry)
        except ValidationError as exc:
            raise GazetteerError(str(_problems_from(exc, path.name, f"[{i}].")[0])) from exc
        if party.code in parties:
            raise GazetteerError(f"{path.name}: [{i}].code: duplicate party {party.code}")
        parties[party.code] = party
    return parties


def load_aliases(root: pathlib.Path) -> list[Any]:
    """Load and validate aliases.yaml (a missing file means no aliases)."""
    from pydantic import ValidationError

    from geomap.records import Alias

    path = root / "aliases.yaml"
    if not path.is_file():
        return []
    data = read_yaml(path)
    if not isinstance(data, list):
        raise GazetteerError(f"{path.name}: expected a list of aliases")
    out = []
    for i, entry in enumerate(data):
        try:
            out.append(Alias.model_validate(entry))
        except ValidationError as exc:
            raise GazetteerError(str(_problems_from(exc, path.name, f"[{i}].")[0])) from exc
    return out


def load_places(
    root: pathlib.Path, parties: dict[str, Party], *, collect: list[GeodataProblem] | None = None
) -> list[PlaceRecord]:
    """Load every place record, checking schema, id and party codes.

    With ``collect`` given, problems are appended there and the valid records returned;
    without it, the first problem raises GazetteerError.
    """
    from pydantic import ValidationError

    from geomap.records import PlaceRecord

    records = []
    for path in sorted((root / "places").glob("*.yaml")):
        name = f"places/{path.name}"
        try:
            data = read_yaml(path)
        except GazetteerError as exc:
            problem = GeodataProblem(name, "", str(exc).split(": ", 1)[-1])
            if collect is None:
                raise GazetteerError(str(problem)) from exc
            collect.append(problem)
            continue
        problems: list[GeodataProblem] = []
        record = None
        if not isinstance(data, dict):
            problems.append(GeodataProblem(name, "", "expected a mapping of fields"))
        else:
            try:
                record = PlaceRecord.model_validate(data)
            except ValidationError as exc:
                problems.extend(_problems_from(exc, name))
        if record is not None:
            if record.id != path.stem:
                problems.append(GeodataProblem(name, "id", f"{record.id!r} differs from the file stem"))
            for code in sorted(record.party_codes() - parties.keys()):
                problems.append(GeodataProblem(name, "claims", f"unknown party {code!r} (not in parties.yaml)"))
        if problems:
            if collect is None:
                raise GazetteerError(str(problems[0]))
            collect.extend(problems)
            continue
        records.append(record)
    return records  # type: ignore[return-value]
