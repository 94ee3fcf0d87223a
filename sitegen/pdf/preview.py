"""The live preview's print preview: a leaflet's PDF, made when a reviewer asks for it.

``sitegen serve`` links every leaflet to ``print-preview.pdf`` beside its page. The
file is never written anywhere: the dev server asks ``PrintPreview`` for it, which
makes it from the preview's latest judged site (the working text, drafts included)
and keeps the last few in memory. A leaflet that would not be published is
watermarked "Draft: not approved" on every page; one that would be published prints
as ``sitegen build`` would print it.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Mapping

from ..incremental.cache import Cache
from ..render import Renderer
from ..site import Site
from ..views import DownloadView
from . import engine
from .formats import standard
from .stage import Copies, maker_for, site_files

PREVIEW_LABEL = "print preview"
"""How the preview page names the download (a message id of the catalogues)."""
FILE_NAME = "print-preview.pdf"
KEEP = 16
"""Print previews kept in memory: a reviewer goes back and forth between a few leaflets."""


def preview_links(site: Site) -> Mapping[str, tuple[DownloadView, ...]]:
    """What each preview page links to instead of the built PDFs."""
    link = (DownloadView(PREVIEW_LABEL, FILE_NAME, ""),)
    return {page.leaflet.slug: link for page in site.shown_pages()}


class PrintPreview:
    """Answers ``/<slug>/print-preview.pdf`` for the dev server; safe to call from its threads."""

    def __init__(self) -> None:
        self.site: Site | None = None
        self.cache: Cache | None = None
        self.files: dict = {}
        self._made: OrderedDict[tuple[str, str], bytes] = OrderedDict()
        self._lock = threading.Lock()  # one WeasyPrint run at a time

    def update(self, site: Site, cache: Cache, copies: Copies) -> None:
        """Called after each good preview build: later requests use this site and its files."""
        self.site, self.cache, self.files = site, cache, site_files(copies)

    def __call__(self, path: str) -> tuple[bytes, str] | None:
        site, cache, files = self.site, self.cache, self.files
        slug, _, name = path.strip("/").rpartition("/")  # a translation's slug has its language: cy/<slug>
        if site is None or cache is None or name != FILE_NAME:
            return None
        page = next((p for p in site.shown_pages() if p.leaflet.slug == slug), None)
        if page is None:
            return None
        renderer = Renderer(site, cache)
        key = (slug, renderer.page_key(page, cache))
        with self._lock:
            if key not in self._made:
                maker = maker_for(renderer, [page], files)
                if maker is None:
                    return _problem(engine.load().problem), "text/plain; charset=utf-8"
                self._made[key] = maker.pdf(page, standard(site.config.pdf_page_size), draft=page.blocked)
                while len(self._made) > KEEP:
                    self._made.popitem(last=False)
            self._made.move_to_end(key)
            return self._made[key], "application/pdf"


def _problem(note: str) -> bytes:
    return f"No print preview: {note.removeprefix('PDFs were skipped: ')}\n".encode()
