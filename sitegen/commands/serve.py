"""``sitegen serve``: the live preview, wired from the build, the dev server and the watcher.

The build knows nothing about serving: ``PreviewBuilder`` is the callable the server
is given. It builds every leaflet (drafts and blocked ones too, with review notes)
into a private temporary folder, never into output/, so a preview can never be
published by mistake. Unchanged leaflets come from an in-memory cache, so a save
re-renders only that leaflet and the pages that list it.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import itertools
import os
import signal
import traceback
from pathlib import Path

from .. import messages, render, write
from ..build import open_cache, static_copies
from ..filenames import CACHE_DIR, CONFIG_NAMES
from ..config import SiteConfig, load_config, today_from_env
from ..console import stderr
from ..errors import SitegenError
from ..incremental import textstore
from ..devserver import BuildOutcome, serve
from ..model import Finding
from ..owned import open_owned_folder
from ..site import Site, load_site
from ..sitelock import site_lock
from ..devserver.watcher import default_watch_paths
from ..pdf.preview import PrintPreview, preview_links
from .common import site_config

PREVIEW_FOLDER = "preview"
"""Inside .sitegen-cache/: the preview's own folder (never published)."""
DESCRIPTION = "Preview every leaflet (drafts included, with notes from the checks) at http://127.0.0.1:8000/."


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1: this computer only)")
    parser.add_argument("--port", type=int, default=8000, help="port to listen on (default 8000)")
    parser.add_argument("--allowed-host", action="append", default=[], metavar="NAME",
                        help="also accept requests for this host name (with --host beyond this computer); repeatable")


def run(args: argparse.Namespace) -> int:
    config = site_config(args)
    return run_preview(config, host=args.host, port=args.port, today=args.today, allowed_hosts=tuple(args.allowed_host))


class PreviewBuilder:
    """Build the review-mode preview; never raises, whatever the content."""

    def __init__(self, config: SiteConfig, today: dt.date | None = None, folder: Path | None = None, jobs: int | None = None) -> None:
        self.root = config.root
        self.config = config
        self.today = today
        self.jobs = jobs
        # Kept in the site's own cache folder (never published, ignored by the watcher) so
        # the next `sitegen serve` starts from the last preview instead of rendering every page.
        self.folder = folder or config.root / CACHE_DIR / PREVIEW_FOLDER
        self.shown = f"{CACHE_DIR}/{PREVIEW_FOLDER}/" if folder is None else ""
        if folder is None:
            os.close(open_owned_folder(config.root, f"{CACHE_DIR}/{PREVIEW_FOLDER}"))  # a real folder, not a link
        else:
            self.folder.mkdir(parents=True, exist_ok=True)
        self.site_dir = self.folder / "site"
        self.cache = open_cache(config)
        self.counter = itertools.count(1)
        self.last_good: Path | None = None
        self.build_id = ""
        self.print_preview = PrintPreview()
        """Makes ``<slug>/print-preview.pdf`` when asked (the dev server's ``on_demand``)."""
        self.page_errors: dict[str, tuple[str, ...]] = {}
        """Errors of single leaflets by page address, shown over that page only."""

    def __call__(self, changed: frozenset[Path] | None = None) -> BuildOutcome:
        try:
            # A build in the same folder finishes first (sitelock); the preview then catches up.
            with site_lock(self.root, "serve", wait=None):
                errors = self._build_or_reread(changed)
        except SitegenError as exc:
            errors = [f"{self.config.source or 'settings'}: error: {exc}"]
        except Exception as exc:  # a fault in sitegen must not stop the preview either
            errors = [f"sitegen: internal error: {type(exc).__name__}: {exc}\n{traceback.format_exc(limit=3)}"]
        if errors:
            return BuildOutcome(False, self.build_id, self.last_good, tuple(errors))
        if not self.build_id:
            self._save_cache()  # so the next `sitegen serve` starts warm
        self.build_id = f"b{next(self.counter)}"
        # Served by its real path as checked now: a link swapped in later is not followed.
        self.last_good = Path(os.path.realpath(self.site_dir))
        return BuildOutcome(True, self.build_id, self.last_good, (), self.page_errors)

    def _build_or_reread(self, changed: frozenset[Path] | None) -> list[str]:
        try:
            return self._build(changed)
        except textstore.Damaged:
            # A build in this folder removed stored texts this preview's cache still named:
            # read the cache that build saved, and render again.
            self.cache = open_cache(self.config)
            return self._build(None)

    def _build(self, changed: frozenset[Path] | None) -> list[str]:
        if changed is None or any(p.name in CONFIG_NAMES for p in changed):
            self._reload_config()
        site = load_site(self.config, self.today or today_from_env(), preview=True, cache=self.cache, jobs=self.jobs)
        own, whole = split_errors(site)
        if whole:
            return [messages.finding_line(f) for f in site.errors]
        self.page_errors = own
        if site.broken:  # shown with their errors, never published (the preview only)
            site = dataclasses.replace(site, pages=site.pages + site.broken)
        files = render.render_site(site, self.cache, self.jobs, write.preview_manifest(self.site_dir), preview_links(site))
        copies = static_copies(self.config, site)
        write.update_in_place(self.site_dir, files, copies, shown=self.shown)
        self.print_preview.update(site, self.cache, copies)
        return []

    def _reload_config(self) -> None:
        config = load_config(self.root)
        if config != self.config:
            self.config = config
            self.cache = open_cache(config)

    def close(self) -> None:
        self._save_cache()

    def _save_cache(self) -> None:
        """Save the cache under the site's lock; skipped if a build holds it for long (the cache is only a speed-up)."""
        try:
            with site_lock(self.root, "serve", wait=CACHE_SAVE_WAIT):
                self.cache.save()
        except SitegenError:
            pass


