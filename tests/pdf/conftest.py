"""Identities and signed records made once per test session (signing is the slow part)."""

from __future__ import annotations

import pytest

from supnotes.pdf.identity import SigningIdentity, create_identity
from supnotes.pdf.render import render_pdf
from supnotes.pdf.sign import countersign, sign_pdf
from tests.pdf.sample import SUPERVISOR, WORKER, sample_record


@pytest.fixture(scope="session")
def supervisor() -> SigningIdentity:
    return create_identity(SUPERVISOR, "Team Manager", "Cyngor Sir Glanrafon")


@pytest.fixture(scope="session")
def supervisee() -> SigningIdentity:
    return create_identity(WORKER, "Social Worker", "Cyngor Sir Glanrafon")


@pytest.fixture(scope="session")
def rendered() -> bytes:
    return render_pdf(sample_record(filler=1))


@pytest.fixture(scope="session")
def signed(rendered: bytes, supervisor: SigningIdentity) -> bytes:
    return sign_pdf(rendered, supervisor)


@pytest.fixture(scope="session")
def countersigned(signed: bytes, supervisee: SigningIdentity) -> bytes:
    return countersign(signed, supervisee)
