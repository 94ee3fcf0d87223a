"""The fingerprint of a leaflet's words: what a sign-off approves.

Contract (docs/front-matter.md): a short hash of the title, summary and body after
normalising line endings and trailing spaces. Dates, credits and sign-offs are
not part of it, so recording a review never makes another review stale.
"""

from __future__ import annotations

import hashlib

LENGTH = 10
"""Hex characters kept: the contract allows 8 to 12; 10 makes an accidental match
between two versions of one leaflet about one in a trillion."""


def normalise(text: str) -> str:
    """Unify line endings, drop trailing spaces on each line and blank lines at either end."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = [line.rstrip() for line in text.split("\n")]
    return "\n".join(lines).strip("\n")


def fingerprint(title: str, summary: str, body: str) -> str:
    joined = "\n\x1f\n".join((normalise(title), normalise(summary), normalise(body)))
    return hashlib.sha256(joined.encode("utf-8")).hexdigest()[:LENGTH]
