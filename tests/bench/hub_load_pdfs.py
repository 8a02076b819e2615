"""Sealed PDFs for the hub load figure: signed once per supervisor, their bytes reused.

Each supervisor gets a real signing identity (an EC key and self-signed
certificate from the project's own ``create_identity``), registered on the
hub. Five small records (a one-to-one's supervision-file copy, a child
extract, a group session's copy, an addendum and an addendum extract) are
rendered once with the project's renderer and certified once per supervisor
with the project's ``sign_pdf``: 1,500 signatures for 300 supervisors,
instead of one per deposit.

A deposit needs its own bytes (its id is the hash of kind, target and
content, so the same bytes twice to one HR file would be one deposit). The
bytes are varied where a PAdES signature leaves room: the zero padding after
the CMS blob inside the signature's ``/Contents`` hex string, which the
signature's byte range excludes and the CMS parser ignores. The real
verifier (``verify_pdf`` + ``judge``) still finds the signature intact and
the signer registered, and does the whole check for each variant, as it
would for a file signed on its own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import serialization

from supnotes.pdf.field_names import SUPERVISOR_FIELD
from supnotes.pdf.identity import create_identity
from supnotes.pdf.printable import FieldRow, Paragraph, PrintableRecord, SignatureBlock
from supnotes.pdf.record_data import CHILD_RECORD
from supnotes.pdf.render import render_pdf
from supnotes.pdf.sign import sign_pdf
from tests.bench.hub_load_org import ORGANISATION, TEMPLATES

_CONTENTS = re.compile(rb"/Contents <([0-9a-fA-F]+)>")
VARIANT_DIGITS = 16


def _record(template: str) -> PrintableRecord:
    child = template in ("extract", "addendum-extract")
    kind = {
        "one-to-one": "One-to-one supervision",
        "extract": "Extract for a child's record",
        "group": "Group supervision",
        "addendum": "Addendum",
        "addendum-extract": "Addendum extract for a child's record",
    }[template]
    return PrintableRecord(
        title="Supervision record",
        kind=kind,
        record_ref="SN-2016-000-0001",
        version="1",
        organisation=ORGANISATION,
        audience="Child's record" if child else "Supervision file",
        meta=(FieldRow("Date", "2016-01-04"), FieldRow("Team", "Assessment North")),
        blocks=(
            Paragraph(
                "Discussion",
                "A synthetic record for the hub's load figure. Caseload reviewed; "
                "actions agreed and dated.",
            ),
            SignatureBlock(
                "Supervisor",
                "Supervisor",
                "2016-01-04",
                "I gave this supervision.",
                None,
                SUPERVISOR_FIELD,
            ),
        ),
        output=CHILD_RECORD if child else "",
    )


@dataclass(frozen=True)
class Template:
    pdf: bytes
    pad_end: int  # offset just after the /Contents hex digits

    def variant(self, n: int) -> bytes:
        """The same signed file with ``n`` written into the unsigned /Contents padding."""
        tag = b"%0*x" % (VARIANT_DIGITS, n)
        return self.pdf[: self.pad_end - VARIANT_DIGITS] + tag + self.pdf[self.pad_end :]


def _template(pdf: bytes) -> Template:
    found = list(_CONTENTS.finditer(pdf))
    if len(found) != 1 or not found[0].group(1).endswith(b"0" * (VARIANT_DIGITS * 4)):
        raise RuntimeError("the signed template has no room to vary in its /Contents padding")
    return Template(pdf, found[0].end(1))


class SealedSet:
    """Per supervisor: a registered certificate and the five signed templates.

    Cached in ``folder`` (certificates and PDFs: public data; the keys are
    dropped once the templates are signed), so a second run reuses them.
    """

    def __init__(self, folder: Path, supervisors: list[str]) -> None:
        self.folder = folder
        self.certificates: list[x509.Certificate] = []
        self.templates: list[dict[str, Template]] = []
        folder.mkdir(parents=True, exist_ok=True)
        unsigned: dict[str, bytes] = {}
        for index, name in enumerate(supervisors):
            cert_file = folder / f"sup_{index:03d}.der"
            files = {t: folder / f"sup_{index:03d}-{t}.pdf" for t in TEMPLATES}
            if not cert_file.exists() or not all(f.exists() for f in files.values()):
                if not unsigned:
                    unsigned = {t: render_pdf(_record(t)) for t in TEMPLATES}
                identity = create_identity(name, "Team Manager", ORGANISATION)
                for t, f in files.items():
                    f.write_bytes(sign_pdf(unsigned[t], identity))
                cert_file.write_bytes(identity.certificate.public_bytes(serialization.Encoding.DER))
            self.certificates.append(x509.load_der_x509_certificate(cert_file.read_bytes()))
            self.templates.append({t: _template(f.read_bytes()) for t, f in files.items()})

    def content(self, supervisor: int, template: str, variant: int) -> bytes:
        return self.templates[supervisor][template].variant(variant)


def supervisee_certificates(names: list[str]) -> list[x509.Certificate]:
    """Certificates for the supervisees in the register (they counter-sign; cheap to make)."""
    return [create_identity(n, "Social Worker", ORGANISATION).certificate for n in names]
