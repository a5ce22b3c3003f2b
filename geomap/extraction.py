"""Find the places a text names: one automaton pass, then a careful reader's rules.

1. One Aho-Corasick scan over the text finds every known name (linear in the text, not a
   regular expression per name). Punctuation and Latin diacritics are folded first, one
   character for one ("Yarmūk" meets "Yarmuk"), so offsets hold in the original text. A
   text in German, French, Spanish, Italian, Dutch or Portuguese is also scanned for that
   language's own country names ("Serbien"), which in English would be false friends.
2. A name counts only at word boundaries, except in Chinese and Japanese, which put no
   spaces between words (and Korean, which attaches particles after a name).
3. The longest name wins an overlap ("South China Sea" over "China"; "Asia-Pacific
   Economic Cooperation", a not-a-place phrase, over "Asia-Pacific").
4. Names inside the names of people, organisations, events and documents are dropped:
   "Mr Kennedy", "Michael Moore", "Victoria Hamilton", "Bank of America", "Permanent
   Mission of Vietnam", “Territorial Integrity of Ukraine”, 中國海警, 《…》 titles.
5. Each remaining name picks one place by prior (country, curated record, capital, city
   size) and context (the countries the text names, nearby places, "Atlanta, Georgia").
   A weak reading (a province, a town under 100,000, a town named like many people) needs
   a word that says it is a place ("in Banihal", "Newport-based", "Gurdaspur district");
   a name with no reading strong enough is dropped, and every mention reports its score.
6. Capitals used for their governments ("Beijing said", "Tokyo remains on alert") are
   flagged ``metonym``; a mention records whose name the text used (Diaoyu: China's);
   on request, demonyms ("Japanese") count as mentions of their countries.

The extractor is a pure function of the text and the prepared gazetteer, so it runs
unchanged in worker processes.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Iterator
from dataclasses import asdict, dataclass, fields
from typing import Any

from geomap import cues
from geomap.aliases import BLOCK, OTHER_SCRIPT, is_cjk, is_cyrillic, is_hangul
from geomap.gazetteer import Gazetteer, Place
from geomap.language import latin_language
from geomap.names import fold_for_matching

__all__ = ["Extractor", "Mention", "extract"]

ACCEPT = 0.45
WEAK = 0.25  # what a weak reading (a small town, a province) loses without a locative cue
WINDOW = 50_000  # characters of context a name is read in: longer than almost any article


@dataclass(frozen=True)
class Mention:
    """One place named in a text: where, which place, how sure, and how it was named.

    ``start``/``end`` are string offsets into the text given to the extractor, so
    ``text[start:end] == mention.text``. ``lon``/``lat`` are the place's representative
    point; ``country`` the party code of the country it is or lies in (None for seas,
    regions and disputed places with no single country). ``name_of`` lists the parties
    whose name for the place the text used (Diaoyu: ["CHN"]), empty when neutral.
    ``demonym`` is true for "Japanese" read as a mention of Japan, which only an extractor
    made with ``demonyms=True`` reports.
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
    demonym: bool = False

    @classmethod
    def _make(cls, *values: Any) -> Mention:
        """Return a mention from its field values in order, without the frozen ``__init__``.

        A frozen dataclass sets each field through ``object.__setattr__``, about 4 µs a
        mention; the extractor makes tens of thousands per megabyte of news.
        """
        mention = object.__new__(cls)
        mention.__dict__.update(zip(_MENTION_FIELDS, values, strict=True))
        return mention

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


_MENTION_FIELDS = tuple(f.name for f in fields(Mention))


@dataclass(frozen=True)
class _Context:
    """What a text names unambiguously: the countries, and the points of single places."""

    countries: frozenset[str]
    points: tuple[tuple[float, float], ...]

    @functools.cached_property
    def units(self) -> tuple[tuple[float, float, float], ...]:
        """The points as unit vectors, computed once per text for every nearness test."""
        return tuple(_unit_cached(p) for p in self.points)


@dataclass(frozen=True)
class _Info:
    """What scoring needs of one place, read once from the index."""

    source: str
    kind: str
    country: str | None
    population: float
    capital: bool
    point: tuple[float, float]
    prior: float
    unit: tuple[float, float, float]


_NEAR = math.cos(1500 / 6371.0)  # two points are near when within 1500 km


