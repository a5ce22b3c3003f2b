"""The typed schema of geodata/: parties and curated place records.

Every record is validated on load with unknown fields refused (a typo is an error, not
a silently ignored field), so a broken record is reported with its file and field.
"""

from __future__ import annotations

import datetime as _dt
import re
from enum import Enum
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, field_validator, model_validator

from geomap.claims import PARTY_CODE, Claim, Role, Status, check_partial_date, date_floor

__all__ = ["Alias", "ClaimRecord", "GeometrySpec", "Kind", "NameRecord", "Party", "PlaceRecord"]

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


class Kind(str, Enum):
    """What sort of place a record is."""

    COUNTRY = "country"
    TERRITORY = "territory"
    ISLAND_GROUP = "island_group"
    ISLAND = "island"
    REEF = "reef"
    SEA = "sea"
    STRAIT = "strait"
    GULF = "gulf"
    REGION = "region"
    CITY = "city"
    LINE = "line"
    ZONE = "zone"
    RIVER = "river"
    LAKE = "lake"
    OCEAN = "ocean"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def _coerce_partial_date(value: Any) -> Any:
    """Accept what YAML hands us for a date: an int year, a date, or a string."""
    if isinstance(value, bool):
        raise ValueError("a date, got a boolean")
    if isinstance(value, int):
        return f"{value:04d}"
    if isinstance(value, _dt.date):
        return value.isoformat()
    return value


PartialDate = Annotated[str, BeforeValidator(_coerce_partial_date)]


class ClaimRecord(_Strict):
    """One party's stance on a place as written in geodata/, validated field by field."""

    party: str = Field(description="ISO 3166-1 alpha-3 code, or an X-range code for a non-ISO party")
    role: Role
    since: PartialDate | None = None
    until: PartialDate | None = None
    basis: str = Field(min_length=1, description="the basis of the claim, in a sentence")
    source: str = Field(pattern=r"^https?://\S+$", description="URL of a source stating it")
    recognised_party: str | None = Field(default=None, description="for role 'recognises'")
    uncertain: str | None = Field(default=None, description="what about this claim is uncertain")

    @field_validator("party", "recognised_party")
    @classmethod
    def _party_code(cls, value: str | None) -> str | None:
        if value is not None and not PARTY_CODE.match(value):
            raise ValueError(f"expected a three-letter upper-case party code, got {value!r}")
        return value

    @field_validator("since", "until")
    @classmethod
    def _dates(cls, value: str | None) -> str | None:
        return None if value is None else check_partial_date(value)

    @model_validator(mode="after")
    def _consistent(self) -> ClaimRecord:
        if self.since and self.until and date_floor(self.until) < date_floor(self.since):
            raise ValueError(f"until {self.until} is before since {self.since}")
        if (self.role is Role.RECOGNISES) != (self.recognised_party is not None):
            raise ValueError("recognised_party is required for role 'recognises' and only there")
        return self

    def to_claim(self) -> Claim:
        """Return the light runtime form of this claim."""
        return Claim(**self.model_dump())


class Party(_Strict):
    """A party to disputes: a state, or an authority governing without wide recognition."""

    code: str
    name: str = Field(min_length=1)
    color: str = Field(pattern=r"^#[0-9a-f]{6}$")
    iso: bool = Field(description="whether the code is an ISO 3166-1 alpha-3 code")
    note: str | None = None
    source: str | None = Field(default=None, pattern=r"^https?://\S+$")

    @field_validator("code")
    @classmethod
    def _code(cls, value: str) -> str:
        if not PARTY_CODE.match(value):
            raise ValueError(f"expected a three-letter upper-case code, got {value!r}")
        return value