def split_errors(site: Site) -> tuple[dict[str, tuple[str, ...]], list[Finding]]:
    """The errors the preview can show on one leaflet's page (by address), and those about the
    whole site (settings, glossary, two files for one address), which stop the preview build.

    A leaflet whose file cannot be read at all has no page: its errors go on the home page,
    which lists it as broken."""
    pages = {p.leaflet.source: p.leaflet.slug for p in site.pages + site.broken}
    colliding = {f.path for f in site.errors if f.path in pages and " would both become the page " in f.message}
    own: dict[str, list[str]] = {}
    whole = []
    for finding in site.errors:
        if finding.path in pages and finding.path not in colliding:
            own.setdefault(f"/{pages[finding.path]}/", []).append(messages.finding_line(finding))
        elif finding.path in site.unreadable and finding.path not in colliding:
            own.setdefault("/", []).append(messages.finding_line(finding))
        else:
            whole.append(finding)
    return {address: tuple(lines) for address, lines in own.items()}, whole


CACHE_SAVE_WAIT = 10.0
"""Seconds the preview waits for a build to finish before giving up saving its cache (our own choice)."""

SAVE_DEBOUNCE = 0.05
"""Seconds of quiet after a save before rebuilding: an editor's atomic save (write aside,
rename over, sometimes a backup) takes a few milliseconds, so 50 ms catches the whole
burst while keeping save-to-reload fast. A slower burst costs one extra rebuild, never a
wrong page."""


def _stop(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def run_preview(config: SiteConfig, *, host: str, port: int, today: dt.date | None, allowed_hosts: tuple[str, ...] = ()) -> int:
    signal.signal(signal.SIGTERM, _stop)  # `kill` stops the preview as cleanly as Ctrl+C
    builder = PreviewBuilder(config, today)
    stderr(f"Building the preview of {config.site_name}: every leaflet, drafts included, with review notes.")
    try:
        return serve(builder, default_watch_paths(config.root),
                     [config.output_dir, config.root / CACHE_DIR, builder.folder, config.root / "report"],
                     host=host, port=port, allowed_hosts=allowed_hosts, debounce=SAVE_DEBOUNCE,
                     on_demand=builder.print_preview)
    finally:
        builder.close()
