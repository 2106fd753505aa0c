"""The steering group's rules, free of I/O and of the clock.

Glossary (the users' Swedish words and the names used in code):

    styrgrupp            Group
    kommun               Municipality
    ordförande           Role.CHAIR
    sekreterare          Role.SECRETARY
    ledamot              Role.MEMBER
    ersättare            Role.SUBSTITUTE (stands in for a member of the same municipality)
    adjungerad           Role.STAFF
    samverkansrådet      Group.council_mailboxes
    möte, årsplan        Meeting, the group's year plan
    dagordning           Agenda (published at T−14 d)
    kallelse             Notice (fixed at T−7 d; the submission deadline)
    övrig fråga, ärende  AgendaItem
    omröstning, röst     Vote, Ballot
    utslagsröst          casting vote
    beslut               decision
    justerare            Adjuster (the chair's decision: meeting_day.Appointment)
    närvaro              attendance.Mark, AttendanceLists
    beslutsmässig        eligibility.Quorum (more than half of the municipalities present)
    reservation          votes.Reservation (by one who voted against the decision)
    justering            protocol.Approval; adjustment.ProtocolState (utkast, lämnat, justerat)
    protokoll            Protocol; protocol_text.Section (one §) and the text format
    gallring             retention.Recording, RecordingStep (warn, hold back, delete)

Every function takes the moment it reasons about (`now`) and the time zone as
parameters; nothing here reads the clock, the disk or the network.
"""
