"""``related:`` entries that name no leaflet: said, not silently dropped.

An entry naming a leaflet that exists but is not published is left out of the page
quietly (no unpublished address may leak, and it comes back once that leaflet is
published); one naming no leaflet at all is a mistake the writer needs to hear about.
"""

from __future__ import annotations

import difflib
from pathlib import Path
from typing import Iterable

from ..model import Finding, Severity
from ..source import Leaflet, slug_for


def check(leaflets: Iterable[Leaflet], unreadable: Iterable[str]) -> list[Finding]:
    leaflets = list(leaflets)
    known = ({leaflet.slug for leaflet in leaflets} | {slug_for(Path(leaflet.source)) for leaflet in leaflets}
             | {slug_for(Path(s)) for s in unreadable})
    found = []
    for leaflet in leaflets:
        for slug in leaflet.meta.related:
            if slug in known:
                continue
            close = difflib.get_close_matches(slug, sorted(known), n=1)
            hint = (f"did you mean '{close[0]}'? " if close else "") + \
                "write the file name of a leaflet in content/, without .md, for example: related: [using-your-inhaler]"
            found.append(Finding("related-unknown", Severity.WARNING, leaflet.source, leaflet.meta.lines.get("related"),
                                 f"the related leaflet '{slug}' does not exist, so it is left out of 'Related leaflets'", hint))
    return found

