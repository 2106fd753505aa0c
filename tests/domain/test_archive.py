"""What an information package holds of the record: its events and its data, nothing private."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from bot.domain.archive import (
    Approval,
    Mailing,
    ProtocolFacts,
    RecordingDeletion,
    premis_events,
    public_record,
    revision,
    sent_and_failed,
)

T = datetime(2026, 12, 11, 8, 0, tzinfo=UTC)


def facts(**changes: object) -> ProtocolFacts:
    base = ProtocolFacts(
        meeting_day=date(2026, 12, 10),
        version="ab" * 32,
        submitted_at=T,
        submitted_by="Joanna Karabay",
        approvals=(Approval("Marika Lyman", "adjuster", T + timedelta(hours=1)),),
        adjusted_at=T + timedelta(hours=1),
        mailing=Mailing(25, 0, T + timedelta(hours=2)),
    )
    return ProtocolFacts(**{**base.__dict__, **changes})  # type: ignore[arg-type]


def deletion(outcome: str) -> RecordingDeletion:
    settled = T + timedelta(days=61)
    return RecordingDeletion("inspelning.mp4", 3, outcome, settled, settled, "r", "KS 2023/12")


def test_the_events_of_an_adjusted_protocol_in_order() -> None:
    events = premis_events(facts())
    assert [e.type for e in events] == ["submitted", "approved", "adjusted", "published", "sent"]
    assert events[1].agent == "Marika Lyman" and "ab" * 32 in events[1].detail
    assert all(e.outcome == "success" for e in events)


def test_mails_that_failed_make_the_sent_event_a_failure_that_says_how_many() -> None:
    [sent] = [e for e in premis_events(facts(mailing=Mailing(24, 1, T))) if e.type == "sent"]
    assert sent.outcome == "failure" and "24 mottagare; 1 kunde inte skickas." in sent.detail


def test_no_sent_event_before_any_mail_went_out() -> None:
    assert "sent" not in [e.type for e in premis_events(facts(mailing=Mailing(0, 0, None)))]


def test_the_recordings_deletion_is_the_last_event_and_says_what_came_of_it() -> None:
    last = premis_events(facts(deletion=deletion("deleted")))[-1]
    assert (last.type, last.outcome) == ("deletion", "success")
    assert "gallrad" in last.detail and "Gallringsbeslut: KS 2023/12." in last.detail
    not_found = premis_events(facts(deletion=deletion("not_found")))[-1]
    assert not_found.outcome == "failure" and "ingenting raderades" in not_found.detail


def test_event_identifiers_are_the_same_when_the_package_is_remade() -> None:
    first = {e.identifier for e in premis_events(facts())}
    assert first < {e.identifier for e in premis_events(facts(deletion=deletion("deleted")))}


def test_the_public_record_has_no_internal_ids_at_any_depth() -> None:
    record = {"chair": {"aad_id": "x", "name": "A"}, "present": [{"aad_id": "y", "name": "B"}], "votes": []}
    assert public_record(record) == {"chair": {"name": "A"}, "present": [{"name": "B"}], "votes": []}


def test_the_revision_counts_the_remake() -> None:
    assert revision(facts()) == 1 and revision(facts(deletion=deletion("changed"))) == 2


def test_the_mailing_from_the_outbox_states() -> None:
    later = T + timedelta(minutes=5)
    assert sent_and_failed([("done", T), ("failed", None), ("done", later)]) == Mailing(2, 1, later)
