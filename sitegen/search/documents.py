"""What Pagefind reads for each published leaflet: a small HTML document, never published.

Only the leaflet's own words, weighted as Pagefind weights headings: the title (h1), the
summary (kept as result metadata too), the ``index_terms`` (weighted like a heading, because
they are what the page is about), the body, and last the words readers may use instead
(``synonyms``), weighted low so a page that uses a reader's word ranks above one that
only means it. Header, footer, credits and sign-offs are left out: nobody searches for them.
"""

from __future__ import annotations

from typing import Iterable

from markupsafe import escape

from .. import htmlrender
from ..site import Page

INDEX_TERMS_WEIGHT = 5
"""Pagefind weights h2 headings 5 by default (pagefind.app "Customizing index weights")."""
SYNONYMS_WEIGHT = 0.5
"""Half an ordinary word's weight: our own choice, so matches on the page's own words come first."""


def document(page: Page, lang: str) -> bytes:
    meta = page.leaflet.meta
    body = htmlrender.text_html(page.draft) if page.draft is not None else ""
    parts = [f'<!doctype html><html lang="{escape(lang)}"><head><meta charset="utf-8"><title>{escape(meta.title)}</title></head>',
             f"<body><main data-pagefind-body><h1>{escape(meta.title)}</h1>",
             f'<p data-pagefind-meta="summary">{escape(meta.summary)}</p>']
    if meta.index_terms:
        terms = ", ".join(t.text for t in meta.index_terms)
        parts.append(f'<p data-pagefind-weight="{INDEX_TERMS_WEIGHT}">{escape(terms)}</p>')
    parts.append(body)
    if page.search_words:
        parts.append(f'<p data-pagefind-weight="{SYNONYMS_WEIGHT}">{escape(", ".join(page.search_words))}</p>')
    parts.append("</main></body></html>")
    return "".join(parts).encode("utf-8")


def documents(pages: Iterable[Page], lang: str) -> dict[str, bytes]:
    """The page's address (``/<slug>/``, as Pagefind reports it) -> document, for the published
    leaflets; each in its own language (a translation's ``lang``), so Pagefind keeps one index per language."""
    return {f"/{page.leaflet.slug}/": document(page, page.leaflet.meta.lang or lang) for page in pages}
