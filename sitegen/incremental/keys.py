"""Every cache key: what each cached result depends on, in one place.

A cached value is reused only while its key is unchanged, so a key must cover every
input of the result and nothing else. The cache's own salt (``Cache.salt``) already
covers the cache format, which sitegen made it (``code.sitegen_code``) and the settings
(``settings``), so the keys below name only what varies within one build.

    settings   -> the salt of the cache and of the whole-build memo
    build      -> the memo: is this build already done?
    analysis   -> one leaflet parsed, checked and analysed
    links      -> where one leaflet's links go
    site_check -> a check across leaflets (navigation clashes, unknown related leaflets)
    leaflet_page, listing_page -> one rendered page
    print_salt, leaflet_pdf -> one printable version (PDF) of a leaflet
    search_bundle -> the search index (Pagefind's files) of the published leaflets
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import os
import time
from stat import S_ISREG
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Mapping, Sequence

from . import code

if TYPE_CHECKING:
    from ..checks.links import SiteIndex
    from ..config import SiteConfig
    from ..model import Finding
    from .cache import Cache

FileStats = dict[Path, tuple[tuple[int, int], str]]
"""path -> ((mtime_ns, size), sha256): files already read, so a build need not read them twice."""

_NOT_SETTINGS = ("root", "source")
"""SiteConfig fields that say where the settings came from, not what they are."""


def settings(config: SiteConfig) -> str:
    """Every setting, as text: part of every key, so changing any setting invalidates everything."""
    values = {f.name: getattr(config, f.name) for f in dataclasses.fields(config) if f.name not in _NOT_SETTINGS}
    return repr(sorted(values.items()))


@dataclasses.dataclass(frozen=True)
class FileRecord:
    """What the last build found of each input file, kept in the signed memo: a file whose
    details are all the same need not be read and hashed again (git's index does the same)."""

    taken_ns: int
    """When the details were taken (nanoseconds since 1970)."""
    files: Mapping[str, tuple[int, int, int, int, int, str]]
    """path -> (mtime_ns, ctime_ns, size, inode, device, sha256)."""
    hashed: int = dataclasses.field(default=0, compare=False)
    """How many files had to be read and hashed to take it (not kept in the memo)."""


RACY_NS = 2_000_000_000
"""A file changed less than this long before its details were taken may change again without
its times moving (timestamps can be as coarse as 2 s, on FAT); such a file is always hashed
again. The rule is git's "racily clean" entries (Documentation/technical/racy-git.txt)."""


def build(settings_key: str, today: dt.date, strict: bool, files: Iterable[Path],
          record: FileRecord | None = None) -> tuple[str, FileStats, FileRecord]:
    """The whole-build memo's key: which sitegen (its version, files and libraries), the date,
    --strict, the settings and every input file's bytes. Also returns what it read, for the build to reuse, and the
    record of each file's details for the next build (``record``: the last build's)."""
    digest = hashlib.sha256(f"{code.sitegen_code()}|{today}|{strict}|{settings_key}".encode())
    seen: FileStats = {}
    taken_ns = time.time_ns()
    details_of: dict[str, tuple[int, int, int, int, int, str]] = {}
    hashed = 0
    for path in sorted(files):
        name = str(path)  # os.stat on the name, not Path.stat: 5,000 files at every build
        try:
            info = os.stat(name)
            if not S_ISREG(info.st_mode):  # a named pipe would hang the read; the build reports it
                raise FileNotFoundError(path)
            details = (info.st_mtime_ns, info.st_ctime_ns, info.st_size, info.st_ino, info.st_dev)
            one = _recorded_digest(record, name, details)
            if one is None:
                one, hashed = hashlib.sha256(path.read_bytes()).hexdigest(), hashed + 1
            seen[path] = ((info.st_mtime_ns, info.st_size), one)
            details_of[name] = (*details, one)
        except OSError:
            one = "missing"
        digest.update(os.fsencode(name) + b"\0" + one.encode() + b"\0")
    return digest.hexdigest(), seen, FileRecord(taken_ns, details_of, hashed)


def _recorded_digest(record: FileRecord | None, name: str, details: tuple[int, ...]) -> str | None:
    known = record.files.get(name) if record else None
    if known is None or tuple(known[:5]) != details:
        return None
    if max(details[0], details[1]) >= record.taken_ns - RACY_NS:  # type: ignore[union-attr]
        return None
    return known[5]


def file_digest(path: Path, stats: FileStats | None) -> tuple[str, bytes | None]:
    """sha256 of a file, and its bytes when they had to be read; a long-running preview
    skips re-reading files whose size and mtime are unchanged."""
    if stats is None:
        raw = path.read_bytes()
        return hashlib.sha256(raw).hexdigest(), raw
    stat = path.stat()
    known = stats.get(path)
    if known is not None and known[0] == (stat.st_mtime_ns, stat.st_size):
        return known[1], None
    raw = path.read_bytes()
    digest = hashlib.sha256(raw).hexdigest()
    stats[path] = ((stat.st_mtime_ns, stat.st_size), digest)
    return digest, raw


def analysis_salt(cache: Cache, today: dt.date, glossary: Mapping[str, str],
                  glossaries: Mapping[str, Mapping[str, str]]) -> str:
    """What every leaflet's analysis depends on besides its own file: the date (review
    dates) and the glossaries (explained terms, marked in the site's and each language's text)."""
    return cache.key(today, tuple(sorted(glossary.items())), _each_glossary(glossaries))


def _each_glossary(glossaries: Mapping[str, Mapping[str, str]]) -> tuple:
    return tuple(sorted((folder, tuple(sorted(terms.items()))) for folder, terms in glossaries.items()))


def analysis(salt: str, file_sha256: str) -> str:
    return salt + file_sha256


def links_salt(index: SiteIndex) -> str:
    """Everything a link can reach: which leaflets exist, their headings, what is published,
    the assets and topics. In the preview every leaflet is shown, so what is published
    cannot change where a link goes."""
    parts = [str(index.preview), "" if index.preview else "\x1e".join(sorted(index.published)), "\x1e".join(sorted(index.assets)),
             "\x1e".join(sorted(index.unreadable)),
             "\x1e".join(sorted(index.topic_slugs))]
    parts += [f"{source}\x1e{leaflet.slug}\x1e{' '.join(sorted(index.anchors[source]))}" for source, leaflet in sorted(index.by_source.items())]
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


def links(salt: str, facts: Sequence[str], whole_site: str | None, leaflet_digest: str) -> str:
    """One leaflet's links: the cache's salt (``Cache.key()``: format, version, settings), its
    own text, what its links reach (``checks.links.depends_on``) and, only when one of them
    needs the whole site, ``links_salt``. Before, every page's key held the whole site's salt,
    so unpublishing one leaflet re-keyed the links of every page."""
    parts = [salt, leaflet_digest, whole_site or "", *facts]
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


def site_check(cache: Cache, check: str, facts: Iterable[object]) -> str:
    """A check across leaflets that reads only a few fields of each (``facts``: one tuple per
    leaflet, in a fixed order): an edit that leaves those fields alone reuses its findings.
    Before, the navigation check re-read every title, index term and topic on every build
    (0.7 s of a one-leaflet edit at 5,000 leaflets, profiled)."""
    digest = hashlib.sha256(cache.key("site check", check).encode())
    for fact in facts:
        digest.update(b"\x1f" + repr(fact).encode())
    return digest.hexdigest()


def templates(folders: Sequence[Path]) -> str:
    """A hash of every template the site can use: changing one invalidates cached pages."""
    digest = hashlib.sha256()
    for folder in folders:
        if folder.is_dir():
            for path in sorted(folder.rglob("*.html")):
                digest.update(path.as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def pages_salt(cache: Cache, glossary: Mapping[str, str], glossaries: Mapping[str, Mapping[str, str]], preview: bool,
               site_view: object, templates_key: str) -> str:
    """What every rendered leaflet page shares: the glossaries (a page shows the explanation of
    each marked term), preview or not, the site's header and footer, the templates. (The
    settings are in the cache's salt already.)"""
    return cache.key(tuple(sorted(glossary.items())), _each_glossary(glossaries), preview, site_view, templates_key)


def leaflet_page(salt: str, digest: str, source: str, overdue: bool, related: Iterable[tuple[str, str | None]],
                 links_out: Mapping[str, str | None], findings: Iterable[Finding] | None,
                 downloads: Iterable[object] = ()) -> str:
    """Everything a leaflet's page depends on; other leaflets only through the titles of
    related ones and where its links go. ``findings`` only in the preview, which shows them;
    ``downloads``: the printable versions it links to, with their sizes."""
    parts = [salt, digest, source, str(overdue), *(repr(d) for d in downloads)]
    parts += [f"{slug}\x1e{title}" for slug, title in related]
    parts += [f"{href}\x1e{url}" for href, url in sorted(links_out.items(), key=lambda item: item[0])]
    if findings is not None:
        parts += [f"{f.code}\x1e{f.severity.value}\x1e{f.line}\x1e{f.column}\x1e{f.message}\x1e{f.hint}\x1e{f.term}\x1e{f.suggestion}"
                  for f in findings]
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


def print_salt(cache: Cache, stylesheet: bytes, fonts: str, engine_version: str) -> str:
    """What every PDF shares besides its page's inputs: the print stylesheet's bytes, the
    font files it resolves to (``pdf.fonts``) and WeasyPrint's version."""
    return cache.key("pdf", hashlib.sha256(stylesheet).hexdigest(), fonts, engine_version)


def leaflet_pdf(salt: str, page_key: str, print_format: object) -> str:
    """One printable version: its page's inputs (text, sign-offs, dates, credits, links,
    templates, settings) and its format (page size, type size)."""
    return hashlib.sha256(f"{salt}\x1f{page_key}\x1f{print_format!r}".encode()).hexdigest()


def listing_page(cache: Cache, template: str, url: str, title: str, description: str, inputs: str,
                 site_view: object, templates_key: str, preview: bool) -> str:
    """A listing page (home, A to Z, topics, glossary, about, 404): what it shows, and how."""
    return cache.key(template, url, title, description, inputs, site_view, templates_key, preview)


def search_bundle(documents_digest: str, pagefind_version: str) -> str:
    """The search index depends only on what Pagefind reads (every published leaflet's search
    document, ``search.documents``) and on Pagefind itself: a template change does not re-index."""
    return hashlib.sha256(f"{documents_digest}|pagefind {pagefind_version}".encode()).hexdigest()
