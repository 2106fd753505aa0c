"""The seed protocol (styrgruppsmöte 2023-09-26) as a ProtocolDocument, for tests and previews.

§1–§4 are the seed's own texts, with its obvious typos ("Stygruppens", "Säteris")
corrected. §5, with its vote and reservation, is invented so that every part of the
layout has realistic data.
"""

from __future__ import annotations

import hashlib
from datetime import date, datetime
from zoneinfo import ZoneInfo

from .model import (
    Attendee,
    FooterItem,
    Paragraph,
    ProtocolDocument,
    Reservation,
    Signature,
    VoteRecord,
)

_PRESENT = (
    Attendee("Malin Karhu Birgersson", "Chef kommunstyrelsesektorn", "Säters kommun",
             "ordförande i styrgruppen e-arkiv"),
    Attendee("Hanna Dahlkvist", "Administrativ chef", "Älvdalens kommun"),
    Attendee("Anna Karlsson", "kanslichef", "Mora kommun"),
    Attendee("Joanna Karabay", "enhetschef", "E-arkiv Mitt"),
    Attendee("Anna-Maria Malmberg", "systemförvaltare", "E-arkiv Mitt"),
    Attendee("Eva-Lena Getting", "Personalchef", "Hedemora kommun"),
    Attendee("Joel Johansson", "chef Administrativ service", "Leksands kommun"),
    Attendee("Jessica Hedlund", "kanslichef", "Ludvika kommun"),
    Attendee("Ulrika Wenn", "Stabschef", "Hudiksvalls kommun"),
    Attendee("Karin Höglund", "Administrativ chef", "Ljusdals kommun"),
    Attendee("Minna Snabb", "Administrativ chef", "Bollnäs kommun"),
    Attendee("Lars Larsson", "Kommunikationschef", "Nordanstigs kommun"),
    Attendee("Tommie Floréus", "Administrativ chef", "Sandvikens kommun"),
    Attendee("Ulrica Leandersson", "Kommunikationschef", "Ovanåkers kommun"),
    Attendee("Lotta Daun Messing", None, "Ludvika kommun", "ersätter Jessica Hedlund fr.o.m. nästa möte"),
    Attendee("Marika Lyman", "Administrativ chef", "Avesta kommun"),
    Attendee("Joacim Bock", None, "Nora kommun", "tf. ersättare för Joel Larsson"),
    Attendee("Moa Bäckström", None, "Hudiksvalls kommun"),
)  # fmt: skip

_ABSENT = (
    Attendee("Joel Larsson", "Kanslichef", "Nora kommun"),
    Attendee("Agneta Jansson", "sekretariatschef", "Vansbro kommun"),
    Attendee("Fredrik Holm", "chef för stöd och service", "Borlänge kommun"),
    Attendee("Christina Semdahl", "kanslichef", "Malung-Sälens kommun"),
    Attendee("Mattias Scandola", "kanslichef", "Falu kommun"),
    Attendee("Carolina Sandvik", "chef Gemensamt stöd och medborgarservice", "Orsa kommun"),
    Attendee("Susanne Hedman-Jensen", "kommunchef", "Smedjebackens kommun"),
    Attendee("Ulf Israelsson", "kommunchef", "Rättviks kommun"),
    Attendee("Rolf Davidsson", "Enhetschef", "Gagnefs kommun"),
)

_P1 = (
    "Medlemmarna i styrgruppen presenterade sig för varandra och E-arkiv Mitt berättade även mer om "
    "vilka som arbetar i verksamheten. Alla kommuner kommer in i samverkan med en tidigare historik och "
    "kommer att kunna bidra till utbyte av kunskap inom e-arkiv och/eller dokumenthantering. Vi ser fram "
    "emot att arbeta tillsammans!"
)

_P2 = "Marika Lyman utses till justerare. Justerare kommer att väljas i bokstavsordning, utifrån kommunnamn."

