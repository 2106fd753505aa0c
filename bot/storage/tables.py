"""The schema. Alembic's migrations under `migrations/versions` create exactly this."""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Column,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    false,
)

from bot.storage.types import UTCDateTime

metadata = MetaData(
    naming_convention={
        "ix": "ix_%(column_0_label)s",
        "uq": "uq_%(table_name)s_%(column_0_name)s",
        "ck": "ck_%(table_name)s_%(constraint_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)

meetings = Table(
    "meetings",
    metadata,
    Column("id", Integer, primary_key=True),
    # The year-plan line this meeting came from (its local date), so re-reading the
    # group file never creates a meeting twice.
    Column("plan_key", String(32), unique=True, nullable=True),
    Column("starts_at", UTCDateTime(), nullable=False),
    Column("ends_at", UTCDateTime(), nullable=False),
    Column("state", String(32), nullable=False),
    Column("place", String(200), nullable=False),
    Column("cancel_reason", Text, nullable=True),
    # Cancelled although §3 did not allow it: the year plan and the announcement say so.
    Column("cancelled_outside_formalia", Boolean, nullable=False, server_default=false()),
)

agenda_items = Table(
    "agenda_items",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("meeting_id", Integer, ForeignKey("meetings.id"), nullable=True),
    Column("late_for_meeting_id", Integer, ForeignKey("meetings.id"), nullable=True),
    Column("title", String(400), nullable=False),
    Column("text", Text, nullable=False),
    Column("submitted_by", String(64), nullable=False),
    Column("submitted_at", UTCDateTime(), nullable=False),
    Column("state", String(32), nullable=False),
    Index("ix_agenda_items_meeting_state", "meeting_id", "state"),
)

# Where the bot may speak without being spoken to: Bot Framework conversation
# references as plain JSON, so no SDK type is ever persisted.
conversations = Table(
    "conversations",
    metadata,
    Column("conversation_id", String(400), primary_key=True),
    Column("kind", String(32), nullable=False),
    Column("aad_id", String(64), nullable=True),  # the person, for a personal chat
    Column("reference", JSON, nullable=False),
    Column("updated_at", UTCDateTime(), nullable=False),
)

Index("ix_conversations_aad_id", conversations.c.aad_id)

# Everything the bot must tell the outside world (Teams posts and card updates, calendar,
# mail, files), written in the same transaction as the decision that causes it and
# delivered by the outbox worker. `key` makes a message idempotent; `coalesce` lets a
# newer "refresh this card" stand for the pending ones.
outbox = Table(
    "outbox",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("key", String(300), nullable=False, unique=True),
    Column("channel", String(16), nullable=False),
    Column("operation", String(32), nullable=False),
    Column("target", String(400), nullable=False),
    Column("payload", JSON, nullable=False),
    Column("coalesce", String(300), nullable=True),
    Column("state", String(16), nullable=False),
    Column("attempts", Integer, nullable=False, default=0),
    Column("not_before", UTCDateTime(), nullable=False),
    Column("leased_until", UTCDateTime(), nullable=True),
    Column("lease_owner", String(64), nullable=True),
    Column("last_error", Text, nullable=True),
    Column("result", JSON, nullable=True),
    Column("created_at", UTCDateTime(), nullable=False),
    Column("done_at", UTCDateTime(), nullable=True),
)
Index("ix_outbox_state_not_before", outbox.c.state, outbox.c.not_before)
Index("ix_outbox_target_state", outbox.c.target, outbox.c.state)

# --- The meeting day (issue #4): attendance, the adjuster, votes and reservations. -----------

# One row per meeting that has begun: when the bot started it (so starting twice posts nothing
# twice), the adjuster the chair appointed (for the protocol and the rotation), and when the
# protocol went to adjustment (after which reservations are closed).
meeting_days = Table(
    "meeting_days",
    metadata,
    Column("meeting_id", Integer, ForeignKey("meetings.id"), primary_key=True),
    Column("started_at", UTCDateTime(), nullable=True),
    Column("adjuster_municipality", String(100), nullable=True),
    Column("adjuster_aad_id", String(64), nullable=True),
    Column("adjuster_proposed", String(100), nullable=True),
    Column("adjuster_reason", Text, nullable=True),
    Column("adjuster_appointed_by", String(64), nullable=True),
    Column("adjuster_appointed_at", UTCDateTime(), nullable=True),
    Column("submitted_for_adjustment_at", UTCDateTime(), nullable=True),
    # The acting chair the secretary appointed; the vice chair chairs without being stored.
    Column("acting_chair_aad_id", String(64), nullable=True),
    Column("acting_chair_appointed_by", String(64), nullable=True),
)

# The latest word on each person's presence at a meeting: their own check-in or the secretary's mark.
attendance = Table(
    "attendance",
    metadata,
    Column("meeting_id", Integer, ForeignKey("meetings.id"), primary_key=True),
    Column("aad_id", String(64), primary_key=True),
    Column("present", Boolean, nullable=False),
    Column("marked_by", String(64), nullable=False),
    Column("marked_at", UTCDateTime(), nullable=False),
)

# What the bot has looked up of each meeting's Teams attendance report: each look counted by
# compare-and-set (so two processes never look twice at once), then settled once with what was
# found: the reports as Teams gave them, and the differences from the bot's attendance then.
attendance_reports = Table(
    "attendance_reports",
    metadata,
    Column("meeting_id", Integer, ForeignKey("meetings.id"), primary_key=True),
    Column("attempts", Integer, nullable=False, server_default="0"),
    Column("next_look_at", UTCDateTime(), nullable=True),
    Column("online_meeting_id", String(400), nullable=True),
    Column("outcome", String(32), nullable=True),  # None until settled: found, no_report, …
    Column("settled_at", UTCDateTime(), nullable=True),
    Column("reports", JSON, nullable=True),
    Column("found", JSON, nullable=True),
)

# The bot's looks for each meeting's transcript and recording, counted as the attendance report's
# are (compare-and-set), and settled once with what the secretary was told.
artifact_looks = Table(
    "artifact_looks",
    metadata,
    Column("meeting_id", Integer, ForeignKey("meetings.id"), primary_key=True),
    Column("artifact", String(32), primary_key=True),  # transcript, recording
    Column("attempts", Integer, nullable=False, server_default="0"),
    Column("next_look_at", UTCDateTime(), nullable=True),
    Column("outcome", String(32), nullable=True),  # None until settled: found, none, …
    Column("settled_at", UTCDateTime(), nullable=True),
)

# Who each person is in the chat channel (Teams' user id, "29:…"), as their own check-in said:
# a card's refresh names the people it is refreshed for by that id, not by their AAD id.
channel_users = Table(
    "channel_users",
    metadata,
    Column("aad_id", String(64), primary_key=True),
    Column("channel_user_id", String(200), nullable=False),
    Column("seen_at", UTCDateTime(), nullable=False),
)

votes = Table(
    "votes",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("meeting_id", Integer, ForeignKey("meetings.id"), nullable=False),
    Column("question", Text, nullable=False),
    Column("options", JSON, nullable=False),  # [{"id": "p1", "text": "Förslag A"}, {"id": "abstain"}]
    Column("state", String(32), nullable=False),
    # Bumped as the first statement of every change: a row lock on PostgreSQL, the write lock
    # on SQLite, so the ballots of one vote are counted one transaction at a time.
    Column("revision", Integer, nullable=False, default=0),
    Column("opened_by", String(64), nullable=False),
    Column("opened_at", UTCDateTime(), nullable=False),
    Column("closed_by", String(64), nullable=True),
    Column("closed_at", UTCDateTime(), nullable=True),
    Column("casting_vote", String(16), nullable=True),
    # Closed by the bot because the meeting day ended while it was open: the protocol says so.
    Column("closed_at_day_end", Boolean, nullable=False, default=False, server_default=false()),
    # The result as decided, kept so the protocol reads it without recounting.
    Column("result_status", String(32), nullable=True),
    Column("winner", String(16), nullable=True),
    # A run-off: the id of the first round whose two proposals with most votes it puts against
    # each other. The unique index is the rule that a first round has one run-off.
    Column("runoff_of", Integer, nullable=True),
    Index("ix_votes_meeting_id", "meeting_id"),
    Index("ix_votes_runoff_of", "runoff_of", unique=True),
)

# One ballot per municipality and vote: the primary key is the rule, a change is an upsert.
ballots = Table(
    "ballots",
    metadata,
    Column("vote_id", Integer, ForeignKey("votes.id"), primary_key=True),
    Column("municipality", String(100), primary_key=True),
    Column("option", String(16), nullable=False),
    Column("voter", String(64), nullable=False),
    Column("cast_at", UTCDateTime(), nullable=False),
)

reservations = Table(
    "reservations",
    metadata,
    Column("vote_id", Integer, ForeignKey("votes.id"), primary_key=True),
    Column("aad_id", String(64), primary_key=True),
    Column("municipality", String(100), nullable=False),
    Column("reason", Text, nullable=True),
    Column("recorded_at", UTCDateTime(), nullable=False),
)

# --- The protocol (issue #5): draft, adjustment, its PDF, the recording and its deletion. -----

# One protocol per meeting. `sections` is the secretary's text (title, text, decision, votes
# placed); `record` freezes attendance, the adjuster and the votes at submission, and `content`
# (sections + record, canonical JSON) is what `version` hashes and approvals refer to.
protocols = Table(
    "protocols",
    metadata,
    Column("meeting_id", Integer, ForeignKey("meetings.id"), primary_key=True),
    Column("state", String(32), nullable=False),
    # Bumped as the first statement of every change, as votes.revision: approvals one at a time.
    Column("revision", Integer, nullable=False, default=0),
    Column("sections", JSON, nullable=True),
    Column("record", JSON, nullable=True),
    Column("content", Text, nullable=True),
    Column("version", String(64), nullable=True),
    Column("submitted_by", String(64), nullable=True),
    Column("submitted_at", UTCDateTime(), nullable=True),
    Column("change_requested_by", String(64), nullable=True),
    Column("change_requested_at", UTCDateTime(), nullable=True),
    Column("change_request", Text, nullable=True),
    Column("adjusted_at", UTCDateTime(), nullable=True),
    Column("reminded_at", UTCDateTime(), nullable=True),
)

protocol_approvals = Table(
    "protocol_approvals",
    metadata,
    Column("meeting_id", Integer, ForeignKey("meetings.id"), primary_key=True),
    Column("approver", String(64), primary_key=True),
    Column("version", String(64), primary_key=True),
    Column("role", String(16), nullable=False),
    Column("approved_at", UTCDateTime(), nullable=False),
)

# The adjusted protocol's PDF/A, rendered once by the outbox (slow) and read by mail and the web.
protocol_files = Table(
    "protocol_files",
    metadata,
    Column("meeting_id", Integer, ForeignKey("meetings.id"), primary_key=True),
    Column("version", String(64), primary_key=True),
    Column("pdf", LargeBinary, nullable=False),
    Column("created_at", UTCDateTime(), nullable=False),
)

recordings = Table(
    "recordings",
    metadata,
    Column("meeting_id", Integer, ForeignKey("meetings.id"), primary_key=True),
    Column("link", Text, nullable=True),
    Column("drive_id", String(200), nullable=True),
    Column("item_id", String(200), nullable=True),
    Column("registered_by", String(64), nullable=False),
    Column("registered_at", UTCDateTime(), nullable=False),
    # Each step once: set by compare-and-set in the scheduler's transaction.
    Column("warned_at", UTCDateTime(), nullable=True),
    Column("held_back_at", UTCDateTime(), nullable=True),
    Column("deletion_ordered_at", UTCDateTime(), nullable=True),
    Column("deleted_at", UTCDateTime(), nullable=True),
    # The file as the secretary confirmed it; the deletion goes ahead only while its eTag is this.
    Column("etag", String(400), nullable=True),
    Column("name", Text, nullable=True),
    Column("size", BigInteger, nullable=True),
    Column("outcome", String(16), nullable=True),  # deleted, not_found or changed
)

# Gallringslogg: what was deleted, when, and under which rule; kept after the file is gone.
# One line per deletion ordered: a second after "changed", when the right file was registered.
deletion_log = Table(
    "deletion_log",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("meeting_id", Integer, ForeignKey("meetings.id"), nullable=False),
    Column("what", Text, nullable=False),
    Column("rule", Text, nullable=False),
    Column("due_at", UTCDateTime(), nullable=False),
    Column("ordered_at", UTCDateTime(), nullable=False),
    Column("deleted_at", UTCDateTime(), nullable=True),
    Column("size", BigInteger, nullable=True),
    Column("retention_decision", Text, nullable=True),  # the group file's, when it was ordered
    Column("outcome", String(16), nullable=True),  # None while ordered; deleted, not_found, changed
    Column("settled_at", UTCDateTime(), nullable=True),
    # Set before the delete request goes out, so a file gone after a lost answer is not "not found".
    Column("attempted_at", UTCDateTime(), nullable=True),
)

# The activities the bot has taken, per conversation: Teams delivers one again (the same id)
# when the bot's answer was late, and the second delivery must do nothing. Kept for a day.
handled_activities = Table(
    "handled_activities",
    metadata,
    Column("conversation_id", String(400), primary_key=True),
    Column("activity_id", String(400), primary_key=True),
    Column("received_at", UTCDateTime(), nullable=False),
    Index("ix_handled_activities_received_at", "received_at"),
)

# --- Mötets gång and the transcript (0012). ----------------------------------------------------

# When each point of a meeting's agenda was taken up (Nästa punkt): one row a point, so two
# presses moving to the same point store one, and the second is told it came late.
meeting_progress = Table(
    "meeting_progress",
    metadata,
    Column("meeting_id", Integer, ForeignKey("meetings.id"), primary_key=True),
    Column("point", String(40), primary_key=True),  # "opening", "adjuster", "item:<id>", "closing"
    Column("taken_up_at", UTCDateTime(), nullable=False),
    Column("taken_up_by", String(64), nullable=False),
)

# The transcript cut into excerpts, one row a cue, for the secretary's draft card alone: never
# the protocol, its PDF, mail, pages or package. Deleted with the recording.
transcript_cues = Table(
    "transcript_cues",
    metadata,
    Column("meeting_id", Integer, ForeignKey("meetings.id"), primary_key=True),
    Column("position", Integer, primary_key=True),  # the transcript's order
    Column("excerpt", String(40), nullable=False),  # a point's key, or "vote:<id>"
    Column("said_at", UTCDateTime(), nullable=False),
    Column("speaker", Text, nullable=False),
    Column("text", Text, nullable=False),
)
