"""Judge the feedback log against the leaflets. Every check returns findings.

In: the log, the leaflets' slugs and ``changes``, the config and today's date. Out:
``feedback-unanswered`` warnings, and errors for ids and slugs that point at nothing.
"""

from __future__ import annotations

import datetime as dt
import difflib
from typing import Iterable, Sequence

from ..model import Finding, FrontMatter, Severity
from .log import FEEDBACK_DIR, LOG_CODE, FeedbackItem


MISSING_CODE = "feedback-missing"
"""Not in the contract's table: a ``changes`` entry names feedback the log does not have."""


def unanswered(items: Iterable[FeedbackItem], days: int, today: dt.date) -> list[Finding]:
    """Contract: feedback received more than ``days`` days ago (a setting) that still has status ``new``."""
    found = []
    for item in items:
        waited = (today - item.received).days
        if item.status == "new" and waited > days:
            found.append(Finding("feedback-unanswered", Severity.WARNING, item.source, item.lines.get("status") or item.lines.get("received"),
                                 f"this feedback was received on {item.received} ({waited} days ago) and its status is still 'new'",
                                 "decide what to do about it: set status to considered, changed or not-changed, "
                                 "write a response saying what we did or why not, and tell the person (responded: date)"))
    return found


def unknown_leaflets(items: Iterable[FeedbackItem], slugs: Sequence[str]) -> list[Finding]:
    found = []
    for item in items:
        for slug in item.leaflets:
            if slug not in slugs:
                found.append(Finding(LOG_CODE, Severity.ERROR, item.source, item.lines.get("leaflets"),
                                     f"this feedback is about the leaflet '{slug}', but there is no content/{slug}.md",
                                     _did_you_mean(slug, slugs, "write the leaflet's address: its file name without .md")))
    return found


def unknown_ids(leaflets: Iterable[tuple[str, FrontMatter]], ids: Sequence[str]) -> list[Finding]:
    """A ``changes`` entry's ``feedback:`` id with no ``feedback/<id>.yml``, on the leaflet's line.

    A warning, not an error: a dangling id puts nothing wrong on a page (only items the log
    shows publicly are linked), and a leaflet copied without its log still builds."""
    found = []
    for source, meta in leaflets:
        for change in meta.changes:
            for ident, line in zip(change.feedback, change.feedback_lines or (change.line,) * len(change.feedback)):
                if ident not in ids:
                    found.append(Finding(MISSING_CODE, Severity.WARNING, source, line,
                                         f"the changes entry of {change.date} answers feedback '{ident}', but there is no file {FEEDBACK_DIR}/{ident}.yml",
                                         _did_you_mean(ident, ids, f"the id is the feedback file's name without .yml; the log is in {FEEDBACK_DIR}/")))
    return found


def _did_you_mean(word: str, options: Sequence[str], otherwise: str) -> str:
    close = difflib.get_close_matches(word, list(options), n=1, cutoff=0.6)
    return f"did you mean '{close[0]}'?" if close else otherwise
