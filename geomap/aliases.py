"""Which names the extractor looks for in text, and which places each may mean.

The table is built once with the prepared index: every matchable name of every curated
place, country and sea, and a filtered set of city names. GeoNames lists hundreds of
thousands of alternate city names, most of them transliterations nobody writes in running
text ("hua sheng dun") or codes ("NYC", "WAS"); keeping them all would make every capitalised
word a city. We keep a city's own name, its names in non-Latin scripts, and the Latin
exonyms of large cities (Peking, Bombay, Tokio).
"""

from __future__ import annotations

import os
import re
from collections.abc import Collection
from typing import Any

from geomap import hanzi, inflection, lexicon
from geomap.names import fold_for_matching

__all__ = ["BLOCK", "OTHER_SCRIPT", "build_match_table", "is_cjk", "is_cyrillic", "is_hangul", "is_latin"]

BLOCK = -1  # target of a not-a-place phrase
_BIG_CITY = 500_000
_CYRILLIC = re.compile("[а-яё]", re.IGNORECASE)
_OTHER_SCRIPT_CITY = 200_000
_CJK_CITY = 100_000
_BIG_CJK_CITY = 1_000_000
_DATELINE_CITY = 1_000_000


def is_cjk(ch: str) -> bool:
    """Return whether a character is Chinese or Japanese script (no spaces between words)."""
    o = ord(ch)
    return 0x3040 <= o <= 0x30FF or 0x3400 <= o <= 0x9FFF or 0xF900 <= o <= 0xFAFF or 0x20000 <= o <= 0x2FFFF


def is_hangul(ch: str) -> bool:
    """Return whether a character is Korean script."""
    o = ord(ch)
    return 0xAC00 <= o <= 0xD7AF or 0x1100 <= o <= 0x11FF or 0x3130 <= o <= 0x318F


def is_cyrillic(ch: str) -> bool:
    """Return whether a character is Cyrillic script."""
    return "\u0400" <= ch <= "\u04ff"


# A letter outside the Latin blocks: a text with none needs no search for other scripts' names.
OTHER_SCRIPT = re.compile(r"[^\W\d_\u0000-\u024F\u1E00-\u1EFF]")


def _latin(text: str) -> bool:
    return all(ord(c) < 0x250 or 0x1E00 <= ord(c) <= 0x1EFF for c in text)


def is_latin(pattern: str) -> bool:
    """Return whether a name has letters of Latin script only."""
    return OTHER_SCRIPT.search(pattern) is None


def _matchable_city_name(name: str, own: bool, population: int, people: Collection[str] = ()) -> bool:
    """Return whether a city name is worth looking for in running text.

    ``people`` are common person names: a big city's Latin exonym that is one ("Sam" for
    Damascus, "Roma" for Rome) names a person in English text, not the city.
    """
    stripped = name.strip()
    if not stripped or stripped != name:
        return False
    if _latin(name):
        if len(name) < 3 or not name[0].isupper() or name.isupper():
            return False  # too short, lower-case transliteration, or a code (NYC, WAS)
        if own:
            return True
        if population < _BIG_CITY or name in people:
            return False
        common = lexicon.common_words()
        return not all(word.lower() in common for word in name.split())  # "White House" for Casablanca
    if any(is_cjk(c) or is_hangul(c) for c in name):
        # Two CJK characters occur inside countless other words (向日 "facing the sun" is
        # also Mukō, a town): short names only for very large cities.
        if len(name) <= 2:
            return population >= _BIG_CJK_CITY
        return own or population >= _CJK_CITY
    # Cyrillic, Arabic, Devanagari...: GeoNames gives dozens per town; keep large cities'.
    return len(name) >= 3 and (own or population >= _OTHER_SCRIPT_CITY)


def _respelling(alt: str, name: str) -> bool:
    """Return whether an alternate name is an accented main name spelled one letter differently, at the end.

    "Mitrovica" for Mitrovicë: how English and Serbian write a name GeoNames gives in
    Albanian. Only names with a diacritic: "Radcliffe" for Radcliff is a person in English.
    """
    a, b = fold_for_matching(alt), fold_for_matching(name)
    if name.isascii() or a == b or abs(len(a) - len(b)) > 1 or min(len(a), len(b)) < 5 or not _latin(a):
        return False
    shared = len(os.path.commonprefix([a, b]))
    return shared >= max(len(a), len(b)) - 1


# Countries whose towns news writes in Cyrillic (their own and Russian-language press).
_CYRILLIC_COUNTRIES = frozenset("RUS UKR BLR KAZ KGZ TJK UZB MDA GEO ARM AZE BGR SRB MKD MNE BIH MNG".split())
_CYRILLIC_TOWN = 30_000
_ADJECTIVE_ENDINGS = ("ый", "ий", "ой", "ая", "ое", "ее")


