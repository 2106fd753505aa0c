"""The group file: the sample built from the 2023-09-26 protocol, and every validation rule."""

from __future__ import annotations

from datetime import date, time
from pathlib import Path

import pytest

from bot.domain.group import Group, PriorAdjuster, Role, Rules
from bot.domain.protocol_text import TEXT_MAX, TITLE_MAX
from bot.groupfile import SAMPLE_PATH, GroupFileError, Problem, load_group

SEED_MUNICIPALITIES = {
    "Säter", "Älvdalen", "Mora", "Hedemora", "Leksand", "Ludvika", "Hudiksvall", "Ljusdal", "Bollnäs",
    "Nordanstig", "Sandviken", "Ovanåker", "Avesta", "Nora", "Vansbro", "Borlänge", "Malung-Sälen",
    "Falun", "Orsa", "Smedjebacken", "Rättvik", "Gagnef",
}  # fmt: skip

# A small valid group; each test breaks one thing in it.
VALID = """\
name: Testgruppen
tenant_id: 00000000-0000-4000-8000-00000000aaaa
team_id: "19:team@thread.tacv2"
channel_id: "19:channel@thread.tacv2"
council_mailboxes:
  - rad@example.se
municipalities:
  - name: Avesta
    mailbox: kommun@avesta.se
  - name: Säter
    mailbox: kommun@sater.se
people:
  - name: Olga Ordförande
    title: Chef
    role: chair
    municipality: Säter
    aad_id: 00000000-0000-4000-8000-000000000001
    email: olga@sater.se
  - name: Siv Sekreterare
    title: Enhetschef
    role: secretary
    organisation: E-arkiv Mitt
    aad_id: 00000000-0000-4000-8000-000000000002
    email: siv@earkivmitt.se
  - name: Lena Ledamot
    title: Kanslichef
    role: member
    municipality: Avesta
    aad_id: 00000000-0000-4000-8000-000000000003
    email: lena@avesta.se
  - name: Erik Ersättare
    role: substitute
    municipality: Avesta
    aad_id: 00000000-0000-4000-8000-000000000004
    email: erik@avesta.se
    substitute_for: lena@avesta.se
meetings:
  - date: 2024-04-25
    start: "08:30"
    end: "10:00"
  - date: 2024-02-15
    start: "08:30"
    end: "10:00"
"""


def edit(text: str, old: str, new: str, count: int = 1) -> str:
    assert old in text, f"the test's text has no {old!r}"
    return text.replace(old, new, count)


def line_of(text: str, needle: str, nth: int = 1) -> int:
    """1-based line of the nth line containing `needle`: tests name lines by content, not number."""
    hits = [n for n, line in enumerate(text.splitlines(), start=1) if needle in line]
    assert len(hits) >= nth, f"{needle!r} occurs {len(hits)} times"
    return hits[nth - 1]


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "group.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def problems(tmp_path: Path, text: str) -> list[Problem]:
    with pytest.raises(GroupFileError) as caught:
        load_group(write(tmp_path, text))
    assert caught.value.problems, "a GroupFileError must name at least one problem"
    return caught.value.problems


def only(found: list[Problem], path: str) -> Problem:
    at = [p for p in found if p.path == path]
    assert len(at) == 1, f"expected one problem at {path!r}, got {found}"
    return at[0]


def assert_problem(tmp_path: Path, text: str, path: str, line: int | None, *fragments: str) -> Problem:
    problem = only(problems(tmp_path, text), path)
    assert problem.line == line, problem
    for fragment in fragments:
        assert fragment in problem.message, problem
    return problem


# --- the sample --------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def sample() -> Group:
    return load_group(SAMPLE_PATH)


def test_sample_has_every_municipality_of_the_seed(sample: Group) -> None:
    assert {m.name for m in sample.municipalities} == SEED_MUNICIPALITIES
    assert len(sample.municipalities) == 22
    avesta = sample.municipality("Avesta")
    assert avesta is not None and avesta.mailbox == "kommun@avesta.se"
    assert sample.municipality("Säter").mailbox == "kommun@sater.se"  # type: ignore[union-attr]
    assert sample.municipality("Malung-Sälen").mailbox == "kommun@malung-salen.se"  # type: ignore[union-attr]


