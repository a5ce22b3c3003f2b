"""Reading documents: encodings, front matter, sentences, offsets."""

from __future__ import annotations

import codecs

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from geomap.document import Document, _flat_mapping, decode, read_document, split_sentences
from geomap.errors import DocumentError


def test_front_matter_is_read_and_offsets_cover_the_whole_file(seed_text: str) -> None:
    doc = Document.from_text(seed_text, name="seed")
    assert doc.meta["title"].startswith("Ishiba to ask Trump")
    assert doc.meta["date"] == "2025-02-03"
    assert doc.meta["source"] == "Kyodo News"
    assert doc.text == seed_text
    assert doc.text[doc.body_start :].startswith("Prime Minister Shigeru Ishiba")


def test_sentences_do_not_break_after_abbreviations() -> None:
    text = "U.S. President Donald Trump met Mr. Ishiba. Beijing objected! Tokyo waited."
    assert [text[s:e] for s, e in split_sentences(text)] == [
        "U.S. President Donald Trump met Mr. Ishiba.",
        "Beijing objected!",
        "Tokyo waited.",
    ]


def test_chinese_sentences_split_without_spaces() -> None:
    text = "钓鱼岛是中国的固有领土。日本对此表示抗议。"
    assert [text[s:e] for s, e in split_sentences(text)] == ["钓鱼岛是中国的固有领土。", "日本对此表示抗议。"]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty document"),
        (b"   \n\t ", "empty document"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file"),
        ("Se\u00f1or Espa\u00f1a".encode("latin-1"), "not UTF-8"),
        ("尖閣諸島".encode("shift_jis"), "not UTF-8"),
    ],
)
def test_bad_bytes_give_one_clear_error(data: bytes, message: str) -> None:
    with pytest.raises(DocumentError, match=message):
        decode(data, "story.txt")


def test_utf16_with_bom_and_utf8_bom_decode() -> None:
    assert decode(codecs.BOM_UTF16_LE + "Taiwan".encode("utf-16-le"), "x") == "Taiwan"
    assert decode(codecs.BOM_UTF8 + b"Taiwan", "x") == "Taiwan"


def test_missing_file_and_folder_are_user_errors(tmp_path) -> None:
    with pytest.raises(DocumentError, match="no such file"):
        read_document(tmp_path / "nope.txt")
    with pytest.raises(DocumentError, match="is a folder"):
        read_document(tmp_path)


def test_front_matter_never_constructs_objects() -> None:
    text = "---\ntitle: !!python/object/apply:os.system ['echo hacked']\n---\nJapan."
    doc = Document.from_text(text)
    assert "title" not in doc.meta  # refused, and the file is still read as text
    assert "Japan" in doc.text


def test_bidi_overrides_are_dropped_from_metadata() -> None:
    doc = Document.from_text('---\ntitle: "abc\u202edef"\n---\nbody')
    assert doc.meta["title"] == "abcdef"


_SAFE_TEXT = st.text(
    alphabet=st.characters(whitelist_categories=("L", "N", "Zs"), whitelist_characters="-.,/?'"),
    min_size=1,
    max_size=40,
)


_YAML11_WORDS = {"y", "n", "yes", "no", "on", "off", "true", "false", "null"}  # keys PyYAML reads as bool/None


@settings(max_examples=200, deadline=None)
@given(
    st.dictionaries(
        st.from_regex(r"[a-z][a-z_]{0,10}", fullmatch=True).filter(lambda k: k not in _YAML11_WORDS),
        _SAFE_TEXT,
        min_size=1,
        max_size=5,
    )
)
def test_flat_front_matter_reads_like_yaml(fields: dict[str, str]) -> None:
    import json

    import yaml

    block = "\n".join(f"{k}: {json.dumps(v, ensure_ascii=False)}" for k, v in fields.items())
    flat = _flat_mapping(block)  # None: the block needs the YAML loader (escapes), which then reads it
    assert flat is None or flat == yaml.safe_load(block)
    assert flat is not None or "\\" in block