_P3 = """\
Vi går igenom samverkansavtalets paragraf om organisation för styrning och ledning av e-arkivsamverkan. \
Styrgruppens uppgift är att besluta om en årlig förvaltningsplan samt bereda budget och övriga ärenden \
till Samverkansrådet. Vikten av uppgiften att följa upp leveransprojekt förtydligades särskilt i \
dalakommunernas tidigare styrgrupp; ett forum för dialog med de chefer som ansvarar för budget och \
bemanning behövs då leveransprojekt stannade upp eller kraftigt försenades. Det blir extra viktigt då vi \
blir fler i samverkan och leveranser ska kunna fungera smidigt för alla.

Vad gäller formalia för styrgruppens möten så skickas en platshållare ut för årets möten som uppdateras \
med dagordning två veckor innan utsatt datum. Kallelsen fastställs en vecka innan mötet; övriga frågor \
ska vara anmälda innan dess. Ett möte kan ställas in en vecka innan mötet om inga punkter finns på \
dagordningen.

Styrgruppens möten sker via Teams. Mötet spelas in och protokoll skrivs i efterhand utifrån \
inspelningen. Protokollen ska justeras; justerare utses i början av mötet. Justerade protokoll skickas \
via e-post till samverkanskommunernas officiella brevlådor, styrgruppens medlemmar, samverkansrådet, \
samt publiceras på Säters kommuns hemsida. Inspelningen sparas i två månader innan den gallras.

Majoritetsbeslut gäller vid omröstning. Ordförande har utslagsröst.

Förslag till mötesdatum för 2024:

- 15 februari, kl. 8:30–10
- 25 april, kl. 8:30–10
- 26 september, kl. 8:30–10
- 12 november, kl. 8:30–10"""

_D3 = (
    "Ingen har invändningar mot formalia eller förslag till mötesdatum. Joanna skickar ut "
    "kalenderbokningar för kommande års möten."
)

_P4 = """\
Införandet av e-arkivsystem kommer att ske i två steg; först installation av de nya kommunerna och \
sedan uppgradering av alla kommuner till rätt version. Migrering från Sandvikens e-arkiv kommer att \
pågå parallellt.

Ekonomin ser bra ut; upphandlingen gick enligt förväntan. Arbetet med att sätta upp tekniken är inte \
ännu klar men troligen blir det inga stora överraskningar. Den kalkyl som gjordes kommer att hålla. \
Joanna kommer att efterfråga faktureringsuppgifter för att under oktober månad skicka ut fakturor för \
perioden oktober – december.

I samrådsgruppens arbete har E-arkiv Mitt några förslag på ändringar som kommer att diskuteras vidare \
på samrådsgruppens första möte i oktober: För att få en bättre dialog och utbyte av kunskap mellan \
kommuner föreslås de beslutsfattande mötena, som är obligatoriska, att minskas till 4 ggr/år. Eftersom \
planeringen ändå ska vara långsiktig så finns inte risken att det påverkar arbetet. Det frigör samtidigt \
mer tid för frivilliga tema-möten som hålls löpande under året i två olika former:

Informationsmöten/utbildning (envägskommunikation) samt diskussionsmöten (dialog).

För att hjälpa de nya igång så planerar Joanna och Anna-Maria att åka och besöka kontaktpersonerna på \
plats i kommunerna. Inbokning sker längre fram när systemet börjar komma på plats.

För att ge alla tillfälle att lära känna varandra så skulle E-arkiv Mitt önska att det gick att ses i \
fysisk träff – en kick-off för arbetet, i mars/april. Tanken fanns då också att man vid tillfället \
tilldelas en ”fadder” bland de med mer erfarenhet av e-arkivering som extra stöttning. Önskemål om \
fysisk träff kommer att diskuteras vidare i styrgruppen vid senare tillfälle.

För att följa upp att alla får rätt stöd erbjuds terminssamtal, 2 ggr/år. Ett av dessa föreslås vara \
obligatoriskt och är en del av den årliga utvärderingen av E-arkiv Mitts verksamhet."""

_D4 = (
    "Planen för införande och uppstart av leveransarbetet ser väl genomtänkt ut. Styrgruppen har inga "
    "invändningar mot förslaget."
)

# Invented: the seed left the kick-off "to be discussed later"; here it is, put to a vote.
_P5 = """\
Önskemålet från §4 om en fysisk träff togs upp. E-arkiv Mitt föreslår en heldag i Säter i april 2024 \
med genomgång av införandeplanen och indelning i faddergrupper. Kommunerna står själva för sina \
resekostnader.

Flera ledamöter lyfte att resorna blir långa för kommunerna i Gävleborg och föreslog att träffen i \
stället hålls via Teams. Ordföranden begärde omröstning."""

_D5 = (
    "Styrgruppen beslutar att E-arkiv Mitt anordnar en fysisk kick-off i Säter i april 2024. "
    "Joanna skickar ut en inbjudan."
)