def _unit(point: tuple[float, float]) -> tuple[float, float, float]:
    """Return a (lon, lat) point as a unit vector: nearness is then one dot product."""
    lon, lat = math.radians(point[0]), math.radians(point[1])
    return (math.cos(lat) * math.cos(lon), math.cos(lat) * math.sin(lon), math.sin(lat))


@dataclass(frozen=True)
class _NameFacts:
    """What the person and organisation rules ask of a name, whatever the text."""

    cjk: bool  # ends in Chinese, Japanese or Korean script
    cyrillic: bool  # is written in Cyrillic
    curated: bool  # may mean a curated place or a sea: never read as a person's name
    towns: bool  # means only cities or provinces
    first_name: bool  # is a common first name ("Victoria", "Stanley")
    big: bool  # may mean a capital or a city of a million
    short_form: bool  # the first word of its towns' longer names ("Rio"), or a name particle ("Van")


_Span = cues.Span
_UNSET: Any = object()


class Extractor:
    """Finds place mentions with one automaton over every name the gazetteer knows.

    Most of a text's cost is in Python, per candidate name, so the work per candidate is
    kept small: the boundary test is inline, overlaps are settled only where they occur,
    and everything that depends on the name alone (its readings and their prior scores,
    whether it is a fixed place) is computed once per name and kept.
    """

    def __init__(self, gazetteer: Gazetteer | None = None, *, demonyms: bool = False) -> None:
        """Prepare the automaton; with ``demonyms``, "Japanese" and "Filipinos" count as mentions of their countries."""
        import ahocorasick_rs

        self.gazetteer = gazetteer or Gazetteer.load()
        index = self.gazetteer._index
        # A copy: accent twins and other languages' names are appended per extractor.
        self._patterns: list[str] = list(index["patterns"])
        self._targets: list[int] = index["targets"]
        self._latin_ids: list[int] = index["latin_ids"]
        self._demonym_base = len(self._patterns)
        if demonyms:
            # Demonyms are extra patterns after the index's own, each meaning its country.
            forms = index["demonyms"]
            self._patterns += forms
            self._targets = [*self._targets, *forms.values()]
            self._latin_ids = [*self._latin_ids, *range(self._demonym_base, len(self._patterns))]
        self._demonym_end = len(self._patterns)
        self._multi: list[list[int]] = index["multi"]
        self._place_count = len(self.gazetteer._places)
        # Two automata: names in Latin script, built now, and names in every other script,
        # built the first time a text contains a letter of another script. Most news text
        # is in Latin script, and the other half of the names costs most of the build.
        self._automaton = ahocorasick_rs.AhoCorasick(
            [self._patterns[i] for i in self._latin_ids], implementation=ahocorasick_rs.Implementation.ContiguousNFA
        )
        self._other: tuple[Any, list[int]] | None = None
        self._first_names: frozenset[str] = frozenset(index["first_names"])
        self._person_names: frozenset[str] = frozenset(index["person_names"])
        self._readings: dict[int, tuple[int, ...]] = {}
        self._fixed_by_pattern: dict[int, tuple[int, float] | None] = {}
        self._info_cache: dict[int, _Info] = {}
        self._name_facts: dict[int, _NameFacts] = {}
        self._cues: dict[int, tuple[bool, bool, bool]] = {}
        self._mention_facts: dict[tuple[int, int], tuple[Any, ...]] = {}
        self._base_cache: dict[int, list[tuple[int, _Info, float, int, tuple[str, ...]]]] = {}
        self._context_cache: dict[int, tuple[tuple[str, ...], tuple[float, float] | None]] = {}
        self._unaccented = self._unaccented_patterns(index["accented"])
        self._language_names: dict[str, dict[str, list[int]]] = index.get("language_names", {})
        self._language_automata: dict[str, tuple[Any, list[int]]] = {}

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
        folded = cues.dateline_in_title_case(fold_for_matching(text[start:end]))
        spans = [s for s in self._candidate_spans(text, folded, start) if not self._inside_name(text, s)]
        if not spans:
            return []
        context = self._context(spans)
        proximity: dict[int, float] = {}
        memo: dict[tuple[Any, ...], tuple[int, float] | None] = {}
        fixed = self._fixed_by_pattern
        first: list[tuple[int, float] | None] = []
        for span in spans:
            reading = fixed.get(span[2], _UNSET)
            if reading is _UNSET:
                reading = fixed[span[2]] = self._fixed(span[2])
            first.append(reading if reading is not None else self._resolve(text, span, context, proximity, memo=memo))
        ambiguous = [i for i, span in enumerate(spans) if len(self._readings_of(span[2])) > 1]
        if ambiguous:
            self._second_pass(text, spans, first, context, ambiguous)
        mentions = []
        chosen = [(span, reading) for span, reading in zip(spans, first, strict=True) if reading is not None]
        for k, (span, (position, confidence)) in enumerate(chosen):
            limit = chosen[k + 1][0][0] if k + 1 < len(chosen) else end
            kind = self._info(position).kind
            if limit > span[1] and kind not in cues.NO_SUFFIX:
                span = cues.with_suffix(text, span, limit, kind)
            if text[span[0] - 1 : span[0]] in ("-", " ") and kind in cues.PREFIXED_KINDS:
                span = cues.with_prefix(text, span, kind)
            if self._patterns[span[2]].startswith("the "):
                # "the Balkans" is looked for with its article (bare "Arctic" is an adjective),
                # but the mention is the name: "Balkans".
                span = (span[0] + 4, span[1], span[2])
            mentions.append(self._mention(text, span, position, confidence))
        return mentions

    def _second_pass(
        self,
        text: str,
        spans: list[_Span],
        first: list[tuple[int, float] | None],
        context: _Context,
        ambiguous: list[int],
    ) -> None:
        """Resolve the ambiguous names again, in place, with what the first pass settled.

        The places the first pass found are context for the rest: their points, and the
        countries of the towns named without ambiguity (Lahore: Pakistan, so Punjab is
        Pakistan's). "Atlanta, Georgia" names the state of the city before the comma, and a
        province written after a city and a comma is read as one even without "in".
        """
        settled_points = [*context.points, *(self._info(r[0]).point for r in first if r is not None)]
        towns = {
            self._info(r[0]).country
            for span, r in zip(spans, first, strict=True)
            if r is not None and len(self._readings_of(span[2])) == 1 and self._info(r[0]).country
        }
        settled = _Context(context.countries | towns, tuple(dict.fromkeys(settled_points)))  # type: ignore[operator]
        proximity: dict[int, float] = {}
        memo: dict[tuple[Any, ...], tuple[int, float] | None] = {}
        pending = set(ambiguous)
        pending.update(
            i
            for i in range(len(spans))
            if first[i] is None
            and (
                (i > 0 and cues.listed_with(text, spans[i - 1], spans[i]))
                or (i + 1 < len(spans) and cues.listed_with(text, spans[i], spans[i + 1]))
            )
        )
        before = -1  # the last name read so far, as this pass left it
        for i in range(len(spans)):
            if i not in pending:
                if first[i] is not None:
                    before = i
                continue
            span = spans[i]
            after_city = self._appositive_country(text, spans[before], first[before], span) if before >= 0 else None
            region = self._region_country(text, span, spans[i + 1], first[i + 1]) if i + 1 < len(spans) else None
            # A town listed beside towns ("Amritsar, Pathankot, and Udhampur") is a town too.
            listed = (self._listed_kind(text, spans[i - 1], first[i - 1], span) if i > 0 else None) or (
                self._listed_kind(text, span, first[i + 1], spans[i + 1]) if i + 1 < len(spans) else None
            )
            if after_city is not None and listed is None:
                listed = "admin1"  # "Atlanta, Georgia": the state is cued, a town of that name is not
            first[i] = self._resolve(text, span, settled, proximity, after_city, region, memo, listed=listed)
            if first[i] is not None:
                before = i

    def _listed_kind(self, text: str, a: _Span, reading: tuple[int, float] | None, b: _Span) -> str | None:
        """Return "city" or "admin1" when two names stand in one list and the other one (``reading``) is one."""
        if reading is None or not cues.listed_with(text, a, b):
            return None
        source = self._info(reading[0]).source
        return source if source in ("city", "admin1") else None

    def _appositive_country(
        self, text: str, previous: _Span, reading: tuple[int, float] | None, span: _Span
    ) -> str | None:
        """Return the country of a city just before a name as "City, Name" (its state or country)."""
        if reading is None:
            return None
        info = self._info(reading[0])
        if info.kind == "city" and text[previous[1] : span[0]] == ", ":
            return info.country or ""
        return None

    def _region_country(
        self, text: str, span: _Span, following: _Span, reading: tuple[int, float] | None
    ) -> str | None:
        """Return the country of a state or country just after a name ("Victoria, British Columbia").

        The name after the comma counts even if the first pass left it unread, when all its
        readings that are provinces or countries lie in one country.
        """
        if not cues.comma_between(text, span, following):
            return None
        if reading is not None:
            info = self._info(reading[0])
            return (info.country or "") if info.kind in ("admin1", "country") else None
        countries = {
            info.country
            for t in self._readings_of(following[2])
            if (info := self._info(t)).kind in ("admin1", "country") and info.country
        }
        return next(iter(countries)) if len(countries) == 1 else None

    # -- steps ---------------------------------------------------------------------

    def _unaccented_patterns(self, accented: dict[str, list[int]]) -> dict[int, int]:
        """Give each pattern with accent-only readings a twin without them, for unaccented text.

        "Sale" in the text is the English town, not Salé; "Salé" is either. The twin is a
        new pattern id whose readings leave out the accent-only ones (none left: -1).
        """
        twins: dict[int, int] = {}
        if not accented:
            return twins
        position_of = {p: i for i, p in enumerate(self._patterns)}
        for pattern, only_accented in accented.items():
            pi = position_of.get(pattern)
            if pi is None:
                continue
            rest = tuple(t for t in self._readings_of(pi) if t not in only_accented)
            if not rest:
                twins[pi] = -1
                continue
            twin = len(self._patterns)
            self._patterns.append(pattern)
            self._readings[twin] = rest
            twins[pi] = twin
        return twins

    def _readings_of(self, pi: int) -> tuple[int, ...]:
        """Return the index positions a name may mean (``(BLOCK,)`` for a not-a-place phrase)."""
        readings = self._readings.get(pi)
        if readings is None:
            target = self._targets[pi]
            readings = self._readings[pi] = (target,) if target >= 0 else tuple(self._multi[-target - 1])
        return readings

    def _info(self, position: int) -> _Info:
        info = self._info_cache.get(position)
        if info is None:
            place = self.gazetteer.place(position)
            info = self._info_cache[position] = _Info(
                place.source,
                place.kind,
                place.country,
                place.population,
                bool(place.capital),
                place.point,
                _prior(place),
                _unit(place.point),
            )
        return info

    def _automata(self, folded: str) -> list[tuple[Any, list[int], bool]]:
        """Return the automata a text needs, with the pattern ids each one numbers and whether they are Latin."""
        needed = [(self._automaton, self._latin_ids, True)]
        language = latin_language(folded)
        if language in self._language_names:
            needed.append((*self._language_automaton(language), True))
        if not folded.isascii() and OTHER_SCRIPT.search(folded):
            if self._other is None:
                import ahocorasick_rs

                latin = set(self._latin_ids)
                ids = [i for i in range(self._demonym_base) if i not in latin]  # the index's own names
                self._other = (ahocorasick_rs.AhoCorasick([self._patterns[i] for i in ids]), ids)
            needed.append((*self._other, False))
        return needed

    def _language_automaton(self, language: str) -> tuple[Any, list[int]]:
        """Return the automaton of a language's own country names ("Serbien"), built when first needed."""
        built = self._language_automata.get(language)
        if built is None:
            import ahocorasick_rs

            names = self._language_names[language]
            ids = list(range(len(self._patterns), len(self._patterns) + len(names)))
            for pi, (pattern, positions) in zip(ids, names.items(), strict=True):
                self._patterns.append(pattern)
                self._readings[pi] = tuple(positions)
            built = self._language_automata[language] = (ahocorasick_rs.AhoCorasick(list(names)), ids)
        return built

    def _candidate_spans(self, text: str, folded: str, offset: int) -> list[_Span]:
        """Return the names found at word boundaries, the longest of overlapping ones kept."""
        spans: list[_Span] = []
        n = len(folded)
        patterns = self._patterns
        unaccented = self._unaccented
        for automaton, ids, latin in self._automata(folded):
            for local, s, e in automaton.find_matches_as_indexes(folded, overlapping=True):
                if latin:
                    # Inline word-boundary test: Latin names need a non-word character (or
                    # the text's edge) on both sides, and no "." just before a letter.
                    if s:
                        prev = folded[s - 1]
                        if prev.isalnum() or prev == "_" or (prev == "." and folded[s].isalpha()):
                            continue
                    if e < n:
                        nxt = folded[e]
                        if nxt.isalnum() or nxt == "_":
                            continue
                    pi = ids[local]
                    if pi in unaccented and text[s + offset : e + offset].isascii():
                        pi = unaccented[pi]  # "Sale" is not Salé
                        if pi < 0:
                            continue
                    spans.append((s + offset, e + offset, pi))
                else:
                    pi = ids[local]
                    if cues.at_boundaries(folded, s, e, patterns[pi]):
                        spans.append((s + offset, e + offset, pi))
        spans = _longest(spans)
        return [span for span in spans if self._readings_of(span[2])[0] != BLOCK]

    def _inside_name(self, text: str, span: _Span) -> bool:
        """Return whether a name is part of a person's, organisation's or event's name."""
        start, end, pi = span
        facts = self._name_facts.get(pi) or self._facts(pi)
        if facts.cjk:
            if cues.CJK_ORG_AFTER.match(text, end, end + 6):
                return True  # 中國海警 (the China Coast Guard), 일본대사관 (Japan's embassy)
            if cues.in_document_title(text, start, end):
                return True  # 《中华人民共和国政府关于…的立场文件》, 「…に関する法律」
            return cues.in_slogan(text, start, end)  # “一个中国”原则: a policy's name
        spaced = start > 0 and text[start - 1] == " "
        if facts.cyrillic and spaced and cues.RUSSIAN_ORG_BEFORE.search(text, max(0, start - 20), start):
            return True  # "Служба безопасности Украины": an organisation's name
        if spaced and cues.inside_org_name(text, start):
            return True  # "Permanent Mission of Vietnam", "Treaty of Utrecht"
        if cues.near_quote(text, start, end) and cues.inside_title(text, start, end):
            return True  # “Territorial Integrity of Ukraine”
        if spaced and text.endswith("Air ", 0, start) and cues.ORG_AIR.search(text, max(0, start - 40), start):
            return True
        capital_after = end + 1 < len(text) and text[end] == " " and text[end + 1].isupper()
        if capital_after and cues.ORG_AFTER.match(text, end, end + 40):
            return True
        if text.startswith((" process", " format", " Islanders"), end):
            return True  # "the Brussels process", "the Normandy format": a negotiation's name; people
        if start >= 2 and text[start - 1] == "-":
            if text[start - 2].isupper() and (start < 3 or not text[start - 3].isalnum()):
                return True  # "T-Mobile", "E-Commerce": a brand, not a place
            if cues.after_prefix(text, start):
                return True  # "trans-Atlantic", "pan-African": an adjective (not "Japan-U.S.")
        word = cues.word_before(text, start) if spaced else None
        if word is not None:
            if word.rstrip(".") in cues.TITLES:
                return True  # "Mr Kennedy", "President Lincoln", "Queen Victoria"
            if word.endswith("."):
                word = None  # the end of a sentence
        if facts.curated:
            return False
        if word is not None and word in self._first_names:
            return True  # "Michael Moore", "Chris Evans", even at a sentence start
        if not facts.towns:
            return False
        if word is not None and word not in cues.NAME_PART_OK:
            # "George Washington", "Denzel Washington": a capitalised word glued before a
            # town's name, not at a sentence start, makes one longer proper name.
            word_start = start - 1 - len(word)
            if not cues.sentence_start(text[max(0, word_start - 20) : word_start], 999):
                return True
        if capital_after:
            # "Victoria Hamilton", "Stanley Gold": a town named like a person, followed by a
            # capitalised word, is a person; "Clay Doss": so is a smaller town's name; and
            # so are "Rio Ferdinand" (Rio for Rio de Janeiro) and "Van Nistelrooy".
            surname = cues.CAPITALISED.match(text, end + 1, end + 40)
            if surname is not None and surname.group() not in cues.FEATURE_AFTER:
                if (
                    facts.first_name
                    or facts.short_form
                    or (not facts.big and cues.NEXT_NAME.match(text, end, end + 40))
                ):
                    return True
        of = cues.OF_NAME.match(text, end, end + 6)
        if of is not None and text[of.end() : of.end() + 1].isupper():
            return True  # "University of Lille", "Bahía de Algeciras": the name of something else
        return False

    def _facts(self, pi: int) -> _NameFacts:
        """Return what the person and organisation rules need to know of a name (cached)."""
        infos = [self._info(t) for t in self._readings_of(pi)]
        pattern = self._patterns[pi]
        facts = self._name_facts[pi] = _NameFacts(
            cjk=is_cjk(pattern[-1]) or is_hangul(pattern[-1]),
            cyrillic=is_cyrillic(pattern[-1]),
            curated=any(i.source in ("curated", "marine") for i in infos),
            towns=all(i.source in ("city", "admin1") for i in infos),
            first_name=pattern in self._first_names,
            big=any(i.capital or i.population >= 1_000_000 for i in infos),
            short_form=pattern in cues.NAME_PARTICLES
            or all(self.gazetteer.place(t).name.startswith(pattern + " ") for t in self._readings_of(pi)),
        )
        return facts

    def _context(self, spans: list[_Span]) -> _Context:
        """Return what the text names unambiguously: countries, and points, as context.

        A disputed territory named without ambiguity counts its parties as countries of the
        text: a story on Kosovo makes its towns (XKX) likelier, one on Crimea Ukraine's and
        Russia's.
        """
        countries: set[str] = set()
        points: dict[tuple[float, float], None] = {}
        for _s, _e, pi in spans:
            cached = self._context_cache.get(pi)
            if cached is None:
                readings = self._readings_of(pi)
                infos = [self._info(t) for t in readings]
                strong = [i for i in infos if i.source in ("country", "curated") and i.country]
                parties: tuple[str, ...] = (strong[0].country,) if len(strong) == 1 and strong[0].country else ()
                curated = [t for t, i in zip(readings, infos, strict=True) if i.source == "curated"]
                if not parties and len(curated) == 1:
                    state = self.gazetteer.place(curated[0]).state()
                    parties = tuple(sorted({*state.administered_by, *state.claimants}))
                single = len(infos) == 1 and infos[0].kind not in ("region", "ocean")
                cached = self._context_cache[pi] = (parties, infos[0].point if single else None)
            parties, point = cached
            countries.update(parties)
            if point is not None:
                points[point] = None
        return _Context(frozenset(countries), tuple(points))

    def _resolve(
        self,
        text: str,
        span: _Span,
        context: _Context,
        proximity: dict[int, float],
        after_city: str | None = None,
        region: str | None = None,
        memo: dict[tuple[Any, ...], tuple[int, float] | None] | None = None,
        listed: str | None = None,
    ) -> tuple[int, float] | None:
        """Return the best reading of a name as (index position, confidence), or None.

        ``after_city`` and ``region`` are the countries of a city just before ("Atlanta,
        Georgia") and of a state or country just after ("Victoria, British Columbia").
        ``listed`` is the kind of place ("city", "admin1") the name is listed with: its
        readings of that kind need no other cue ("Baghdad and Basra": the city, not the
        province). A name repeated in a text with the same cues gets the same answer from ``memo``.
        """
        start, end, pi = span
        any_weak, sentence_sensitive, provinces = self._cues_needed(pi)
        located = any_weak and cues.locative(text, start, end)
        at_sentence_start = sentence_sensitive and cues.sentence_start(text[max(0, start - 3) : start], 999)
        province = provinces and text.startswith(cues.PROVINCE_WORDS, end)  # "Washington state"
        key = (pi, located, at_sentence_start, after_city, region, province, listed)
        if memo is not None and key in memo:
            return memo[key]
        readings = self._readings_of(pi)
        best = rival = -math.inf
        position = -1
        for t, info, rivalry, weak, parties in self._base(pi):
            score = info.prior
            if weak and not located and info.source != listed:
                if weak == 2 and after_city is None and region is None:
                    continue
                score -= WEAK
            if info.source in ("city", "admin1"):
                if info.country in context.countries:
                    score += 0.25
                if at_sentence_start:
                    score -= 0.15
            if len(readings) > 1 and context.points:
                near = proximity.get(t)
                if near is None:
                    near = proximity[t] = _nearness(info, context.units)
                score += near
            if parties and not context.countries.isdisjoint(parties):
                score += 0.25  # "East Sea" in a text on Vietnam is Vietnam's name: the South China Sea
            if after_city is not None and info.source == "admin1" and info.country == after_city:
                score += 0.5
            if region is not None and info.country == region and info.source in ("city", "admin1"):
                score += 0.5
            if province and info.source == "admin1":
                score += 0.5 - rivalry  # "Washington state": no city outranks the state
            score += rivalry
            if score > best or (score == best and t < position):
                best, rival, position = score, best, t
            elif score > rival:
                rival = score
        result: tuple[int, float] | None = None
        if best >= ACCEPT:
            if len(readings) == 1:
                rival = 0.0
            result = position, min(1.0, best) * (0.5 + 0.5 * (best - rival) / best if rival else 1.0)
        if memo is not None:
            memo[key] = result
        return result

    def _cues_needed(self, pi: int) -> tuple[bool, bool, bool]:
        """Return whether a name has weak readings, town readings a sentence start weakens, and provinces."""
        needed = self._cues.get(pi)
        if needed is None:
            base = self._base(pi)
            pattern = self._patterns[pi]
            towns = any(info.source in ("city", "admin1") for _t, info, *_ in base)
            needed = self._cues[pi] = (
                any(weak for _t, _i, _r, weak, _p in base),
                towns and " " not in pattern and pattern.isascii(),
                any(info.source == "admin1" for _t, info, *_ in base),
            )
        return needed

    def _base(self, pi: int) -> list[tuple[int, _Info, float, int, tuple[str, ...]]]:
        """Return each reading of a name with its place facts, rivalry adjustment, weakness and parties.

        The parties are those whose name for the place the name is, when it means several
        places: "East Sea" is South Korea's name for the Sea of Japan and Vietnam's for the
        South China Sea, and a text that names one of them reads it as that party's.

        Weakness 1: the reading loses ``WEAK`` unless a cue says the text means a place (a
        province; a town of under 100,000). Weakness 2: a town under a million that shares
        its name with many people (Jackson, Kennedy, Arnold) is read only with a cue, or
        as "City, Province": the country being named nearby is no evidence about a name.
        """
        base = self._base_cache.get(pi)
        if base is None:
            readings = self._readings_of(pi)
            infos = [self._info(t) for t in readings]
            pattern = self._patterns[pi]
            person = pattern in self._person_names
            # Weakness is an English-text matter: a name in Chinese, Japanese or Korean script
            # (冲绳县, 제주) is not an English word or surname.
            latin = pattern.isascii() or not OTHER_SCRIPT.search(pattern)
            base = self._base_cache[pi] = [
                (
                    t,
                    info,
                    _rivalry(info, [o for o in infos if o is not info]) if len(readings) > 1 else 0.0,
                    _weakness(info, person) if latin else 0,
                    _name_of(self.gazetteer.place(t), pattern)
                    if len(readings) > 1 and info.source == "curated"
                    else (),
                )
                for t, info in zip(readings, infos, strict=True)
            ]
        return base

    def _fixed(self, pi: int) -> tuple[int, float] | None:
        """Return the reading of a name no context changes (one country, curated place or sea), or None."""
        readings = self._readings_of(pi)
        if len(readings) == 1:
            info = self._info(readings[0])
            if info.source in ("country", "curated", "marine"):
                return readings[0], min(1.0, info.prior)
        return None

    def _mention(self, text: str, span: _Span, position: int, confidence: float) -> Mention:
        start, end, pi = span
        key = (pi, position)
        facts = self._mention_facts.get(key)
        if facts is None:
            place = self.gazetteer.place(position)
            name_of = _name_of(place, self._patterns[pi])
            facts = self._mention_facts[key] = (place.id, place.name, place.kind, *place.point, place.country, name_of)
        place_id, name, kind, lon, lat, country, name_of = facts
        metonym = self._info(position).capital and cues.metonym(text, start, end)
        demonym = self._demonym_base <= pi < self._demonym_end
        return Mention._make(
            text[start:end],
            start,
            end,
            place_id,
            name,
            kind,
            lon,
            lat,
            country,
            round(confidence, 3),
            metonym,
            () if demonym else name_of,
            demonym,
        )


