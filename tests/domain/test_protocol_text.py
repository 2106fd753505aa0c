"""The protocol's plain-text format: what export writes, import reads back, and every error names its line."""

from __future__ import annotations

from dataclasses import replace
from unicodedata import normalize

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from bot.domain.errors import DomainError
from bot.domain.group import Rules
from bot.domain.items import clean_item
from bot.domain.protocol_text import (
    DECISION_HEADING,
    SECTIONS_MAX,
    TEXT_MAX,
    TITLE_MAX,
    Section,
    edit_section,
    export_text,
    fill_empty,
    normalised,
    parse_text,
    place_new_votes,
    unfinished,
)
from bot.domain.votes import QUESTION_MAX, parse_vote
from bot.services.protocol_record import version_of

VOTES = [41, 42]
QUESTIONS = {41: "Ska budgeten fastställas?", 42: "Ska vi ses i mars?"}

SEED_LIKE = (
    Section("Mötets öppnande", "Ordföranden öppnade mötet."),
    Section("Utse justerare", "Marika Lyman, Avesta, utses till justerare."),
    Section(
        "Styrgruppens uppdrag och formalia för möten",
        "Vi går igenom samverkansavtalet.\n\nFörslag till mötesdatum för 2024:\n- 15 februari\n- 25 april",
        "Ingen har invändningar mot formalia eller förslag till mötesdatum.",
        votes=(41,),
    ),
    Section("Kick-off", "", "Styrgruppen beslutar att ses i mars.", votes=(42,)),
)


def parse(text: str) -> tuple[Section, ...]:
    return parse_text(text, VOTES, QUESTIONS)


def refusal(text: str) -> DomainError:
    with pytest.raises(DomainError) as raised:
        parse(text)
    return raised.value


def test_export_writes_headings_votes_and_decisions_as_the_seed_does() -> None:
    text = export_text(SEED_LIKE, VOTES, QUESTIONS)
    assert text.startswith("§1 Mötets öppnande\nOrdföranden öppnade mötet.\n\n§2 Utse justerare\n")
    assert (
        f"- 25 april\n[Omröstning 1: Ska budgeten fastställas?]\n\n{DECISION_HEADING}\nIngen har invändningar"
    ) in text
    assert "§4 Kick-off\n[Omröstning 2: Ska vi ses i mars?]\n\nStyrgruppens beslut:\n" in text


def test_what_is_exported_is_read_back_unchanged() -> None:
    assert parse(export_text(SEED_LIKE, VOTES, QUESTIONS)) == SEED_LIKE


def test_comments_before_the_first_paragraph_and_crlf_are_fine() -> None:
    lines = ["# Protokoll", "", "§1 Öppnande", "Text", "[omröstning 1]", "§2 Två", "Styrgruppens beslut: Ja."]
    text = "\r\n".join([*lines, "[Omröstning 2]"])
    assert parse(text) == (
        Section("Öppnande", "Text", votes=(41,)),
        Section("Två", "", "Ja.", votes=(42,)),
    )


@pytest.mark.parametrize(
    ("text", "code", "params"),
    [
        ("Inledning\n§1 A", "protocol_text.before_first", {"line": 1}),
        (
            "§1 A\n[Omröstning 1]\n\n§3 C",
            "protocol_text.out_of_order",
            {"line": 4, "number": 3, "expected": 2},
        ),
        ("§2 A", "protocol_text.out_of_order", {"line": 1, "number": 2, "previous": 0}),
        ("§1 A\n§2", "protocol_text.no_title", {"line": 2, "number": 2}),
        ("§1 A\n[Omröstning 3]", "protocol_text.unknown_vote", {"line": 2, "number": 3, "count": 2}),
        (
            "§1 A\n[Omröstning 1]\n§2 B\n[Omröstning 1]",
            "protocol_text.vote_twice",
            {"line": 4, "paragraph": 1},
        ),
        ("§1 A\n[Omröstning 1]", "protocol_text.vote_missing", {"number": 2, "question": QUESTIONS[42]}),
        ("§1 A\nStyrgruppens beslut:\nx\nstyrgruppens beslut: y", "protocol_text.two_decisions", {"line": 4}),
        ("# bara en kommentar", "protocol_text.empty", {}),
        (f"§1 {'x' * (TITLE_MAX + 1)}", "protocol_text.title_too_long", {"line": 1, "limit": TITLE_MAX}),
    ],
)
def test_what_cannot_be_read_is_refused_with_its_line(
    text: str, code: str, params: dict[str, object]
) -> None:
    error = refusal(text)
    assert error.code == code
    assert params.items() <= error.params.items()


