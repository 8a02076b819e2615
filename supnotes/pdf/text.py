"""The text printed on a PDF's pages, as a reader's tool would extract it.

Used to check what a signed document really says (e.g. which of a child's
entries an extract sealed by an earlier version carries), never to decide
what a new document holds. PDFium is not thread-safe, so every use of it in
SupNotes goes through :data:`PDFIUM_LOCK`.
"""

from __future__ import annotations

import re
import threading

import pypdfium2 as pdfium

PDFIUM_LOCK = threading.Lock()


def printed_text(pdf: bytes) -> str:
    """Every page's text, in reading order."""
    with PDFIUM_LOCK:
        document = pdfium.PdfDocument(pdf)
        try:
            texts = []
            for index in range(len(document)):
                page = document[index]
                textpage = page.get_textpage()
                texts.append(textpage.get_text_bounded())
                textpage.close()
                page.close()
            return "\n".join(texts)
        finally:
            document.close()


def squeezed(text: str) -> str:
    """``text`` without white space: line breaks fall where layout put them."""
    return re.sub(r"\s+", "", text)
