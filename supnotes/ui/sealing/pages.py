"""PDF pages as images, for the on-screen preview and for printing.

pypdfium2 (PDFium, the PDF engine of Chromium) rasterises the pages: it
ships small wheels for every platform we build on, while Qt's own QtPdf is
only in PySide6-Addons (hundreds of MB more in the bundle). The images are
plain QImages, so they can be made on a worker thread.
"""

from __future__ import annotations

import pypdfium2 as pdfium
from PySide6.QtGui import QImage

from supnotes.pdf.text import PDFIUM_LOCK

POINTS_PER_INCH = 72


def page_count(pdf: bytes) -> int:
    with PDFIUM_LOCK:  # PDFium is not thread-safe
        document = pdfium.PdfDocument(pdf)
        try:
            return len(document)
        finally:
            document.close()


def page_images(pdf: bytes, dpi: float = 96, pages: range | None = None) -> list[QImage]:
    """Pages of ``pdf`` at ``dpi`` (signature appearances included)."""
    with PDFIUM_LOCK:  # PDFium is not thread-safe
        return _page_images(pdf, dpi, pages)


def _page_images(pdf: bytes, dpi: float, pages: range | None) -> list[QImage]:
    document = pdfium.PdfDocument(pdf)
    document.init_forms()  # so the signature fields' appearances are drawn
    try:
        images = []
        for index in pages if pages is not None else range(len(document)):
            bitmap = document[index].render(
                scale=dpi / POINTS_PER_INCH, rev_byteorder=True, may_draw_forms=True
            )
            image = QImage(
                bitmap.buffer,
                bitmap.width,
                bitmap.height,
                bitmap.stride,
                QImage.Format.Format_RGB888
                if bitmap.n_channels == 3
                else QImage.Format.Format_RGBA8888,
            )
            images.append(image.copy())  # the copy owns its pixels; the bitmap goes
            bitmap.close()
        return images
    finally:
        document.close()