class NameRecord(_Strict):
    """A name of a place, in a language, with the parties that use it."""

    name: str = Field(min_length=1)
    lang: str = Field(pattern=r"^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$")
    parties: tuple[str, ...] = ()
    historic: bool = False
    match: bool = Field(default=True, description="whether the extractor looks for this name in text")

    @field_validator("parties")
    @classmethod
    def _codes(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        for code in value:
            if not PARTY_CODE.match(code):
                raise ValueError(f"expected three-letter party codes, got {code!r}")
        return value


class GeometrySpec(_Strict):
    """How to draw a place: a recipe over the base layers, or coordinates of its own.

    ``type`` is one of:

    - ``country``: the Natural Earth admin-0 feature (German view) whose ``ADM0_A3`` is ``ref``;
    - ``country_default``: the Natural Earth default-view admin-0 feature whose name is
      ``ref`` ("Northern Cyprus", "Somaliland", "Siachen Glacier"), optionally clipped to
      the German-view country ``within`` (``ref: Russia, within: UKR`` gives Crimea);
    - ``marine``: the Natural Earth marine polygon named ``ref`` (or the union of several
      joined by " + ": "North Pacific Ocean + South Pacific Ocean");
    - ``points``: small features at ``coordinates`` ([lon, lat] pairs, WGS84), drawn as
      discs of ``radius_km``;
    - ``geojson``: an inline GeoJSON geometry (lon, lat, WGS84);
    - ``continent``: the union of the Natural Earth countries whose ``CONTINENT`` is ``ref``
      ("Africa", "South America"), simplified to about 2 km.

    ``point`` is a representative [lon, lat] inside the place, used for markers and labels.
    """

    type: Literal["country", "country_default", "marine", "points", "geojson", "continent"]
    ref: str | None = None
    within: str | None = Field(default=None, pattern=r"^[A-Z0-9]{3}$")
    coordinates: tuple[tuple[float, float], ...] | None = None
    radius_km: float = Field(default=1.0, gt=0, le=50)
    geojson: dict[str, Any] | None = None
    point: tuple[float, float]
    source: str = Field(pattern=r"^(https?://\S+|natural-earth|geonames)$")
    uncertain: str | None = None

    @field_validator("point")
    @classmethod
    def _lonlat(cls, value: tuple[float, float]) -> tuple[float, float]:
        lon, lat = value
        if not (-180 <= lon <= 180 and -90 <= lat <= 90):
            raise ValueError(f"expected [lon, lat] in degrees, got {list(value)}")
        return value

    @model_validator(mode="after")
    def _complete(self) -> GeometrySpec:
        needs = {
            "country": "ref",
            "country_default": "ref",
            "marine": "ref",
            "continent": "ref",
            "points": "coordinates",
            "geojson": "geojson",
        }
        field = needs[self.type]
        if getattr(self, field) is None:
            raise ValueError(f"geometry type {self.type!r} needs {field!r}")
        if self.coordinates:
            for lon, lat in self.coordinates:
                if not (-180 <= lon <= 180 and -90 <= lat <= 90):
                    raise ValueError(f"expected [lon, lat] in degrees, got {[lon, lat]}")
        return self


class PlaceRecord(_Strict):
    """A curated place: a disputed territory, a sea, a strait, a region."""

    id: str
    name: str = Field(min_length=1)
    kind: Kind
    region: str = Field(pattern=r"^[a-z]+(?:-[a-z]+)*$")
    status: Status
    resolved: int | None = Field(default=None, description="year a resolved dispute ended")
    country: str | None = Field(
        default=None, description="party code of the one country the place is in, if undisputed"
    )
    names: tuple[NameRecord, ...] = Field(min_length=1)
    wikidata: str | None = Field(default=None, pattern=r"^Q\d+$")
    geonames: int | None = None
    geometry: GeometrySpec
    claims: tuple[ClaimRecord, ...] = ()
    notes: str | None = None
    uncertain: str | None = None

    @field_validator("id")
    @classmethod
    def _slug(cls, value: str) -> str:
        if not SLUG.match(value):
            raise ValueError(f"expected a lower-case slug like 'senkaku-islands', got {value!r}")
        return value

    @field_validator("country")
    @classmethod
    def _country(cls, value: str | None) -> str | None:
        if value is not None and not PARTY_CODE.match(value):
            raise ValueError(f"expected a three-letter party code, got {value!r}")
        return value

    @model_validator(mode="after")
    def _consistent(self) -> PlaceRecord:
        if (self.status is Status.RESOLVED) != (self.resolved is not None):
            raise ValueError("'resolved' (a year) is required for status 'resolved' and only there")
        if self.status in (Status.ACTIVE, Status.DORMANT) and not self.claims:
            raise ValueError(f"status {self.status.value!r} needs claims")
        return self

    def party_codes(self) -> set[str]:
        """Return every party code the record uses."""
        codes = {c.party for c in self.claims}
        codes |= {c.recognised_party for c in self.claims if c.recognised_party}
        codes |= {p for n in self.names for p in n.parties}
        if self.country:
            codes.add(self.country)
        return codes


class Alias(_Strict):
    """A short form or other name for a country or place that the base layers lack."""

    alias: str = Field(min_length=1)
    country: str | None = Field(default=None, pattern=r"^[A-Z]{3}$")
    place: str | None = Field(default=None, pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
    lang: str = Field(pattern=r"^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$")
    match: bool = True

    @model_validator(mode="after")
    def _one_target(self) -> Alias:
        if (self.country is None) == (self.place is None):
            raise ValueError("give exactly one of 'country' (a party code) or 'place' (an id)")
        return self
