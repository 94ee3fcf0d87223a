"""The print stage, before ``render``: every printable version of every published leaflet.

In: the renderer (the same leaflet views the web pages are made from), the shown
pages, the build cache. Out: the PDF files for the site (as ``Stored`` references,
never bytes in memory), what each page links to ("PDF, 38 KB"), and a one-line note
when PDFs could not be made on this computer.

A PDF is made again only when an input that shapes it changes: its page's inputs
(text, sign-offs, dates, credits, settings, templates, glossary, links), the print
stylesheet, the fonts, the format or WeasyPrint's version. The work runs in the
worker pool; each worker writes its PDFs straight into the store.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Mapping, Sequence

from ..incremental import keys, parallel
from ..render import Renderer
from ..views import DownloadView
from ..write import Content, Stored
from . import document, engine
from .fonts import fonts_key, weasyprint_version
from .formats import PrintFormat, formats_for
from .store import Made, Store

if TYPE_CHECKING:
    from ..incremental.cache import Cache
    from ..site import Page, Site

KIND = "pdf"
"""The build cache's kind for PDFs: (kind, output path) -> (key, Made)."""
Copies = Sequence[tuple[Path, str]]
"""(source file, path in the built site) for every file a build copies."""
STORE_FOLDER = "pdf"
"""The store's folder inside the site's cache folder."""


@dataclass(frozen=True)
class Printed:
    files: dict[str, Content] = field(default_factory=dict)
    """Output path (``living-with-asthma/living-with-asthma.pdf``) -> the stored file."""
    downloads: Mapping[str, tuple[DownloadView, ...]] = field(default_factory=dict)
    """Leaflet slug -> its printable versions, standard first."""
    note: str = ""
    """One line for the build summary when PDFs were skipped (empty otherwise)."""
    made: int = 0
    """PDFs made by this build; the others came from the store."""


@dataclass(frozen=True)
class Job:
    page: int
    """Index into the pages being printed."""
    format: PrintFormat
    path: str
    key: str


def human_size(size: int) -> str:
    """GOV.UK's attachment pattern: "PDF, 120 KB" (1 KB = 1,024 bytes, whole KB, at least 1)."""
    if size < 1024 * 1024:
        return f"{max(1, round(size / 1024))} KB"
    return f"{size / (1024 * 1024):.1f} MB"


def print_site(site: Site, cache: Cache, jobs: int | None, store_folder: Path, copies: Copies) -> Printed:
    """Every printable version of every published leaflet, made or taken from the store.
    ``copies``: the files the build copies into the site (``build.static_copies``)."""
    renderer = Renderer(site, cache)
    pages = site.shown_pages()
    config = site.config
    store = Store(store_folder)
    files = site_files(copies)
    stylesheet = files.get(document.STYLESHEET)
    salt = keys.print_salt(cache, stylesheet.read_bytes() if stylesheet else b"", fonts_key(), weasyprint_version())
    work = [Job(i, fmt, f"{page.leaflet.slug}/{fmt.file_name(page.leaflet.slug.rsplit('/', 1)[-1])}",
                keys.leaflet_pdf(salt, renderer.page_key(page, cache), fmt))
            for i, page in enumerate(pages)
            for fmt in formats_for(page.leaflet.meta.formats, config.pdf_page_size, config.pdf_large_print)]
    made: dict[str, Made] = {}
    todo: list[Job] = []
    for job in work:
        found = cache.get(KIND, job.path, job.key)
        if not (isinstance(found, Made) and store.path(job.key).is_file()):
            found = store.find(job.key) if cache.enabled else None  # --no-cache: make every PDF again
        if found is None:
            todo.append(job)
        else:
            made[job.key] = found
            cache.put(KIND, job.path, job.key, found)
    if todo:
        maker = maker_for(renderer, pages, files, store)
        if maker is None:
            return Printed(note=engine.load().problem)
        for job, result in zip(todo, parallel.map_items(_make_one, todo, jobs, min_items=2, min_chunk=1, maker=maker)):
            made[job.key] = result
            cache.put(KIND, job.path, job.key, result)
    store.keep_only(made)
    return _printed(work, made, store, len(todo))


def _printed(work: list[Job], made: Mapping[str, Made], store: Store, count: int) -> Printed:
    files: dict[str, Content] = {}
    downloads: dict[str, list[DownloadView]] = defaultdict(list)
    for job in work:
        result = made[job.key]
        files[job.path] = Stored(result.digest, store.path(job.key))
        slug, name = job.path.rsplit("/", 1)
        downloads[slug].append(DownloadView(job.format.label, name, human_size(result.size)))
    return Printed(files, {slug: tuple(items) for slug, items in downloads.items()}, "", count)


def site_files(copies: Copies) -> dict[str, Path]:
    """The files WeasyPrint may read: the site's assets and content files, by their
    path in the built site (what a page's relative link points at)."""
    return {name: path for path, name in copies}


def maker_for(renderer: Renderer, pages: Sequence[Page], files: Mapping[str, Path],
              store: Store | None = None) -> Maker | None:
    """A Maker with WeasyPrint loaded (before workers fork, so they share it), or None
    when it cannot be loaded on this computer (``engine.load().problem`` says why)."""
    loaded = engine.load()
    if loaded.problem:
        return None
    return Maker(renderer, pages, loaded, files, store)


@dataclass
class Maker:
    """What a worker needs to make one PDF; set up before the workers are forked."""

    renderer: Renderer
    pages: Sequence[Page]
    engine: engine.Engine
    files: Mapping[str, Path | bytes]
    store: Store | None

    def pdf(self, page: Page, fmt: PrintFormat, draft: bool = False) -> bytes:
        renderer = self.renderer
        view = renderer.leaflet_view(page)
        site = renderer.site_view
        printing = document.print_view(view, site, fmt, page.leaflet.fingerprint, draft)
        html = document.print_html(renderer.env_for(view.lang), view, site, printing)
        files = {**self.files, document.WATERMARK: document.WATERMARK_SVG} if draft else self.files
        return engine.render(self.engine, html, page_url=printing.page_url, site_url=site.base_url, files=files)


def _make_one(job: Job) -> Made:
    maker: Maker = parallel.STATE["maker"]
    assert maker.store is not None
    return maker.store.put(job.key, maker.pdf(maker.pages[job.page], job.format))
