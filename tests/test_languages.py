"""Place names in German, French, Spanish and Russian text: the language's own names and their case forms."""

from __future__ import annotations

import pytest

from geomap.extraction import Extractor
from geomap.inflection import case_forms, german_case_forms
from geomap.language import latin_language


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


def _found(extractor: Extractor, text: str) -> list[tuple[str, str]]:
    return [(m.text, m.place_id) for m in extractor.extract(text)]


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            "Die Regierung in Belgrad hat die Polizei des Kosovo kritisiert, die mit Spezialeinheiten in den Norden fuhr.",
            "de",
        ),
        (
            "Le Royaume-Uni a réaffirmé sa souveraineté sur les îles, que l'Argentine réclame depuis 1833 dans une lettre.",
            "fr",
        ),
        ("El gobierno de Guatemala llevó su reclamo sobre Belice a la Corte, y los dos países esperan el fallo.", "es"),
        (
            "The government said that the islands were part of its territory and that talks with Argentina were over.",
            "en",
        ),
        ("Kurze Notiz.", None),
    ],
)
def test_the_language_of_a_text_is_told_by_its_function_words(text: str, language: str | None) -> None:
    assert latin_language(text) == language


def test_german_text_finds_german_country_names_and_their_genitive(extractor: Extractor) -> None:
    text = "Die Polizei des Kosovos ist in den Norden gefahren. Serbien und die Regierung in Belgrad haben das kritisiert, die Lage ist nicht ruhig."
    found = _found(extractor, text)
    assert ("Kosovos", "kosovo") in found
    assert ("Serbien", "serbia") in found


def test_french_text_finds_french_names_with_the_island_word(extractor: Extractor) -> None:
    text = "Le Royaume-Uni a réaffirmé sa souveraineté sur les îles Falkland, que l'Argentine appelle les îles Malouines, dans une déclaration publiée par le ministère."
    found = _found(extractor, text)
    assert ("Royaume-Uni", "united-kingdom") in found
    assert ("Argentine", "argentina") in found
    assert ("îles Falkland", "falkland-islands") in found
    assert ("îles Malouines", "falkland-islands") in found


def test_other_languages_names_are_not_read_in_english_text(extractor: Extractor) -> None:
    """German "Island" (Iceland) and French "Argentine" are false friends in English."""
    text = "The Argentine ambassador said that the island was part of the territory and that the talks with the government were over."
    assert _found(extractor, text) == []


def test_russian_text_finds_names_in_every_case(extractor: Extractor) -> None:
    text = "ФСБ задержала суда в Керченском проливе у берегов Крыма. Корабли шли из Одессы в Мариуполь, сообщили в Севастополе."
    found = dict((t, p) for t, p in _found(extractor, text))
    assert found.get("Керченском проливе") == "kerch-strait"
    assert found.get("Крыма") == "crimea"


@pytest.mark.parametrize(
    ("nominative", "forms"),
    [
        ("Крым", {"Крыма", "Крыму", "Крымом", "Крыме"}),
        ("Украина", {"Украины", "Украине", "Украину", "Украиной"}),
        ("Россия", {"России", "Россию", "Россией"}),
        (
            "Керченский пролив",
            {"Керченского пролива", "Керченскому проливу", "Керченским проливом", "Керченском проливе"},
        ),
        (
            "Курильские острова",
            {"Курильских островов", "Курильским островам", "Курильскими островами", "Курильских островах"},
        ),
        ("Донецкая область", {"Донецкой области", "Донецкую область", "Донецкой областью"}),
        ("Японское море", {"Японского моря", "Японскому морю", "Японским морем", "Японском море"}),
    ],
)
def test_russian_case_forms(nominative: str, forms: set[str]) -> None:
    assert forms <= set(case_forms(nominative))


def test_indeclinable_and_foreign_script_names_get_no_case_forms() -> None:
    assert case_forms("Сочи") == []
    assert case_forms("Kyiv") == []


def test_a_dateline_in_capitals_is_read_in_the_text_language(extractor: Extractor) -> None:
    text = "LONDRES (AP) — Le Royaume-Uni a réaffirmé sa souveraineté sur les îles, que l'Argentine réclame dans une lettre."
    found = _found(extractor, text)
    assert ("LONDRES", "london-2643743") in found
    assert ("Royaume-Uni", "united-kingdom") in found


def test_a_languages_abbreviations_and_iso_names_are_read_in_that_language_only(extractor: Extractor) -> None:
    dutch = "China bedreigt Filipijnse schepen bij de Spratly-eilanden, en de VS zijn bezorgd over het incident van deze week."
    found = _found(extractor, dutch)
    assert ("VS", "united-states") in found
    assert ("Spratly-eilanden", "spratly-islands") in found
    german = "Die Russische Föderation hat die Krim annektiert, und die Ukraine ist nicht bereit, das zu akzeptieren."
    assert ("Russische Föderation", "russia") in _found(extractor, german)
    assert "VS" not in {t for t, _ in _found(extractor, "Arsenal VS Chelsea was the match of the week for the fans.")}


def test_spanish_and_portuguese_name_rules(extractor: Extractor) -> None:
    spanish = "CÁDIZ 15 Nov. (EUROPA PRESS) - El Gobierno español ha convocado al embajador por las aguas de la Bahía de Algeciras y de Gibraltar."
    found = _found(extractor, spanish)
    assert ("CÁDIZ", "cadiz-2520600") in found
    assert "Bahía" not in {t for t, _ in found}
    portuguese = (
        "O primeiro-ministro Luís Montenegro disse que a questão de Olivença não está em cima da mesa para o governo."
    )
    assert "Montenegro" not in {t for t, _ in _found(extractor, portuguese)}


def test_german_sea_names_are_found_after_a_preposition(extractor: Extractor) -> None:
    assert set(german_case_forms("Schwarzes Meer")) == {"Schwarzen Meer", "Schwarzen Meeres", "Schwarzen Meers"}
    text = (
        "Die Marine hat im Schwarzen Meer und im Südchinesischen Meer Manöver abgehalten, die nicht angekündigt waren."
    )
    found = _found(extractor, text)
    assert ("Schwarzen Meer", "black-sea") in found
    assert ("Südchinesischen Meer", "south-china-sea") in found


def test_russian_organisations_named_after_a_country_are_not_mentions(extractor: Extractor) -> None:
    text = "Служба безопасности Украины сообщила, что ФСБ РФ задержала суда у берегов Крыма. МИД России ответил."
    found = {t for t, _ in _found(extractor, text)}
    assert {"Украины", "РФ", "России"}.isdisjoint(found)
    assert "Крыма" in found


def test_a_small_town_after_a_preposition_of_the_text_language(extractor: Extractor) -> None:
    text = "O presidente da câmara em Vila Nova de Gaia disse que a posição de Portugal é clara."
    assert ("Vila Nova de Gaia", "vila-nova-de-gaia-2732544") in _found(extractor, text)


def test_russian_news_finds_its_towns_in_any_case(extractor: Extractor) -> None:
    text = "Российские войска обстреляли Бахмут и Авдеевку. В Керчи объявлена тревога. Мирный процесс на Украине остановлен."
    found = dict(_found(extractor, text))
    assert found.get("Бахмут") == "bakhmut-713174"
    assert found.get("Керчи") == "kerch-706524"
    assert "Мирный" not in found  # "peace", not the town of Mirny
