"""People's words in a card: escaped only where Teams' Markdown would act on them."""

from __future__ import annotations

import pytest

from bot.chat.markup import card_plain, card_prose, plain


def test_punctuation_markdown_leaves_alone_is_shown_as_written() -> None:
    # Teams mobile shows an escape before such a character literally: "\(Säter\)".
    text = "Malin Karhu Birgersson (Säter). Klart! Punkt #3 + 2 - 1 = 4 | a~b snake_case [bilaga]"
    assert card_plain(text) == text
    assert plain(text) == text


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("**fet** och *kursiv*", r"\*\*fet\*\* och \*kursiv\*"),
        ("_kursiv_", r"\_kursiv\_"),
        ("se [avtalet](https://x.example)", r"se [avtalet\](https://x.example)"),
        ("`kod` och ~~struken~~", r"\`kod\` och \~\~struken\~\~"),
        (
            "- inte en lista\n1. inte numrerad\n2) inte heller",
            "\\- inte en lista\n1\\. inte numrerad\n2\\) inte heller",
        ),
        ("> inget citat\n# ingen rubrik", "\\> inget citat\n\\# ingen rubrik"),
        (r"C:\mapp\*fil", r"C:\mapp\\\*fil"),
    ],
)
def test_what_markdown_would_act_on_is_neutralised(text: str, escaped: str) -> None:
    assert card_plain(text) == escaped


def test_html_is_escaped_in_messages_but_not_in_cards() -> None:
    assert plain("<b>(x)</b>") == "&lt;b&gt;(x)&lt;/b&gt;"
    assert card_plain("<b>(x)</b>") == "<b>(x)</b>"


def test_a_lead_line_followed_by_dashed_lines_becomes_a_list_of_its_own() -> None:
    text = "Beslut (enhälligt):\n- anta planen\n- **inte** höja avgiften\n\nNästa stycke."
    assert (
        card_prose(text)
        == "Beslut (enhälligt):\n\n- anta planen\n- \\*\\*inte\\*\\* höja avgiften\n\nNästa stycke."
    )
