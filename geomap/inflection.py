"""The case forms of place names in languages that inflect them: Russian and German.

Russian inflects names for case, so a text about Crimea writes Крым, Крыма, Крыму, Крымом
or Крыме, and a gazetteer that knows only the nominative finds a fraction of them. The
forms are generated from the nominative by the regular endings of nouns and adjectives
(singular, and plural for names like Курильские острова); each word of a name takes the
same case. Irregular names get some wrong forms, which match nothing in real text, and
indeclinable ones (Сочи, Осло) get none.

German inflects the adjective of a sea's name: "das Schwarze Meer" is "im Schwarzen Meer",
"des Schwarzen Meeres"; "Südchinesisches Meer" is "im Südchinesischen Meer".
"""

from __future__ import annotations

__all__ = ["case_forms", "german_case_forms"]

# Endings of the genitive, dative, accusative, instrumental and prepositional, by the
# nominative's ending; "" keeps the nominative (an inanimate accusative).
_HUSHING = "гкхжшщч"
_NOUN = (
    ("ия", ("ии", "ии", "ию", "ией", "ии")),
    ("ая", ("ой", "ой", "ую", "ой", "ой")),  # an adjective used as a noun (Тверская)
    ("а", ("ы", "е", "у", "ой", "е")),
    ("я", ("и", "е", "ю", "ей", "е")),
    ("ь", ("я", "ю", "ь", "ем", "е")),  # masculine: Севастополь
    ("й", ("я", "ю", "й", "ем", "е")),
)
_FEMININE_SOFT = ("и", "и", "ь", "ью", "и")  # Керчь, Обь
_NEUTER_SOFT = ("я", "ю", "е", "ем", "е")  # море
_PLURAL_NOUN = (("а", ("ов", "ам", "а", "ами", "ах")), ("ы", ("", "ам", "ы", "ами", "ах")))  # острова, Курилы
_ADJECTIVE = (
    ("ские", ("ских", "ским", "ские", "скими", "ских")),
    ("кие", ("ких", "ким", "кие", "кими", "ких")),
    ("ые", ("ых", "ым", "ые", "ыми", "ых")),
    ("ие", ("их", "им", "ие", "ими", "их")),
    ("ский", ("ского", "скому", "ский", "ским", "ском")),
    ("кий", ("кого", "кому", "кий", "ким", "ком")),
    ("ый", ("ого", "ому", "ый", "ым", "ом")),
    ("ой", ("ого", "ому", "ой", "ым", "ом")),
    ("ий", ("его", "ему", "ий", "им", "ем")),
    ("ая", ("ой", "ой", "ую", "ой", "ой")),
    ("яя", ("ей", "ей", "юю", "ей", "ей")),
    ("кое", ("кого", "кому", "кое", "ким", "ком")),
    ("ое", ("ого", "ому", "ое", "ым", "ом")),
)
_CONSONANTS = set("бвгджзклмнпрстфхцчшщ")


def case_forms(name: str) -> list[str]:
    """Return the other case forms of a Russian place name (one or two words), nominative excluded."""
    words = name.split(" ")
    if not 1 <= len(words) <= 2 or not all(_cyrillic(w) for w in words):
        return []
    if len(words) == 1:
        table = _noun_cases(words[0])
    else:
        gender = "f" if words[0].endswith(("ая", "яя")) else "n" if words[0].endswith(("ое", "ее")) else "m"
        first, second = _adjective_cases(words[0]), _noun_cases(words[1], gender)
        if not first or not second:
            return []
        table = [f"{a} {b}" for a, b in zip(first, second, strict=False)]
    return sorted({form for form in table if form != name})


def _cyrillic(word: str) -> bool:
    return len(word) >= 3 and all("а" <= c <= "я" or "А" <= c <= "Я" or c in "ёЁ-" for c in word)


def _noun_cases(word: str, gender: str = "") -> list[str]:
    """Return a noun's five oblique cases; ``gender`` ("m", "f", "n") when an adjective tells it."""
    lower = word.lower()
    if gender == "n" and lower.endswith(("о", "е")):
        return [word[:-1] + c for c in (("а", "у", "о", "ом", "е") if lower.endswith("о") else _NEUTER_SOFT)]
    if gender == "f" and lower.endswith("ь"):
        return [word[:-1] + c for c in _FEMININE_SOFT]
    for ending, cases in _PLURAL_NOUN:
        if lower.endswith(ending) and (ending == "ы" or lower.endswith("острова")):
            stem = word[: len(word) - len(ending)]
            return [stem + c for c in cases]
    for ending, cases in _NOUN:
        if lower.endswith(ending):
            stem = word[: len(word) - len(ending)]
            if ending == "а" and stem and stem[-1].lower() in _HUSHING:
                cases = ("и", *cases[1:])
            forms = [stem + c for c in cases]
            if ending == "ь" and not gender:
                forms += [stem + c for c in _FEMININE_SOFT]  # Керчь or Севастополь: both
            return forms
    if lower[-1] in _CONSONANTS:
        return [word + c for c in ("а", "у", "", "ом", "е")]
    return []  # -о, -е, -и, -у: indeclinable (Сочи, Косово)


def _adjective_cases(word: str) -> list[str]:
    lower = word.lower()
    for ending, cases in _ADJECTIVE:
        if lower.endswith(ending):
            stem = word[: len(word) - len(ending)]
            return [stem + c for c in cases]
    return []


_GERMAN_NOUN_FORMS = {"Meer": ("Meer", "Meeres", "Meers"), "See": ("See",)}


def german_case_forms(name: str) -> list[str]:
    """Return the dative and genitive of a German adjective-and-noun name ("Schwarzes Meer")."""
    words = name.split(" ")
    if len(words) != 2 or words[1] not in _GERMAN_NOUN_FORMS:
        return []
    adjective, noun = words
    for ending in ("es", "e"):  # Schwarzes Meer (strong), Schwarze Meer / Ostchinesische See
        if adjective.endswith(ending) and len(adjective) > len(ending) + 2:
            stem = adjective[: -len(ending)]
            return sorted({f"{stem}en {form}" for form in _GERMAN_NOUN_FORMS[noun]} - {name})
    return []