_BALLOTS = (
    ("Marika Lyman (Avesta kommun)", "Ja"),
    ("Minna Snabb (Bollnäs kommun)", "Ja"),
    ("Eva-Lena Getting (Hedemora kommun)", "Ja"),
    ("Ulrika Wenn (Hudiksvalls kommun)", "Ja"),
    ("Joel Johansson (Leksands kommun)", "Ja"),
    ("Karin Höglund (Ljusdals kommun)", "Nej"),
    ("Jessica Hedlund (Ludvika kommun)", "Nej"),
    ("Anna Karlsson (Mora kommun)", "Ja"),
    ("Joacim Bock (Nora kommun)", "Ja"),
    ("Lars Larsson (Nordanstigs kommun)", "Nej"),
    ("Ulrica Leandersson (Ovanåkers kommun)", "Avstår"),
    ("Tommie Floréus (Sandvikens kommun)", "Ja"),
    ("Malin Karhu Birgersson (Säters kommun)", "Ja"),
    ("Hanna Dahlkvist (Älvdalens kommun)", "Ja"),
)

_VOTE = VoteRecord(
    question="Ska E-arkiv Mitt anordna en fysisk kick-off i Säter i april 2024?",
    result_text="Styrgruppen har röstat ja med 10 röster mot 3. 1 kommun avstod.",
    counts=(("Ja", 10), ("Nej", 3), ("Avstår", 1)),
    named=_BALLOTS,
)

_RESERVATION = Reservation(
    "Lars Larsson",
    "Nordanstigs kommun",
    "Restiden och resekostnaden står inte i proportion till nyttan; träffen bör hållas via Teams.",
)

_APPROVED = "Godkänt digitalt 2023-10-03 kl. 14:05"

_SIGNATURES = (
    Signature("Sekreterare", "Joanna Karabay", "Enhetschef", "E-arkiv Mitt"),
    Signature(
        "Ordförande", "Malin Karhu Birgersson", "Chef kommunstyrelsesektorn", "Säters kommun", _APPROVED
    ),
    Signature("Justerare", "Marika Lyman", "Administrativ chef", "Avesta kommun", _APPROVED),
)

_SATER_LETTERHEAD = (
    FooterItem("Postadress", "Box 300, 783 27 Säter"),
    FooterItem("Telefon", "0225-55 000 (vxl)"),
    FooterItem("Besöksadress", "Jönshyttvägen 6, Säter"),
    FooterItem("E-post", "kommun@sater.se"),
    FooterItem("Webbplats", "sater.se"),
)


def _paragraphs() -> tuple[Paragraph, ...]:
    return (
        Paragraph(1, "Vi presenterar mötesdeltagare och E-arkiv Mitt", _P1),
        Paragraph(2, "Utse justerare", _P2),
        Paragraph(3, "Styrgruppens uppdrag och formalia för möten", _P3, decision=_D3),
        Paragraph(4, "Information om upphandling/införandeplan", _P4, decision=_D4),
        Paragraph(
            5,
            "Fysisk kick-off våren 2024",
            _P5,
            decision=_D5,
            votes=(_VOTE,),
            reservations=(_RESERVATION,),
        ),
    )


def sample_protocol() -> ProtocolDocument:
    """The adjusted protocol of 2023-09-26, with Marika Lyman (Avesta) as adjuster."""
    paragraphs = _paragraphs()
    # A stand-in for the content hash the protocol service computes: stable, and it
    # changes whenever the sample's text does.
    version = hashlib.sha256("\n".join(p.text for p in paragraphs).encode("utf-8")).hexdigest()
    return ProtocolDocument(
        group_name="Styrgruppen E-arkiv Mitt",
        title="Styrgruppsmöte e-arkiv 2023-09-26",
        meeting_date=date(2023, 9, 26),
        time_text="tisdagen den 26 september 2023, kl. 10:00–11:00",
        place="via Teams",
        present=_PRESENT,
        absent=_ABSENT,
        paragraphs=paragraphs,
        signatures=_SIGNATURES,
        version=version,
        adjusted=True,
        adjusted_text="Justerat digitalt 2023-10-03 kl. 14:05 av Marika Lyman (justerare)",
        footer=_SATER_LETTERHEAD,
        created_at=datetime(2023, 10, 3, 14, 5, tzinfo=ZoneInfo("Europe/Stockholm")),
        modified_at=datetime(2023, 10, 3, 14, 5, tzinfo=ZoneInfo("Europe/Stockholm")),
    )
