"""Apply a leaflet's ``accepted`` entries: findings the team decided to keep.

An accepted finding stays in every report, as a decision: severity ``info``, its
message prefixed with who accepted it and why, and ``Finding.accepted`` set. So CI and
``--strict`` fail only on findings nobody accepted. An entry lapses at the leaflet's
``next_review`` (the finding comes back as it was); an entry whose word or sentence is
no longer on the page matches nothing (the key changed: the finding, if any, is new).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Iterable

from ..model import Finding, Severity
from ..plain.accepted import accepting
from ..source import Leaflet


def apply(leaflet: Leaflet, found: Iterable[Finding], today: dt.date) -> list[Finding]:
    entries = leaflet.meta.accepted
    if not entries:
        return list(found)
    out = []
    for finding in found:
        entry = accepting(entries, finding.code, finding.key, today, leaflet.meta.next_review) if finding.key else None
        if entry is not None:
            finding = dataclasses.replace(
                finding, severity=Severity.INFO, accepted=entry,
                message=f"accepted by {entry.by} on {entry.date.isoformat()} ({entry.reason}): {finding.message}",
                hint=f"this acceptance lapses at the next review ({leaflet.meta.next_review.isoformat()})")
        out.append(finding)
    return out