def test_sample_group_settings(sample: Group) -> None:
    assert sample.name == "Styrgruppen E-arkiv Mitt"
    assert sample.tenant_id == "00000000-0000-4000-8000-00000000aaaa"
    assert sample.timezone == "Europe/Stockholm"
    assert sample.council_mailboxes == ("samverkansradet@earkivmitt.se",)
    assert sample.group_mailbox == "styrgrupp@earkivmitt.se"
    decision = "Gallringsbeslut för styrgruppens mötesinspelningar, Avesta kommun, dnr KS 2023/0412"
    assert sample.rules == Rules(retention_decision=decision)


def test_sample_people_match_the_seed(sample: Group) -> None:
    chair = sample.chair
    assert chair is not None
    assert (chair.name, chair.municipality, chair.title) == (
        "Malin Karhu Birgersson",
        "Säter",
        "Chef kommunstyrelsesektorn",
    )
    by_name = {p.name: p for p in sample.people}
    assert len(by_name) == len(sample.people) == 27
    secretary = by_name["Joanna Karabay"]
    assert (secretary.role, secretary.municipality, secretary.organisation) == (
        Role.SECRETARY,
        None,
        "E-arkiv Mitt",
    )
    staff = by_name["Anna-Maria Malmberg"]
    assert (staff.role, staff.organisation, staff.title) == (Role.STAFF, "E-arkiv Mitt", "Systemförvaltare")
    marika = by_name["Marika Lyman"]
    assert (marika.role, marika.municipality, marika.email) == (
        Role.MEMBER,
        "Avesta",
        "marika.lyman@avesta.se",
    )
    # One vote per municipality: exactly one member or chair in each.
    seated = [p.municipality for p in sample.people if p.role in (Role.CHAIR, Role.MEMBER)]
    assert sorted(seated) == sorted(SEED_MUNICIPALITIES)


@pytest.mark.parametrize(
    ("substitute", "member", "municipality"),
    [
        ("Lotta Daun Messing", "Jessica Hedlund", "Ludvika"),
        ("Joacim Bock", "Joel Larsson", "Nora"),
        ("Moa Bäckström", "Ulrika Wenn", "Hudiksvall"),
    ],
)
def test_sample_substitutes_resolve_to_their_members_aad_id(
    sample: Group, substitute: str, member: str, municipality: str
) -> None:
    by_name = {p.name: p for p in sample.people}
    sub, mem = by_name[substitute], by_name[member]
    assert sub.role is Role.SUBSTITUTE and mem.role is Role.MEMBER
    assert sub.municipality == mem.municipality == municipality
    assert sub.substitute_for == mem.aad_id
    assert sample.person(sub.substitute_for) is mem


def test_sample_year_plan(sample: Group) -> None:
    dates = [m.date for m in sample.year_plan]
    assert dates[:4] == ["2024-02-15", "2024-04-25", "2024-09-26", "2024-11-12"]
    assert "2026-12-10" in dates
    assert [d for d in dates if d.startswith("2027")] == [
        "2027-02-11",
        "2027-04-22",
        "2027-09-23",
        "2027-11-09",
    ]
    assert all((m.start, m.end, m.place) == (time(8, 30), time(10), "Teams") for m in sample.year_plan)


# --- a valid file ------------------------------------------------------------------------------------


def test_minimal_file_loads_with_defaults(tmp_path: Path) -> None:
    group = load_group(write(tmp_path, VALID))
    assert group.timezone == "Europe/Stockholm"
    assert group.rules == Rules()
    assert group.group_mailbox is None
    assert group.person("00000000-0000-4000-8000-000000000004").substitute_for == (  # type: ignore[union-attr]
        "00000000-0000-4000-8000-000000000003"
    )
    assert group.person("00000000-0000-4000-8000-000000000004").title == ""  # type: ignore[union-attr]
    assert [m.date for m in group.year_plan] == ["2024-02-15", "2024-04-25"]  # sorted


def test_rules_override_only_the_keys_given(tmp_path: Path) -> None:
    text = VALID + "rules:\n  agenda_days_before: 21\n  chair_must_approve: true\n"
    group = load_group(write(tmp_path, text))
    assert group.rules == Rules(agenda_days_before=21, chair_must_approve=True)


def test_a_file_without_a_retention_decision_still_loads_and_one_given_is_kept(tmp_path: Path) -> None:
    assert load_group(write(tmp_path, VALID)).rules.retention_decision == ""
    text = VALID + 'rules:\n  retention_decision: "Gallringsbeslut KS 2023/0412"\n'
    assert load_group(write(tmp_path, text)).rules.retention_decision == "Gallringsbeslut KS 2023/0412"


