"""Plain text as members type it: blank lines part paragraphs, dashed lines make a list."""

from __future__ import annotations

import pytest

from bot.documents.blocks import Block, text_blocks


@pytest.mark.parametrize(
    ("text", "blocks"),
    [
        ("", ()),
        ("En rad.", (Block("paragraph", ("En rad.",)),)),
        ("Ett.\n\n  \nTvå\nrader.", (Block("paragraph", ("Ett.",)), Block("paragraph", ("Två", "rader.")))),
        (
            "Datum:\r\n\r\n- 15 februari\r\n- 25 april",
            (Block("paragraph", ("Datum:",)), Block("list", ("15 februari", "25 april"))),
        ),
        ("**fet**\n* inte en lista", (Block("paragraph", ("**fet**", "* inte en lista")),)),
        ("- ett\ninte en punkt", (Block("paragraph", ("- ett", "inte en punkt")),)),
        (
            "Styrgruppen beslutar\natt:\n- anta planen\n– se över avgiften",
            (
                Block("paragraph", ("Styrgruppen beslutar", "att:")),
                Block("list", ("anta planen", "se över avgiften")),
            ),
        ),
        ("Lead\n- a\nslut", (Block("paragraph", ("Lead", "- a", "slut")),)),
    ],
)
def test_plain_text_splits_into_paragraphs_and_lists(text: str, blocks: tuple[Block, ...]) -> None:
    assert text_blocks(text) == blocks
