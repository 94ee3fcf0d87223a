"""The printed leaflet as HTML: the page's own view, plus what paper must carry.

In: the ``LeafletView`` the web page is rendered from (so the PDF holds exactly the
approved text the page publishes, with the same anonymised credits), and the facts
a paper copy needs besides: the version (fingerprint), when it was approved, and a
QR code with the printed address of the live page so a reader can check the copy is
current. Out: HTML text for ``engine.render``. Nothing is read from the leaflet's file.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import jinja2
from markupsafe import Markup

from ..views import LeafletView, SiteView
from .formats import PrintFormat

TEMPLATE = "print.html"
STYLESHEET = "assets/print.css"
"""Where the print stylesheet is copied in the built site; the PDF reads it from there
(theme's ``static/print.css``, or a site's own ``templates/static/print.css``)."""
WATERMARK = "assets/draft-watermark.svg"
"""Address of the draft watermark: served to WeasyPrint from memory in a print preview,
never written anywhere."""
WATERMARK_SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 600 600">'
    '<text x="300" y="300" transform="rotate(-45 300 300)" text-anchor="middle" dominant-baseline="middle" '
    'font-family="Liberation Sans, Arial, sans-serif" font-size="64" font-weight="700" fill="#b1b4b6" '
    'fill-opacity="0.45">Draft: not approved</text></svg>').encode()
QR_ERROR_LEVEL = "m"
"""QR error correction M (about 15 % of the code can be damaged): segno's default, and
enough for a photocopied leaflet without making the code dense."""


@dataclass(frozen=True)
class PrintView:
    """What the print template sees besides the leaflet view and the site view."""

    format: PrintFormat
    page_url: str
    """The live page's canonical address: printed, linked and in the QR code."""
    fingerprint: str
    approved: dt.date | None
    """When the text was approved: the latest current sign-off (None in a draft preview)."""
    qr_svg: Markup
    feedback_route: str
    """The feedback route as a reader types it: an email address or a web address."""
    draft: bool
    """A print preview of text that is not (or not yet) approved: watermarked."""
    address_parts: tuple[str, ...] = ()
    """``page_url`` cut after each "/" past the host: the printed address may break onto
    a new line there and nowhere else (never at a hyphen, which a reader would type)."""
    watermark: str = WATERMARK


def print_view(leaflet: LeafletView, site: SiteView, fmt: PrintFormat, fingerprint: str, draft: bool) -> PrintView:
    page_url = site.base_url + leaflet.url
    approved = max((s.date for s in leaflet.signoffs), default=None)
    return PrintView(fmt, page_url, fingerprint, approved, qr_code(page_url, leaflet.title),
                     site.feedback_url.removeprefix("mailto:"), draft, address_parts=address_parts(page_url))


def address_parts(url: str) -> tuple[str, ...]:
    scheme, _, rest = url.partition("://")
    parts = [part + "/" for part in rest.split("/")]
    parts[-1] = parts[-1][:-1]
    return tuple(part for part in (f"{scheme}://{parts[0]}", *parts[1:]) if part)


def qr_code(url: str, title: str) -> Markup:
    """An inline SVG QR code whose <title> is its alternative text in the tagged PDF."""
    import segno  # 50 ms to import: only when a PDF is made

    code = segno.make(url, error=QR_ERROR_LEVEL, micro=False)
    label = f"QR code: scan it to open the latest version of “{title}” at {url}"
    return Markup(code.svg_inline(title=label, omitsize=True, border=4, svgclass="qr__code", lineclass=None))


def print_html(env: jinja2.Environment, leaflet: LeafletView, site: SiteView, view: PrintView) -> str:
    return env.get_template(TEMPLATE).render(site=site, leaflet=leaflet, print=view, stylesheet=STYLESHEET)
