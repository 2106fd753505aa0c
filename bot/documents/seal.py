"""The adjusted PDF sealed with the organisation's certificate: PAdES baseline B, with pyHanko.

The seal is an incremental update, so the PDF/A-2a bytes stay as WeasyPrint wrote them and the
seal is appended after them. PDF/A asks that the document information dictionary and the XMP
say the same: pyHanko writes its name as Producer into the XMP, and appends it to the /Producer
it finds in the dictionary, so the dictionary's entry is removed first and pyHanko writes the
same value to both. The signature field is invisible (zero rectangle, printable) and gets an
empty appearance, as PDF/A expects of every annotation. Everything pyHanko lives here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from io import BytesIO
from pathlib import Path

from asn1crypto import keys as asn1_keys
from asn1crypto import x509 as asn1_x509
from cryptography.hazmat.primitives import serialization
from pyhanko.keys import load_cert_from_pemder, load_certs_from_pemder, load_private_key_from_pemder
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import fields, signers

from bot.services.sealing import SealError

FIELD = "Forsegling"


@dataclass(frozen=True)
class SealFiles:
    cert_file: Path
    key_file: Path
    password: str = ""
    chain_file: Path | None = None  # intermediate certificates, to be embedded beside the seal's own


class PadesSealer:
    """Implements the Sealer port. The files are read at each seal, so a renewed certificate is used
    without a restart (the password, from the environment, needs one)."""

    def __init__(self, files: SealFiles, name: str, clock: Callable[[], datetime] | None = None) -> None:
        self._files, self._name = files, name
        self._now = clock or (lambda: datetime.now(UTC))

    def check(self) -> None:
        """Loads the key and certificate as a seal would; raises SealError. Done at start-up."""
        self._signer()

    def seal(self, pdf: bytes, reason: str) -> bytes:
        signer = self._signer()
        writer = IncrementalPdfFileWriter(BytesIO(pdf))
        _let_pyhanko_name_the_producer(writer)
        fields.append_signature_field(writer, fields.SigFieldSpec(FIELD, box=None))
        _empty_appearance(writer)
        meta = signers.PdfSignatureMetadata(
            field_name=FIELD,
            subfilter=fields.SigSeedSubFilter.PADES,
            md_algorithm="sha256",
            reason=reason,
            location=self._name,
            name=self._name,
        )
        try:
            return bytes(signers.sign_pdf(writer, meta, signer=signer).getvalue())
        except (ValueError, TypeError) as error:
            raise SealError("signing", str(error)) from error

    def _signer(self) -> signers.SimpleSigner:
        files = self._files
        try:
            key = load_private_key_from_pemder(
                str(files.key_file), passphrase=files.password.encode() or None
            )
        except OSError as error:
            raise SealError("key_unreadable", str(error)) from error
        except (ValueError, TypeError) as error:  # a wrong or missing password, or not a key
            raise SealError("key_password", str(error)) from error
        try:
            cert = load_cert_from_pemder(str(files.cert_file))
            chain = list(load_certs_from_pemder([str(files.chain_file)])) if files.chain_file else []
        except (OSError, ValueError, TypeError) as error:
            raise SealError("cert_unreadable", str(error)) from error
        _check_pair(key, cert, self._now())
        return signers.SimpleSigner(signing_cert=cert, signing_key=key, cert_registry=_registry(cert, chain))


def _check_pair(key: asn1_keys.PrivateKeyInfo, cert: asn1_x509.Certificate, now: datetime) -> None:
    private = serialization.load_der_private_key(key.dump(), password=None)
    public = private.public_key().public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    if public != cert.public_key.dump():
        raise SealError("mismatch", cert.subject.human_friendly)
    validity = cert["tbs_certificate"]["validity"]
    if now < validity["not_before"].native:
        raise SealError("not_yet_valid", validity["not_before"].native.isoformat())
    if now > validity["not_after"].native:
        raise SealError("expired", validity["not_after"].native.isoformat())


def _registry(cert: asn1_x509.Certificate, chain: list[asn1_x509.Certificate]):  # type: ignore[no-untyped-def]
    from pyhanko_certvalidator.registry import SimpleCertificateStore

    return SimpleCertificateStore.from_certs([cert, *chain])


def _let_pyhanko_name_the_producer(writer: IncrementalPdfFileWriter) -> None:
    info_ref = writer.trailer.raw_get("/Info") if "/Info" in writer.trailer else None
    if info_ref is None:
        return
    info = info_ref.get_object()
    if "/Producer" in info:
        del info["/Producer"]
        writer.mark_update(info_ref)


def _empty_appearance(writer: IncrementalPdfFileWriter) -> None:
    """An empty /AP for the invisible widget: PDF/A wants one on every annotation."""
    form = writer.root["/AcroForm"]
    for ref in form["/Fields"]:
        field = ref.get_object()
        if field.get("/T") == FIELD and "/AP" not in field:
            stream = generic.StreamObject(
                {
                    generic.pdf_name("/Type"): generic.pdf_name("/XObject"),
                    generic.pdf_name("/Subtype"): generic.pdf_name("/Form"),
                    generic.pdf_name("/BBox"): generic.ArrayObject([generic.NumberObject(0)] * 4),
                },
                stream_data=b"",
            )
            field[generic.pdf_name("/AP")] = generic.DictionaryObject(
                {generic.pdf_name("/N"): writer.add_object(stream)}
            )
            writer.update_container(field)
