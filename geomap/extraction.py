"""Find the places a text names: one automaton pass, then a careful reader's rules.

1. One Aho-Corasick scan over the text finds every known name (linear in the text, not a
   regular expression per name); punctuation is folded first, one character for one, so
   offsets hold in the original text.
2. A name counts only at word boundaries, except in Chinese and Japanese, which put no
   spaces between words (and Korean, which attaches particles after a name).
3. The longest name wins an overlap ("South China Sea" over "China"; "Asia-Pacific
   Economic Cooperation", a not-a-place phrase, over "Asia-Pacific").
4. Names inside organisations, people and events are dropped ("Bank of America",
   "George Washington", "Air China", "Treaty of Utrecht").
5. Each remaining name picks one place by prior (country, curated record, capital, city
   size) and context (the countries the text names); a weak city with no support is
   dropped, and every mention reports its score.
6. Capitals used for their governments ("Beijing said", "Tokyo remains on alert") are
   flagged ``metonym``; a mention records whose name the text used (Diaoyu: China's).

The extractor is a pure function of the text and the prepared gazetteer, so it runs
unchanged in worker processes.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from typing import Any

from geomap.aliases import BLOCK, OTHER_SCRIPT, is_cjk, is_hangul
from geomap.gazetteer import Gazetteer, Place
from geomap.names import fold_punctuation

__all__ = ["Extractor", "Mention", "extract"]

ACCEPT = 0.45
WINDOW = 50_000  # characters of context a name is read in: longer than almost any article
_ORG_BEFORE = re.compile(
    r"\b(?:Treaty|Battle|Siege|Peace|Bank|University|Congress|Duke|Duchess|Earl|Marquess|"
    r"Archbishop|Bishop|Museum|Institute|Port\s+Authority)\s+of\s+(?:the\s+)?$"
)
_ORG_AFTER = re.compile(
    r"^\s(?:Airlines|Airways|Air\s+Lines|Daily|Times|Post|Herald|Tribune|Journal|Gazette|"
    r"University|College|Institute|FC|F\.C\.|Stock\s+Exchange|Electric|Motors|Group|"
    r"Corporation|Corp\b|Inc\b|Ltd\b|Holdings|Bank|Statement|Declaration|Protocol|Accords?|"
    r"Convention|Agreement|Conference|Summit|Club|Zoo|Airport|Marathon|Open)\b"
)
_ORG_AIR = re.compile(r"\bAir\s$")
_NEXT_NAME = re.compile(r"^ [A-Z][a-z]+\b(?! (?:of|and)\b)")
_NAME_PART_OK = {
    "The",
    "In",
    "At",
    "From",
    "To",
    "Of",
    "And",
    "On",
    "By",
    "For",
    "With",
    "As",
    "But",
    "Or",
    "North",
    "South",
    "East",
    "West",
    "New",
    "Old",
    "Upper",
    "Lower",
    "Greater",
    "Central",
    "Northern",
    "Southern",
    "Eastern",
    "Western",
    "Mainland",
    "Downtown",
    "Metropolitan",
    "If",
    "When",
    "While",
    "After",
    "Before",
    "Since",
    "Both",
    "Neither",
    "Like",
    "Unlike",
    "Across",
    "Around",
    "Near",
    "Outside",
    "Inside",
    "Beyond",
    "Via",
    "Than",
    "Between",
}
_METONYM_VERBS = (
    "said|says|say|told|tells|has|have|had|is|was|will|would|should|could|may|might|must|can|"
    "cannot|remains|remained|continues|continued|wants|wanted|warned|warns|accused|accuses|"
    "announced|announces|rejected|rejects|insisted|insists|urged|urges|denied|denies|claims|"
    "claimed|sees|saw|views|viewed|regards|regarded|responded|responds|protested|protests|"
    "opposed|opposes|considers|considered|plans|planned|hopes|hoped|believes|believed|agreed|"
    "agrees|sent|sends|called|calls|demanded|demands|expressed|expresses|maintains|maintained|"
    "reiterated|reiterates|vowed|vows|threatened|threatens|imposed|imposes|approved|approves|"
    "condemned|condemns|welcomed|welcomes|signed|signs|refused|refuses|sought|seeks|argues|"
    "argued|insisted|objected|objects|appears|appeared|did|does|sanctioned|pledged|pledges"
)
_METONYM_AFTER = re.compile(
    rf"^(?:'s?\s+(?:government|foreign\s+ministry|position|stance|officials?|response|decision|claims?)\b|\s+(?:{_METONYM_VERBS})\b)"
)
_METONYM_BEFORE = re.compile(
    r"(?:\b(?:ties|relations|talks|dialogue|negotiations|pressure|tensions|rift|dispute|"
    r"confrontation|rapprochement|cooperation|alliance|spat|row|deal)\s+(?:with|between)\s+"
    r"|\bbetween\s+\w+\s+and\s+|\bbetween\s+|\b(?:urged|pressed|warned|criticised|criticized|accused|told)\s+)$"
)


@dataclass(frozen=True)
class Mention:
    """One place named in a text: where, which place, how sure, and how it was named.

    ``start``/``end`` are string offsets into the text given to the extractor, so
    ``text[start:end] == mention.text``. ``lon``/``lat`` are the place's representative
    point; ``country`` the party code of the country it is or lies in (None for seas,
    regions and disputed places with no single country). ``name_of`` lists the parties
    whose name for the place the text used (Diaoyu: ["CHN"]), empty when neutral.
    """

    text: str
    start: int
    end: int
    place_id: str
    name: str
    kind: str
    lon: float
    lat: float
    country: str | None
    score: float
    metonym: bool
    name_of: tuple[str, ...]

    def _repr_html_(self) -> str:
        from html import escape

        flags = " (metonym)" if self.metonym else ""
        used = f"; {', '.join(self.name_of)}'s name" if self.name_of else ""
        return escape(
            f"{self.text!r} [{self.start}:{self.end}] → {self.name} ({self.kind}){flags}{used}, score {self.score}"
        )

    @property
    def lon_lat(self) -> tuple[float, float]:
        """Return the place's representative point as (lon, lat)."""
        return (self.lon, self.lat)

    def to_json(self) -> dict[str, Any]:
        """Return the mention as ``geomap extract --json`` prints it."""
        out = asdict(self)
        out["name_of"] = list(self.name_of)
        out["lon"] = round(self.lon, 5)
        out["lat"] = round(self.lat, 5)
        return out


