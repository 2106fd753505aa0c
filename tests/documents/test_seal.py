"""The electronic seal: made with a throwaway CA, checked with pyHanko's own validator."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from io import BytesIO
from pathlib import Path

import pytest
from pyhanko.keys import load_cert_from_pemder
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.status import PdfSignatureStatus
from pyhanko_certvalidator import ValidationContext
from pypdf import PdfReader

from bot.documents import render_pdf
from bot.documents.sample import sample_protocol
from bot.documents.seal import FIELD, PadesSealer, SealFiles
from bot.services.sealing import SealError
from tests.support.certificates import SealCertificate, throwaway_ca
from tests.support.pdfa import info, xmp_properties

REASON = "Justerat digitalt 2023-10-03 kl. 14:05 av Marika Lyman (justerare). Version abc."


@pytest.fixture(scope="module")
def certificate(tmp_path_factory: pytest.TempPathFactory) -> SealCertificate:
    return throwaway_ca(tmp_path_factory.mktemp("ca"))


@pytest.fixture(scope="module")
def unsealed() -> bytes:
    return render_pdf(replace(sample_protocol(), modified_at=None, seal_text="Förseglat."))


@pytest.fixture(scope="module")
def sealed(certificate: SealCertificate, unsealed: bytes) -> bytes:
    return _sealer(certificate).seal(unsealed, REASON)


def _sealer(certificate: SealCertificate, **changes: object) -> PadesSealer:
    files = SealFiles(certificate.cert_file, certificate.key_file, certificate.password)
    return PadesSealer(replace(files, **changes), "Styrgruppen E-arkiv Mitt")  # type: ignore[arg-type]


def _status(pdf: bytes, certificate: SealCertificate) -> PdfSignatureStatus:
    [signature] = PdfFileReader(BytesIO(pdf), strict=False).embedded_signatures
    trust = ValidationContext(trust_roots=[load_cert_from_pemder(str(certificate.ca_file))])
    return validate_pdf_signature(signature, trust)


def test_the_seal_is_valid_trusted_and_covers_the_whole_file(
    sealed: bytes, certificate: SealCertificate
) -> None:
    status = _status(sealed, certificate)
    assert status.bottom_line and status.intact and status.valid and status.trusted
    assert status.coverage.name == "ENTIRE_FILE"
    assert status.modification_level is not None and status.modification_level.name == "NONE"


def test_a_changed_byte_breaks_the_seal(sealed: bytes, certificate: SealCertificate, unsealed: bytes) -> None:
    changed = bytearray(sealed)
    at = sealed.index(b"/Lang")  # in the signed bytes (the original revision), not the signature itself
    changed[at + 1] = ord("M")  # "/Mang": one byte
    status = _status(bytes(changed), certificate)
    assert not status.intact and not status.bottom_line


def test_the_seal_is_an_incremental_update_of_the_pdf_a(sealed: bytes, unsealed: bytes) -> None:
    assert sealed.startswith(unsealed)  # the PDF/A-2a bytes untouched, the seal appended


def test_the_sealed_pdf_keeps_its_pdf_a_declaration_and_metadata(sealed: bytes, unsealed: bytes) -> None:
    before, after = xmp_properties(unsealed), xmp_properties(sealed)
    assert (after["pdfaid:part"], after["pdfaid:conformance"]) == ("2", "A")
    for name in ("dc:identifier", "dc:language", "dc:title", "xmp:CreateDate"):
        assert after[name] == before[name], name
    assert "xmp:ModifyDate" in after  # the seal's own moment
    # PDF/A: what the information dictionary says, the XMP says too.
    assert info(sealed)["/Producer"] == after["pdf:Producer"]
    assert "/ModDate" not in info(sealed)


def test_the_seal_is_an_invisible_printable_field_with_an_appearance_and_names_the_approvals(
    sealed: bytes,
) -> None:
    reader = PdfReader(BytesIO(sealed))
    [field] = [f.get_object() for f in reader.trailer["/Root"]["/AcroForm"]["/Fields"]]
    assert field["/T"] == FIELD and list(field["/Rect"]) == [0, 0, 0, 0]
    assert field["/F"] & 4 and "/AP" in field  # printable, with an (empty) appearance: PDF/A
    signature = field["/V"].get_object()
    assert signature["/SubFilter"] == "/ETSI.CAdES.detached"  # PAdES
    assert signature["/Reason"] == REASON


@pytest.mark.parametrize(
    ("change", "code"),
    [
        ({"password": "fel lösenord"}, "key_password"),
        ({"key_file": Path("/nonexistent/seal.key")}, "key_unreadable"),
        ({"cert_file": Path("/nonexistent/seal.pem")}, "cert_unreadable"),
    ],
)
def test_a_seal_that_cannot_be_made_says_why(
    certificate: SealCertificate, unsealed: bytes, change: dict[str, object], code: str
) -> None:
    with pytest.raises(SealError) as raised:
        _sealer(certificate, **change).seal(unsealed, REASON)
    assert raised.value.code == code


def test_a_key_of_another_certificate_is_refused(tmp_path: Path, certificate: SealCertificate) -> None:
    other = throwaway_ca(tmp_path / "other")
    with pytest.raises(SealError) as raised:
        _sealer(certificate, key_file=other.key_file).check()
    assert raised.value.code == "mismatch"


def test_an_expired_certificate_is_refused(tmp_path: Path) -> None:
    old = throwaway_ca(tmp_path, valid_from=datetime.now(UTC) - timedelta(days=60), days=30)
    with pytest.raises(SealError) as raised:
        _sealer(old).check()
    assert raised.value.code == "expired"
