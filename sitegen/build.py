"""The pipeline: load and judge every leaflet, then render and write the site.

``check`` stops after judging; ``build`` renders and writes only when nothing is an
error (and, with ``strict``, nothing is a warning or a non-draft blocker). Nothing is
written until every leaflet has been read and checked.

The modules that parse, analyse and render leaflets are imported inside the functions that
run them, not at the top: a build with nothing to do is decided from ``inputs`` and the
memo alone, and importing the rest took longer (0.35 s) than that whole decision at 5,000
leaflets. MkDocs' command line imports each command's modules the same way.
"""

from __future__ import annotations

import datetime as dt
import gc
import time
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable, Iterator, Mapping, TypeVar

from . import write
from .config import SiteConfig, today_from_env
from .filenames import CACHE_DIR, THEME
from .history.git import head as git_head
from .incremental import keys, textstore
from .incremental.cache import Cache
from .incremental.memo import Memo, Remembered
from .inputs import discover, files_under, input_files
from .model import Finding, Severity
from .owned import check_owned_folder
from .pdf.fonts import inputs_key as pdf_inputs_key
from .sitelock import site_lock

if TYPE_CHECKING:
    from .site import Site

T = TypeVar("T")

STRICT_BLOCKER_EXEMPT = ("draft",)
"""Contract: under --strict a blocker fails the run, except a draft (work in progress)."""


@dataclass(frozen=True)
class BuildResult:
    ok: bool
    written: int
    seconds: float
    findings: tuple[Finding, ...]
    published: int
    unpublished: tuple[tuple[str, str], ...]
    """(source, reason in plain English) for each leaflet not published."""
    failure: str = ""
    """Plain-English reason the build wrote nothing (empty when ok)."""
    site: Site | None = None
    """The judged site; None when the build was already up to date (see ``memo``)."""
    pdfs: int = 0
    """PDFs in the built site."""
    pdfs_made: int = 0
    """PDFs this build had to make (the others were unchanged)."""
    note: str = ""
    """One line when PDFs were skipped on this computer, saying what to install."""
    warning_counts: Mapping[str, int] | None = None
    """Warnings of each code, when ``findings`` is only the report's ``messages.shortlist`` (an
    up-to-date build asked for ``every_finding=False``); None when ``findings`` has them all."""

    def warnings_by_code(self) -> dict[str, int]:
        if self.warning_counts is not None:
            return dict(self.warning_counts)
        return dict(Counter(f.code for f in self.findings if f.severity is Severity.WARNING))


def strict_failures(findings: Iterable[Finding]) -> list[Finding]:
    return [f for f in findings if f.severity is Severity.WARNING
            or (f.severity is Severity.BLOCKER and f.code not in STRICT_BLOCKER_EXEMPT)]


def open_cache(config: SiteConfig, enabled: bool = True, settings_key: str | None = None) -> Cache:
    return Cache(config.root / CACHE_DIR, settings_key or keys.settings(config), enabled)