@dataclass(frozen=True)
class _Context:
    countries: set[str]
    points: list[tuple[float, float]]
    after_city: Mention | None = None
    region_after: Mention | None = None


def _appositive(text: str, previous: Mention, span: _Span) -> bool:
    """Return whether a name follows a city as "City, Name" (its state or country)."""
    return previous.kind == "city" and text[previous.end : span.start] == ", "


def _region_after(text: str, span: _Span, following: Mention) -> bool:
    """Return whether a name is followed by its state or country ("Victoria, British Columbia")."""
    return following.kind in ("admin1", "country") and text[span.end : following.start] == ", "


def _km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Return the great-circle distance in km between two (lon, lat) points."""
    lon1, lat1, lon2, lat2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 12742.0 * math.asin(min(1.0, math.sqrt(h)))


@dataclass
class _Span:
    start: int
    end: int
    pattern: str
    targets: list[int]


class Extractor:
    """Finds place mentions with one automaton over every name the gazetteer knows."""

    def __init__(self, gazetteer: Gazetteer | None = None) -> None:
        import ahocorasick_rs

        self.gazetteer = gazetteer or Gazetteer.load()
        index = self.gazetteer._index
        self._patterns: list[str] = index["patterns"]
        self._targets: list[int] = index["targets"]
        self._multi: list[list[int]] = index["multi"]
        # Two automata: names in Latin script, built now, and names in every other script,
        # built the first time a text contains a letter of another script. Most news text
        # is in Latin script, and the other half of the names costs most of the build.
        self._latin_ids: list[int] = index["latin_ids"]
        self._automaton = ahocorasick_rs.AhoCorasick(
            [self._patterns[i] for i in self._latin_ids], implementation=ahocorasick_rs.Implementation.NoncontiguousNFA
        )
        self._other: tuple[Any, list[int]] | None = None
        self._fixed_cache: dict[int, tuple[Place, float] | None] = {}

    def extract(self, text: str, start: int = 0, end: int | None = None) -> list[Mention]:
        """Return the place mentions in ``text[start:end]``, in text order.

        Offsets are indices into ``text`` itself. Never raises on any string.
        """
        end = len(text) if end is None else end
        if end - start > WINDOW:
            # A long text is read window by window, cut at paragraph ends: context (the
            # countries and places around a name) is local, and the work stays linear.
            mentions: list[Mention] = []
            for a, b in _windows(text, start, end):
                mentions += self._extract_window(text, a, b)
            return mentions
        return self._extract_window(text, start, end)

    def _extract_window(self, text: str, start: int, end: int) -> list[Mention]:
        folded = fold_punctuation(text[start:end])
        spans = self._candidate_spans(folded, start)
        spans = self._longest(spans)
        spans = [s for s in spans if BLOCK not in s.targets and not self._inside_name(text, s)]
        context = self._context(spans)
        first = [self._resolve(text, span, context) for span in spans]
        # Second pass: what the first pass settled is context for the ambiguous names, and
        # "Atlanta, Georgia" names the state of the city before the comma.
        points = list(dict.fromkeys(context.points + [m.lon_lat for m in first if m is not None]))
        mentions = []
        previous: Mention | None = None
        for i, (span, mention) in enumerate(zip(spans, first, strict=True)):
            if len(span.targets) > 1:
                after_city = previous if previous is not None and _appositive(text, previous, span) else None
                following = next((m for m in first[i + 1 :] if m is not None), None)
                region = following if following is not None and _region_after(text, span, following) else None
                mention = self._resolve(text, span, _Context(context.countries, points, after_city, region))
            if mention is not None:
                mentions.append(mention)
                previous = mention
        return mentions

    # -- steps ---------------------------------------------------------------------

    def _automata(self, folded: str) -> list[tuple[Any, list[int]]]:
        """Return the automata a text needs, with the pattern ids each one numbers."""
        needed = [(self._automaton, self._latin_ids)]
        if OTHER_SCRIPT.search(folded):
            if self._other is None:
                import ahocorasick_rs

                latin = set(self._latin_ids)
                ids = [i for i in range(len(self._patterns)) if i not in latin]
                self._other = (ahocorasick_rs.AhoCorasick([self._patterns[i] for i in ids]), ids)
            needed.append(self._other)
        return needed

    def _candidate_spans(self, folded: str, offset: int) -> list[_Span]:
        spans = []
        for automaton, ids in self._automata(folded):
            for local, s, e in automaton.find_matches_as_indexes(folded, overlapping=True):
                pi = ids[local]
                pattern = self._patterns[pi]
                if not _at_boundaries(folded, s, e, pattern):
                    continue
                target = self._targets[pi]
                targets = [target] if target >= 0 else self._multi[-target - 1]
                spans.append(_Span(s + offset, e + offset, pattern, targets))
        return spans

    @staticmethod
    def _longest(spans: list[_Span]) -> list[_Span]:
        """Keep the longest of overlapping spans (the leftmost among equals)."""
        chosen: list[_Span] = []
        taken: list[tuple[int, int]] = []
        for span in sorted(spans, key=lambda s: (-(s.end - s.start), s.start)):
            if any(span.start < e and s < span.end for s, e in taken):
                continue
            chosen.append(span)
            taken.append((span.start, span.end))
        return sorted(chosen, key=lambda s: s.start)

    def _inside_name(self, text: str, span: _Span) -> bool:
        """Return whether a name is part of an organisation's, event's or person's name."""
        before = text[max(0, span.start - 40) : span.start]
        after = text[span.end : span.end + 40]
        # Cheap tests first: each rule needs "of " or "Air " before, or a capital after.
        if before.endswith(("of ", "of the ")) and _ORG_BEFORE.search(before):
            return True
        if before.endswith("Air ") and _ORG_AIR.search(before):
            return True
        capital_after = len(after) > 1 and after[0] == " " and after[1].isupper()
        if capital_after and _ORG_AFTER.match(after):
            return True
        if before.endswith(" ") and all(self._is_city(t) for t in span.targets):
            # "George Washington", "Denzel Washington": a capitalised word glued before a
            # city name, not at a sentence start, makes one longer proper name.
            word = re.search(r"(?:^|[\s(\"'])([A-Z][a-z]+)\s$", before)
            if word and word.group(1) not in _NAME_PART_OK and not _sentence_start(before, word.start(1)):
                return True
        if capital_after and all(self._is_city(t) for t in span.targets):
            # "Clay Doss", "Sydney Smith": a smaller city's name followed by a capitalised
            # word is a given name far more often than a place.
            places = [self.gazetteer.place(t) for t in span.targets]
            if not any(p.capital or p.population >= 1_000_000 for p in places) and _NEXT_NAME.match(after):
                return True
        return False

    def _is_city(self, position: int) -> bool:
        return position >= len(self.gazetteer._places)

    def _context(self, spans: list[_Span]) -> _Context:
        """Return what the text names unambiguously: countries, and points, as context."""
        countries: set[str] = set()
        points: list[tuple[float, float]] = []
        for span in spans:
            places = [self.gazetteer.place(t) for t in span.targets if t != BLOCK]
            strong = [p for p in places if p.source in ("country", "curated") and p.country]
            if len(strong) == 1:
                countries.add(strong[0].country)  # type: ignore[arg-type]
            if len(places) == 1 and places[0].kind not in ("region", "ocean"):
                points.append(places[0].point)
        return _Context(countries, list(dict.fromkeys(points)))

    def _resolve(self, text: str, span: _Span, context: _Context) -> Mention | None:
        if len(span.targets) == 1 and span.targets[0] < len(self.gazetteer._places):
            fixed = self._fixed(span.targets[0])
            if fixed is not None:  # a country, curated place or sea: no context changes it
                place, score = fixed
                return self._mention(text, span, place, score)
        scored = sorted(
            ((self._score(self.gazetteer.place(t), text, span, context), t) for t in span.targets),
            key=lambda st: (-st[0], st[1]),
        )
        best, position = scored[0]
        if best < ACCEPT:
            return None
        rival = scored[1][0] if len(scored) > 1 else 0.0
        confidence = min(1.0, best) * (0.5 + 0.5 * (best - rival) / best if rival else 1.0)
        return self._mention(text, span, self.gazetteer.place(position), confidence)

    def _fixed(self, position: int) -> tuple[Place, float] | None:
        """Return a place and score that do not depend on context, or None (cached)."""
        if position not in self._fixed_cache:
            place = self.gazetteer.place(position)
            if place.source in ("country", "curated", "marine"):
                empty = _Context(set(), [])
                score = self._score(place, "", _Span(0, 0, "", [position]), empty)
                self._fixed_cache[position] = (place, round(min(1.0, score), 3))
            else:
                self._fixed_cache[position] = None
        return self._fixed_cache[position]

    def _mention(self, text: str, span: _Span, place: Place, confidence: float) -> Mention:
        return Mention(
            text=text[span.start : span.end],
            start=span.start,
            end=span.end,
            place_id=place.id,
            name=place.name,
            kind=place.kind,
            lon=place.point[0],
            lat=place.point[1],
            country=place.country,
            score=round(confidence, 3),
            metonym=self._metonym(place, text, span),
            name_of=_name_of(place, span.pattern),
        )

    def _score(self, place: Place, text: str, span: _Span, context: _Context) -> float:
        """Score one reading of a name: a prior by kind and size, plus support from context.

        Context is the countries the text names (a city or province of a named country is
        likelier) and nearness to the places it names unambiguously (Georgia near Tbilisi
        is the country; near Atlanta, the US state).
        """
        rivalry = self._rivalry(place, span)
        if place.source == "country":
            prior = 0.95 if place.kind == "country" else 0.85
        elif place.source == "curated":
            prior = 0.85 if place.kind == "region" else 0.9
        elif place.source == "marine":
            prior = 0.8
        elif place.source == "admin1":
            prior = 0.6
        elif place.capital:
            prior = 0.85
        else:
            prior = min(0.75, 0.3 + 0.1 * math.log10(max(place.population, 15000) / 15000))
        if place.source in ("city", "admin1"):
            if place.country in context.countries:
                prior += 0.25
            single_word = " " not in span.pattern and span.pattern.isascii()
            if single_word and _sentence_start(text[max(0, span.start - 3) : span.start], 999):
                prior -= 0.15
        if len(span.targets) > 1 and context.points:
            lon, lat = place.point
            near = sum(
                1
                for p in context.points
                if abs(p[1] - lat) < 14 and p != place.point and _km(p, place.point) < 1500  # 14° of latitude > 1500 km
            )
            prior += 0.3 * near / len(context.points)
        city = context.after_city
        if city is not None and place.source == "admin1" and place.country == city.country:
            prior += 0.5
        region = context.region_after
        if region is not None and place.country == region.country and place.source in ("city", "admin1"):
            prior += 0.5
        return prior + rivalry

    def _rivalry(self, place: Place, span: _Span) -> float:
        """Return the adjustment for a reading that competes with a stronger kind of place.

        A country or territory beats a city of the same name (Gibraltar, Kuwait); a city of
        over 100,000 beats its province of the same name (Granada, Córdoba).
        """
        if len(span.targets) < 2:
            return 0.0
        others = [self.gazetteer.place(t) for t in span.targets if t != place.index]
        if place.source == "city" and any(o.source in ("country", "curated") and o.kind != "region" for o in others):
            return -0.3
        if place.source == "admin1" and any(
            o.source == "city" and o.country == place.country and o.population >= 100_000 for o in others
        ):
            return -0.35
        return 0.0

    @staticmethod
    def _metonym(place: Place, text: str, span: _Span) -> bool:
        """Return whether a capital stands for its government ("Beijing said")."""
        if not place.capital:
            return False
        after = text[span.end : span.end + 60]
        before = text[max(0, span.start - 60) : span.start]
        return bool(_METONYM_AFTER.match(after) or _METONYM_BEFORE.search(before))


