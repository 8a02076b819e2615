"""One signer per identity: its reused signed attributes are right; it goes with the identity."""

from __future__ import annotations

import gc
import hashlib
import weakref
from io import BytesIO
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from pyhanko.pdf_utils.reader import PdfFileReader

from supnotes.pdf import sign
from supnotes.pdf.identity import create_identity
from supnotes.pdf.render import render_pdf
from supnotes.pdf.verify import Changes, verify_pdf
from supnotes.services import identity as identities
from supnotes.vault.kdf import TEST_PARAMS
from supnotes.vault.vault import Vault
from tests.pdf.sample import addendum_record, sample_record


def _signed_attributes(pdf: bytes) -> dict[str, object]:
    (embedded,) = PdfFileReader(BytesIO(pdf)).embedded_signatures
    info = embedded.signer_info
    return {a["type"].native: a["values"][0] for a in info["signed_attrs"]}


def test_every_signature_of_one_signer_carries_its_own_digest_and_certificate() -> None:
    identity = create_identity("Ann Supervisor", "Team Manager", "Council")
    other = create_identity("Bea Supervisor", "Team Manager", "Council")
    documents = [render_pdf(sample_record(filler=0)), render_pdf(addendum_record())]
    signed = [sign.sign_pdf(pdf, identity) for pdf in (*documents, documents[0])]
    signed.append(sign.sign_pdf(documents[1], other))
    digests = set()
    for pdf, who in zip(signed, (identity, identity, identity, other), strict=True):
        report = verify_pdf(pdf, [who.certificate], require_trust=True)
        assert report.ok, report.reasons()
        (signature,) = report.signatures
        assert signature.intact
        assert signature.changes is Changes.NONE
        assert signature.fingerprint == who.fingerprint
        attributes = _signed_attributes(pdf)
        digests.add(attributes["message_digest"].native)  # type: ignore[attr-defined]
        certificate = who.certificate.public_bytes(serialization.Encoding.DER)
        (cert_id,) = attributes["signing_certificate_v2"]["certs"]  # type: ignore[index]
        assert cert_id["cert_hash"].native == hashlib.sha256(certificate).digest()
        assert set(attributes) == {"content_type", "message_digest", "signing_certificate_v2"}
    assert len(digests) == 4  # each signature its own document's digest


def test_the_signer_goes_when_the_locked_vault_drops_the_identity(tmp_path: Path) -> None:
    vault, _ = Vault.create(tmp_path / "vault", "a long enough passphrase", kdf_params=TEST_PARAMS)
    identity = identities.create_self_signed(vault, "Ann Supervisor", "Team Manager", "Council")
    sign.sign_pdf(render_pdf(sample_record(filler=0)), identity)
    assert identity in sign._signers  # kept while the identity lives
    gone = weakref.ref(identity)
    del identity
    vault.close()  # locking: the session drops the decrypted identity
    gc.collect()
    assert gone() is None
    assert not any(key.name == "Ann Supervisor" for key in sign._signers)
