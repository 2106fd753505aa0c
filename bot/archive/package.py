"""The E-ARK SIP (CSIP 2.1, the base of Riksarkivet's FGS Paketstruktur 2.0), built as one zip.

    <OBJID>/METS.xml                                   the package's METS
    <OBJID>/metadata/descriptive/dc.xml                title, date, identifier (the version), language
    <OBJID>/metadata/preservation/premis.xml           the record's events (PREMIS 3)
    <OBJID>/metadata/preservation/gallringslogg.json   the recording's deletion log entry, once there is one
    <OBJID>/representations/rep1/METS.xml              the representation's METS
    <OBJID>/representations/rep1/data/…                the PDF/A and the structured data (JSON)
    <OBJID>/schemas/…                                  what the JSON means: its JSON Schema
    <OBJID>/documentation/…                            what the package holds, in words

The zip is a pure function of its input (fixed entry times, sorted entries): the same package
twice is the same bytes.
"""

from __future__ import annotations

import hashlib
import io
import zipfile
from dataclasses import dataclass, field
from datetime import datetime
from xml.etree.ElementTree import Element

from bot.domain.archive import PremisEvent

from .premis import SOFTWARE, premis_xml
from .xml import document, el

CSIP_PROFILE = "https://earksip.dilcis.eu/profile/E-ARK-SIP.xml"
CONTENT_TYPE = "Styrgruppsprotokoll"  # csip:OTHERCONTENTINFORMATIONTYPE: no CITS describes a protocol
_ZIP_TIME = (2020, 1, 1, 0, 0, 0)


@dataclass(frozen=True)
class PackageFile:
    name: str  # inside its folder
    content: bytes
    mime_type: str
    format_name: str = ""


@dataclass(frozen=True)
class PackageInput:
    objid: str  # e.g. "urn:uuid:…"; also the package's top folder (with ":" made "_")
    label: str  # "Styrgruppsmöte 2026-12-10"
    group: str
    created_at: datetime
    version: str
    language: str
    meeting_day: str
    record_status: str  # "NEW", or "REPLACEMENT" when it replaces the package made before
    data: tuple[PackageFile, ...]  # the representation: the PDF/A first, then the structured data
    documentation: tuple[PackageFile, ...]
    schemas: tuple[PackageFile, ...]
    events: tuple[PremisEvent, ...]
    deletion_log: bytes | None = None
    software_version: str = "0.1.0"
    replaces: str | None = None  # the OBJID of the package this one replaces


def folder_of(objid: str) -> str:
    return objid.replace(":", "_")


@dataclass
class _Files:
    """The package's files by path, and their METS ids."""

    entries: dict[str, bytes] = field(default_factory=dict)

    def add(self, path: str, content: bytes) -> None:
        self.entries[path] = content


def build_package(given: PackageInput) -> bytes:
    files = _Files()
    rep = "representations/rep1"
    for f in given.data:
        files.add(f"{rep}/data/{f.name}", f.content)
    files.add(f"{rep}/METS.xml", _representation_mets(given))
    for f in given.documentation:
        files.add(f"documentation/{f.name}", f.content)
    for f in given.schemas:
        files.add(f"schemas/{f.name}", f.content)
    files.add("metadata/descriptive/dc.xml", _dublin_core(given))
    objects = [(f"{rep}/data/{f.name}", _sha256(f.content), f.format_name or f.mime_type) for f in given.data]
    files.add("metadata/preservation/premis.xml", premis_xml(objects, given.events, given.group))
    if given.deletion_log is not None:
        files.add("metadata/preservation/gallringslogg.json", given.deletion_log)
    files.add("METS.xml", _root_mets(given, files.entries))
    return _zipped(folder_of(given.objid), files.entries)


