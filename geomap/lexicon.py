"""English person names and ordinary words: telling a town from a person or a word.

GeoNames lists towns called Howard, Kennedy, Jackson and Stanley, and countries-states-
cities gives Latin "native" names such as "Saturday" and "Empire" to African provinces.
In English news those words are people and words far more often than places, so the
extractor asks for more evidence before it reads them as places. Two registry packages
give the facts, read only when the prepared index is built:

- ``names`` ships the US Census Bureau's 1990 frequency lists of first names and surnames
  (public domain data);
- ``english-words`` ships Webster's Second International word list (``web2``, public
  domain), whose lower-case entries are ordinary words ("reading", "will", "may").
"""

from __future__ import annotations

import functools

from geomap.basedata import package_file
from geomap.errors import GazetteerError

__all__ = ["all_words", "common_words", "first_names", "person_names"]

# Share of the US population (per cent) above which a name counts as a common person name.
SURNAME_SHARE = 0.02  # about 600 surnames: Jackson, Kennedy, Howard, Austin
FIRST_NAME_SHARE = 0.005  # about 2,500 first names: Michael, Chris, Stanley, Victoria
PERSON_FIRST_NAME_SHARE = 0.02  # about 1,000 first names common enough to read a town as a person


def _census(*files: str, share: float) -> set[str]:
    """Return the names of Census lists with at least ``share`` per cent, capitalised."""
    out = set()
    for name in files:
        for line in package_file("names", name).read_text(encoding="ascii").splitlines():
            fields = line.split()
            if len(fields) >= 2 and float(fields[1]) >= share:
                out.add(fields[0].capitalize())
    return out


@functools.cache
def common_words() -> frozenset[str]:
    """Return the ordinary English words (lower-case entries of Webster's word list)."""
    from geomap import safepickle

    words = safepickle.load_path(package_file("english_words", "data", "web2.pickle"))
    if not isinstance(words, set):
        raise GazetteerError("english_words/data/web2.pickle: expected a set of words")
    return frozenset(w for w in words if isinstance(w, str) and w.islower())


@functools.cache
def all_words() -> frozenset[str]:
    """Return every entry of Webster's word list, lower-cased (words and proper names)."""
    from geomap import safepickle

    words = safepickle.load_path(package_file("english_words", "data", "web2.pickle"))
    return frozenset(w.lower() for w in words if isinstance(w, str))


def first_names() -> set[str]:
    """Return common first names that are not also ordinary words ("Michael", not "Will")."""
    names = _census("dist.male.first", "dist.female.first", share=FIRST_NAME_SHARE)
    common = common_words()
    return {n for n in names if n.lower() not in common}


def person_names() -> set[str]:
    """Return names a town shares with many people: common surnames and first names."""
    return _census("dist.all.last", share=SURNAME_SHARE) | _census(
        "dist.male.first", "dist.female.first", share=PERSON_FIRST_NAME_SHARE
    )