def test_an_empty_retention_decision_is_refused(tmp_path: Path) -> None:
    text = VALID + 'rules:\n  retention_decision: ""\n'
    assert only(problems(tmp_path, text), "rules.retention_decision")


def test_blank_optional_sections_mean_defaults(tmp_path: Path) -> None:
    text = VALID.split("meetings:")[0] + "rules:\n  # agenda_days_before: 14\nmeetings:\nmailbox:\n"
    group = load_group(write(tmp_path, text))
    assert group.rules == Rules()
    assert group.year_plan == ()
    assert group.group_mailbox is None


def test_dates_and_times_are_accepted_in_every_usual_spelling(tmp_path: Path) -> None:
    text = edit(VALID, 'date: 2024-02-15\n    start: "08:30"', 'date: "2024-02-15"\n    start: 8:30')
    text = edit(text, 'end: "10:00"', "end: 10:00")
    group = load_group(write(tmp_path, text))
    first = group.year_plan[0]
    assert (first.date, first.start, first.end) == ("2024-02-15", time(8, 30), time(10))


def test_ids_are_normalised_and_matched_without_regard_to_case(tmp_path: Path) -> None:
    text = edit(VALID, "00000000-0000-4000-8000-00000000aaaa", "00000000-0000-4000-8000-00000000AAAA")
    text = edit(text, "substitute_for: lena@avesta.se", "substitute_for: Lena@Avesta.se")
    group = load_group(write(tmp_path, text))
    assert group.tenant_id == "00000000-0000-4000-8000-00000000aaaa"
    assert group.person("00000000-0000-4000-8000-000000000004").substitute_for == (  # type: ignore[union-attr]
        "00000000-0000-4000-8000-000000000003"
    )


# --- one test per rule -------------------------------------------------------------------------------


def test_role_outside_the_enum(tmp_path: Path) -> None:
    text = edit(VALID, "role: member", "role: ordförande")
    problem = assert_problem(
        tmp_path, text, "people[2].role", line_of(text, "role: ordförande"),
        'okänd roll "ordförande" — tillåtna värden: chair, secretary, member, substitute, staff',
    )  # fmt: skip
    assert 'menade du "chair"?' in problem.message


def test_role_in_the_wrong_case_gets_a_hint(tmp_path: Path) -> None:
    text = edit(VALID, "role: member", "role: Member")
    assert_problem(tmp_path, text, "people[2].role", line_of(text, "role: Member"), 'menade du "member"?')


def test_error_text_is_one_line_per_problem_with_file_and_line(tmp_path: Path) -> None:
    text = edit(VALID, "role: member", "role: ledamot")
    path = write(tmp_path, text)
    with pytest.raises(GroupFileError) as caught:
        load_group(path)
    assert str(caught.value) == (
        f'{path}:{line_of(text, "role: ledamot")}: people[2].role: okänd roll "ledamot" — '
        'tillåtna värden: chair, secretary, member, substitute, staff (menade du "member"?)'
    )


@pytest.mark.parametrize("key", ["tenant_id", "aad_id"])
def test_ids_must_be_guids(tmp_path: Path, key: str) -> None:
    old = (
        "tenant_id: 00000000-0000-4000-8000-00000000aaaa"
        if key == "tenant_id"
        else "aad_id: 00000000-0000-4000-8000-000000000003"
    )
    text = edit(VALID, old, f"{key}: 1234-abcd")
    path = "tenant_id" if key == "tenant_id" else "people[2].aad_id"
    assert_problem(
        tmp_path, text, path, line_of(text, "1234-abcd"), 'ogiltigt GUID "1234-abcd"', "8-4-4-4-12"
    )


def test_team_id_must_not_be_empty(tmp_path: Path) -> None:
    text = edit(VALID, 'team_id: "19:team@thread.tacv2"', 'team_id: ""')
    assert_problem(tmp_path, text, "team_id", line_of(text, "team_id"), "får inte vara tomt")


def test_missing_key_is_reported_on_its_parent_mappings_line(tmp_path: Path) -> None:
    text = edit(VALID, 'channel_id: "19:channel@thread.tacv2"\n', "")
    assert_problem(tmp_path, text, "channel_id", 1, 'nyckeln "channel_id" saknas')
    text = edit(VALID, "    email: lena@avesta.se\n", "")
    assert_problem(
        tmp_path, text, "people[2].email", line_of(text, "name: Lena Ledamot"), 'nyckeln "email" saknas'
    )