def _sha256(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest().upper()


def _iso(moment: datetime) -> str:
    return moment.isoformat(timespec="seconds")


def _mets(given: PackageInput, objid: str, label: str) -> Element:
    mets = el(
        None, "mets:mets", OBJID=objid, LABEL=label, TYPE="Textual works – Digital", PROFILE=CSIP_PROFILE,
        csip__CONTENTINFORMATIONTYPE="OTHER", csip__OTHERCONTENTINFORMATIONTYPE=CONTENT_TYPE,
        xsi__schemaLocation="http://www.loc.gov/METS/ http://www.loc.gov/METS/mets.xsd "
        "http://www.w3.org/1999/xlink http://www.loc.gov/standards/xlink/xlink.xsd",
    )  # fmt: skip
    header = el(
        mets, "mets:metsHdr", CREATEDATE=_iso(given.created_at), RECORDSTATUS=given.record_status,
        csip__OAISPACKAGETYPE="SIP",
    )  # fmt: skip
    creator = el(header, "mets:agent", ROLE="CREATOR", TYPE="OTHER", OTHERTYPE="SOFTWARE")
    el(creator, "mets:name", SOFTWARE)
    el(creator, "mets:note", given.software_version, csip__NOTETYPE="SOFTWARE VERSION")
    archivist = el(header, "mets:agent", ROLE="ARCHIVIST", TYPE="ORGANIZATION")
    el(archivist, "mets:name", given.group)
    if given.replaces:
        el(header, "mets:altRecordID", given.replaces, TYPE="PREVIOUSSUBMISSION")
    return mets


def _file(group: Element, file_id: str, path: str, content: bytes, mime: str, created: datetime) -> None:
    node = el(
        group, "mets:file", ID=file_id, MIMETYPE=mime, SIZE=str(len(content)), CREATED=_iso(created),
        CHECKSUM=_sha256(content), CHECKSUMTYPE="SHA-256",
    )  # fmt: skip
    el(node, "mets:FLocat", LOCTYPE="URL", xlink__type="simple", xlink__href=path)


def _root_mets(given: PackageInput, entries: dict[str, bytes]) -> bytes:
    mets = _mets(given, given.objid, given.label)
    dc = "metadata/descriptive/dc.xml"
    dmd = el(mets, "mets:dmdSec", ID="dmd-dc", CREATED=_iso(given.created_at), STATUS="CURRENT")
    _md_ref(dmd, dc, entries[dc], "text/xml", MDTYPE="DC", created=given.created_at)
    amd = el(mets, "mets:amdSec")
    premis = "metadata/preservation/premis.xml"
    digiprov = el(amd, "mets:digiprovMD", ID="digiprov-premis", STATUS="CURRENT")
    _md_ref(digiprov, premis, entries[premis], "text/xml", MDTYPE="PREMIS", created=given.created_at)
    admids = ["digiprov-premis"]
    log = "metadata/preservation/gallringslogg.json"
    if log in entries:
        digiprov = el(amd, "mets:digiprovMD", ID="digiprov-deletion-log", STATUS="CURRENT")
        _md_ref(
            digiprov, log, entries[log], "application/json", MDTYPE="OTHER", OTHERMDTYPE="Gallringslogg",
            created=given.created_at,
        )  # fmt: skip
        admids.append("digiprov-deletion-log")
    sec = el(mets, "mets:fileSec", ID="filesec")
    for use, group_id, prefix, folder, listed in (
        ("Documentation", "grp-documentation", "doc", "documentation", given.documentation),
        ("Schemas", "grp-schemas", "schema", "schemas", given.schemas),
    ):
        group = _group(sec, group_id, use)
        for n, f in enumerate(listed, start=1):
            _file(group, f"file-{prefix}-{n}", f"{folder}/{f.name}", f.content, f.mime_type, given.created_at)
    rep = _group(sec, "grp-rep1", "Representations/rep1")
    rep_mets = "representations/rep1/METS.xml"
    _file(rep, "file-rep1-mets", rep_mets, entries[rep_mets], "text/xml", given.created_at)
    smap = el(mets, "mets:structMap", ID="structmap-csip", TYPE="PHYSICAL", LABEL="CSIP")
    top = el(smap, "mets:div", ID="div-package", LABEL=given.objid)
    el(top, "mets:div", ID="div-metadata", LABEL="Metadata", DMDID="dmd-dc", ADMID=" ".join(admids))
    el(
        el(top, "mets:div", ID="div-documentation", LABEL="Documentation"),
        "mets:fptr",
        FILEID="grp-documentation",
    )
    el(el(top, "mets:div", ID="div-schemas", LABEL="Schemas"), "mets:fptr", FILEID="grp-schemas")
    representations = el(top, "mets:div", ID="div-representations", LABEL="Representations")
    el(representations, "mets:fptr", FILEID="grp-rep1")
    rep_div = el(representations, "mets:div", ID="div-rep1", LABEL="Representations/rep1")
    el(
        rep_div, "mets:mptr", LOCTYPE="URL", xlink__type="simple", xlink__href=rep_mets,
        xlink__title="grp-rep1",
    )  # fmt: skip
    return document(mets)


def _group(parent: Element, group_id: str, use: str) -> Element:
    return el(
        parent, "mets:fileGrp", ID=group_id, USE=use, csip__CONTENTINFORMATIONTYPE="OTHER",
        csip__OTHERCONTENTINFORMATIONTYPE=CONTENT_TYPE,
    )  # fmt: skip


def _md_ref(
    parent: Element, path: str, content: bytes, mime: str, *, created: datetime, **kinds: str
) -> None:
    el(
        parent, "mets:mdRef", LOCTYPE="URL", xlink__type="simple", xlink__href=path, MIMETYPE=mime,
        SIZE=str(len(content)), CREATED=_iso(created), CHECKSUM=_sha256(content), CHECKSUMTYPE="SHA-256",
        **kinds,
    )  # fmt: skip


def _representation_mets(given: PackageInput) -> bytes:
    mets = _mets(given, f"{given.objid}-rep1", f"{given.label}: representation 1")
    sec = el(mets, "mets:fileSec", ID="filesec-rep1")
    group = _group(sec, "grp-rep1-data", "Data")
    for n, f in enumerate(given.data, start=1):
        _file(group, f"file-data-{n}", f"data/{f.name}", f.content, f.mime_type, given.created_at)
    smap = el(mets, "mets:structMap", ID="structmap-rep1", TYPE="PHYSICAL", LABEL="CSIP")
    top = el(smap, "mets:div", ID="div-rep1-top", LABEL=f"{given.objid}-rep1")
    data = el(top, "mets:div", ID="div-rep1-data", LABEL="Data")
    for n in range(1, len(given.data) + 1):
        el(data, "mets:fptr", FILEID=f"file-data-{n}")
    return document(mets)


def _dublin_core(given: PackageInput) -> bytes:
    root = el(None, "dc:metadata")
    for name, value in (
        ("title", given.label), ("creator", given.group), ("date", given.meeting_day),
        ("identifier", given.version), ("language", given.language), ("type", "Protokoll"),
        ("format", "application/pdf"),
    ):  # fmt: skip
        el(root, f"dc:{name}", value)
    return document(root)


def _zipped(folder: str, entries: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(entries):
            info = zipfile.ZipInfo(f"{folder}/{path}", date_time=_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, entries[path])
    return out.getvalue()
