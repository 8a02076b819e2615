"""The review-and-seal dialog and the verify dialog, driven with pytest-qt on real vaults."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from io import BytesIO
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QPointF, Qt
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from supnotes.domain.demo import build_demo
from supnotes.domain.records import RecordKind, RecordStatus
from supnotes.domain.template_loader import default_library
from supnotes.pdf.export import sha256_hex
from supnotes.services.exports import Output, sealed_document
from supnotes.services.sealing import add_addendum
from supnotes.ui.common import operations
from supnotes.ui.sealing.printing import paint_pdf
from supnotes.ui.sealing.review_dialog import build_review_dialog
from supnotes.ui.sealing.signature_pad import SignaturePad
from supnotes.ui.sealing.verify_dialog import VerifyDialog, build_verify_dialog
from supnotes.vault.demo import write_demo
from supnotes.vault.kdf import TEST_PARAMS
from supnotes.vault.repositories.records import RecordRepository
from supnotes.vault.repositories.sealed import SealedRepository
from supnotes.vault.vault import Vault
from tests.pdf import tamper
from tests.pdf.text import pages_text
from tests.services.conftest import TODAY


@pytest.fixture
def vault(tmp_path: Path) -> Iterator[Vault]:
    built = build_demo(default_library(), today=TODAY, history_days=45)
    drafts = tuple(
        replace(c, record=replace(c.record, status=RecordStatus.DRAFT, signed_at=None))
        for c in built.records
    )
    opened, _ = Vault.create(tmp_path / "v", "a long enough passphrase", kdf_params=TEST_PARAMS)
    with opened:
        write_demo(opened, replace(built, records=drafts))
        yield opened


def _session(vault: Vault) -> str:
    return next(
        s.id
        for s in RecordRepository(vault).summaries()
        if s.kind is RecordKind.ONE_TO_ONE
        and len(RecordRepository(vault).get(s.id).child_refs) >= 2
    )


def _wait(qtbot: QtBot) -> None:
    qtbot.waitUntil(lambda: not operations.busy(), timeout=30_000)


def test_acknowledge_then_seal_locks_the_record(qtbot: QtBot, vault: Vault, tmp_path: Path) -> None:
    record_id = _session(vault)
    dialog = build_review_dialog(vault, record_id)
    qtbot.addWidget(dialog)
    dialog.show()
    _wait(qtbot)
    assert dialog.pages_layout.count() >= 1  # the draft preview's pages
    assert not dialog.seal_button.isEnabled()
    assert "typed their name" in dialog.problems.text()

    form = dialog.form
    assert dialog.focusWidget() is form.name  # typing goes straight into the name
    QTest.keyClicks(form.name, "Priya Halloran")
    QTest.keyClick(form.has_read, Qt.Key.Key_Space)  # keyboard only
    form.disagree.click()
    assert not dialog.seal_button.isEnabled()  # disagreeing needs a reason
    QTest.keyClicks(form.comments, "The visit should be sooner.")
    form.pad.add_stroke([QPointF(10, 60), QPointF(80, 30), QPointF(160, 70)])
    assert dialog.seal_button.isEnabled(), dialog.problems.text()

    with qtbot.waitSignal(dialog.sealed, timeout=30_000):
        QTest.mouseClick(dialog.seal_button, Qt.MouseButton.LeftButton)
    _wait(qtbot)
    record = RecordRepository(vault).header(record_id)
    assert record.status is RecordStatus.SIGNED
    assert record.comments.text == "The visit should be sooner."
    assert SealedRepository(vault).drawn_signature(record_id)
    assert "Sealed and signed" in dialog.status.text()
    assert not dialog.form.isEnabled()
    assert not dialog.after.isHidden()
    assert dialog.export_buttons.count() == 1 + len(
        RecordRepository(vault).get(record_id).child_refs
    )
    first_export = dialog.export_buttons.itemAt(0).widget()  # type: ignore[union-attr]
    assert dialog.focusWidget() is first_export  # the keyboard is on what comes next
    assert first_export.isVisible()

    out = tmp_path / "exported.pdf"
    dialog.choose_path = lambda _suggested: out
    dialog.export(Output("supervision-file"))
    assert sha256_hex(out.read_bytes()) == record.sealed_sha256
    text = "\n".join(pages_text(out.read_bytes()))
    assert "The visit should be sooner." in text


def test_a_signed_record_lists_its_addenda(qtbot: QtBot, vault: Vault) -> None:
    from supnotes.services.sealing import Acknowledgement, seal_record

    record_id = _session(vault)
    seal_record(vault, record_id, Acknowledgement("Priya Halloran", True, True))
    add_addendum(vault, record_id, "Wrong review date", "It is 18 April.")
    dialog = build_review_dialog(vault, record_id)
    qtbot.addWidget(dialog)
    assert dialog.seal_button.isHidden()
    assert dialog.addenda.count() == 1
    assert "Wrong review date" in dialog.addenda.item(0).text()


def test_printing_paints_the_stored_pages(qtbot: QtBot, vault: Vault, tmp_path: Path) -> None:
    from supnotes.services.sealing import Acknowledgement, seal_record

    del qtbot
    record_id = _session(vault)
    seal_record(vault, record_id, Acknowledgement("Priya Halloran", True, True))
    pdf = sealed_document(vault, record_id).pdf
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    paint_pdf(printer, pdf)
    assert len(PdfReader(tmp_path / "printed.pdf").pages) == len(PdfReader(BytesIO(pdf)).pages)


def test_signature_pad_makes_a_png(qtbot: QtBot) -> None:
    pad = SignaturePad()
    qtbot.addWidget(pad)
    pad.resize(400, 110)
    assert pad.png() is None
    QTest.mousePress(pad, Qt.MouseButton.LeftButton, pos=pad.rect().center())
    QTest.mouseMove(pad, pad.rect().center() + QPointF(40, 10).toPoint())
    QTest.mouseRelease(pad, Qt.MouseButton.LeftButton)
    png = pad.png()
    assert png is not None
    assert png.startswith(b"\x89PNG")
    pad.clear()
    assert pad.is_empty


def _verdict(dialog: VerifyDialog) -> bool | None:
    return dialog.ok


def test_verify_dialog_says_intact_or_tampered(qtbot: QtBot, vault: Vault, tmp_path: Path) -> None:
    from supnotes.services import trust
    from supnotes.services.sealing import seal_record

    group = next(s.id for s in RecordRepository(vault).summaries() if s.kind is RecordKind.GROUP)
    seal_record(vault, group, None)
    pdf = sealed_document(vault, group).pdf
    from supnotes.pdf.identity import create_identity
    from supnotes.pdf.render import render_pdf
    from supnotes.pdf.sign import sign_pdf
    from tests.pdf.sample import sample_record

    good, bad, junk = tmp_path / "good.pdf", tmp_path / "bad.pdf", tmp_path / "junk.pdf"
    good.write_bytes(pdf)
    bad.write_bytes(tamper.add_page_text(pdf))
    junk.write_bytes(b"not a pdf")
    # A forger's key in the supervisor's own name: intact, but not registered.
    from supnotes.services import identity

    name = identity.current(vault).name  # type: ignore[union-attr]
    forged = tmp_path / "forged.pdf"
    forged.write_bytes(sign_pdf(render_pdf(sample_record()), create_identity(name, "", "")))
    dialog = build_verify_dialog(None, lambda: trust.trust_roots(vault))
    qtbot.addWidget(dialog)
    dialog.check(good)
    _wait(qtbot)
    assert _verdict(dialog) is True
    assert dialog.verdict.text().startswith("good.pdf — Intact and signed by a registered signer")
    assert "Registered:    yes, in your trust register" in dialog.details.toPlainText()
    dialog.check(forged)
    _wait(qtbot)
    assert _verdict(dialog) is False
    assert dialog.verdict.text().startswith("forged.pdf — Intact, but the signer is not verified")
    assert "not who signed it" in dialog.verdict.text()
    assert "Registered:    NO: not in your trust register" in dialog.details.toPlainText()
    dialog.check(bad)
    _wait(qtbot)
    assert _verdict(dialog) is False
    assert "Altered or invalid" in dialog.verdict.text()
    dialog.check(junk)
    _wait(qtbot)
    assert _verdict(dialog) is False
    assert "Not readable" in dialog.verdict.text()
    assert "not a readable PDF" in dialog.verdict.text()


def test_countersign_and_export_an_addendum_from_the_dialog(
    qtbot: QtBot, vault: Vault, tmp_path: Path
) -> None:
    from supnotes.pdf.identity import create_identity, to_pkcs12
    from supnotes.pdf.verify import verify_pdf
    from supnotes.services.sealing import Acknowledgement, seal_record

    record_id = _session(vault)
    seal_record(vault, record_id, Acknowledgement("Priya Halloran", True, True))
    addendum = add_addendum(vault, record_id, "Wrong review date", "It is 18 April.")
    dialog = build_review_dialog(vault, record_id)
    qtbot.addWidget(dialog)
    assert dialog.countersign_button.isEnabled()
    worker = create_identity("Priya Halloran", "Social Worker", "Northmoor")
    dialog.start_countersign(to_pkcs12(worker, b"secret"), b"wrong")
    _wait(qtbot)
    assert "Not counter-signed" in dialog.status.text()
    dialog.start_countersign(to_pkcs12(worker, b"secret"), b"secret")
    _wait(qtbot)
    assert "Counter-signed" in dialog.status.text()
    assert not dialog.countersign_button.isEnabled()
    stored = sealed_document(vault, record_id)
    assert stored.revision == 2
    assert [s.field_name for s in verify_pdf(stored.pdf).signatures] == ["Supervisor", "Supervisee"]

    out = tmp_path / "addendum.pdf"
    dialog.choose_path = lambda _suggested: out
    assert dialog.export(Output("supervision-file", addendum_id=addendum.id)) == out
    assert sha256_hex(out.read_bytes()) == addendum.sealed_sha256

    # The counter-signed copy is revision 2; "as sealed" writes the cited revision 1.
    from PySide6.QtWidgets import QPushButton

    as_sealed = dialog.findChild(QPushButton, "export-as-sealed")
    assert as_sealed is not None
    cited = tmp_path / "as-sealed.pdf"
    dialog.choose_path = lambda _suggested: cited
    QTest.mouseClick(as_sealed, Qt.MouseButton.LeftButton)
    assert sha256_hex(cited.read_bytes()) == addendum.cites_sha256
    assert "revision 1, as sealed" in dialog.status.text()


def test_settings_show_the_certificate_fingerprint(qtbot: QtBot, vault: Vault) -> None:
    from supnotes.domain.settings import SETTINGS
    from supnotes.services import identity
    from supnotes.ui.dialogs.settings_dialog import build_settings_dialog
    from supnotes.ui.sealing.install import add_fingerprint_row

    made = identity.ensure(vault)
    dialog = build_settings_dialog({row.key: row.default for row in SETTINGS})
    qtbot.addWidget(dialog)
    row = add_fingerprint_row(dialog, vault)
    assert row is not None
    assert row.isReadOnly()
    assert row.text() == made.fingerprint
    from PySide6.QtWidgets import QPushButton

    from supnotes.ui.sealing.trust_dialog import TrustDialog

    button = dialog.findChild(QPushButton, "open-trust-register")
    assert button is not None
    QTest.mouseClick(button, Qt.MouseButton.LeftButton)
    opened = dialog.findChild(TrustDialog)
    assert opened is not None
    assert opened.model.rowCount() == 1
    opened.close()


def test_an_addendum_is_added_from_the_dialog(qtbot: QtBot, vault: Vault) -> None:
    from supnotes.services.sealing import Acknowledgement, seal_record

    record_id = _session(vault)
    sealed = seal_record(vault, record_id, Acknowledgement("Priya Halloran", True, True))
    dialog = build_review_dialog(vault, record_id)
    qtbot.addWidget(dialog)
    amend = dialog.open_addendum()
    assert not amend.sign_button.isEnabled()
    QTest.keyClicks(amend.reason, "Wrong review date")
    QTest.keyClicks(amend.text, "It is 18 April.")
    assert amend.sign_button.isEnabled()
    amend.sign_button.click()
    _wait(qtbot)
    assert "Addendum signed" in dialog.status.text()
    assert dialog.addenda.count() == 1
    (addendum,) = RecordRepository(vault).get(record_id).addenda
    assert addendum.cites_sha256 == sealed.sealed_sha256


def test_an_addendum_about_a_child_goes_to_its_record(qtbot: QtBot, vault: Vault) -> None:
    from supnotes.services.sealing import Acknowledgement, seal_record

    record_id = _session(vault)
    seal_record(vault, record_id, Acknowledgement("Priya Halloran", True, True))
    child, other = RecordRepository(vault).get(record_id).child_refs[:2]
    dialog = build_review_dialog(vault, record_id)
    qtbot.addWidget(dialog)
    amend = dialog.open_addendum()
    assert list(amend.child_boxes) == [child, other, *list(amend.child_boxes)[2:]]
    QTest.keyClicks(amend.reason, "Wrong review date")
    QTest.keyClicks(amend.text, "The review is on 18 April.")
    box = amend.child_boxes[child]
    box.setFocus()
    QTest.keyClick(box, Qt.Key.Key_Space)
    assert amend.chosen_children() == [child]
    amend.sign_button.click()
    _wait(qtbot)
    assert f"Issued to the record of {child}" in dialog.status.text()
    (addendum,) = RecordRepository(vault).get(record_id).addenda
    assert addendum.child_refs == (child,)
    labels = [
        dialog.export_buttons.itemAt(i).widget().text()  # type: ignore[union-attr]
        for i in range(dialog.export_buttons.count())
    ]
    assert f"Export addendum 1 for the record of {child}…" in labels
    assert "Export addendum 1…" in labels


def test_an_incomplete_extract_is_completed_from_the_dialog(
    qtbot: QtBot, vault: Vault, monkeypatch: pytest.MonkeyPatch
) -> None:
    from supnotes.services.extract_completion import incomplete_extracts
    from supnotes.services.sealing import Acknowledgement, seal_record
    from tests.services.test_child_addenda import _seal_the_old_way

    record_id = _session(vault)
    with monkeypatch.context() as patch:
        _seal_the_old_way(patch)
        seal_record(vault, record_id, Acknowledgement("Priya Halloran", True, True))
    found = [i.child_ref for i in incomplete_extracts(vault, record_id)]
    assert found
    child = found[0]
    dialog = build_review_dialog(vault, record_id)
    qtbot.addWidget(dialog)
    assert dialog.complete_button.isVisibleTo(dialog)
    asked: list[list[str]] = []

    def choose(_question: str, items: list[str]) -> tuple[str, bool]:
        asked.append(items)
        return next(i for i in items if i.startswith(child)), True

    monkeypatch.setattr(dialog.completer, "choose_child", choose)
    dialog.complete_button.click()
    _wait(qtbot)
    _wait(qtbot)
    assert (asked[0][0] == "Every child listed") is (len(found) > 1)
    assert f"The extract for {child} is completed" in dialog.status.text()
    (addendum,) = RecordRepository(vault).get(record_id).addenda
    assert addendum.child_refs == (child,)

    # Asked again: the completed child is never offered twice.
    def cancel(_question: str, items: list[str]) -> tuple[str, bool]:
        asked.append(items)
        return "", False

    monkeypatch.setattr(dialog.completer, "choose_child", cancel)
    dialog.complete_button.click()
    _wait(qtbot)
    if len(found) > 1:
        assert all(child not in item for item in asked[1])
    else:
        assert len(asked) == 1
        assert "nothing to issue" in dialog.status.text()
    assert len(RecordRepository(vault).get(record_id).addenda) == 1


def test_preview_keeps_its_width_and_the_acknowledgement_becomes_a_record(
    qtbot: QtBot, vault: Vault
) -> None:
    record_id = _session(vault)
    dialog = build_review_dialog(vault, record_id)
    qtbot.addWidget(dialog)
    dialog.resize(1024, 640)
    dialog.show()
    _wait(qtbot)
    qtbot.waitUntil(lambda: dialog.pages_layout.count() >= 1, timeout=30_000)
    before = dialog.preview.width()
    first = dialog.pages_layout.itemAt(0).widget()  # type: ignore[union-attr]
    assert isinstance(first, QLabel)
    assert first.pixmap().width() <= dialog.preview.viewport().width()
    assert not dialog.preview.horizontalScrollBar().isVisible()
    form = dialog.form
    QTest.keyClicks(form.name, "Priya Halloran")
    QTest.keyClick(form.has_read, Qt.Key.Key_Space)
    form.agree.click()
    with qtbot.waitSignal(dialog.sealed, timeout=30_000):
        dialog.seal_button.click()
    _wait(qtbot)
    qtbot.waitUntil(lambda: dialog.pages_layout.count() >= 1, timeout=30_000)
    assert dialog.preview.width() == before
    # The seal's 64-character SHA-256 neither widens the side panel nor cuts its buttons.
    preview_right = dialog.preview.mapTo(dialog, dialog.preview.rect().topRight()).x()
    for widget in (dialog.preview_button, dialog.print_button, dialog.status, dialog.hash_field):
        assert widget.isVisible()
        assert widget.mapTo(dialog, widget.rect().topLeft()).x() > preview_right
        assert widget.mapTo(dialog, widget.rect().topRight()).x() < dialog.width()
        assert widget.visibleRegion().boundingRect().width() == widget.width()  # not cut
    assert dialog.preview_button.width() >= dialog.preview_button.sizeHint().width()
    sealed = RecordRepository(vault).header(record_id).sealed_sha256
    assert sealed is not None
    assert dialog.hash_field.text() == sealed  # whole, selectable, copyable
    assert dialog.hash_field.isReadOnly()
    assert sealed not in dialog.status.text()
    assert dialog.form.isHidden()
    assert not dialog.acknowledged.isHidden()
    said = dialog.acknowledged.text.text()
    assert "Acknowledged by Priya Halloran" in said
    assert "They agreed with this record." in said