def _windows(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Yield spans of about WINDOW characters that end at a paragraph or line end."""
    a = start
    while a < end:
        b = min(end, a + WINDOW)
        if b < end:
            cut = text.rfind("\n", a + WINDOW // 2, b)
            b = cut + 1 if cut != -1 else b
            while b < end and b > a and not text[b - 1].isspace():
                b -= 1  # never cut inside a word
            if b <= a:
                b = min(end, a + WINDOW)
        yield a, b
        a = b


def _at_boundaries(text: str, start: int, end: int, pattern: str) -> bool:
    """Return whether a match stands as a word (scripts without spaces always do)."""
    first, last = pattern[0], pattern[-1]
    if start > 0 and not (is_cjk(first)):
        prev = text[start - 1]
        if prev.isalnum() or prev == "_" or (prev == "." and first.isalpha()):
            return False
    if end < len(text) and not (is_cjk(last) or is_hangul(last)):
        nxt = text[end]
        if nxt.isalnum() or nxt == "_":
            return False
    return True


def _sentence_start(before: str, at: int) -> bool:
    """Return whether the text just before a word ends a sentence (or is the start)."""
    head = before[: at if at != 999 else len(before)].rstrip(" \"'“‘(")
    return not head or head[-1] in ".!?\n:;。！？"


def _name_of(place: Place, pattern: str) -> tuple[str, ...]:
    """Return the parties whose name for the place the matched pattern is."""
    return _party_names(place).get(pattern, ())


@functools.lru_cache(maxsize=8192)
def _party_names(place: Place) -> dict[str, tuple[str, ...]]:
    """Map each of a place's names (folded as the text is) to the parties that use it."""
    out: dict[str, set[str]] = {}
    for name in place.names:
        if name.parties:
            out.setdefault(fold_punctuation(name.name), set()).update(name.parties)
    return {k: tuple(sorted(v)) for k, v in out.items()}


_DEFAULT: Extractor | None = None


def extract(text: str) -> list[Mention]:
    """Return the place mentions in a text, with the default gazetteer.

    Examples
    --------
    >>> [m.place_id for m in extract("Beijing sent ships to the Diaoyu Islands.")]
    ['beijing-1816670', 'senkaku-islands']
    """
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = Extractor()
    return _DEFAULT.extract(text)
