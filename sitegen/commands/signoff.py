"""``sitegen signoff``: record that someone approved the current text of one or more leaflets.

The leaflet must load cleanly first: a sign-off is evidence, so it is never written
into a file whose front matter sitegen cannot read. The file is rewritten atomically
(temporary file, then rename) and only the new entry is added.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
from pathlib import Path
from typing import Sequence

from .. import messages
from ..config import SiteConfig
from ..console import stderr
from ..model import SIGNOFF_ROLES, SignOff
from ..signoff_edit import SignoffEditError, SignoffEntry, append_signoff, write_atomically
from ..sitelock import QUICK_WAIT, site_lock
from ..source import Leaflet, parse_leaflet, slug_for
from .common import date_argument, site_config, today

DESCRIPTION = "Add a sign-off with the current fingerprint to each leaflet's front matter."


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("pages", nargs="+", type=Path, metavar="PAGE", help="leaflet files, e.g. content/asthma.md")
    parser.add_argument("--name", required=True, help="the reviewer's name")
    parser.add_argument("--role", required=True, choices=SIGNOFF_ROLES, help="the reviewer's role")
    parser.add_argument("--date", type=date_argument, help="date of the approval (default: today)")
    parser.add_argument("--note", default="", help="an optional note, e.g. what was checked")


def run(args: argparse.Namespace) -> int:
    config = site_config(args)
    return record_signoffs(config, args.pages, name=args.name, role=args.role, date=args.date or today(args), note=args.note)


def locate(config: SiteConfig, page: Path) -> Path:
    """Accept paths relative to the current folder or to the site folder."""
    if page.is_file():
        return page
    return config.root / page


def record_signoffs(config: SiteConfig, pages: Sequence[Path], *, name: str, role: str, date: dt.date, note: str) -> int:
    failures = 0
    # One writer at a time (sitelock): a second signoff waits, so neither loses the other's entry.
    with site_lock(config.root, "signoff", wait=QUICK_WAIT):
        for page in pages:
            failures += 0 if record_one(config, locate(config, page), name, role, date, note) else 1
    return 1 if failures else 0


def leads_out_of_site(path: Path, site: Path) -> bool:
    """True for a path written inside the site folder that a symlink leads outside it."""
    written, site_written = Path(os.path.abspath(path)), Path(os.path.abspath(site))
    return written.is_relative_to(site_written) and not path.resolve().is_relative_to(site.resolve())


def already_recorded(leaflet: Leaflet, entry: SignoffEntry) -> SignOff | None:
    """An approval of this exact text by the same person in the same role: a second run adds nothing."""
    for existing in leaflet.meta.signoff:
        if (existing.approves and existing.fingerprint == entry.fingerprint and existing.role == entry.role
                and existing.name.casefold() == entry.name.casefold()):
            return existing
    return None


def record_one(config: SiteConfig, path: Path, name: str, role: str, date: dt.date, note: str) -> bool:
    shown = path.as_posix()
    if not path.is_file() or path.suffix != ".md":
        stderr(f"{shown}: error: there is no leaflet file here (expected a .md file such as content/asthma.md)")
        return False
    real, root = path.resolve(), config.root.resolve()
    if leads_out_of_site(path, config.root):
        stderr(f"{shown}: error: this is a link to a file outside the site folder, so sitegen signoff will not change it; "
               "sign the leaflet in its own site folder, or replace the link with a copy of the file")
        return False
    raw = path.read_bytes()
    source = real.relative_to(root).as_posix() if real.is_relative_to(root) else shown
    leaflet, problems = parse_leaflet(source, slug_for(path), raw)
    if leaflet is None:
        stderr(messages.findings_text(problems))
        stderr(f"{shown}: not signed: fix the front matter first, then run sitegen signoff again")
        return False
    entry = SignoffEntry(name=name.strip(), role=role, date=date, fingerprint=leaflet.fingerprint, note=note.strip())
    same = already_recorded(leaflet, entry)
    if same is not None:
        print(f"{shown}: {entry.name} ({role}) already approved this text on {same.date} "
              f"(fingerprint {leaflet.fingerprint}); nothing was added")
        return True
    try:
        write_atomically(path, append_signoff(raw.decode("utf-8"), entry), expected=raw)
    except (SignoffEditError, OSError) as exc:
        stderr(f"{shown}: error: could not record the sign-off: {exc}")
        return False
    print(f"{shown}: recorded {entry.name} ({role}) approving this text on {date} (fingerprint {leaflet.fingerprint})")
    return True
