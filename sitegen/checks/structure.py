"""Page structure: heading levels and image alt text (WCAG 1.1.1, 1.3.1)."""

from __future__ import annotations

import datetime as dt

from ..config import SiteConfig
from ..model import Finding, Severity
from ..source import Leaflet


def check(leaflet: Leaflet, config: SiteConfig, today: dt.date) -> list[Finding]:
    return headings(leaflet) + images(leaflet)


def headings(leaflet: Leaflet) -> list[Finding]:
    """The title is the page's only h1, so the body starts at ## and never skips a level."""
    found = []
    previous = 1
    for heading in leaflet.body.headings:
        if heading.level == 1:
            found.append(Finding("heading-order", Severity.WARNING, leaflet.source, heading.line,
                                 f"'{heading.text}' is a top-level heading (#), but the title is already the page's main heading",
                                 "start section headings with ## (two hash signs)"))
        elif heading.level > previous + 1:
            found.append(Finding("heading-order", Severity.WARNING, leaflet.source, heading.line,
                                 f"'{heading.text}' skips a heading level (h{previous} to h{heading.level})",
                                 f"use {'#' * (previous + 1)} for this heading, or add the missing level above it"))
        previous = max(heading.level, 1)
    return found


def images(leaflet: Leaflet) -> list[Finding]:
    return [
        Finding("image-alt", Severity.ERROR, leaflet.source, link.line,
                f"the image '{link.target}' has no description (alt text)",
                "write what the image shows between the square brackets: ![A spacer attached to an inhaler](images/spacer.svg)")
        for link in leaflet.body.links
        if link.is_image and not link.text.strip()
    ]