@pytest.mark.parametrize(
    ("old", "new", "path"),
    [
        ("email: lena@avesta.se", "email: lena.avesta.se", "people[2].email"),
        ("mailbox: kommun@avesta.se", "mailbox: kommun@avesta", "municipalities[0].mailbox"),
        ("  - rad@example.se", "  - rad@", "council_mailboxes[0]"),
        ("substitute_for: lena@avesta.se", "substitute_for: lena", "people[3].substitute_for"),
    ],
)
def test_email_shape(tmp_path: Path, old: str, new: str, path: str) -> None:
    text = edit(VALID, old, new)
    assert_problem(tmp_path, text, path, line_of(text, new), "ogiltig e-postadress", "namn@exempel.se")


def test_email_with_swedish_letters_gets_a_hint(tmp_path: Path) -> None:
    text = edit(VALID, "mailbox: kommun@sater.se", "mailbox: kommun@säter.se")
    assert_problem(tmp_path, text, "municipalities[1].mailbox", line_of(text, "säter.se"), "å, ä och ö")


def test_timezone_must_be_an_iana_zone(tmp_path: Path) -> None:
    text = VALID + "timezone: Europe/Stokholm\n"
    assert_problem(
        tmp_path, text, "timezone", line_of(text, "timezone"), 'okänd tidszon "Europe/Stokholm"', "IANA"
    )


def test_municipality_names_are_unique(tmp_path: Path) -> None:
    text = edit(VALID, "  - name: Säter\n", "  - name: avesta\n")
    assert_problem(
        tmp_path, text, "municipalities[1].name", line_of(text, "name: avesta"),
        'kommunen "avesta" finns redan', f"municipalities[0].name, rad {line_of(text, 'name: Avesta')}",
    )  # fmt: skip


def test_aad_ids_are_unique_ignoring_case(tmp_path: Path) -> None:
    text = edit(
        VALID,
        "aad_id: 00000000-0000-4000-8000-00000000000" + "4",
        "aad_id: 00000000-0000-4000-8000-00000000000A",
    )
    text = edit(
        text, "aad_id: 00000000-0000-4000-8000-000000000003", "aad_id: 00000000-0000-4000-8000-00000000000a"
    )
    assert_problem(
        tmp_path, text, "people[3].aad_id", line_of(text, "00000000000A"),
        "används redan av en annan person", f"people[2].aad_id, rad {line_of(text, '00000000000a')}",
    )  # fmt: skip


def test_emails_are_unique_ignoring_case(tmp_path: Path) -> None:
    text = edit(VALID, "email: erik@avesta.se", "email: LENA@avesta.se")
    assert_problem(
        tmp_path, text, "people[3].email", line_of(text, "LENA@"), 'e-postadressen "LENA@avesta.se"'
    )


@pytest.mark.parametrize("role", ["chair", "member", "substitute"])
def test_voting_roles_must_name_a_municipality(tmp_path: Path, role: str) -> None:
    person = (
        "  - name: Utan Kommun\n"
        f"    role: {role}\n"
        "    aad_id: 00000000-0000-4000-8000-000000000009\n"
        "    email: utan@example.se\n"
    )
    text = edit(VALID, "meetings:\n", person + "meetings:\n")
    problem = only(problems(tmp_path, text), "people[4].municipality")
    assert problem.line == line_of(text, "name: Utan Kommun")  # a missing key: its entry's line
    assert f'rollen "{role}" måste ange sin kommun' in problem.message


def test_secretary_and_staff_may_omit_the_municipality(tmp_path: Path) -> None:
    text = edit(VALID, "role: secretary", "role: staff")
    text = edit(text, "  - name: Olga Ordförande", "  - name: Sam Sekreterare\n    role: secretary\n"
                "    aad_id: 00000000-0000-4000-8000-000000000009\n    email: sam@example.se\n"
                "  - name: Olga Ordförande")  # fmt: skip
    group = load_group(write(tmp_path, text))
    assert {p.role for p in group.people if p.municipality is None} == {Role.SECRETARY, Role.STAFF}


def test_municipality_must_be_listed(tmp_path: Path) -> None:
    text = edit(VALID, "municipality: Avesta", "municipality: Avesta kommun")
    assert_problem(
        tmp_path, text, "people[2].municipality", line_of(text, "Avesta kommun"),
        'kommunen "Avesta kommun" finns inte under municipalities', 'menade du "Avesta"?',
    )  # fmt: skip


