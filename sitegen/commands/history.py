"""``sitegen history PAGE``: each version of a leaflet's words, who approved it, and what changed.

Reads the site's git history (``sitegen.history.git``). Versions that differ only in front
matter (a sign-off recorded, a date moved) have the same fingerprint and are listed once.
"""

from __future__ import annotations

import argparse
import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from ..config import SiteConfig
from ..console import stderr
from ..errors import ConfigError
from ..history import diff, git
from ..history.approved import fully_approved
from ..source import Leaflet, parse_leaflet, slug_for
from .common import site_config

DESCRIPTION = "List each version of a leaflet's words from the git history, with who approved it; show a word-level diff."
DIFF_HELP = ("show what changed, word by word: with no value, from the last approved version to the text now; "
             "or between two versions, named by their number in the list, 'now', or a fingerprint")


@dataclass(frozen=True)
class Row:
    label: str
    """"now" or the version's number, 1 the newest committed."""
    date: dt.date | None
    commit: str
    leaflet: Leaflet


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("page", type=Path, metavar="PAGE", help="a leaflet file, e.g. content/asthma.md")
    parser.add_argument("--diff", nargs="*", metavar="VERSION", help=DIFF_HELP)


def run(args: argparse.Namespace) -> int:
    config = site_config(args)
    source = _source(config, args.page)
    if not (config.root / source).is_file():
        stderr(f"{source}: error: there is no leaflet file here (expected a .md file such as content/asthma.md)")
        return 1
    rows, problem = versions(config, source)
    if not rows:
        stderr(f"{source}: error: {problem or 'the leaflet cannot be read'}")
        return 1
    if args.diff is None:
        print(listing(config, source, rows, problem))
        return 0
    return show_diff(config, source, rows, args.diff)


def _source(config: SiteConfig, page: Path) -> str:
    path = page if page.is_file() else config.root / page
    try:
        return path.resolve().relative_to(config.root.resolve()).as_posix()
    except ValueError:
        raise ConfigError(f"{page} is not a file of the site in {config.root}") from None


def versions(config: SiteConfig, source: str) -> tuple[list[Row], str]:
    """The text now (if readable) and each committed text, newest first, one row per fingerprint run."""
    rows: list[Row] = []
    path = config.root / source
    if path.is_file():
        now, _ = parse_leaflet(source, slug_for(path), path.read_bytes())
        if now is not None:
            rows.append(Row("now", None, "", now))
    missing = git.repository(config.root)
    if missing:
        return rows, missing.reason
    try:
        past = git.versions(config.root, source)
    except git.GitFailed as exc:
        return rows, f"git could not read the history of {source} ({exc})"
    number = 0
    for version in past:
        leaflet, _ = parse_leaflet(source, slug_for(path), version.raw)
        if leaflet is None:
            continue
        if rows and rows[-1].leaflet.fingerprint == leaflet.fingerprint:
            rows[-1] = Row(rows[-1].label, version.date, version.commit, rows[-1].leaflet)  # first seen earlier
            continue
        number += 1
        rows.append(Row(str(number), version.date, version.commit, leaflet))
    return rows, "" if past else f"{source} has no committed versions yet"


def listing(config: SiteConfig, source: str, rows: list[Row], problem: str) -> str:
    signoffs = rows[0].leaflet.meta.signoff
    lines = [f"{source}: {len(rows)} version{'s' if len(rows) != 1 else ''} of the words, newest first"]
    for row in rows:
        fp = row.leaflet.fingerprint
        who = [f"{s.display_name} ({s.role}, {s.date})" for s in signoffs if s.approves_text(fp)]
        state = "approved" if fully_approved(signoffs, fp, config.signoff_groups(rows[0].leaflet.meta.is_translation)) else "not fully approved"
        when = f"{row.date} commit {row.commit[:10]}" if row.commit else "not committed"
        lines.append(f"  {row.label:>4}  {when}  fingerprint {fp}  {state}"
                     + (f"; signed by {', '.join(who)}" if who else ""))
    if problem:
        lines.append(f"Earlier versions: {problem}.")
    lines.append(f"To see what changed since the last approved version: sitegen history {source} --diff")
    return "\n".join(lines)


def pick(rows: list[Row], name: str) -> Row | None:
    return next((r for r in rows if r.label == name or (len(name) >= 4 and r.leaflet.fingerprint.startswith(name.lower()))), None)


def show_diff(config: SiteConfig, source: str, rows: list[Row], names: list[str]) -> int:
    if len(names) not in (0, 2):
        stderr("sitegen: error: --diff takes no version (last approved to now) or two, e.g. --diff 2 now")
        return 2
    if names:
        old, new = pick(rows, names[0]), pick(rows, names[1])
        unknown = [n for n, r in zip(names, (old, new)) if r is None]
        if unknown:
            stderr(f"sitegen: error: there is no version '{unknown[0]}' of {source}; run sitegen history {source} to list them")
            return 2
    else:
        signoffs = rows[0].leaflet.meta.signoff
        new = rows[0]
        old = next((r for r in rows[1:] if fully_approved(signoffs, r.leaflet.fingerprint, config.signoff_groups(new.leaflet.meta.is_translation))), None)
        if old is None:
            stderr(f"{source}: error: no earlier version has every required sign-off, so there is nothing to compare with")
            return 1
    assert old is not None and new is not None
    before, after = (diff.leaflet_text(r.leaflet.meta.title, r.leaflet.meta.summary, r.leaflet.body_text) for r in (old, new))
    print(f"{source}: from version {old.label} (fingerprint {old.leaflet.fingerprint}) to version {new.label} "
          f"(fingerprint {new.leaflet.fingerprint}); removed words are in [- -], added words in {{+ +}}")
    print(diff.as_text(before, after) if diff.changed(before, after) else "The words are the same.")
    return 0
