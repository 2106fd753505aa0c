"""Justering: the adjuster (and, if the group wants, the chair) approves one exact text."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.domain.errors import DomainError
from bot.domain.protocol import (
    Approval,
    ApprovalsVoided,
    ApproverRole,
    Protocol,
    ProtocolAdjusted,
    ProtocolApproved,
    ProtocolRevised,
    approve,
    content_hash,
    is_adjusted,
    revise,
)

ADJUSTER, CHAIR = "aad-avesta-ledamot", "aad-sater-ordforande"
NOW = datetime(2026, 4, 10, 9, 0, tzinfo=UTC)
TEXT = "§1 Mötet öppnas\n§2 Utse justerare\nMarika Lyman utses till justerare."


def a_protocol(content: str = TEXT, approvals: tuple[Approval, ...] = ()) -> Protocol:
    return Protocol(meeting_id=7, content=content, adjuster=ADJUSTER, chair=CHAIR, approvals=approvals)


def approved_by(*who: str, chair_must_approve: bool = False) -> Protocol:
    protocol = a_protocol()
    for aad in who:
        protocol, _ = approve(protocol, aad, protocol.version, NOW, chair_must_approve=chair_must_approve)
    return protocol


# --- content_hash ---------------------------------------------------------------------


def test_the_version_is_the_sha256_of_the_nfc_text() -> None:
    assert content_hash("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    assert content_hash("Sa\u0308ter") == content_hash("Säter")
    assert a_protocol().version == content_hash(TEXT)


# --- approve --------------------------------------------------------------------------


def test_the_adjusters_approval_adjusts_the_protocol() -> None:
    protocol = a_protocol()
    approved, events = approve(protocol, ADJUSTER, protocol.version, NOW, chair_must_approve=False)

    assert approved.approvals == (Approval(ADJUSTER, ApproverRole.ADJUSTER, protocol.version, NOW),)
    assert events == [
        ProtocolApproved(7, ADJUSTER, ApproverRole.ADJUSTER, protocol.version, NOW),
        ProtocolAdjusted(7, protocol.version, NOW),
    ]
    assert is_adjusted(approved, chair_must_approve=False)


def test_when_the_chair_must_approve_the_adjuster_alone_is_not_enough() -> None:
    protocol = approved_by(ADJUSTER, chair_must_approve=True)
    assert not is_adjusted(protocol, chair_must_approve=True)

    approved, events = approve(protocol, CHAIR, protocol.version, NOW, chair_must_approve=True)

    assert [type(e) for e in events] == [ProtocolApproved, ProtocolAdjusted]
    assert events[0].role is ApproverRole.CHAIR  # type: ignore[attr-defined]
    assert is_adjusted(approved, chair_must_approve=True)


def test_the_chair_alone_does_not_adjust() -> None:
    protocol, events = approve(a_protocol(), CHAIR, a_protocol().version, NOW, chair_must_approve=True)
    assert [type(e) for e in events] == [ProtocolApproved]
    assert not is_adjusted(protocol, chair_must_approve=True)
    assert not is_adjusted(protocol, chair_must_approve=False)


def test_the_chair_approving_an_already_adjusted_protocol_is_recorded_but_adjusts_nothing_new() -> None:
    protocol = approved_by(ADJUSTER)
    _, events = approve(protocol, CHAIR, protocol.version, NOW, chair_must_approve=False)
    assert [type(e) for e in events] == [ProtocolApproved]


def test_approving_twice_changes_nothing() -> None:
    protocol = approved_by(ADJUSTER)
    again, events = approve(protocol, ADJUSTER.upper(), protocol.version, NOW, chair_must_approve=False)
    assert (again, events) == (protocol, [])


def test_approvers_are_recognised_case_insensitively_and_recorded_as_named() -> None:
    protocol = a_protocol()
    approved, _ = approve(protocol, ADJUSTER.upper(), protocol.version, NOW, chair_must_approve=False)
    assert approved.approvals[0].approver == ADJUSTER


@pytest.mark.parametrize("who", ["aad-someone-else", "aad-sekreterare", ""])
def test_only_the_named_adjuster_or_chair_may_approve(who: str) -> None:
    with pytest.raises(DomainError) as err:
        approve(a_protocol(), who, a_protocol().version, NOW, chair_must_approve=False)
    assert err.value.code == "protocol.not_approver"


def test_nobody_may_approve_as_adjuster_when_none_is_named() -> None:
    protocol = Protocol(meeting_id=7, content=TEXT, adjuster=None, chair=CHAIR)
    with pytest.raises(DomainError):
        approve(protocol, ADJUSTER, protocol.version, NOW, chair_must_approve=False)
    approved, _ = approve(protocol, CHAIR, protocol.version, NOW, chair_must_approve=False)
    assert not is_adjusted(approved, chair_must_approve=False)


def test_an_approval_of_an_old_text_is_refused() -> None:
    old = a_protocol()
    new, _ = revise(old, TEXT + "\n§3 Mötet avslutas")
    with pytest.raises(DomainError) as err:
        approve(new, ADJUSTER, old.version, NOW, chair_must_approve=False)
    assert err.value.code == "protocol.stale_version"
    assert err.value.params == {"shown": old.version, "current": new.version}


# --- revise ---------------------------------------------------------------------------


def test_an_edit_is_a_new_version() -> None:
    old = a_protocol()
    new, events = revise(old, TEXT + "!")
    assert new.content == TEXT + "!" and new.version != old.version
    assert events == [ProtocolRevised(7, old.version, new.version)]


def test_an_edit_voids_the_approvals() -> None:
    old = approved_by(CHAIR)  # the chair approved; the adjuster has not yet
    new, events = revise(old, TEXT + "!", chair_must_approve=True)
    assert new.approvals == ()
    assert events == [ProtocolRevised(7, old.version, new.version), ApprovalsVoided(7, old.version, (CHAIR,))]


def test_the_same_text_is_no_change() -> None:
    protocol = approved_by(CHAIR)
    assert revise(protocol, TEXT) == (protocol, [])
    assert revise(protocol, TEXT.replace("ö", "o\u0308")) == (protocol, [])  # same words, other encoding


def test_an_adjusted_protocol_cannot_be_revised() -> None:
    with pytest.raises(DomainError) as err:
        revise(approved_by(ADJUSTER), TEXT + "!")
    assert err.value.code == "protocol.already_adjusted"


def test_while_the_chair_must_still_approve_the_adjusters_approval_can_be_voided() -> None:
    protocol = approved_by(ADJUSTER, chair_must_approve=True)
    new, _ = revise(protocol, TEXT + "!", chair_must_approve=True)
    assert not new.approvals


edits = st.text(min_size=1).filter(lambda s: content_hash(TEXT + s) != content_hash(TEXT))


@given(edit=edits, approvers=st.sets(st.sampled_from([CHAIR, ADJUSTER])))
def test_any_edit_voids_every_approval_until_adjusted(edit: str, approvers: set[str]) -> None:
    protocol = approved_by(*sorted(approvers), chair_must_approve=True)
    if is_adjusted(protocol, chair_must_approve=True):
        with pytest.raises(DomainError):
            revise(protocol, TEXT + edit, chair_must_approve=True)
        return
    revised, events = revise(protocol, TEXT + edit, chair_must_approve=True)
    assert revised.approvals == ()
    assert not is_adjusted(revised, chair_must_approve=False)
    assert isinstance(events[0], ProtocolRevised)
    assert (len(events) == 2) == bool(approvers)


@given(edit=edits, who=st.sampled_from([CHAIR, ADJUSTER]))
def test_an_approval_of_any_earlier_version_is_refused(edit: str, who: str) -> None:
    old = a_protocol()
    new, _ = revise(old, TEXT + edit)
    with pytest.raises(DomainError) as err:
        approve(new, who, old.version, NOW, chair_must_approve=False)
    assert err.value.code == "protocol.stale_version"