def test_there_must_be_a_chair(tmp_path: Path) -> None:
    text = edit(VALID, "role: chair", "role: member")
    assert_problem(
        tmp_path, text, "people", line_of(text, "people:"), 'ingen person har rollen "chair"', "exakt en"
    )


def test_there_is_only_one_chair(tmp_path: Path) -> None:
    text = edit(VALID, "role: member", "role: chair")
    assert_problem(
        tmp_path, text, "people[2].role", line_of(text, "role: chair", 2),
        "kan bara ha en ordförande", f"people[0].role, rad {line_of(text, 'role: chair')}",
    )  # fmt: skip


def test_there_must_be_a_secretary(tmp_path: Path) -> None:
    text = edit(VALID, "role: secretary", "role: staff")
    assert_problem(tmp_path, text, "people", line_of(text, "people:"), 'ingen person har rollen "secretary"')


def test_one_member_or_chair_per_municipality(tmp_path: Path) -> None:
    text = edit(VALID, "role: substitute", "role: member")
    text = edit(text, "    substitute_for: lena@avesta.se\n", "")
    assert_problem(
        tmp_path, text, "people[3].municipality", line_of(text, "municipality: Avesta", 2),
        "Avesta har redan en ledamot eller ordförande (Lena Ledamot", "substitute",
    )  # fmt: skip


def test_chair_counts_as_the_member_of_their_municipality(tmp_path: Path) -> None:
    text = edit(VALID, "municipality: Säter", "municipality: Avesta")
    problem = only(problems(tmp_path, text), "people[2].municipality")
    assert "Olga Ordförande" in problem.message


def test_substitute_for_only_on_substitutes(tmp_path: Path) -> None:
    text = edit(
        VALID, "    email: lena@avesta.se\n", "    email: lena@avesta.se\n    substitute_for: olga@sater.se\n"
    )
    assert_problem(
        tmp_path, text, "people[2].substitute_for", line_of(text, "substitute_for: olga"),
        "bara en ersättare (role: substitute) kan ha substitute_for", 'rollen "member"',
    )  # fmt: skip


def test_substitute_for_must_name_a_person(tmp_path: Path) -> None:
    text = edit(VALID, "substitute_for: lena@avesta.se", "substitute_for: okand@avesta.se")
    assert_problem(
        tmp_path, text, "people[3].substitute_for", line_of(text, "substitute_for"),
        'ingen person har e-postadressen "okand@avesta.se"',
    )  # fmt: skip


def test_substitute_for_must_name_a_member_or_the_chair(tmp_path: Path) -> None:
    text = edit(VALID, "substitute_for: lena@avesta.se", "substitute_for: siv@earkivmitt.se")
    assert_problem(
        tmp_path, text, "people[3].substitute_for", line_of(text, "substitute_for"),
        'Siv Sekreterare har rollen "secretary"', "ledamot",
    )  # fmt: skip


def test_substitute_for_must_be_in_the_same_municipality(tmp_path: Path) -> None:
    text = edit(VALID, "substitute_for: lena@avesta.se", "substitute_for: olga@sater.se")
    assert_problem(
        tmp_path, text, "people[3].substitute_for", line_of(text, "substitute_for"),
        "Olga Ordförande företräder Säter", "sin egen kommun",
    )  # fmt: skip


def test_substitute_may_stand_in_for_the_chair(tmp_path: Path) -> None:
    text = edit(VALID, "    municipality: Avesta\n    aad_id: 00000000-0000-4000-8000-000000000004",
                "    municipality: Säter\n    aad_id: 00000000-0000-4000-8000-000000000004")  # fmt: skip
    text = edit(text, "substitute_for: lena@avesta.se", "substitute_for: olga@sater.se")
    group = load_group(write(tmp_path, text))
    assert group.person("00000000-0000-4000-8000-000000000004").substitute_for == group.chair.aad_id  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("setting", "fragment"),
    [
        ("agenda_days_before: 0", "positivt heltal (minst 1), men är 0"),
        ("adjustment_days_after: -3", "positivt heltal"),
        ('item_title_max: "200"', 'ska vara ett heltal, men är texten "200"'),
        ("recording_retention_months: 2.5", "ska vara ett heltal, men är talet 2.5"),
        ("chair_must_approve: yes", 'ska vara true eller false, men är texten "yes"'),
    ],
)
def test_rules_values(tmp_path: Path, setting: str, fragment: str) -> None:
    text = VALID + f"rules:\n  {setting}\n"
    key = setting.split(":")[0]
    assert_problem(tmp_path, text, f"rules.{key}", line_of(text, setting), fragment)


