"""Judgements about leaflets. Every check returns findings; none prints, logs or raises.

``LEAFLET_CHECKS`` run on each leaflet alone (so they can run in worker processes);
the link check runs once the publication gate has decided which leaflets are published.
"""

from __future__ import annotations

import datetime as dt
from typing import Callable

from ..config import SiteConfig
from ..model import Finding
from ..source import Leaflet
from . import placeholders, review, structure

LeafletCheck = Callable[[Leaflet, SiteConfig, dt.date], list[Finding]]

LEAFLET_CHECKS: tuple[tuple[str, LeafletCheck], ...] = (
    ("structure", structure.check),
    ("review-dates", review.check_dates),
    ("publication", review.check_publication),
    ("placeholders", placeholders.check),
)


def run_leaflet_checks(leaflet: Leaflet, config: SiteConfig, today: dt.date) -> list[Finding]:
    found: list[Finding] = list(leaflet.findings)
    for _name, check in LEAFLET_CHECKS:
        found.extend(check(leaflet, config, today))
    return found