def test_a_paragraph_too_long_is_named_by_its_heading_line() -> None:
    text = f"§1 A\n[Omröstning 1]\n[Omröstning 2]\n\n§2 B\n{'ord ' * (TEXT_MAX // 3)}"
    error = refusal(text)
    assert (error.code, error.params["line"], error.params["number"]) == ("protocol_text.text_too_long", 5, 2)


def test_the_card_form_edits_one_paragraph_or_adds_one_at_the_end() -> None:
    edited = edit_section(SEED_LIKE, 2, " Utse  justerare\n", "Ny text", "")
    assert edited[1] == Section("Utse justerare", "Ny text") and edited[0] == SEED_LIKE[0]
    assert edited[2].votes == (41,)  # the vote stays where it was placed
    added = edit_section(SEED_LIKE, 5, "Mötets avslutande", "Slut.", "")
    assert len(added) == 5 and added[-1].title == "Mötets avslutande"
    with pytest.raises(DomainError, match=r"protocol\.no_paragraph"):
        edit_section(SEED_LIKE, 6, "För långt fram", "", "")
    with pytest.raises(DomainError, match=r"protocol\.title_missing"):
        edit_section(SEED_LIKE, 1, "  ", "Text", "")


def test_a_vote_opened_after_the_draft_gets_its_own_paragraph() -> None:
    sections = (Section("Öppnande", "x"), Section("Budget", "y", votes=(41,)))
    placed = place_new_votes(sections, VOTES, QUESTIONS)
    assert placed[-1] == Section("Ska vi ses i mars?", votes=(42,))
    assert place_new_votes(placed, VOTES, QUESTIONS) == placed


def test_a_paragraph_with_nothing_in_it_is_unfinished() -> None:
    assert unfinished(SEED_LIKE) is None
    assert unfinished((*SEED_LIKE, Section("Övrigt"))) == 5


_line = st.text(st.characters(codec="utf-8", exclude_categories=("Cc", "Cs", "Zl", "Zp")), max_size=40).map(
    lambda s: " ".join(s.split())
)
_title = _line.filter(lambda s: s and not s.startswith(("§", "#", "[")))
_body = st.lists(
    _line.filter(lambda s: not s.startswith(("§", "[")) and not s.casefold().startswith("styrgruppens")),
    max_size=4,
).map(lambda lines: "\n".join(lines).strip())


@given(st.lists(st.tuples(_title, _body, _body), min_size=1, max_size=6))
def test_any_text_exported_reads_back_the_same(parts: list[tuple[str, str, str]]) -> None:
    sections = tuple(Section(title, text, decision) for title, text, decision in parts)
    normalised = parse_text(export_text(sections, [], {}), [], {})
    assert parse_text(export_text(normalised, [], {}), [], {}) == normalised
    # The writer's titles survive, as Unicode's one form of each character (NFC).
    assert [s.title for s in normalised] == [" ".join(normalize("NFC", t).split()) for t, _, _ in parts]


def test_only_empty_paragraphs_get_the_words_of_a_fresh_draft() -> None:
    stored = (
        Section("Mötets öppnande", "Ordföranden öppnade mötet."),
        Section("Utse justerare"),  # the adjuster was appointed after the draft was made
        Section("Budget"),
        Section("Fråga?", votes=(3,)),
    )
    fresh = (
        Section("Mötets öppnande", "Malin hälsade välkommen."),
        Section("Utse justerare", "Marika Lyman, Avesta, utses till justerare."),
        Section("Fråga?", votes=(3,)),
    )
    assert fill_empty(stored, fresh) == (
        Section("Mötets öppnande", "Ordföranden öppnade mötet."),  # the secretary's words stay
        Section("Utse justerare", "Marika Lyman, Avesta, utses till justerare."),
        Section("Budget"),  # nothing fresh to say
        Section("Fråga?", votes=(3,)),
    )


# Lines a member or the secretary may well write, that look like the format's own lines.
_LOOKALIKES = st.sampled_from([
    "§", "§1", "§ 2.", "§3 i avtalet säger", "§12", "§1234", "#", "# inte en kommentar", "- ", "- en punkt",
    "[Omröstning 1]", "[omröstning 2: Ja]", "[ Omröstning 1 : a ] b ]", "[Omröstning 9]", "[", "]", "[]",
    "Styrgruppens beslut:", "styrgruppens  beslut : ja", "STYRGRUPPENS BESLUT:", "\\", "\\§1 x",
    "\\\\[Omröstning 1]", "\\ Styrgruppens beslut:", "C:\\mapp\\fil", "\ufeff§2 gömd",
])  # fmt: skip
_any_line = st.one_of(
    st.text(max_size=50),
    st.builds(lambda a, b: a + b, _LOOKALIKES, st.text(max_size=20)),
    st.builds(lambda a, n: a * n, st.text(min_size=1, max_size=4), st.integers(40, 120)),  # long lines
)
_lines = st.lists(_any_line, max_size=6).map("\n".join)
RULES = Rules()