def test_notice_comes_after_the_agenda(tmp_path: Path) -> None:
    text = VALID + "rules:\n  agenda_days_before: 14\n  notice_days_before: 14\n"
    assert_problem(
        tmp_path, text, "rules.notice_days_before", line_of(text, "notice_days_before"),
        "notice_days_before (14) måste vara mindre än agenda_days_before (14)",
    )  # fmt: skip


def test_notice_against_the_default_agenda(tmp_path: Path) -> None:
    text = VALID + "rules:\n  notice_days_before: 20\n"
    assert_problem(
        tmp_path, text, "rules.notice_days_before", line_of(text, "notice_days_before"), "(20)", "(14)"
    )


def test_typo_in_a_rules_key(tmp_path: Path) -> None:
    text = VALID + "rules:\n  agenda_day_before: 14\n"
    assert_problem(
        tmp_path, text, "rules.agenda_day_before", line_of(text, "agenda_day_before"),
        'okänd nyckel "agenda_day_before"', 'menade du "agenda_days_before"?',
    )  # fmt: skip


@pytest.mark.parametrize(
    ("old", "new", "path", "fragment"),
    [
        (
            "date: 2024-02-15",
            "date: 2024-02-30",
            "meetings[1].date",
            'datumet "2024-02-30" finns inte i kalendern',
        ),
        ("date: 2024-02-15", "date: 15 februari", "meetings[1].date", "ÅÅÅÅ-MM-DD"),
        ("date: 2024-02-15", "date: 2024-02-15T08:30:00", "meetings[1].date", "bara datumet"),
        ('start: "08:30"', 'start: "8.30"', "meetings[0].start", 'ogiltigt klockslag: texten "8.30"'),
        ('start: "08:30"', 'start: "24:00"', "meetings[0].start", "TT:MM"),
        ('start: "08:30"', "start: 8.30", "meetings[0].start", "lästes som talet 8.3"),
    ],
)
def test_meeting_dates_and_times(tmp_path: Path, old: str, new: str, path: str, fragment: str) -> None:
    text = edit(VALID, old, new)
    assert_problem(tmp_path, text, path, line_of(text, new), fragment)


def test_yaml_1_1_base_60_time_gets_a_hint(tmp_path: Path) -> None:
    text = "%YAML 1.1\n---\n" + edit(VALID, 'start: "08:30"', "start: 8:30")
    assert_problem(tmp_path, text, "meetings[0].start", line_of(text, "start: 8:30"), "lästes som talet 510")


def test_meeting_ends_after_it_starts(tmp_path: Path) -> None:
    text = edit(VALID, 'end: "10:00"', 'end: "08:30"')
    assert_problem(
        tmp_path,
        text,
        "meetings[0].end",
        line_of(text, 'end: "08:30"'),
        "end (08:30) är inte senare än start (08:30)",
    )


def test_one_meeting_per_date(tmp_path: Path) -> None:
    text = edit(VALID, "date: 2024-04-25", "date: 2024-02-15")
    assert_problem(
        tmp_path, text, "meetings[1].date", line_of(text, "date: 2024-02-15", 2),
        "det finns redan ett möte 2024-02-15", f"meetings[0].date, rad {line_of(text, 'date: 2024-02-15')}",
    )  # fmt: skip


@pytest.mark.parametrize(
    ("replacement", "line"),
    [
        ("council_mailboxes: []\n", 5),  # an empty list
        ("council_mailboxes:\n", 5),  # a blank key
        ("", 1),  # no key at all: the line of the top-level mapping
    ],
)
def test_at_least_one_council_mailbox(tmp_path: Path, replacement: str, line: int) -> None:
    text = edit(VALID, "council_mailboxes:\n  - rad@example.se\n", replacement)
    assert_problem(tmp_path, text, "council_mailboxes", line, "minst en adress till samverkansrådet")


def test_at_least_one_municipality(tmp_path: Path) -> None:
    text = VALID.split("municipalities:")[0] + "municipalities: []\n"
    found = problems(tmp_path, text)
    assert "minst en kommun" in only(found, "municipalities").message


# --- the file as a whole -----------------------------------------------------------------------------


def test_typo_in_a_top_level_key(tmp_path: Path) -> None:
    text = edit(VALID, "municipalities:", "munisipalities:")
    found = problems(tmp_path, text)
    typo = only(found, "munisipalities")
    assert typo.line == line_of(text, "munisipalities:")
    assert 'okänd nyckel "munisipalities" — menade du "municipalities"?' in typo.message
    assert "minst en kommun" in only(found, "municipalities").message


