"""What can go wrong with PDFs and signing identities, in words a user can act on."""

from __future__ import annotations


class PdfError(Exception):
    """Base of every problem in :mod:`supnotes.pdf`."""


class NotAPdf(PdfError):
    """The bytes are not a PDF that can be read (empty, another format, or damaged)."""


class IdentityError(PdfError):
    """A signing identity could not be created, loaded or used."""


class WrongPassword(IdentityError):
    """The PKCS#12 password does not open the file."""


class NoPrivateKey(IdentityError):
    """The PKCS#12 file holds no private key (or no certificate for it)."""


class CertificateExpired(IdentityError):
    """The certificate is outside its validity period."""


class SigningError(PdfError):
    """The PDF could not be signed (no such field, already signed, bad input)."""
