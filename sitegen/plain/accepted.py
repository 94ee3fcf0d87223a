"""Finding keys and accepted findings: decisions a team made to keep a finding on purpose.

In: a finding's code and term or sentence; the page's ``accepted`` entries and its
``next_review`` date. Out: the finding's ``key`` and whether an entry accepts it.

The key is short and stable: the first 8 hex digits of SHA-256 over the code and the
normalised term (lower case, single spaces, straight apostrophes) or, for sentence
findings, the normalised sentence text. So an edit elsewhere on the page never
changes it, and changing the word or the sentence does, which reopens the finding.
Page-wide findings (``reading-age``) key on the code and the page alone: accepting
one covers the page until the acceptance lapses.

An acceptance lapses at the leaflet's ``next_review`` (front-matter contract):
accepted on or before it and today before it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Iterable

from sitegen.model import Accepted

KEY_LENGTH = 8


def normalised(text: str) -> str:
    return " ".join(text.replace("\u2019", "'").replace("\u2018", "'").lower().split())


def finding_key(code: str, term: str | None = None, sentence: str | None = None) -> str:
    """Short stable key for a finding (see the module docstring)."""
    subject = normalised(term) if term else normalised(sentence) if sentence else ""
    return hashlib.sha256(f"{code}\0{subject}".encode("utf-8")).hexdigest()[:KEY_LENGTH]


def acceptance_key(entry: Accepted) -> str:
    """The finding key an ``accepted`` entry names: its sentence key, or the key of its term."""
    return entry.sentence.lower() if entry.sentence else finding_key(entry.code, term=entry.term)


def accepting(entries: Iterable[Accepted], code: str, key: str, today: dt.date,
              next_review: dt.date | None) -> Accepted | None:
    """The entry that accepts the finding ``(code, key)`` today, or None."""
    if next_review is not None and today >= next_review:
        return None  # lapsed at the review date: the team must decide again
    for entry in entries:
        if entry.code == code and acceptance_key(entry) == key:
            return entry
    return None


def unmatched(entries: Iterable[Accepted], keys: set[tuple[str, str]]) -> list[Accepted]:
    """Entries that match no current finding: the word or sentence changed, or it was fixed."""
    return [e for e in entries if (e.code, acceptance_key(e)) not in keys]
