"""Parties' claims on a place, and what they add up to on a date or from a point of view.

A claim is one party's stance on one place: it *administers* it, *claims* sovereignty,
*recognises* another party's sovereignty, or states a *position* that is none of these
(the United States on the Senkaku Islands). Claims carry partial dates (``1972``,
``1972-05``, ``1972-05-15``) because sources rarely give more, and each carries the URL
of the source that states it. Nothing here knows about files or maps.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass
from enum import Enum
from typing import Any

__all__ = [
    "Claim",
    "ClaimState",
    "Role",
    "Status",
    "check_partial_date",
    "claims_as_of",
    "date_ceiling",
    "date_floor",
    "parse_as_of",
    "worldview_sovereign",
]

PARTY_CODE = re.compile(r"^[A-Z]{3}$")
_PARTIAL_DATE = re.compile(r"^(-?\d{1,4})(?:-(\d{2})(?:-(\d{2}))?)?$")


class Role(str, Enum):
    """What a party does or says about a place."""

    ADMINISTERS = "administers"
    CLAIMS = "claims"
    RECOGNISES = "recognises"
    POSITION = "position"


class Status(str, Enum):
    """Whether a dispute is live."""

    ACTIVE = "active"
    DORMANT = "dormant"
    RESOLVED = "resolved"
    NONE = "none"


def check_partial_date(value: str) -> str:
    """Return a partial date (``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD``) if valid, else raise ValueError."""
    match = _PARTIAL_DATE.match(value)
    if not match:
        raise ValueError(f"expected YYYY, YYYY-MM or YYYY-MM-DD, got {value!r}")
    year, month, day = match.groups()
    try:
        _dt.date(max(1, int(year)), int(month or 1), int(day or 1))
    except ValueError as exc:
        raise ValueError(f"not a calendar date: {value!r}") from exc
    return value


def date_floor(value: str) -> _dt.date:
    """Return the first day a partial date covers (``1972`` → 1972-01-01)."""
    year, month, day = _PARTIAL_DATE.match(value).groups()  # type: ignore[union-attr]
    return _dt.date(max(1, int(year)), int(month or 1), int(day or 1))


def date_ceiling(value: str) -> _dt.date:
    """Return the last day a partial date covers (``1972`` → 1972-12-31)."""
    year, month, day = _PARTIAL_DATE.match(value).groups()  # type: ignore[union-attr]
    y = max(1, int(year))
    if month is None:
        return _dt.date(y, 12, 31)
    if day is None:
        nxt = _dt.date(y + (int(month) == 12), int(month) % 12 + 1, 1)
        return nxt - _dt.timedelta(days=1)
    return _dt.date(y, int(month), int(day))


@dataclass(frozen=True)
class Claim:
    """One party's stance on a place, with its dates, basis and source.

    Records are validated when geodata/ is read (:class:`geomap.records.ClaimRecord`); this
    is the light, checked-on-construction form the rest of geomap uses.
    """

    party: str
    role: Role
    basis: str
    source: str
    since: str | None = None
    until: str | None = None
    recognised_party: str | None = None
    uncertain: str | None = None

    def __post_init__(self) -> None:
        if not PARTY_CODE.match(self.party):
            raise ValueError(f"expected a three-letter upper-case party code, got {self.party!r}")
        if not isinstance(self.role, Role):
            object.__setattr__(self, "role", Role(self.role))
        for value in (self.since, self.until):
            if value is not None:
                check_partial_date(value)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Claim:
        """Build a claim from its JSON form (as stored in the prepared index)."""
        return cls(**data)

    def to_json(self) -> dict[str, Any]:
        """Return the claim as JSON output shows it (fields that are set, role as text)."""
        out: dict[str, Any] = {"party": self.party, "role": self.role.value, "basis": self.basis, "source": self.source}
        for key in ("since", "until", "recognised_party", "uncertain"):
            value = getattr(self, key)
            if value is not None:
                out[key] = value
        return out

    def in_force(self, on: _dt.date | None) -> bool:
        """Return whether the claim holds on a date (``None``: today, i.e. not ended)."""
        if on is None:
            return self.until is None
        if self.since is not None and on < date_floor(self.since):
            return False
        return self.until is None or on <= date_ceiling(self.until)


@dataclass(frozen=True)
class ClaimState:
    """Who administers and who claims a place on one date."""

    administered_by: tuple[str, ...]
    claimants: tuple[str, ...]
    claims: tuple[Claim, ...]

    @property
    def disputed(self) -> bool:
        """Return whether more than one party asserts sovereignty or control."""
        return len(set(self.claimants) | set(self.administered_by)) > 1


def parse_as_of(value: str | _dt.date | None) -> _dt.date | None:
    """Parse an ``--as-of`` value (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``).

    A partial date means its last day: ``--as-of 2013`` is the end of 2013.
    """
    if value is None or isinstance(value, _dt.date):
        return value
    try:
        return date_ceiling(check_partial_date(str(value).strip()))
    except ValueError as exc:
        from geomap.errors import ViewError

        raise ViewError(f"bad --as-of date {value!r}: expected YYYY, YYYY-MM or YYYY-MM-DD") from exc


def claims_as_of(claims: tuple[Claim, ...] | list[Claim], on: _dt.date | None = None) -> ClaimState:
    """Return the claims in force on a date and the parties they make administrator and claimant.

    Parameters
    ----------
    claims
        A place's claims.
    on
        The date; ``None`` means now (every claim without an ``until``).
    """
    live = tuple(c for c in claims if c.in_force(on))
    admin = tuple(dict.fromkeys(c.party for c in live if c.role is Role.ADMINISTERS))
    claimants = tuple(dict.fromkeys(c.party for c in live if c.role is Role.CLAIMS))
    return ClaimState(administered_by=admin, claimants=claimants, claims=live)


def worldview_sovereign(state: ClaimState, worldview: str) -> str | None:
    """Return the party a worldview draws as sovereign of a place, or ``None`` for neutral.

    A party draws a place as its own when it claims it; otherwise as the territory of the
    party it recognises, else of the administering party. ``neutral`` draws no sovereign.
    """
    if worldview == "neutral":
        return None
    if worldview in state.claimants:
        return worldview
    for claim in state.claims:
        if claim.party == worldview and claim.role is Role.RECOGNISES:
            return claim.recognised_party
    return state.administered_by[0] if len(state.administered_by) == 1 else None
