"""The handover envelope: payload encrypted to one receiver, signed by the giver.

Scheme (all from ``cryptography``): an ephemeral X25519 key agrees a secret
with the receiver's X25519 public key; HKDF-SHA256 (salt = ephemeral public
key ‖ receiver public key) gives a 256-bit key; AES-256-GCM encrypts the
payload with associated data binding the format version, the giver's
certificate fingerprint, the receiver's key fingerprint and the worker
reference. The giver signs header ‖ SHA-256(ciphertext) with their signing
identity (ECDSA-SHA256 or RSA-PKCS#1 v1.5-SHA256) so the receiver sees who
sent it and that nothing was changed.

File layout: ``MAGIC`` line, one line of canonical JSON header, then the
ciphertext. This is the seam for the hub's deposits: :func:`seal` gives the
encrypted bytes and the receiver's key fingerprint, :func:`open_envelope`
takes them back.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
from dataclasses import dataclass

from cryptography import x509
from cryptography.exceptions import InvalidSignature, InvalidTag
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from supnotes.pdf.identity import SigningIdentity, fingerprint
from supnotes.services.encryption_key import key_fingerprint

MAGIC = b"SUPNOTES-HANDOVER\n"
FORMAT = 1
_INFO = b"supnotes handover v1 aes-256-gcm"
_RAW = serialization.Encoding.Raw
_RAW_PUBLIC = serialization.PublicFormat.Raw


class HandoverError(ValueError):
    """A handover file that cannot be opened; the message says why in plain words."""


class WrongRecipient(HandoverError):
    pass


class Tampered(HandoverError):
    pass


@dataclass(frozen=True)
class Sealed:
    data: bytes
    recipient_fingerprint: str


@dataclass(frozen=True)
class Opened:
    payload: bytes
    sender: x509.Certificate
    sender_fingerprint: str
    recipient_fingerprint: str
    worker_ref: str


def _canonical(obj: object) -> bytes:
    return json.dumps(obj, sort_keys=True, separators=(",", ":")).encode()


def _aad(header: dict[str, object]) -> bytes:
    return _canonical(
        {
            "format": header["format"],
            "sender": header["sender_fingerprint"],
            "recipient": header["recipient_fingerprint"],
            "worker": header["worker_ref"],
        }
    )


def _key(shared: bytes, ephemeral: bytes, recipient: bytes) -> bytes:
    return HKDF(hashes.SHA256(), 32, ephemeral + recipient, _INFO).derive(shared)


def _signed_bytes(header_line: bytes, ciphertext: bytes) -> bytes:
    return header_line + b"\n" + hashlib.sha256(ciphertext).digest()


def _sign(identity: SigningIdentity, data: bytes) -> bytes:
    key = identity.key
    if isinstance(key, rsa.RSAPrivateKey):
        return key.sign(data, padding.PKCS1v15(), hashes.SHA256())
    return key.sign(data, ec.ECDSA(hashes.SHA256()))


def _verify(certificate: x509.Certificate, signature: bytes, data: bytes) -> None:
    public = certificate.public_key()
    try:
        if isinstance(public, rsa.RSAPublicKey):
            public.verify(signature, data, padding.PKCS1v15(), hashes.SHA256())
        elif isinstance(public, ec.EllipticCurvePublicKey):
            public.verify(signature, data, ec.ECDSA(hashes.SHA256()))
        else:
            raise Tampered("the giver's certificate has a key type SupNotes cannot check")
    except InvalidSignature as exc:
        raise Tampered(
            "this handover was changed after it was signed (or the signature is not the "
            "giver's): it was refused and nothing was imported"
        ) from exc


def seal(
    payload: bytes, recipient: X25519PublicKey, giver: SigningIdentity, worker_ref: str
) -> Sealed:
    """Encrypt ``payload`` to ``recipient`` and sign it as ``giver``."""
    ephemeral = X25519PrivateKey.generate()
    ephemeral_raw = ephemeral.public_key().public_bytes(_RAW, _RAW_PUBLIC)
    recipient_raw = recipient.public_bytes(_RAW, _RAW_PUBLIC)
    key = _key(ephemeral.exchange(recipient), ephemeral_raw, recipient_raw)
    nonce = os.urandom(12)
    header: dict[str, object] = {
        "format": FORMAT,
        "sender_fingerprint": fingerprint(giver.certificate),
        "sender_certificate": giver.certificate.public_bytes(serialization.Encoding.PEM).decode(),
        "recipient_fingerprint": key_fingerprint(recipient),
        "worker_ref": worker_ref,
        "ephemeral": base64.b64encode(ephemeral_raw).decode(),
        "nonce": base64.b64encode(nonce).decode(),
    }
    ciphertext = AESGCM(key).encrypt(nonce, payload, _aad(header))
    header_line = _canonical(header)
    signature = _sign(giver, _signed_bytes(header_line, ciphertext))
    signature_line = base64.b64encode(signature)
    data = MAGIC + header_line + b"\n" + signature_line + b"\n" + ciphertext
    return Sealed(data, str(header["recipient_fingerprint"]))


def read_header(data: bytes) -> tuple[dict[str, object], bytes, bytes, bytes]:
    """The header (as a dict and as its exact line), signature and ciphertext."""
    if not data.startswith(MAGIC):
        raise HandoverError("this file is not a SupNotes handover")
    parts = data[len(MAGIC) :].split(b"\n", 2)
    if len(parts) != 3:
        raise Tampered("this handover is cut short or damaged: nothing was imported")
    header_line, signature_line, ciphertext = parts
    try:
        header = json.loads(header_line)
        signature = base64.b64decode(signature_line, validate=True)
    except ValueError as exc:
        raise Tampered("this handover's header is damaged: nothing was imported") from exc
    if not isinstance(header, dict) or header.get("format") != FORMAT:
        raise HandoverError("this handover was made by a newer SupNotes: update to open it")
    return header, header_line, signature, ciphertext


def open_envelope(data: bytes, private_keys: dict[str, X25519PrivateKey]) -> Opened:
    """Check the signature, then decrypt with the key the header names.

    ``private_keys`` maps key fingerprints to this vault's private keys.
    Raises :class:`WrongRecipient` when none matches, :class:`Tampered` when
    the signature, associated data or ciphertext does not check out.
    """
    header, header_line, signature, ciphertext = read_header(data)
    try:
        sender = x509.load_pem_x509_certificate(str(header["sender_certificate"]).encode())
        recipient_fp = str(header["recipient_fingerprint"])
        ephemeral_raw = base64.b64decode(str(header["ephemeral"]))
        nonce = base64.b64decode(str(header["nonce"]))
        worker_ref = str(header["worker_ref"])
    except (KeyError, ValueError) as exc:
        raise Tampered("this handover's header is damaged: nothing was imported") from exc
    if fingerprint(sender) != header.get("sender_fingerprint"):
        raise Tampered("this handover names a giver other than the certificate it carries")
    _verify(sender, signature, _signed_bytes(header_line, ciphertext))
    private = private_keys.get(recipient_fp)
    if private is None:
        raise WrongRecipient(
            "this handover was encrypted for someone else's key "
            f"({recipient_fp[:23]}…): only that supervisor can open it"
        )
    recipient_raw = private.public_key().public_bytes(_RAW, _RAW_PUBLIC)
    try:
        ephemeral = X25519PublicKey.from_public_bytes(ephemeral_raw)
        key = _key(private.exchange(ephemeral), ephemeral_raw, recipient_raw)
        payload = AESGCM(key).decrypt(nonce, ciphertext, _aad(header))
    except (InvalidTag, ValueError) as exc:
        raise Tampered("this handover does not decrypt: it was refused, nothing imported") from exc
    return Opened(payload, sender, fingerprint(sender), recipient_fp, worker_ref)
