"""Print a signed record: the stored PDF's pages, through Qt's print dialogs.

What is printed is the same signed PDF that is exported (never a re-render):
its pages are rasterised at the printer's resolution (at most 300 dpi) and
painted onto the QPrinter, one page per sheet, scaled to fit.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QPageLayout, QPageSize, QPainter
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QDialog, QWidget

from supnotes.ui.sealing.pages import page_count, page_images

MAX_PRINT_DPI = 300


def new_printer() -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    printer.setPageOrientation(QPageLayout.Orientation.Portrait)
    printer.setFullPage(True)
    return printer


def paint_pdf(printer: QPrinter, pdf: bytes) -> None:
    """Paint every page of ``pdf`` onto ``printer`` (or the pages chosen in its dialog)."""
    dpi = min(printer.resolution(), MAX_PRINT_DPI)
    total = page_count(pdf)
    first, last = printer.fromPage(), printer.toPage()
    pages = range(total) if first == 0 else range(first - 1, min(last, total))
    painter = QPainter()
    if not painter.begin(printer):
        raise OSError("the printer could not be started")
    try:
        target = QRectF(printer.pageLayout().fullRectPixels(printer.resolution()))
        for n, index in enumerate(pages):
            if n:
                printer.newPage()
            (image,) = page_images(pdf, dpi, range(index, index + 1))
            size = image.size().toSizeF()
            size.scale(target.size(), Qt.AspectRatioMode.KeepAspectRatio)
            painter.drawImage(QRectF(target.topLeft(), size), image)
    finally:
        painter.end()


class SignedPrintPreview(QPrintPreviewDialog):
    """The preview dialog, holding its own printer.

    QPrintPreviewDialog does not own the QPrinter it is given; a printer
    kept only in a local variable was collected while the dialog still
    painted on it, and the program died in QtPrintSupport (SIGSEGV).
    """

    def __init__(self, pdf: bytes, parent: QWidget | None = None) -> None:
        self._printer = new_printer()  # lives as long as the dialog
        super().__init__(self._printer, parent)
        self._pdf = pdf
        self.setWindowTitle("Print preview — signed record")
        self.paintRequested.connect(self._paint)

    def _paint(self, printer: QPrinter) -> None:
        paint_pdf(printer, self._pdf)


def build_print_preview(pdf: bytes, parent: QWidget | None = None) -> SignedPrintPreview:
    """Print preview of the signed PDF; its Print button prints the same pages."""
    return SignedPrintPreview(pdf, parent)


def print_with_dialog(pdf: bytes, parent: QWidget | None = None) -> bool:
    """The system print dialog, then print; False if cancelled."""
    printer = new_printer()
    printer.setFromTo(1, page_count(pdf))
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle("Print the signed record")
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return False
    paint_pdf(printer, pdf)
    return True