@contextmanager
def gc_paused() -> Iterator[None]:
    """A build makes hundreds of thousands of small objects and few reference cycles;
    Python's cyclic collector kept re-scanning them (half the time of loading the cache
    of a 5,000-leaflet site). Pause it while a build runs; it resumes afterwards."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def check(config: SiteConfig, *, today: dt.date | None = None, use_cache: bool = True, jobs: int | None = None) -> Site:
    # check reads the cache but never saves it: the contract says it writes nothing.
    from .site import load_site

    with gc_paused():
        cache = open_cache(config, use_cache)
        return load_site(config, today or today_from_env(), cache=cache, jobs=jobs)


def using_checked(config: SiteConfig, use: Callable[[Site], T], *, today: dt.date | None = None,
                  use_cache: bool = True, jobs: int | None = None) -> T:
    """``use(check(...))``. The texts of pages from the cache are read only as ``use`` needs
    them; if one turns out changed behind sitegen's back (``textstore.Damaged``), the site is
    judged again without the cache, which ``check`` never writes."""
    try:
        return use(check(config, today=today, use_cache=use_cache, jobs=jobs))
    except textstore.Damaged:
        return use(check(config, today=today, use_cache=False, jobs=jobs))


def build(config: SiteConfig, *, today: dt.date | None = None, strict: bool = False,
          use_cache: bool = True, jobs: int | None = None, pdf: bool = True, every_finding: bool = True) -> BuildResult:
    """``pdf=False`` (``--no-pdf``) leaves the PDFs out of this build, whatever the settings say.
    ``every_finding=False``: an up-to-date build may answer with only the findings its report
    prints (``messages.shortlist``) and ``warning_counts``, which is all ``sitegen build`` needs
    without ``--verbose``."""
    # One writer at a time (sitelock): a second build refuses, naming the first.
    with site_lock(config.root, "build"), gc_paused():
        try:
            return _build(config, today or today_from_env(), strict, use_cache, jobs, pdf and config.pdf, every_finding)
        except textstore.Damaged:
            # A stored text was changed or removed behind sitegen's back: start again with an
            # empty store (every leaflet is analysed again; output/ was not touched).
            textstore.keep_only(config.root / CACHE_DIR, ())
            return _build(config, today or today_from_env(), strict, use_cache, jobs, pdf and config.pdf, every_finding)


def _build(config: SiteConfig, today: dt.date, strict: bool, use_cache: bool, jobs: int | None, pdf: bool,
           every_finding: bool) -> BuildResult:
    started = time.perf_counter()
    settings_key = keys.settings(config)
    memo = Memo(config.root / CACHE_DIR)
    # The git commit too: which approved version stays published is read from the history.
    memo_settings = f"{settings_key}|pdf:{pdf_inputs_key() if pdf else 'off'}|git:{git_head(config.root)}"
    found = discover(config)  # once: the memo's key and the build read the same files
    memo_key, seen, record = (keys.build(memo_settings, today, strict, input_files(config, found), memo.file_record())
                              if use_cache else ("", {}, None))
    # The output is checked, not trusted: a page deleted or edited by hand means real work.
    output = write.inspect(config.output_dir)
    known = memo.recall(memo_key, write.manifest_digest(config.output_dir), every_finding) if memo_key and output.intact else None
    if known is not None:
        if record is not None:
            memo.refresh(record)
        return BuildResult(True, known.written, time.perf_counter() - started, known.findings, known.published,
                           known.unpublished, pdfs=known.pdfs, warning_counts=known.warning_counts)
    from . import render
    from .pdf import stage
    from .search import index as search_index
    from .site import load_site

    cache = open_cache(config, use_cache, settings_key)
    cache.stats.update(seen)
    with textstore.opened(config.root / CACHE_DIR, cache.enabled) as store:
        site = load_site(config, today, cache=cache, jobs=jobs, found=found, store=store)
    unpublished = tuple(site.not_published())
    failure = failure_reason(site.findings, strict)
    if failure:
        save_cache(cache, config)
        return BuildResult(False, 0, time.perf_counter() - started, site.findings, len(site.published), unpublished, failure, site)
    copies = static_copies(config, site)
    live = output.manifest if use_cache else {}  # --no-cache: every page rendered and written again
    searching = search_index.start(site, cache, live) if config.search else None  # indexes while pages render
    if pdf:  # the PDF store deletes what it no longer needs: never in a folder a link leads to
        check_owned_folder(config.root, f"{CACHE_DIR}/{stage.STORE_FOLDER}")
    printed = stage.print_site(site, cache, jobs, config.root / CACHE_DIR / stage.STORE_FOLDER, copies) if pdf else stage.Printed()
    spare = write.Spare.ready(config.output_dir, use_cache)  # render workers write their pages into it
    try:
        files = render.render_site(site, cache, jobs, live, printed.downloads, spare)
        files.update(printed.files)
        if searching is not None:
            files.update(search_index.finish(searching, cache))
    except BaseException:
        spare.close()
        raise
    written = write.write_site(config.output_dir, files, copies, trust=use_cache, seen=output, spare=spare)
    dropped = dropped_note(config.output_dir.name, output.extra)
    save_cache(cache, config)
    if record is not None and not printed.note:  # PDFs skipped: try again next time, the system may have changed
        memo.remember(memo_key, write.manifest_digest(config.output_dir),
                      Remembered(written, len(site.published), unpublished, len(printed.files), site.findings), record)
    return BuildResult(True, written, time.perf_counter() - started, site.findings, len(site.published), unpublished, "", site,
                       len(printed.files), printed.made, "\n".join(n for n in (printed.note, dropped) if n))


def save_cache(cache: Cache, config: SiteConfig) -> None:
    """Save the cache, then remove the stored texts it no longer refers to."""
    from .site import stored_text_names

    cache.save()
    if cache.enabled:
        textstore.keep_only(config.root / CACHE_DIR, stored_text_names(cache))


def dropped_note(folder: str, names: Iterable[str]) -> str:
    """Files someone put into output/ by hand: output/ holds only what sitegen builds."""
    names = [f"{folder}/{name}" for name in names]
    if not names:
        return ""
    listed = ", ".join(names[:5]) + (f" and {len(names) - 5} more" if len(names) > 5 else "")
    return (f"{listed} {'was' if len(names) == 1 else 'were'} not made by sitegen, so this build does not publish "
            f"{'it' if len(names) == 1 else 'them'}; put files you want published in content/ "
            "(for example content/CNAME for a custom domain name)")


def failure_reason(findings: Iterable[Finding], strict: bool) -> str:
    findings = list(findings)
    errors = sum(1 for f in findings if f.severity is Severity.ERROR)
    if errors:
        return f"{errors} error{'s' if errors != 1 else ''} found, so nothing was written and the previous site was left as it was"
    if strict and strict_failures(findings):
        count = len(strict_failures(findings))
        return f"--strict: {count} warning{'s' if count != 1 else ''} or blocker{'s' if count != 1 else ''} found, so nothing was written"
    return ""


def static_copies(config: SiteConfig, site: Site) -> list[tuple[Path, str]]:
    """Theme assets (overridable from templates/static/) and the site's own content files."""
    assets: dict[str, Path] = {}
    for folder in (THEME / "static", config.templates_dir / "static"):
        for path in files_under(folder):
            assets[f"assets/{path.relative_to(folder).as_posix()}"] = path
    copies = [(path, name) for name, path in sorted(assets.items())]
    copies += [(config.content_dir / name, name) for name in site.assets]
    return copies
