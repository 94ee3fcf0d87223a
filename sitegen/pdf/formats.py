"""Which printable versions a leaflet gets, and the type sizes each one uses.

Sizes follow the UK Association for Accessible Formats (UKAAF), *Creating clear print
and large print documents* (G003, 2019), "Summary - minimum standards": clear print
at least 12 point, ideally 14; large print at least 16 point, ideally 18; A4 paper
unless the content or purpose says otherwise; page numbers ideally the size of the
body text; a sans-serif typeface such as Arial; no italics or underlining; text
aligned left. RNIB's Clear Print guidance asks for the same 12 and 14 point.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

PAGE_SIZES = ("A4", "A5")
LARGE_PRINT_CHOICES = ("formats", "all")
"""``formats``: large print for leaflets whose ``formats`` include ``large-print``; ``all``: for every leaflet."""
LARGE_PRINT_FORMAT = "large-print"
"""The contract's ``formats`` value that asks for a large-print version."""

CLEAR_PRINT_PT = {"A4": 14, "A5": 12}
"""UKAAF G003: 12 pt minimum, 14 pt ideally. A4 gets the ideal size. An A5 booklet gets
the minimum, which keeps its lines near RNIB's 60 to 70 characters (at 14 pt a 118 mm
A5 text column holds about 45)."""
LARGE_PRINT_PT = 18
"""UKAAF G003: large print at least 16 pt, ideally 18 pt; we use the ideal."""
LARGE_PRINT_PAGE = "A4"
"""UKAAF G003: A4 unless the content or purpose dictates otherwise, whatever the
standard version's page size."""


@dataclass(frozen=True)
class PrintFormat:
    kind: str
    """``standard`` or ``large-print``."""
    page_size: str
    body_pt: int
    suffix: str
    """Added to the slug for the file name: ``living-with-asthma-large-print.pdf``."""
    label: str
    """How the page names the download: "printable version", "large print version"."""
    footer_pt: int
    """Page numbers: UKAAF asks for body size ideally; never under the minimum."""
    margins: str
    """CSS page margins (top, sides, bottom: the footer sits in the bottom one)."""

    def file_name(self, slug: str) -> str:
        return f"{slug}{self.suffix}.pdf"


MARGINS = {"A4": "18mm 18mm 24mm", "A5": "13mm 13mm 19mm"}
"""Our own choice: wide enough for hole punching and for a hand holding the page."""


def standard(page_size: str) -> PrintFormat:
    return PrintFormat("standard", page_size, CLEAR_PRINT_PT[page_size], "", "printable version",
                       12, MARGINS[page_size])


LARGE_PRINT = PrintFormat("large-print", LARGE_PRINT_PAGE, LARGE_PRINT_PT, "-large-print", "large print version",
                          16, MARGINS[LARGE_PRINT_PAGE])


def formats_for(leaflet_formats: Iterable[str], page_size: str, large_print: str) -> tuple[PrintFormat, ...]:
    """The printable versions one leaflet gets: always the standard one, and large print
    when the leaflet offers it (or the site asks for it on every leaflet)."""
    wanted = large_print == "all" or LARGE_PRINT_FORMAT in leaflet_formats
    return (standard(page_size), LARGE_PRINT) if wanted else (standard(page_size),)