def _weakness(info: _Info, person: bool) -> int:
    """Return how much evidence a reading needs: 0 none, 1 a cue or strong context, 2 a cue."""
    if info.source == "admin1":
        return 1
    if info.source != "city" or info.capital:
        return 0
    if person and info.population < 1_000_000:
        return 2
    return 1 if info.population < 100_000 else 0


def _prior(place: Place) -> float:
    """Return how likely a reading is before context: by kind of place, then by city size."""
    if place.source == "country":
        return 0.95 if place.kind == "country" else 0.85
    if place.source == "curated":
        return 0.85 if place.kind == "region" else 0.9
    if place.source == "marine":
        return 0.8
    if place.source == "admin1":
        return 0.6
    if place.capital:
        return 0.85
    return min(0.75, 0.3 + 0.1 * math.log10(max(place.population, 15000) / 15000))


def _nearness(info: _Info, units: tuple[tuple[float, float, float], ...]) -> float:
    """Return the support a reading has from the places the text names within 1500 km.

    Georgia near Tbilisi is the country; near Atlanta, the US state. ``units`` are the
    text's places as unit vectors; the reading's own point does not count.
    """
    x, y, z = own = info.unit
    near = 0
    for unit in units:
        if unit != own and unit[0] * x + unit[1] * y + unit[2] * z > _NEAR:
            near += 1
    return 0.3 * near / len(units)


