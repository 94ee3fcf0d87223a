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


NEAR_MISS_EDITS = 2
"""At most this many characters typed wrong, missing or extra: a copying slip, not another
text (two versions' fingerprints agree that closely about once in ten million; our own
threshold, needs review)."""


def near_miss(written: str, current: str) -> bool:
    """Whether `written` looks like `current` copied by hand with a slip: a few characters
    wrong, missing or extra, or the start of it copied and the end left off."""
    if not written or written == current:
        return False
    if len(written) >= 6 and current.startswith(written):
        return True
    return _edits(written, current) <= NEAR_MISS_EDITS


def _edits(a: str, b: str) -> int:
    """Levenshtein distance (fingerprints are 12 characters at most, so the table is tiny)."""
    row = list(range(len(b) + 1))
    for i, char_a in enumerate(a, start=1):
        previous, row[0] = row[0], i
        for j, char_b in enumerate(b, start=1):
            previous, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, previous + (char_a != char_b))
    return row[-1]
