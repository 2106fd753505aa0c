"""Svenska: the bot's first language."""

SV: dict[str, str] = {
    # roles
    "role.chair": "ordförande",
    "role.secretary": "sekreterare",
    "role.member": "ledamot",
    "role.substitute": "ersättare",
    "role.staff": "adjungerad",
    # meeting states
    "state.planned": "planerat",
    "state.agenda_published": "dagordning publicerad",
    "state.notice_fixed": "kallelse fastställd",
    "state.held": "genomfört",
    "state.cancelled": "inställt",
    # help
    "help.intro": "Hej {name}! Det här kan du be mig om ({role}):",
    "help.unknown": "Jag förstod inte ”{text}”.",
    "help.footer": "I kanalen nämner du mig först (@{bot}); i en chatt med mig skriver du bara kommandot.",
    "cmd.help": "**hjälp** – visar den här listan",
    "cmd.meetings": "**möten** – årsplanen med varje mötes datum och sista dagar",
    "cmd.agenda": "**dagordning** – nästa mötes dagordning",
    "cmd.submit_item": "**övrig fråga** *text* – anmäler en övrig fråga till nästa möte",
    # items
    "item.added": (
        "Tack! Din övriga fråga ”{title}” är anmäld till mötet {meeting}. "
        "Sista dag för övriga frågor till det mötet är {deadline}."
    ),
    "item.late": (
        "Sista dag för övriga frågor till mötet {meeting} var {deadline}, eftersom kallelsen fastställs "
        "en vecka före mötet. Frågan ”{title}” kan därför inte tas upp på det mötet."
    ),
    "item.late.offered": (
        "Den är sparad och erbjuds i stället till nästa möte, {next} (sista dag för övriga frågor {next_deadline})."
    ),
    "item.late.no_next": (
        "Den är sparad, men årsplanen har inget senare möte ännu; sekreteraren ser den när nästa möte läggs in."
    ),
    "item.empty": "Skriv frågan efter kommandot, till exempel: övrig fråga Budget för 2025.",
    "item.title_too_long": "Rubriken är för lång ({length} tecken, högst {limit}). Skriv en kortare första rad.",
    "item.too_long": "Frågan är för lång ({length} tecken, högst {limit}). Korta den, eller bifoga underlag.",
    "item.no_meeting": "Det finns inget kommande möte i årsplanen att anmäla frågan till.",
    # agenda
    "agenda.open": "Sista dag för övriga frågor: {deadline}.",
    "agenda.closed": "Kallelsen är fastställd ({deadline}); nya frågor tas upp på nästa möte.",
    "agenda.empty": "Inga övriga frågor är anmälda ännu.",
    "agenda.no_meeting": "Det finns inget kommande möte i årsplanen.",
    # year plan
    "meetings.title": "**Årsplan för {group}**",
    "meetings.line": "**{day}**, kl. {start}–{end} · {state}",
    "meetings.deadlines": "dagordning {agenda_at} · kallelse och sista dag för övriga frågor {notice_at} · {count}",
    "meetings.count.none": "inga anmälda frågor",
    "meetings.count.one": "1 anmäld fråga",
    "meetings.count.many": "{count} anmälda frågor",
    "meetings.cancelled": "inställt: {reason}",
    "meetings.empty": "Årsplanen har inga kommande möten.",
    # access and faults
    "auth.not_in_group": (
        "Hej! Jag känner inte igen dig som deltagare i {group}. "
        "Om du ska vara med, be sekreteraren lägga till dig."
    ),
    "auth.not_allowed": "Det får bara {roles} göra.",
    "auth.wrong_tenant": "Jag arbetar bara för {group} och kan inte svara här.",
    "fault.try_again": "Något gick fel hos mig, och ingenting sparades. Försök igen om en stund.",
    "fault.unknown_rule": "Det gick inte: {code}.",
    # votes, adjuster, protocol (the rules' refusals)
    "vote.not_in_group": "Du finns inte med i styrgruppen och kan inte rösta.",
    "vote.no_vote_role": "Som {role_name} har du ingen rösträtt i styrgruppen.",
    "vote.not_present": "Du är inte anmäld som närvarande för {municipality}. Checka in först.",
    "vote.member_present": (
        "{member} är närvarande för {municipality}, så ledamoten röstar. En ersättare röstar bara när ledamoten är frånvarande."
    ),
    "vote.unknown_option": "Alternativet ”{option}” finns inte i den här omröstningen.",
    "vote.casting_not_tied": "Utslagsrösten måste gälla ett av de lika alternativen: {tied_list}.",
    "adjuster.none_eligible": (
        "Ingen närvarande kommun kan vara justerare (ordförandens kommun räknas inte). Markera närvaron först."
    ),
    "protocol.not_approver": "Bara mötets justerare och ordförande kan justera protokollet.",
    "protocol.stale_version": (
        "Protokollet har ändrats sedan du öppnade det (du såg version {shown_short}, nu gäller {current_short}). "
        "Läs den nya versionen och justera den."
    ),
    "protocol.already_adjusted": "Protokollet är redan justerat och kan inte ändras.",
    "agenda.heading": "Dagordning – mötet {meeting}",
    "agenda.when": "Tid",
    "agenda.place": "Plats",
    "agenda.deadline": "Sista dag för övriga frågor",
    "agenda.by": "Anmäld av {name}",
    "item.late.heading": "För sent till mötet {meeting}",
    "item.offer.button": "Anmäl till mötet {meeting}",
    "item.offer.accepted": "Frågan ”{title}” är nu anmäld till mötet {meeting}. Sista dag för övriga frågor till det mötet är {deadline}.",
    "item.not_yours": "Den frågan hittar jag inte bland dina anmälda frågor.",
    "item.not_offered": "Den frågan är redan anmäld eller återkallad.",
    "item.offer_closed": "Mötet som frågan erbjöds till tar inte längre emot övriga frågor. Anmäl den igen, så erbjuds nästa möte.",
    "click.unknown": "Den här knappen känner jag inte igen. Be om ett nytt kort och försök igen.",
    "click.bad": "Knappen kunde inte läsas. Be om ett nytt kort och försök igen.",
}