def test_typo_in_a_person_key(tmp_path: Path) -> None:
    text = edit(VALID, "title: Kanslichef", "titel: Kanslichef")
    assert_problem(tmp_path, text, "people[2].titel", line_of(text, "titel:"), 'menade du "title"?')


def test_value_of_the_wrong_kind(tmp_path: Path) -> None:
    text = edit(VALID, "name: Testgruppen", "name: 2024")
    assert_problem(tmp_path, text, "name", 1, "ska vara text, men är talet 2024", "citattecken")
    text = edit(VALID, "people:\n", "people: Olga\nx:\n")
    assert "ska vara en lista" in only(problems(tmp_path, text), "people").message


def test_yaml_syntax_error_reports_its_line(tmp_path: Path) -> None:
    text = edit(VALID, "  - name: Säter", "  - name: [Säter")
    found = problems(tmp_path, text)
    assert len(found) == 1
    assert found[0].path == ""
    assert found[0].line is not None and found[0].line >= line_of(text, "[Säter")
    assert found[0].message.startswith("ogiltig YAML")


def test_tab_indentation(tmp_path: Path) -> None:
    text = edit(VALID, "    title: Chef", "\ttitle: Chef")
    (problem,) = problems(tmp_path, text)
    assert problem.line == line_of(text, "\ttitle")
    assert "tabbtecken" in problem.message


def test_duplicate_key(tmp_path: Path) -> None:
    text = edit(VALID, "    title: Kanslichef\n", "    title: Kanslichef\n    title: Kommunchef\n")
    (problem,) = problems(tmp_path, text)
    assert problem.line == line_of(text, "title: Kommunchef")
    assert 'nyckeln "title" förekommer två gånger' in problem.message


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(GroupFileError) as caught:
        load_group(tmp_path / "finns-inte.yaml")
    (problem,) = caught.value.problems
    assert problem.line is None and "filen finns inte" in problem.message


@pytest.mark.parametrize(
    ("text", "fragment"),
    [("", "filen är tom"), ("# bara en kommentar\n", "filen är tom"), ("- name: x\n", "nycklar med värden")],
)
def test_empty_file_or_a_list(tmp_path: Path, text: str, fragment: str) -> None:
    (problem,) = problems(tmp_path, text)
    assert fragment in problem.message


def test_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "group.yaml"
    path.write_bytes(VALID.replace("Säter", "S\xe4ter").encode("latin-1"))
    with pytest.raises(GroupFileError) as caught:
        load_group(path)
    (problem,) = caught.value.problems
    assert problem.line == line_of(VALID, "Säter") and "UTF-8" in problem.message


def test_several_problems_are_reported_together_in_file_order(tmp_path: Path) -> None:
    text = edit(VALID, "tenant_id: 00000000-0000-4000-8000-00000000aaaa", "tenant_id: x")
    text = edit(text, "role: member", "role: ledamot")
    text = edit(text, "email: erik@avesta.se", "email: erik")
    text = edit(text, 'end: "10:00"', 'end: "07:00"')
    text = edit(text, "municipalities:", "munisipalities:")
    found = problems(tmp_path, text)
    paths = [p.path for p in found]
    for expected in ("tenant_id", "munisipalities", "people[2].role", "people[3].email", "meetings[0].end"):
        assert expected in paths
    lines = [p.line for p in found]
    assert lines == sorted(lines)  # type: ignore[type-var]
    path = tmp_path / "group.yaml"
    with pytest.raises(GroupFileError) as caught:
        load_group(path)
    assert len(str(caught.value).splitlines()) == len(found)


@pytest.mark.parametrize(("key", "most"), [("item_title_max", TITLE_MAX), ("item_text_max", TEXT_MAX)])
def test_an_item_must_fit_a_paragraph_of_the_protocol(tmp_path: Path, key: str, most: int) -> None:
    text = VALID + f"rules:\n  {key}: {most + 1}\n"
    assert_problem(
        tmp_path, text, f"rules.{key}", line_of(text, key), f"så {key} ({most + 1}) får vara högst {most}"
    )
    assert getattr(load_group(write(tmp_path, VALID + f"rules:\n  {key}: {most}\n")).rules, key) == most


# --- rotation.last_adjuster: the rotation's history before the bot --------------------------------

