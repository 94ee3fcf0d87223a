"""Which version of a leaflet its reviewers approved.

In: the leaflet as it is now (its sign-offs are the record of who approved what) and its
past versions. Out: the newest version whose fingerprint has a current approval from every
required group. Sign-offs are always read from the file as it is now: deleting a sign-off
withdraws it, and a past file's own sign-off list is never trusted on its own.
"""

from __future__ import annotations

import dataclasses
import hashlib
from dataclasses import dataclass
from typing import Iterable, Sequence

from ..model import SignOff
from ..source import Leaflet, parse_leaflet
from .git import Version


@dataclass(frozen=True)
class Approved:
    """An approved past version, parsed, with the sign-offs of the file as it is now."""

    version: Version
    leaflet: Leaflet
    """The past file's text, front matter and changes; ``meta.signoff`` and ``meta.status`` are today's."""

    @property
    def fingerprint(self) -> str:
        return self.leaflet.fingerprint

    @property
    def signoffs(self) -> tuple[SignOff, ...]:
        return self.leaflet.current_signoffs

    @property
    def approved_on(self):  # type: ignore[no-untyped-def]
        """The date of the last sign-off that completed the approval."""
        return max(s.date for s in self.signoffs)


def fully_approved(signoffs: Iterable[SignOff], fingerprint: str, groups: Sequence[tuple[str, ...]]) -> bool:
    """Every required group has a current approval of exactly this text (the publication policy)."""
    entries = [s for s in signoffs if s.approves_text(fingerprint)]
    return bool(entries) and all(any(s.role in group for s in entries) for group in groups)


def candidates(now: Leaflet, versions: Iterable[Version], groups: Sequence[tuple[str, ...]]) -> Iterable[Approved]:
    """Approved past versions, newest first (a version that cannot be read is skipped)."""
    for version in versions:
        past, _problems = parse_leaflet(now.source, now.slug, version.raw)
        if past is None or past.fingerprint == now.fingerprint:
            continue
        if not fully_approved(now.meta.signoff, past.fingerprint, groups):
            continue
        meta = dataclasses.replace(past.meta, signoff=now.meta.signoff, status=now.meta.status)
        # The page shows today's sign-offs, so its cache key must change when they do.
        digest = hashlib.sha256(f"{past.digest}|{now.digest}".encode()).hexdigest()
        yield Approved(version, dataclasses.replace(past, meta=meta, digest=digest))