_unit_cached = functools.lru_cache(maxsize=65536)(_unit)


def _rivalry(info: _Info, others: list[_Info]) -> float:
    """Return the adjustment for a reading that competes with a stronger kind of place.

    A country or territory beats a city of the same name (Gibraltar, Kuwait); a city of
    over 100,000 beats its province of the same name (Granada, Córdoba).
    """
    if info.source == "city" and any(o.source in ("country", "curated") and o.kind != "region" for o in others):
        return -0.3
    if info.source == "admin1" and any(
        o.source == "city" and o.country == info.country and o.population >= 100_000 for o in others
    ):
        return -0.35
    return 0.0


def _longest(spans: list[_Span]) -> list[_Span]:
    """Keep the longest of overlapping spans (the leftmost among equals), in text order.

    Overlaps are rare and local, so spans are grouped into runs that overlap one another
    and only a run of two or more is settled, longest first.
    """
    spans.sort(key=lambda s: (s[0], -s[1]))
    out: list[_Span] = []
    run: list[_Span] = []
    run_end = -1
    for span in spans:
        if span[0] >= run_end:
            out += run if len(run) < 2 else _settle(run)
            run = []
        run.append(span)
        run_end = max(run_end, span[1])
    out += run if len(run) < 2 else _settle(run)
    return out


