"""The ``placeholder`` blocker: example text from ``sitegen new`` that nobody replaced.

A leaflet still saying "Full name" or "Call 999 or go to A&E if ..." is unfinished, so it
is not published, whatever its status and sign-offs say. The texts live in
``sitegen.placeholders``, with the template that writes them.
"""

from __future__ import annotations

import datetime as dt

from .. import placeholders
from ..config import SiteConfig
from ..model import Finding, Severity
from ..source import Leaflet


def check(leaflet: Leaflet, config: SiteConfig, today: dt.date) -> list[Finding]:
    front = [(line, placeholders.front_placeholder(text)) for line, text in leaflet.meta.placeholders]
    body = placeholders.in_body(leaflet.body_text, leaflet.line_offset)
    return [finding(leaflet.source, line, p) for line, p in sorted(front + body, key=lambda item: item[0])]


def finding(source: str, line: int, placeholder: placeholders.Placeholder) -> Finding:
    return Finding("placeholder", Severity.BLOCKER, source, line,
                   f"not published: {placeholder.what} is still the example text {placeholder.origin}: "
                   f"\"{placeholder.text}\"", placeholder.hint)
