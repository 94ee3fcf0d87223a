"""Open built PDFs the way an assistive-technology or print check would.

pikepdf (qpdf) reads the structure: tags, language, metadata, outline, fonts.
pypdfium2 (Chrome's PDF engine) extracts the text in reading order and draws the
pages, and zxing-cpp decodes the QR code from the drawn page.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import ctypes
import math

import pikepdf
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_raw
import zxingcpp


@dataclass(frozen=True)
class PdfFacts:
    tagged: bool
    """The catalog has a StructTreeRoot and MarkInfo /Marked true."""
    lang: str
    title: str
    ua_part: str
    """XMP pdfuaid:part ("1" for PDF/UA-1)."""
    display_title: bool
    outline: tuple[str, ...]
    """Bookmark titles, depth first."""
    fonts: tuple[tuple[str, bool], ...]
    """(font name, embedded?) for every font on every page."""
    page_sizes: tuple[tuple[float, float], ...]
    """Width and height of each page in points."""


def facts(path: Path) -> PdfFacts:
    with pikepdf.open(path) as pdf:
        root = pdf.Root
        mark = root.get("/MarkInfo")
        tagged = "/StructTreeRoot" in root and mark is not None and bool(mark.get("/Marked"))
        prefs = root.get("/ViewerPreferences")
        with pdf.open_metadata() as meta:
            ua_part = str(meta.get("pdfuaid:part", ""))
        outline: list[str] = []
        with pdf.open_outline() as tree:
            stack = list(reversed(tree.root))
            while stack:
                item = stack.pop()
                outline.append(item.title)
                stack.extend(reversed(item.children))
        return PdfFacts(tagged, str(root.get("/Lang", "")), str(pdf.docinfo.get("/Title", "")), ua_part,
                        bool(prefs is not None and prefs.get("/DisplayDocTitle")), tuple(outline),
                        tuple(_fonts(pdf)), tuple((float(p.mediabox[2]), float(p.mediabox[3])) for p in pdf.pages))


def _fonts(pdf: pikepdf.Pdf) -> list[tuple[str, bool]]:
    found: dict[str, bool] = {}
    for page in pdf.pages:
        fonts = page.resources.get("/Font", {})
        for _, font in fonts.items():
            descriptor = font.get("/FontDescriptor")
            for child in font.get("/DescendantFonts", []):
                descriptor = child.get("/FontDescriptor", descriptor)
            embedded = descriptor is not None and any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))
            found[str(font.get("/BaseFont"))] = embedded
    return sorted(found.items())


def text(path: Path, footer_mm: float = 0) -> str:
    """All the text, page after page, in the order a reader (or copy and paste) gets it.

    ``footer_mm``: leave out that much of each page's foot (the running title and page
    numbers), so a paragraph that runs onto the next page reads as one. PDFium reports a
    hyphen that ends a line as U+FFFE; it is put back as a hyphen."""
    document = pdfium.PdfDocument(path)
    try:
        pages = []
        for i in range(len(document)):
            page = document[i]
            found = page.get_textpage()
            pages.append(found.get_text_bounded(bottom=footer_mm * 72 / 25.4) if footer_mm else found.get_text_range())
        return "\n".join(pages).replace("\ufffe", "-")
    finally:
        document.close()


def smallest_text_pt(path: Path) -> float:
    """The smallest font size of any visible character, in points on the page: the font's
    size times the scale of the character's matrix (WeasyPrint draws in CSS pixels,
    scaled by 0.75 to points)."""
    document = pdfium.PdfDocument(path)
    smallest = float("inf")
    try:
        for i in range(len(document)):
            page = document[i].get_textpage()
            for n in range(page.count_chars()):
                if not page.get_text_range(n, 1).strip():
                    continue
                matrix = pdfium_raw.FS_MATRIX()
                pdfium_raw.FPDFText_GetMatrix(page.raw, n, ctypes.byref(matrix))
                scale = math.sqrt(abs(matrix.a * matrix.d - matrix.b * matrix.c))
                smallest = min(smallest, pdfium_raw.FPDFText_GetFontSize(page.raw, n) * scale)
    finally:
        document.close()
    return smallest


def qr_codes(path: Path, page: int = -1, dpi: int = 150) -> list[str]:
    """Decode every QR code drawn on a page (the last by default)."""
    document = pdfium.PdfDocument(path)
    try:
        image = document[page if page >= 0 else len(document) + page].render(scale=dpi / 72).to_pil()
    finally:
        document.close()
    return [found.text for found in zxingcpp.read_barcodes(image) if found.format == zxingcpp.BarcodeFormat.QRCode]
