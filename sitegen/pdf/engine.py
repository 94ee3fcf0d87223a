"""WeasyPrint, behind one narrow door: HTML text in, tagged PDF/UA-1 bytes out.

WeasyPrint needs Pango from the operating system. ``load`` imports it once and, when
that fails, says in one line what to install, so a machine without Pango still builds
the website. WeasyPrint never touches the network or the disk on its own: its URL
fetcher answers only for the files of the site being built, named by their address
under the site's ``base_url``, and refuses everything else.
"""

from __future__ import annotations

import contextlib
import gc
import io
import logging
import mimetypes
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any, Callable, Iterator, Mapping

PANGO_PACKAGES = "libpango-1.0-0 libpangoft2-1.0-0 fonts-liberation"
"""Debian and Ubuntu package names of what WeasyPrint loads from the system (its
installation notes list Pango; Liberation Sans is the typeface print.css asks for)."""

PDF_VARIANT = "pdf/ua-1"
"""WeasyPrint 70's PDF/UA-1 variant: tagged structure, PDF 1.7, XMP metadata with the
PDF/UA identifier, DisplayDocTitle. (``pdf/ua-2`` needs PDF 2.0, which fewer readers open.)"""


@dataclass(frozen=True)
class Engine:
    """A loaded WeasyPrint, or the one-line reason it could not be loaded."""

    module: ModuleType | None
    problem: str = ""

    @property
    def version(self) -> str:
        return getattr(self.module, "__version__", "")


_loaded: Engine | None = None


def load(importer: Callable[[], ModuleType] | None = None) -> Engine:
    """Import WeasyPrint once per process. ``importer`` lets tests simulate a failure."""
    global _loaded
    if _loaded is None or importer is not None:
        _loaded = _import(importer or _import_weasyprint)
    return _loaded


def _import_weasyprint() -> ModuleType:
    import weasyprint
    return weasyprint


def _import(importer: Callable[[], ModuleType]) -> Engine:
    # WeasyPrint prints a banner to stdout before re-raising when a library is missing:
    # keep stdout for what the command itself prints.
    try:
        with contextlib.redirect_stdout(io.StringIO()):
            module = importer()
    except ImportError:
        return Engine(None, "PDFs were skipped: the weasyprint package is not installed (run `make build`, "
                            "or `pip install weasyprint`).")
    except OSError:
        return Engine(None, "PDFs were skipped: WeasyPrint needs the Pango library, which this computer does not have "
                            f"(on Debian or Ubuntu: apt-get install {PANGO_PACKAGES}).")
    _quieten(module)
    return Engine(module)


def _quieten(module: ModuleType) -> None:
    """WeasyPrint logs every refused fetch and unsupported CSS property; those are ours
    to handle, not lines for a content editor."""
    for name in ("weasyprint", "weasyprint.progress"):
        logger = logging.getLogger(name)
        logger.handlers[:] = [logging.NullHandler()]
        logger.propagate = False


def render(engine: Engine, html: str, *, page_url: str, site_url: str, files: Mapping[str, Path | bytes]) -> bytes:
    """One PDF from print HTML. ``page_url`` is the leaflet's live address, so relative
    links in the body become absolute links in the PDF; ``files`` maps a path under
    ``site_url`` (``assets/print.css``) to the file that the build copies there, or to
    bytes made in memory."""
    weasyprint = engine.module
    assert weasyprint is not None, "render() called without a loaded engine"
    fetcher = _fetcher_class(weasyprint)(site_url, files)
    with _collected():
        document = weasyprint.HTML(string=html, base_url=page_url, url_fetcher=fetcher)
        # pdf_identifier=True: the file ID is a hash of the content, so the same leaflet
        # makes the same bytes on every build (no clock in the file).
        return document.write_pdf(pdf_variant=PDF_VARIANT, pdf_identifier=True)


@contextlib.contextmanager
def _collected() -> Iterator[None]:
    """Free each document's reference cycles as soon as it is written.

    A WeasyPrint document is a web of reference cycles (boxes, their parents, fonts), about
    5 MB a leaflet. The build pauses Python's cyclic collector (``build.gc_paused``), so
    without this every PDF stayed in memory: 2.8 GB more per worker at 1,000 leaflets
    (benchmarks/bench_pdf.py, 2026-12-02). Freezing first sets every object that existed
    before the document aside, so the collection looks only at what the document made:
    a few milliseconds, not a scan of the whole site."""
    gc.freeze()
    try:
        yield
    finally:
        gc.collect()
        gc.unfreeze()


_FETCHER: dict[int, type] = {}


def _fetcher_class(weasyprint: ModuleType) -> type:
    """A URLFetcher that serves the build's own files and refuses everything else.

    Made as a subclass at run time because WeasyPrint is imported lazily."""
    found = _FETCHER.get(id(weasyprint))
    if found is not None:
        return found
    urls = weasyprint.urls

    class SiteFilesOnly(urls.URLFetcher):
        def __init__(self, root: str, files: Mapping[str, Path | bytes]) -> None:
            super().__init__(allowed_protocols=())
            self.root = root
            self.files = files

        def fetch(self, url: str, headers: Any = None) -> Any:
            name = url.split("#", 1)[0].split("?", 1)[0]
            relative = name[len(self.root):] if name.startswith(self.root) else ""
            found = self.files.get(relative) if relative else None
            if found is None:
                raise ValueError(f"sitegen does not fetch {url}: a PDF uses only the site's own files")
            mime = mimetypes.guess_type(relative)[0] or "application/octet-stream"
            data = found if isinstance(found, bytes) else found.read_bytes()
            return urls.URLFetcherResponse(url, data, {"Content-Type": mime})

    _FETCHER[id(weasyprint)] = SiteFilesOnly
    return SiteFilesOnly
