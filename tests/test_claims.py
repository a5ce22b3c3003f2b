"""Claims: validation, dates, who holds what on a date, and points of view."""

from __future__ import annotations

import datetime as dt

import pytest
from pydantic import ValidationError

from geomap.claims import Claim, Role, claims_as_of, parse_as_of, worldview_sovereign
from geomap.errors import ViewError
from geomap.records import ClaimRecord

SRC = "https://example.org/source"


def claim(party: str, role: str, since=None, until=None, **kw) -> Claim:
    data = {"party": party, "role": role, "since": since, "until": until, "basis": "b", "source": SRC, **kw}
    return ClaimRecord.model_validate(data).to_claim()


def test_partial_dates_cover_their_whole_period() -> None:
    c = claim("JPN", "administers", since=1972, until="1975-02")
    assert c.in_force(dt.date(1972, 1, 1))
    assert c.in_force(dt.date(1975, 2, 28))
    assert not c.in_force(dt.date(1975, 3, 1))
    assert not c.in_force(None)  # ended claims are not in force today


def test_as_of_before_and_after_a_change() -> None:
    claims = [
        claim("UKR", "administers", since=1991, until="2014-03-18"),
        claim("RUS", "administers", since="2014-03-18"),
        claim("UKR", "claims", since=1991),
        claim("RUS", "claims", since="2014-03-18"),
    ]
    assert claims_as_of(claims, dt.date(2013, 6, 1)).administered_by == ("UKR",)
    assert claims_as_of(claims, dt.date(2013, 6, 1)).claimants == ("UKR",)
    state = claims_as_of(claims, dt.date(2015, 6, 1))
    assert state.administered_by == ("RUS",)
    assert set(state.claimants) == {"UKR", "RUS"}


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"party": "jpn"}, "three-letter"),
        ({"party": False}, "string"),
        ({"role": "owns"}, "role"),
        ({"source": "javascript:alert(1)"}, "pattern"),
        ({"since": "1972-13-01"}, "calendar"),
        ({"since": 1980, "until": 1970}, "before since"),
        ({"role": "recognises"}, "recognised_party"),
        ({"colour": "red"}, "Extra inputs"),
    ],
)
def test_bad_claims_are_refused_with_the_field(fields: dict, message: str) -> None:
    data = {"party": "JPN", "role": "claims", "basis": "b", "source": SRC, **fields}
    with pytest.raises(ValidationError, match=message):
        ClaimRecord.model_validate(data)


def test_worldviews_draw_their_own_claims() -> None:
    state = claims_as_of(
        [claim("JPN", "administers"), claim("JPN", "claims"), claim("CHN", "claims"), claim("TWN", "claims")]
    )
    assert worldview_sovereign(state, "CHN") == "CHN"
    assert worldview_sovereign(state, "JPN") == "JPN"
    assert worldview_sovereign(state, "USA") == "JPN"
    assert worldview_sovereign(state, "neutral") is None
    assert Role("claims") is Role.CLAIMS


def test_as_of_parsing() -> None:
    assert parse_as_of("2013") == dt.date(2013, 12, 31)
    assert parse_as_of("2015-02") == dt.date(2015, 2, 28)
    with pytest.raises(ViewError, match="bad --as-of"):
        parse_as_of("yesterday")
