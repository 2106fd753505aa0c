"""Svenska: what the bot reads of the Teams meeting itself, its attendance report."""

TEAMS_MEETING_SV: dict[str, str] = {
    "attendance_report.heading": "Närvaro enligt Teams – mötet {meeting}",
    "attendance_report.session": "Teams närvarorapport ({participants} deltagare, kl. {start}–{end})",
    "attendance_report.participants": "Teams närvarorapport ({participants} deltagare)",
    "attendance_report.same": "{session} stämmer med närvaron i boten.",
    "attendance_report.differs": "{session} skiljer sig från närvaron i boten här nedan. Rätta det som stämmer: protokollets närvaro följer det du bekräftar.",
    "attendance_report.line.not_checked_in": "{who} var med i Teams-mötet i {minutes} minuter men checkade inte in.",
    "attendance_report.line.not_in_meeting": "{who} checkade in men finns inte i Teams närvarorapport.",
    "attendance_report.line.serving": "{member} var inte med, så ersättaren blir tjänstgörande för {municipality}.",
    "attendance_report.line.member_there": "{member} var också med, så {municipality} företräds av ledamoten.",
    "attendance_report.mark_present": "Markera närvarande",
    "attendance_report.mark_absent": "Markera frånvarande",
    "attendance_report.corrected": "Bekräftat",
    "attendance_report.corrected.present": "{name} ({place}): markerad närvarande",
    "attendance_report.corrected.absent": "{name} ({place}): markerad frånvarande",
    "attendance_report.strangers": "Även med i mötet, utanför gruppfilen: {names}.",
    "attendance_report.caveat": "Deltagare kan ha valt bort närvarorapporten, och den som var med i rummet finns inte i den: rapporten är ett underlag, inte facit.",
    "attendance_report.protocol_submitted": "Protokollet har redan lämnats för justering, så närvaron kan inte längre rättas här.",
    "attendance_report.meeting_not_begun": "Det mötet har inte börjat ännu, så det har ingen närvarorapport.",
    # Told once, instead of the card, when there is nothing to compare with.
    "attendance_report.not_permitted": "Jag kunde inte läsa Teams närvarorapport för mötet {meeting}: boten saknar behörighet i Microsoft Graph. It-avdelningen behöver ge appen OnlineMeetings.Read.All och OnlineMeetingArtifact.Read.All och en programåtkomstprincip i Teams för gruppens brevlåda. Närvaron i boten gäller som den är.",
    "attendance_report.no_report": "Teams har ingen närvarorapport för mötet {meeting}, så jag kan inte jämföra närvaron med den. Närvaron i boten gäller som den är.",
    "attendance_report.no_online_meeting": "Jag hittar inget Teams-möte till mötet {meeting} i gruppens kalender, så det finns ingen närvarorapport att jämföra med. Närvaron i boten gäller som den är.",
    "attendance_report.unreachable": "Jag kunde inte hämta Teams närvarorapport för mötet {meeting}: Microsoft Graph svarade inte som väntat. Närvaron i boten gäller som den är.",
}