def _item(title: str, text: str) -> Section:
    """An item as a member sends it (`övrig fråga` and its lines), as the first draft takes it."""
    try:
        title, text = clean_item(f"{title[:150].replace(chr(10), ' ')}\n{text}", RULES)
    except DomainError:
        assume(False)
    return Section(title, text)


def _question(raw: str) -> str:
    try:
        return parse_vote(raw.replace("|", "/")[:QUESTION_MAX])[0]
    except DomainError:
        return "Ska vi?"


@given(
    st.lists(st.tuples(_any_line, _lines), min_size=1, max_size=5),
    st.lists(_any_line, max_size=3),
    st.lists(st.tuples(st.integers(1, 5), _lines, _lines), max_size=3),
    st.data(),
)
def test_an_unchanged_export_reads_back_as_the_same_version(
    items: list[tuple[str, str]],
    raw_questions: list[str],
    edits: list[tuple[int, str, str]],
    data: st.DataObject,
) -> None:
    vote_ids = list(range(101, 101 + len(raw_questions)))
    questions = {v: _question(q) for v, q in zip(vote_ids, raw_questions, strict=True)}
    sections: tuple[Section, ...] = (Section("Mötets öppnande", "Ordföranden öppnade mötet."),)
    sections += tuple(_item(title, text) for title, text in items)
    for number, text, decision in edits:  # the secretary writes in the card's form
        number = min(number, len(sections))
        sections = edit_section(sections, number, sections[number - 1].title, text, decision)
    # Some votes under the items, the rest in paragraphs of their own, titled by their question.
    for vote_id in vote_ids:
        if data.draw(st.booleans()):
            n = data.draw(st.integers(1, len(sections) - 1))
            sections = (
                *sections[:n],
                replace(sections[n], votes=(*sections[n].votes, vote_id)),
                *sections[n + 1 :],
            )
    sections = place_new_votes(sections, vote_ids, questions)

    exported = export_text(sections, vote_ids, questions)
    read = parse_text(exported, vote_ids, questions)
    assert read == sections
    record = {"votes": [{"id": v, "question": q} for v, q in questions.items()]}
    assert version_of(record, read) == version_of(record, sections)
    assert export_text(read, vote_ids, questions) == exported


def test_a_line_of_text_that_looks_like_the_format_is_written_with_a_backslash() -> None:
    item = Section(
        "Avtalet", "§3 i avtalet gäller.\nStyrgruppens beslut: inget\n[Omröstning 1]\n\\§ x\nC:\\mapp", "§4"
    )
    text = export_text((item,), [41], {41: "Köpa [A] eller [B]?"})
    assert text == (
        "§1 Avtalet\n\\§3 i avtalet gäller.\n\\Styrgruppens beslut: inget\n\\[Omröstning 1]\n"
        "\\§ x\nC:\\mapp\n\nStyrgruppens beslut:\n\\§4\n"
    )
    assert parse_text(text + "[Omröstning 1: Köpa [A] eller [B]?]", [41], {41: ""}) == (
        replace(item, votes=(41,)),
    )


def test_a_heading_as_long_as_a_vote_question_reads_back() -> None:
    question = "Ska " + "ö" * (QUESTION_MAX - 5) + "?"
    sections = place_new_votes((Section("Öppnande", "x"),), [7], {7: question})
    assert parse_text(export_text(sections, [7], {7: question}), [7], {7: question}) == sections


@given(st.text(), st.text(), st.text())
def test_any_paragraph_laid_out_as_the_format_reads_it_reads_back_unchanged(
    title: str, text: str, decision: str
) -> None:
    section = normalised(Section(title, text, decision))
    assume(section.title and len(section.title) <= TITLE_MAX and len(section.text) <= TEXT_MAX)
    assert parse_text(export_text((section,), [], {}), [], {}) == (section,)


def test_a_draft_of_more_paragraphs_than_a_text_may_add_reads_back_its_own_export() -> None:
    many = tuple(Section(f"Punkt {n}", "Frågan anmäldes.") for n in range(1, SECTIONS_MAX + 6))
    text = export_text(many, [], {})
    assert parse_text(text, [], {}, sections_max=len(many)) == many
    with pytest.raises(DomainError, match=r"protocol_text\.too_many"):
        parse_text(text, [], {})