def _cyrillic_town_name(alt: str, city: dict[str, Any]) -> bool:
    """Return whether a Cyrillic alternate names a town of 30,000 to 200,000 in a Cyrillic-writing country.

    Larger cities' names in every script are matched anyway. A one-word name with an
    adjective's ending (Мирный "peaceful", Лесной "of the forest") would match that word
    at a sentence's start, so it is left out.
    """
    population = int(city["population"])
    if not (_CYRILLIC_TOWN <= population < _OTHER_SCRIPT_CITY) or city["country"] not in _CYRILLIC_COUNTRIES:
        return False
    if len(alt) < 4 or not _CYRILLIC.search(alt) or not alt[0].isupper() or alt.strip() != alt:
        return False
    return " " in alt or not alt.endswith(_ADJECTIVE_ENDINGS)


def _add_upper(name: str, position: int, add: Any) -> None:
    """Add the all-capitals form of a name, as news datelines write it ("BEIJING, May 3")."""
    upper = name.upper()
    if upper != name and len(name) >= 4 and _latin(name):
        add(upper, position)


def build_match_table(
    places: list[dict[str, Any]],
    cities: list[dict[str, Any]],
    not_places: list[str],
    people: Collection[str] = (),
) -> tuple[list[str], list[list[int]], dict[str, list[int]]]:
    """Return the patterns to search for, the index positions each may mean, and accent-only readings.

    Positions count places first, then cities (as :class:`geomap.gazetteer.Gazetteer`
    numbers them). A not-a-place phrase maps to ``[BLOCK]``. ``people`` are common person
    names, which no city's alternate name may be.

    Names are looked for folded ("Yarmuk" for "Yarmūk"), as the extractor folds the text.
    Folding can make an accented name an English word or another place's name: Salé and
    Malé become "Sale" and "Male", Seoul's "Sŏul" becomes "Soul". The third value lists,
    for such a pattern, the positions that only its accented forms name: the extractor
    reads them only where the text writes the accent.
    """
    targets: dict[str, list[int]] = {}
    plain: set[tuple[str, int]] = set()  # (pattern, position) named without folding

    def add(name: str, position: int, inflect: bool = True) -> None:
        key = fold_for_matching(name)
        bucket = targets.setdefault(key, [])
        if position not in bucket:
            bucket.append(position)
        if key == name:
            plain.add((key, position))
        if inflect:
            # Крыма, Крыму, в Керченском проливе; im Schwarzen Meer
            forms = inflection.case_forms(name) if _CYRILLIC.search(name) else inflection.german_case_forms(name)
            for form in forms:
                add(form, position, inflect=False)

    for i, place in enumerate(places):
        for name, _lang, _parties, _historic, match in place["names"]:
            if match and len(name) >= 2:
                add(name, i)
        if place["source"] == "country" and place["kind"] == "country":
            _add_upper(place["name"], i, add)
    offset = len(places)
    common = lexicon.common_words()
    for j, city in enumerate(cities):
        population = int(city["population"])
        if _matchable_city_name(city["name"], True, population):
            add(city["name"], offset + j)
            if city["capital"] or population >= _DATELINE_CITY:
                _add_upper(city["name"], offset + j, add)
        for alt in city["alternatenames"]:
            if _cyrillic_town_name(alt, city):
                add(alt, offset + j)  # Керчь, Бахмут: the towns of Russian and Ukrainian news
            if population >= _CJK_CITY and alt != city["name"] and _matchable_city_name(alt, False, population):
                for form in hanzi.variants(alt):  # 宜兰 for 宜蘭
                    if _matchable_city_name(form, False, population):
                        add(form, offset + j)
            # The short form of a longer own name ("Newcastle" for "Newcastle upon Tyne"), or
            # the same name spelled a letter differently ("Mitrovica" for Mitrovicë), is as
            # much the town's own name as the main one.
            # A short form that is a person's name ("Carson" for Carson City) or a short word
            # ("Gold" for Gold Coast, "Salt") is neither, except for a great city ("Rio").
            word = len(alt) <= 4 and alt.lower() in common and population < _DATELINE_CITY
            short = city["name"].startswith(alt + " ") and not word and alt not in people
            own = short or _respelling(alt, city["name"])
            # A cut-off form ("Hang" for Hangzhou) is an abbreviation, not a name; a letter
            # less is a spelling ("Basra" for Basrah).
            truncated = not own and city["name"].startswith(alt) and len(city["name"]) - len(alt) >= 3
            if alt != city["name"] and not truncated and _matchable_city_name(alt, own, population, people):
                add(alt, offset + j)
    for phrase in not_places:
        targets[fold_for_matching(phrase)] = [BLOCK]
    accented: dict[str, list[int]] = {}
    for key, positions in targets.items():
        folded_only = [p for p in positions if p != BLOCK and (key, p) not in plain]
        # Short common words are the frequent ones ("Sale", "Male", "Soul"); "Cordoba", a
        # currency in the word list, is written without its accent far more than as a word.
        word = len(key) <= 5 and key.lower() in common
        # A town truly named without the accent (Sale, England) beside Salé, Morocco.
        plain_town = any(p >= offset and p not in folded_only for p in positions if p != BLOCK)
        risky = word or key in people or plain_town
        if folded_only and risky:
            accented[key] = folded_only
    patterns = sorted(targets)
    return patterns, [targets[p] for p in patterns], accented
