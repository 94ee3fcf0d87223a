"""The preview's list of every leaflet with its state: would be published, would not be
published and why, or broken (errors that must be fixed first). Shown on the preview's
home page only; a built site never lists a leaflet that is not published.
"""

from __future__ import annotations

from dataclasses import dataclass

from .model import Severity
from .site import Page, Site, blocker_reasons

PUBLISHED, NOT_PUBLISHED, BROKEN = "published", "not-published", "broken"
LABELS = {PUBLISHED: "Would be published", NOT_PUBLISHED: "Would not be published", BROKEN: "Broken"}
"""Our own wording, needs review."""


@dataclass(frozen=True, slots=True)
class LeafletStatus:
    title: str
    url: str | None
    """Relative address of its preview page; None when the file could not be read at all."""
    source: str
    state: str
    reasons: tuple[str, ...]

    @property
    def label(self) -> str:
        return LABELS[self.state]


def statuses(site: Site) -> tuple[LeafletStatus, ...]:
    shown = {p.leaflet.source for p in site.pages}
    rows = [_status(site, page) for page in site.pages]
    rows += [LeafletStatus(source.removeprefix("content/"), None, source, BROKEN, _errors(site, source))
             for source in site.unreadable if source not in shown]
    return tuple(sorted(rows, key=lambda r: ({BROKEN: 0, NOT_PUBLISHED: 1, PUBLISHED: 2}[r.state], r.title.casefold())))


def _status(site: Site, page: Page) -> LeafletStatus:
    leaflet = page.leaflet
    title = leaflet.meta.title or leaflet.source.removeprefix("content/")
    errors = _errors(site, leaflet.source)
    if page.broken or errors:
        return LeafletStatus(title, f"{leaflet.slug}/", leaflet.source, BROKEN, errors)
    if leaflet.slug in site.published:
        return LeafletStatus(title, f"{leaflet.slug}/", leaflet.source, PUBLISHED, ())
    return LeafletStatus(title, f"{leaflet.slug}/", leaflet.source, NOT_PUBLISHED, tuple(blocker_reasons(page.findings)))


def _errors(site: Site, source: str) -> tuple[str, ...]:
    found = [f for f in site.findings if f.path == source and f.severity is Severity.ERROR]
    return tuple(f"line {f.line}: {f.message}" if f.line else f.message for f in found)
