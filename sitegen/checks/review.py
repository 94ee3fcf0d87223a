"""Review dates and the publication gate (contract: docs/front-matter.md, "Publication policy").

A sign-off approves one exact text: it counts only while its fingerprint equals the
leaflet's current fingerprint. Messages never print a name hidden with show_name: false.
"""

from __future__ import annotations

import datetime as dt
import re

from ..config import SiteConfig
from ..fingerprint import near_miss
from ..model import Finding, Severity, SignOff
from ..source import Leaflet

ROLE_WORDS = {"clinical": "clinical reviewer", "patient": "patient", "carer": "carer", "editorial": "editor",
              "translation": "translator or bilingual reviewer"}
_HEX = re.compile(r"^[0-9a-f]{8,12}$")


def add_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February in a year that has none
        return day.replace(year=day.year + years, day=28)


def check_dates(leaflet: Leaflet, config: SiteConfig, today: dt.date) -> list[Finding]:
    meta, src = leaflet.meta, leaflet.source
    line = meta.lines.get("next_review")
    found: list[Finding] = []
    latest = add_years(meta.last_reviewed, config.review_cycle_years)
    if meta.next_review < meta.last_reviewed:
        found.append(Finding("frontmatter", Severity.ERROR, src, line, f"next_review ({meta.next_review}) is before last_reviewed ({meta.last_reviewed})",
                             "next_review is when the page will next be checked; it must come after last_reviewed"))
    elif meta.next_review > latest:
        found.append(Finding("frontmatter", Severity.ERROR, src, line,
                             f"next_review ({meta.next_review}) is more than {config.review_cycle_years} years after last_reviewed ({meta.last_reviewed})",
                             f"set next_review to {latest} or earlier"))
    if meta.next_review < today:
        severity = Severity.WARNING if config.publish_overdue else Severity.BLOCKER
        found.append(Finding("review-overdue", severity, src, line, f"this leaflet was due for review on {meta.next_review}",
                             "review the whole page with a clinician and a patient or carer, then update last_reviewed and next_review"))
    elif (meta.next_review - today).days <= config.due_soon_days:
        found.append(Finding("review-due-soon", Severity.INFO, src, line, f"this leaflet is due for review on {meta.next_review}",
                             "plan the review now so the page stays up to date"))
    found.extend(_unsigned_review(leaflet))
    return found


def _unsigned_review(leaflet: Leaflet) -> list[Finding]:
    clinical = [s.date for s in leaflet.meta.signoff if s.role == "clinical" and s.approves]
    if clinical and leaflet.meta.last_reviewed > max(clinical):
        return [Finding("review-unsigned", Severity.WARNING, leaflet.source, leaflet.meta.lines.get("last_reviewed"),
                        f"last_reviewed ({leaflet.meta.last_reviewed}) is later than the newest clinical sign-off ({max(clinical)})",
                        "a review of clinical content needs a clinician's sign-off on or after the review date (NHS page-review pattern)")]
    return []


def check_publication(leaflet: Leaflet, config: SiteConfig, today: dt.date) -> list[Finding]:
    meta, src = leaflet.meta, leaflet.source
    found: list[Finding] = []
    if not meta.status.is_publishable():
        found.append(Finding("draft", Severity.BLOCKER, src, meta.lines.get("status"), f"not published: the status is '{meta.status.value}'",
                             "change status to published when the leaflet is ready and signed off"))
    translation = meta.is_translation
    for group in config.signoff_groups(translation):
        found.extend(_group_findings(leaflet, group))
    # A translation's co-production is the English leaflet's; its own credits name its translators.
    if config.require_lived_experience and not translation and not any(c.lived_experience for c in meta.coproduction):
        found.append(Finding("coproduction-missing", Severity.BLOCKER, src, meta.lines.get("coproduction", 1),
                             "not published: nobody with lived experience is credited in coproduction",
                             "add the people with lived experience who helped make this leaflet, with lived_experience: true"))
    if config.require_sources and not meta.sources:
        found.append(Finding("sources-missing", Severity.BLOCKER, src, meta.lines.get("sources", 1),
                             "not published: the leaflet does not list its sources",
                             "add the evidence you used under sources:, each with a title (and a url if it is online)"))
    return found


def describe_group(group: tuple[str, ...]) -> str:
    words = " or ".join(ROLE_WORDS[r] for r in group)
    return ("an " if words[0] in "aeiou" else "a ") + words


def _group_findings(leaflet: Leaflet, group: tuple[str, ...]) -> list[Finding]:
    if any(s.role in group for s in leaflet.current_signoffs):
        return []
    entries = [s for s in leaflet.meta.signoff if s.role in group and s.approves]
    needs = f"not published: needs a current sign-off by {describe_group(group)}"
    stale = [s for s in entries if s.fingerprint]
    command = f'sitegen signoff {leaflet.source} --name "NAME" --role {group[0]}'
    slips = [s for s in stale if near_miss(s.fingerprint, leaflet.fingerprint)]
    if slips:
        return [_copy_slip(leaflet, max(slips, key=lambda s: s.date))]
    if stale:
        newest = max(stale, key=lambda s: s.date)
        if newest.show_name and newest.name:
            command = f'sitegen signoff {leaflet.source} --name "{newest.name}" --role {newest.role}'
        if not _HEX.match(newest.fingerprint):
            return [Finding("signoff-stale", Severity.BLOCKER, leaflet.source, newest.line,
                            f"{needs}; the sign-off by {_who(newest)} has '{newest.fingerprint}' where the fingerprint should be",
                            f"a fingerprint is 8 to 12 letters a-f and digits; record sign-offs with: {command} (it writes the fingerprint for you)")]
        return [Finding("signoff-stale", Severity.BLOCKER, leaflet.source, newest.line,
                        f"{needs}; {_who(newest)} signed an earlier version on {newest.date}",
                        f"the words have changed since {newest.date}: ask {_who(newest)} to read \"What changed since the version "
                        f"you approved\" in the preview (or run: sitegen history {leaflet.source} --diff), "
                        f"then record their approval with: {command}")]
    if entries:
        newest = max(entries, key=lambda s: s.date)
        return [Finding("signoff-missing", Severity.BLOCKER, leaflet.source, newest.line,
                        f"{needs}; the sign-off by {_who(newest)} on {newest.date} has no fingerprint, so it does not show which text was approved",
                        f"record sign-offs with: {command} (it writes the fingerprint for you)")]
    return [Finding("signoff-missing", Severity.BLOCKER, leaflet.source, leaflet.meta.lines.get("signoff", 1),
                    needs, f"when they have approved this exact text, run: {command}")]


def _copy_slip(leaflet: Leaflet, entry: SignOff) -> Finding:
    """A fingerprint a few characters from the current one was copied wrongly, not given for other words."""
    return Finding("signoff-stale", Severity.BLOCKER, leaflet.source, entry.fingerprint_line or entry.line,
                   "not published: this fingerprint is not this text's: did you copy it correctly? "
                   f"This text's fingerprint is {leaflet.fingerprint}",
                   f"if {_who(entry)} approved the text on the page now, change this line to: fingerprint: {leaflet.fingerprint}")


def _who(entry: SignOff) -> str:
    return entry.name if entry.show_name and entry.name else f"the {entry.role} reviewer on line {entry.line}"