ROTATION = "rotation:\n  last_adjuster:\n    municipality: Avesta\n    date: 2023-09-26\n"


def test_sample_records_the_seeds_adjuster_as_the_rotations_last(sample: Group) -> None:
    assert sample.last_adjuster == PriorAdjuster("Avesta", date(2023, 9, 26))


def test_without_the_rotation_key_there_is_no_history(tmp_path: Path) -> None:
    assert load_group(write(tmp_path, VALID)).last_adjuster is None
    blank = load_group(write(tmp_path, VALID + "rotation:\n"))  # only commented-out entries under it
    assert blank.last_adjuster is None


def test_the_last_adjuster_is_read(tmp_path: Path) -> None:
    loaded = load_group(write(tmp_path, VALID + ROTATION))
    assert loaded.last_adjuster == PriorAdjuster("Avesta", date(2023, 9, 26))


def test_the_last_adjusters_municipality_must_be_listed(tmp_path: Path) -> None:
    text = VALID + edit(ROTATION, "municipality: Avesta", "municipality: Avesta kommun")
    assert_problem(
        tmp_path, text, "rotation.last_adjuster.municipality", line_of(text, "Avesta kommun"),
        'kommunen "Avesta kommun" finns inte under municipalities', 'menade du "Avesta"?',
    )  # fmt: skip
    text = VALID + edit(ROTATION, "municipality: Avesta", "municipality: Gnosjö")
    assert_problem(
        tmp_path, text, "rotation.last_adjuster.municipality", line_of(text, "Gnosjö"),
        "lägg till den under municipalities",
    )  # fmt: skip


@pytest.mark.parametrize(
    ("new", "fragment"),
    [
        ("date: 2023-09-31", 'datumet "2023-09-31" finns inte i kalendern'),
        ("date: 26 september", "ÅÅÅÅ-MM-DD"),
        ("date: 2023-09-26T10:00:00", "bara datumet, utan klockslag"),
        ("date:", "ogiltigt datum: tomt"),
    ],
)
def test_the_last_adjusters_date_must_be_a_date(tmp_path: Path, new: str, fragment: str) -> None:
    text = VALID + edit(ROTATION, "date: 2023-09-26", new)
    assert_problem(tmp_path, text, "rotation.last_adjuster.date", len(text.splitlines()), fragment)


def test_the_last_adjuster_needs_both_keys_and_no_others(tmp_path: Path) -> None:
    text = VALID + edit(ROTATION, "    date: 2023-09-26\n", "    datum: 2023-09-26\n")
    found = problems(tmp_path, text)
    missing = only(found, "rotation.last_adjuster.date")
    entry = line_of(text, "last_adjuster:")  # a missing key: the line of the section that lacks it
    assert missing.line == entry and 'nyckeln "date" saknas' in missing.message
    unknown = only(found, "rotation.last_adjuster.datum")
    assert unknown.line == line_of(text, "datum:")
    assert 'menade du "date"?' in unknown.message
    assert "tillåtna nycklar här: municipality, date" in unknown.message
    text = VALID + "rotation:\n  last_adjusted:\n    municipality: Avesta\n"
    assert_problem(
        tmp_path, text, "rotation.last_adjusted", line_of(text, "last_adjusted:"),
        'menade du "last_adjuster"?',
    )  # fmt: skip


# --- the vice chair ------------------------------------------------------------------------------------


def test_vice_chair_resolves_to_the_members_aad_id(tmp_path: Path) -> None:
    group = load_group(write(tmp_path, VALID + "vice_chair: Lena@Avesta.se\n"))
    assert group.vice_chair is not None and group.vice_chair.name == "Lena Ledamot"
    assert load_group(write(tmp_path, VALID)).vice_chair is None


def test_vice_chair_must_name_a_person(tmp_path: Path) -> None:
    text = VALID + "vice_chair: okand@avesta.se\n"
    assert_problem(
        tmp_path, text, "vice_chair", line_of(text, "vice_chair"),
        'ingen person har e-postadressen "okand@avesta.se"', "vice_chair",
    )  # fmt: skip


@pytest.mark.parametrize("email", ["olga@sater.se", "siv@earkivmitt.se", "erik@avesta.se"])
def test_vice_chair_must_be_a_member(tmp_path: Path, email: str) -> None:
    text = VALID + f"vice_chair: {email}\n"
    assert_problem(tmp_path, text, "vice_chair", line_of(text, "vice_chair"), "måste vara en ledamot")
