"""The pipeline: load and judge every leaflet, then render and write the site.

``check`` stops after judging; ``build`` renders and writes only when nothing is an
error (and, with ``strict``, nothing is a warning or a non-draft blocker). Nothing is
written until every leaflet has been read and checked.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import gc
from contextlib import contextmanager
import os
import time
from dataclasses import dataclass
from pathlib import Path

from typing import Iterable, Iterator

from . import memo, messages, render, write
from .cache import Cache
from .config import SiteConfig
from .model import Finding, Severity
from .site import Site, load_site

STRICT_BLOCKER_EXEMPT = ("draft",)
"""Contract: under --strict a blocker fails the run, except a draft (work in progress)."""


@dataclass(frozen=True)
class BuildResult:
    ok: bool
    written: int
    seconds: float
    findings: tuple[Finding, ...]
    published: int
    unpublished: tuple[str, ...]
    """One plain-English line per leaflet not published, with the reason."""
    failure: str = ""
    """Plain-English reason the build wrote nothing (empty when ok)."""
    site: Site | None = None
    """The judged site; None when the build was already up to date (see ``memo``)."""


def today_from_env() -> dt.date:
    """Today's date, or SITEGEN_TODAY (YYYY-MM-DD) so tests and rebuilds of old sites are repeatable."""
    fixed = os.environ.get("SITEGEN_TODAY", "").strip()
    return dt.date.fromisoformat(fixed) if fixed else dt.date.today()


def strict_failures(findings: Iterable[Finding]) -> list[Finding]:
    return [f for f in findings if f.severity is Severity.WARNING
            or (f.severity is Severity.BLOCKER and f.code not in STRICT_BLOCKER_EXEMPT)]


def open_cache(config: SiteConfig, enabled: bool = True) -> Cache:
    settings = {f.name: getattr(config, f.name) for f in dataclasses.fields(config) if f.name not in ("root", "source")}
    return Cache(config.root, repr(sorted(settings.items())), enabled)


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
    with gc_paused():
        cache = open_cache(config, use_cache)
        return load_site(config, today or today_from_env(), cache=cache, jobs=jobs)


def build(config: SiteConfig, *, today: dt.date | None = None, strict: bool = False, preview: bool = False,
          output: Path | None = None, use_cache: bool = True, jobs: int | None = None) -> BuildResult:
    with gc_paused():
        return _build(config, today, strict, preview, output, use_cache, jobs)


def _build(config: SiteConfig, today: dt.date | None, strict: bool, preview: bool, output: Path | None,
           use_cache: bool, jobs: int | None) -> BuildResult:
    started = time.perf_counter()
    today = today or today_from_env()
    memo_key, seen = memo.inputs_key(config, today, strict) if use_cache and not preview and output is None else ("", {})
    known = memo.recall(config, memo_key) if memo_key else None
    if known is not None:
        return BuildResult(True, known["written"], time.perf_counter() - started,
                           tuple(memo.finding_from_json(row) for row in known["findings"]),
                           known["published"], tuple(known["unpublished"]))
    cache = open_cache(config, use_cache)
    cache.stats.update(seen)
    site = load_site(config, today, preview=preview, cache=cache, jobs=jobs)
    unpublished = tuple(messages.not_published(site))
    failure = failure_reason(site.findings, strict)
    if failure:
        cache.save()
        return BuildResult(False, 0, time.perf_counter() - started, site.findings, len(site.published), unpublished, failure, site)
    target = output or config.output_dir
    files = render.render_site(site, cache, jobs, write.previous_manifest(target))
    written = write.write_site(target, files, static_copies(config, site))
    cache.save()
    if memo_key:
        memo.remember(config, memo_key, {"written": written, "published": len(site.published), "unpublished": unpublished,
                                         "findings": [memo.finding_to_json(f) for f in site.findings]})
    return BuildResult(True, written, time.perf_counter() - started, site.findings, len(site.published), unpublished, "", site)


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
    for folder in (render.THEME / "static", config.templates_dir / "static"):
        if folder.is_dir():
            for path in sorted(folder.rglob("*")):
                if path.is_file():
                    assets[f"assets/{path.relative_to(folder).as_posix()}"] = path
    copies = [(path, name) for name, path in sorted(assets.items())]
    copies += [(config.content_dir / name, name) for name in site.assets]
    return copies
