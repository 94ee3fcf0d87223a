"""The approved version stays live: what to publish while a leaflet's new text awaits sign-off.

In: every analysed leaflet as it is now. Out, for each leaflet whose text changed after it
was approved: its last approved version (from git), the page to publish instead of the new
text when the new text is held back only for want of sign-off, and findings that say so
(``awaiting-signoff``), say why no approved version could be used (``history-unavailable``)
or say that nobody wrote down why the text changed (``change-unexplained``).

A draft or withdrawn leaflet is never published, and a past version is published only when
every required group approved exactly its text and it passes every other rule today.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Callable, Iterable, Mapping, Protocol

from ..config import SiteConfig
from ..model import Finding, Severity
from ..source import Leaflet
from . import git
from .approved import Approved, candidates, fully_approved

HELD_BACK_ONLY_BY = ("signoff-stale", "signoff-missing")
"""Blockers that mean "the reviewers have not approved this text yet": the only case where
an earlier approved text may stay published instead."""
AWAITING = "awaiting-signoff"
UNAVAILABLE = "history-unavailable"


class AnalysedPage(Protocol):
    leaflet: Leaflet
    findings: tuple[Finding, ...]

    @property
    def blocked(self) -> bool: ...


@dataclass(frozen=True)
class LiveVersions:
    pages: Mapping[str, AnalysedPage] = field(default_factory=dict)
    """Leaflet slug -> the approved version's page, published instead of the new text."""
    approved: Mapping[str, Approved] = field(default_factory=dict)
    """Leaflet source -> its last approved version, when its text has changed since."""
    findings: tuple[Finding, ...] = ()


def was_approved_before(leaflet: Leaflet) -> bool:
    """Some approval names an earlier text (the text changed after someone signed it)."""
    return any(s.approves and s.fingerprint and s.fingerprint != leaflet.fingerprint for s in leaflet.meta.signoff)


def resolve(config: SiteConfig, pages: Iterable[AnalysedPage], analyse: Callable[[Leaflet], AnalysedPage]) -> LiveVersions:
    wanted = [p for p in pages if was_approved_before(p.leaflet)
              and not fully_approved(p.leaflet.meta.signoff, p.leaflet.fingerprint, config.signoff_groups(p.leaflet.meta.is_translation))]
    if not wanted:
        return LiveVersions()
    missing = git.repository(config.root)
    live: dict[str, AnalysedPage] = {}
    approved: dict[str, Approved] = {}
    found: list[Finding] = []
    for page in wanted:
        version, reason = (None, missing.reason) if missing else last_approved(config, page.leaflet)
        if version is not None:
            approved[page.leaflet.source] = version
        found += unexplained(page.leaflet, version)
        if not eligible(page):
            continue
        if version is None:
            found.append(_unavailable(page.leaflet, reason))
            continue
        past = analyse(version.leaflet)
        problems = [f.message.removeprefix("not published: ") for f in past.findings if f.severity in (Severity.ERROR, Severity.BLOCKER)]
        if problems or past.blocked:
            found.append(_unavailable(page.leaflet, f"the version approved on {version.approved_on} cannot be published today: "
                                      + "; ".join(problems or ["it does not pass the publication rules"])))
            continue
        live[page.leaflet.slug] = past
        found.append(_awaiting(page.leaflet, version))
    return LiveVersions(live, approved, tuple(found))


def eligible(page: AnalysedPage) -> bool:
    """Held back only for want of sign-off: published status, and no other blocker or error."""
    held = [f for f in page.findings if f.severity in (Severity.BLOCKER, Severity.ERROR)]
    return page.leaflet.meta.status.is_publishable() and bool(held) and all(f.code in HELD_BACK_ONLY_BY for f in held)


def last_approved(config: SiteConfig, leaflet: Leaflet) -> tuple[Approved | None, str]:
    try:
        past = git.versions(config.root, leaflet.source)
    except git.GitFailed as exc:
        return None, f"git could not read the history of {leaflet.source} ({exc})"
    newest = next(iter(candidates(leaflet, past, config.signoff_groups(leaflet.meta.is_translation))), None)
    if newest is None:
        return None, "no earlier version in the git history has every required sign-off"
    return newest, ""


def _line(leaflet: Leaflet) -> int | None:
    return leaflet.meta.lines.get("signoff")


def _awaiting(leaflet: Leaflet, version: Approved) -> Finding:
    return Finding(AWAITING, Severity.INFO, leaflet.source, _line(leaflet),
                   f"the new text awaits sign-off, so the version approved on {version.approved_on} "
                   f"(fingerprint {version.fingerprint}) stays published",
                   f"see what changed with: sitegen history {leaflet.source}; the new text is published once every "
                   "required reviewer has signed it")


def _unavailable(leaflet: Leaflet, reason: str) -> Finding:
    return Finding(UNAVAILABLE, Severity.INFO, leaflet.source, _line(leaflet),
                   f"the new text awaits sign-off and no approved version can stay published instead: {reason}",
                   "until every required reviewer signs the new text, this leaflet is not published")


def unexplained(leaflet: Leaflet, version: Approved | None) -> list[Finding]:
    """Contract: text that differs from the last approved version with no changes entry added since."""
    entries = leaflet.meta.changes
    if version is not None:
        before = {(c.date, c.what, c.why) for c in version.leaflet.meta.changes}
        explained = any((c.date, c.what, c.why) not in before for c in entries)
        since = f"the version approved on {version.approved_on}"
    else:  # no history: an entry dated on or after the last approval of an earlier text
        stale = [s.date for s in leaflet.meta.signoff if s.approves and s.fingerprint and s.fingerprint != leaflet.fingerprint]
        newest: dt.date = max(stale)
        explained = any(c.date >= newest for c in entries)
        since = f"it was approved on {newest}"
    if explained:
        return []
    return [Finding("change-unexplained", Severity.WARNING, leaflet.source, leaflet.meta.lines.get("changes") or _line(leaflet),
                    f"the text has changed since {since}, and no new changes entry says what changed and why",
                    "add an entry at the end of changes: with date, what and why (sitegen history "
                    f"{leaflet.source} shows what changed), so reviewers and readers know why")]
