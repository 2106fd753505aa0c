"""English: the second locale, for clients set to English."""

EN: dict[str, str] = {
    "role.chair": "chair",
    "role.secretary": "secretary",
    "role.member": "member",
    "role.substitute": "substitute",
    "role.staff": "staff",
    "state.planned": "planned",
    "state.agenda_published": "agenda published",
    "state.notice_fixed": "notice fixed",
    "state.held": "held",
    "state.cancelled": "cancelled",
    "help.intro": "Hello {name}! This is what you can ask me ({role}):",
    "help.unknown": "I did not understand “{text}”.",
    "help.footer": "In the channel, mention me first (@{bot}); in a chat with me, just type the command.",
    "cmd.help": "**help** – shows this list",
    "cmd.meetings": "**meetings** – the year plan with each meeting's date and deadlines",
    "cmd.agenda": "**agenda** – the next meeting's agenda",
    "cmd.submit_item": "**item** *text* – submits an item for the next meeting",
    "item.added": (
        "Thank you! Your item “{title}” is on the agenda of the meeting on {meeting}. "
        "The deadline for items for that meeting is {deadline}."
    ),
    "item.late": (
        "The deadline for items for the meeting on {meeting} was {deadline}, as the notice is fixed "
        "one week before the meeting. The item “{title}” cannot be taken up at that meeting."
    ),
    "item.late.offered": "It is kept and offered for the next meeting instead, {next} (deadline {next_deadline}).",
    "item.late.no_next": (
        "It is kept, but the year plan has no later meeting yet; the secretary will see it when one is added."
    ),
    "item.empty": "Write the item after the command, for example: item Budget for 2025.",
    "item.title_too_long": "The heading is too long ({length} characters, at most {limit}). Shorten the first line.",
    "item.too_long": "The item is too long ({length} characters, at most {limit}). Shorten it or attach documents.",
    "item.no_meeting": "There is no upcoming meeting in the year plan to submit the item to.",
    "agenda.open": "Deadline for items: {deadline}.",
    "agenda.closed": "The notice is fixed ({deadline}); new items go to the next meeting.",
    "agenda.empty": "No items have been submitted yet.",
    "agenda.no_meeting": "There is no upcoming meeting in the year plan.",
    "meetings.title": "**Year plan of {group}**",
    "meetings.line": "**{day}**, {start}–{end} · {state}",
    "meetings.deadlines": "agenda {agenda_at} · notice and deadline for items {notice_at} · {count}",
    "meetings.count.none": "no items",
    "meetings.count.one": "1 item",
    "meetings.count.many": "{count} items",
    "meetings.cancelled": "cancelled: {reason}",
    "meetings.empty": "The year plan has no upcoming meetings.",
    "auth.not_in_group": (
        "Hello! I do not recognise you as a participant of {group}. "
        "If you should be, ask the secretary to add you."
    ),
    "auth.not_allowed": "Only the {roles} may do that.",
    "auth.wrong_tenant": "I only work for {group} and cannot answer here.",
    "fault.try_again": "Something went wrong on my side, and nothing was saved. Please try again shortly.",
    "fault.unknown_rule": "That did not work: {code}.",
    "vote.not_in_group": "You are not part of the steering group and cannot vote.",
    "vote.no_vote_role": "As {role_name} you have no vote in the steering group.",
    "vote.not_present": "You are not checked in as present for {municipality}. Check in first.",
    "vote.member_present": (
        "{member} is present for {municipality}, so the member votes. A substitute votes only when the member is absent."
    ),
    "vote.unknown_option": "The option “{option}” is not part of this vote.",
    "vote.casting_not_tied": "The casting vote must be for one of the tied options: {tied_list}.",
    "adjuster.none_eligible": (
        "No present municipality can be the adjuster (the chair's does not count). Record attendance first."
    ),
    "protocol.not_approver": "Only the meeting's adjuster and chair can adjust the protocol.",
    "protocol.stale_version": (
        "The protocol has changed since you opened it (you saw version {shown_short}, now {current_short} applies). "
        "Read the new version and adjust that."
    ),
    "protocol.already_adjusted": "The protocol is already adjusted and cannot be changed.",
    "agenda.heading": "Agenda – meeting on {meeting}",
    "agenda.when": "Time",
    "agenda.place": "Place",
    "agenda.deadline": "Deadline for items",
    "agenda.by": "Submitted by {name}",
    "item.late.heading": "Too late for the meeting on {meeting}",
    "item.offer.button": "Submit to the meeting on {meeting}",
    "item.offer.accepted": "The item “{title}” is now on the agenda of the meeting on {meeting}. The deadline for items for that meeting is {deadline}.",
    "item.not_yours": "I cannot find that item among the items you submitted.",
    "item.not_offered": "That item has already been submitted or withdrawn.",
    "item.offer_closed": "The meeting the item was offered for no longer takes items. Submit it again and the next meeting will be offered.",
    "click.unknown": "I do not recognise this button. Ask for a new card and try again.",
    "click.bad": "The button could not be read. Ask for a new card and try again.",
}
