"""Extraction: the seed's places, variants that must match, traps that must not, invariants."""

from __future__ import annotations

import pathlib

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from geomap.document import Document
from geomap.extraction import Extractor

DATA = pathlib.Path(__file__).parent / "data"


def _table(name: str) -> list[list[str]]:
    rows = []
    for line in (DATA / name).read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            rows.append(line.split("\t"))
    return rows


@pytest.fixture(scope="module")
def extractor(gazetteer) -> Extractor:
    return Extractor(gazetteer)


def test_seed_story_places_and_nothing_else(extractor: Extractor, seed_text: str) -> None:
    doc = Document.from_text(seed_text)
    mentions = extractor.extract(doc.text, doc.body_start)
    for m in mentions:
        assert doc.text[m.start : m.end] == m.text
    found = {(m.text, m.place_id) for m in mentions}
    assert found == {
        ("U.S.", "united-states"),
        ("United States", "united-states"),
        ("Japan", "japan"),
        ("Washington", "washington-4140963"),
        ("Taiwan Strait", "taiwan-strait"),
        ("Taiwan", "taiwan"),
        ("South Korea", "south-korea"),
        ("China", "china"),
        ("Indo-Pacific", "indo-pacific"),
        ("Senkaku Islands", "senkaku-islands"),
        ("East China Sea", "east-china-sea"),
        ("Tokyo", "tokyo-1850147"),
        ("Beijing", "beijing-1816670"),
        ("Diaoyu", "senkaku-islands"),
    }
    assert len(mentions) == 31
    japan_us = [m for m in mentions if doc.text[m.start - 6 : m.start] == "Japan-"]
    assert japan_us and japan_us[0].text == "U.S."


def test_metonyms_and_party_names_in_the_seed(extractor: Extractor, seed_text: str) -> None:
    doc = Document.from_text(seed_text)
    by_text = {}
    for m in extractor.extract(doc.text, doc.body_start):
        by_text.setdefault(m.text, []).append(m)
    assert by_text["Tokyo"][0].metonym and by_text["Beijing"][0].metonym
    assert not by_text["Washington"][0].metonym  # "a summit in Washington": the city itself
    assert by_text["Diaoyu"][0].name_of == ("CHN",)
    assert by_text["Taiwan"][0].name_of == ()


@pytest.mark.parametrize(("text", "span", "place_id"), _table("variants.tsv"))
def test_variants_resolve(extractor: Extractor, text: str, span: str, place_id: str) -> None:
    mentions = {(m.text, m.place_id) for m in extractor.extract(text)}
    assert (span, place_id) in mentions, mentions


@pytest.mark.parametrize(("text", "span"), _table("should_not_match.tsv"))
def test_traps_do_not_match(extractor: Extractor, text: str, span: str) -> None:
    assert span not in {m.text for m in extractor.extract(text)}


def test_a_title_opening_a_paragraph_still_makes_a_person(extractor: Extractor) -> None:
    text = "Profits rose.\n\nMr Shiga will nominally serve as chief executive."
    assert "Shiga" not in {m.text for m in extractor.extract(text)}


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=300)
    | st.lists(
        st.sampled_from(["Japan", "U.S.", "-", " ", "China", "'s", "尖閣諸島", "Taiwan Strait", ".", "\n"]), max_size=30
    ).map("".join)
)
def test_extraction_invariants(extractor: Extractor, text: str) -> None:
    mentions = extractor.extract(text)
    last_end = 0
    for m in mentions:
        assert 0 <= m.start < m.end <= len(text)
        assert text[m.start : m.end] == m.text
        assert m.start >= last_end  # sorted, never overlapping
        last_end = m.end
        assert 0.0 <= m.score <= 1.0


def test_demonyms_only_when_asked(gazetteer, extractor: Extractor) -> None:
    text = "Japanese and Chinese coast guard ships met; Filipino fishermen watched near Scarborough Shoal."
    assert not [m for m in extractor.extract(text) if m.demonym]
    with_demonyms = Extractor(gazetteer, demonyms=True).extract(text)
    found = {(m.text, m.place_id) for m in with_demonyms if m.demonym}
    assert found == {("Japanese", "japan"), ("Chinese", "china"), ("Filipino", "philippines")}
    assert ("Scarborough Shoal", "scarborough-shoal") in {(m.text, m.place_id) for m in with_demonyms}
    assert all(m.to_json()["demonym"] == m.demonym for m in with_demonyms)


def test_demonym_shared_by_territories_goes_to_the_sovereign_country(gazetteer) -> None:
    mentions = Extractor(gazetteer, demonyms=True).extract("French and American diplomats met.")
    assert {(m.text, m.place_id) for m in mentions} == {("French", "france"), ("American", "united-states")}


def test_small_town_needs_a_locative_cue(extractor: Extractor) -> None:
    # Howard is a US town of under 100,000 and a common surname: read as a place only
    # when the text says it is one.
    bare = extractor.extract("The US film was made with Howard, who directed it.")
    assert "Howard" not in {m.text for m in bare}
    located = extractor.extract("The US company opened a plant in Howard, Wisconsin.")
    assert "Howard" in {m.text for m in located}


def test_unknown_name_leaves_the_rest_of_the_document(extractor: Extractor) -> None:
    text = "Xyzzyville officials met in Manila to discuss Scarborough Shoal."
    assert {m.place_id for m in extractor.extract(text)} >= {"manila-1701668", "scarborough-shoal"}
