"""Every text a person writes is cleaned the one way: what is stored is what was meant."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.domain.text import clean_text, normalise_text, one_line

BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"


@pytest.mark.parametrize(
    ("raw", "cleaned"),
    [
        ("Rum\x00 3", "Rum 3"),  # PostgreSQL refuses NUL in text
        ("a\x07b\x1bc\x7fd\x9be", "abcde"),  # C0, DEL and C1 controls
        ("Beslut \u202eatt\u202c ja", "Beslut att ja"),  # an override would show it backwards
        ("\u2066Avesta\u2069 \u200fMora\u200e", "Avesta Mora"),  # isolates and marks
        ("\ufeff§1 Öppnande", "§1 Öppnande"),  # a byte-order mark pasted with a text
        ("rad 1\r\nrad 2\rrad 3\u2028rad 4\x85rad 5", "rad 1\nrad 2\nrad 3\nrad 4\nrad 5"),
        ("kolumn\tkolumn", "kolumn\tkolumn"),  # a tab is kept for the layout to decide
        ("a\ud800b", "a\ufffdb"),  # a lone surrogate has no UTF-8: the replacement character
        ("A\u030angstro\u0308m", "Ångström"),  # NFC: a Mac's decomposed å is the same å
        ("emoji 👩\u200d💻 och ZWNJ\u200c", "emoji 👩\u200d💻 och ZWNJ\u200c"),  # joiners are writing
    ],
)
def test_control_and_bidi_characters_are_removed(raw: str, cleaned: str) -> None:
    assert clean_text(raw) == cleaned


def test_the_layout_is_single_spaces_and_one_line_where_one_line_is_meant() -> None:
    assert normalise_text("  Rubrik\x00 \t här \n\n\n\nText\u202e  ") == "Rubrik här\n\nText"
    assert one_line("Rum 3\nVåning 2\u2029hus\x00 B") == "Rum 3 Våning 2 hus B"


@given(st.text())
def test_cleaned_text_has_no_controls_and_cleaning_again_changes_nothing(raw: str) -> None:
    cleaned = clean_text(raw)
    assert clean_text(cleaned) == cleaned
    assert cleaned == unicodedata.normalize("NFC", cleaned)
    assert not [ch for ch in cleaned if unicodedata.category(ch) in ("Cc", "Cs") and ch not in "\n\t"]
    assert not set(cleaned) & set(BIDI)
    cleaned.encode("utf-8")  # storable in either database
    assert "\x00" not in normalise_text(raw) and normalise_text(normalise_text(raw)) == normalise_text(raw)