def _settle(run: list[_Span]) -> list[_Span]:
    """Keep the longest spans of a run of overlapping ones, then the longest that fit around them.

    Linear in the run's extent, so a hostile text of names overlapping end to end (山东山东…)
    costs no more than its length.
    """
    base = run[0][0]
    taken = bytearray(max(e for _s, e, _p in run) - base)
    chosen: list[_Span] = []
    for span in sorted(run, key=lambda s: (-(s[1] - s[0]), s[0])):
        a, b = span[0] - base, span[1] - base
        if not any(taken[a:b]):
            taken[a:b] = b"\x01" * (b - a)
            chosen.append(span)
    return sorted(chosen)


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


def _name_of(place: Place, pattern: str) -> tuple[str, ...]:
    """Return the parties whose name for the place the matched pattern is."""
    return _party_names(place).get(pattern, ())


@functools.lru_cache(maxsize=8192)
def _party_names(place: Place) -> dict[str, tuple[str, ...]]:
    """Map each of a place's names (folded as the text is) to the parties that use it."""
    out: dict[str, set[str]] = {}
    for name in place.names:
        if name.parties:
            out.setdefault(fold_for_matching(name.name), set()).update(name.parties)
    return {k: tuple(sorted(v)) for k, v in out.items()}


_DEFAULT: dict[bool, Extractor] = {}


def extract(text: str, *, demonyms: bool = False) -> list[Mention]:
    """Return the place mentions in a text, with the default gazetteer.

    With ``demonyms``, "the Japanese" and "Filipino fishermen" count as mentions of their
    countries (``demonym: true``); by default they are not place mentions.

    Examples
    --------
    >>> [m.place_id for m in extract("Beijing sent ships to the Diaoyu Islands.")]
    ['beijing-1816670', 'senkaku-islands']
    """
    if demonyms not in _DEFAULT:
        _DEFAULT[demonyms] = Extractor(demonyms=demonyms)
    return _DEFAULT[demonyms].extract(text)
