"""The typed data model shared by every pipeline stage.

Stages return new values and never fill in placeholders later: a stage that
adds information builds a new object (``dataclasses.replace``).

The classes are frozen but not ``slots=True``: they travel through the build cache
and between worker processes, and pickle restores a ``__dict__`` in C but calls a
Python ``__setstate__`` for each slotted dataclass, which made loading the cache of a
1,000-leaflet site four times slower.
"""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass, field
from typing import Mapping


class Severity(enum.Enum):
    """How much a finding matters (contract: docs/front-matter.md, "Finding codes")."""

    ERROR = "error"
    """`sitegen build` stops and writes nothing."""
    BLOCKER = "blocker"
    """That leaflet is not published; the rest of the site builds."""
    WARNING = "warning"
    """Reported; `--strict` turns it into a failure."""
    INFO = "info"
    """Reported only."""


@dataclass(frozen=True)
class Finding:
    """One thing a check noticed, located in a source file."""

    code: str
    """Stable code from the contract, e.g. ``jargon`` or ``signoff-stale``."""
    severity: Severity
    path: str
    """Path relative to the site root, with forward slashes (``content/asthma.md``)."""
    line: int | None
    """1-based line in the file, or None when the finding is about the whole file."""
    message: str
    """Plain English: what is wrong."""
    hint: str | None = None
    """Plain English: how to fix it."""
    column: int | None = None
    term: str | None = None
    """For ``jargon``, ``uncommon-word`` and ``abbreviation``: the term as written."""
    suggestion: str | None = None
    """For ``jargon``: the plainer alternative(s); ``uncommon-word`` may have one."""
    key: str | None = None
    """Short stable key an ``accepted`` entry can name (``sitegen.plain.accepted``)."""
    accepted: Accepted | None = None
    """The team's decision to keep this finding; it is then reported, never a failure."""

    def location(self) -> str:
        if self.line is None:
            return self.path
        if self.column is None:
            return f"{self.path}:{self.line}"
        return f"{self.path}:{self.line}:{self.column}"


# --------------------------------------------------------------------------- front matter

@dataclass(frozen=True)
class Accepted:
    """One ``accepted`` entry: a finding the team decided to keep (contract, "Additions")."""

    code: str
    term: str
    """For word findings: the word or phrase ("" otherwise)."""
    sentence: str
    """For sentence findings: the key ``check`` printed ("" otherwise)."""
    reason: str
    by: str
    date: dt.date
    line: int = 0

CREDIT_ROLES = ("patient", "carer", "clinician", "staff", "volunteer", "translator", "other")
STAGES = ("planning", "design", "writing", "review", "testing", "evaluation")
SIGNOFF_ROLES = ("clinical", "patient", "carer", "editorial", "translation")
"""``translation``: a qualified translator or bilingual reviewer approving a translation's own text (contract, "Additions")."""
DECISIONS = ("approved", "changes-requested")


class ReviewStatus(enum.Enum):
    """A leaflet's ``status`` (contract: draft | published | withdrawn, default published).

    The values are the words written in front matter; code asks the predicates
    instead of comparing words (MkDocs' ``InclusionLevel`` idea)."""

    DRAFT = "draft"
    """Being written or reviewed: never published; shown in the preview with a banner."""
    PUBLISHED = "published"
    """Meant to be public: published once sign-offs, co-production and sources are in place."""
    WITHDRAWN = "withdrawn"
    """Taken down: never published; still shown in the preview."""

    def is_publishable(self) -> bool:
        """Whether the status lets the leaflet be published (the rest of the gate still applies)."""
        return self is ReviewStatus.PUBLISHED


STATUSES = tuple(status.value for status in ReviewStatus)


@dataclass(frozen=True)
class Credit:
    """One ``coproduction`` entry: who helped make the leaflet, and how."""

    name: str
    role: str
    lived_experience: bool
    how: str
    stages: tuple[str, ...]
    show_name: bool
    line: int

    @property
    def display_name(self) -> str:
        """The name to print, honouring ``show_name: false``."""
        return self.name if self.show_name else ROLE_ANONYMOUS.get(self.role, "A partner")


ROLE_ANONYMOUS = {
    "patient": "A patient partner",
    "carer": "A carer partner",
    "clinician": "A clinician",
    "staff": "A member of staff",
    "volunteer": "A volunteer",
    "translator": "A translator",
    "other": "A partner",
}


@dataclass(frozen=True)
class SignOff:
    """One ``signoff`` entry: who approved which exact text."""

    name: str
    role: str
    date: dt.date
    fingerprint: str
    """Empty when the reviewer left it out (then the sign-off does not count)."""
    decision: str
    note: str
    show_name: bool
    line: int
    fingerprint_line: int = 0
    """The file line of the ``fingerprint:`` field (0 when there is none)."""

    @property
    def approves(self) -> bool:
        return self.decision == "approved"

    def approves_text(self, fingerprint: str) -> bool:
        """The one rule for a *current* sign-off: an approval of exactly the text whose
        fingerprint this is (contract: "A sign-off approves one exact text"; one without
        a fingerprint, or with an earlier text's, does not count)."""
        return self.approves and bool(self.fingerprint) and self.fingerprint == fingerprint

    @property
    def display_name(self) -> str:
        return self.name if self.show_name else SIGNOFF_ANONYMOUS.get(self.role, "A reviewer")


SIGNOFF_ANONYMOUS = {
    "clinical": "A clinical reviewer",
    "patient": "A patient reviewer",
    "carer": "A carer reviewer",
    "editorial": "An editor",
    "translation": "A translation reviewer",
}


@dataclass(frozen=True)
class Source:
    """One entry in ``sources``: evidence the leaflet is based on."""

    title: str
    publisher: str
    url: str
    date: dt.date | None


@dataclass(frozen=True)
class Change:
    """One ``changes`` entry: what changed in a new version of the text, and why (contract, "Additions")."""

    date: dt.date
    what: str
    why: str
    """Required: the reason for the change."""
    feedback: tuple[str, ...]
    """Ids of feedback items (``feedback/<id>.yml``) this change answers."""
    line: int
    """1-based file line of the entry."""
    feedback_lines: tuple[int, ...] = ()
    """File line of each id in ``feedback``, for messages about an id that does not exist."""


@dataclass(frozen=True)
class IndexTerm:
    """One ``index_terms`` entry: a condition, symptom or treatment people look up."""

    text: str
    line: int


@dataclass(frozen=True)
class FrontMatter:
    """A leaflet's validated front matter (contract: docs/front-matter.md)."""

    title: str
    summary: str
    audience: str
    topics: tuple[str, ...]
    status: ReviewStatus
    published: dt.date
    last_reviewed: dt.date
    next_review: dt.date
    coproduction: tuple[Credit, ...]
    signoff: tuple[SignOff, ...]
    sources: tuple[Source, ...]
    keep_terms: tuple[str, ...]
    formats: tuple[str, ...]
    related: tuple[str, ...]
    lines: Mapping[str, int] = field(default_factory=dict)
    """1-based file line of each top-level key, for messages."""
    profile: str = "general"
    """Which plain-English rules apply: general, easy-read or children (``sitegen.plain.profiles``)."""
    accepted: tuple[Accepted, ...] = ()
    index_terms: tuple["IndexTerm", ...] = ()
    """Extra A to Z entries besides the title (contract, "Additions"), each with its file line."""
    placeholders: tuple[tuple[int, str], ...] = ()
    """(file line, text) of each value still holding the example text ``sitegen new`` wrote."""
    lang: str = ""
    """BCP 47 language of this leaflet, as BCP 47 writes it; empty: the site's language."""
    translation_of: str = ""
    """A translation: the slug of the leaflet it translates (empty for an original leaflet)."""
    source_fingerprint: str = ""
    """A translation: the fingerprint of the source text it was translated from."""

    @property
    def is_translation(self) -> bool:
        return bool(self.translation_of)
    changes: tuple[Change, ...] = ()
    """What changed in each new version of the text and why, oldest first (contract, "Additions")."""


# --------------------------------------------------------------------------- markdown facts

@dataclass(frozen=True)
class TextUnit:
    """A run of prose the plain-English pass reads: a heading, paragraph, list item or table cell.

    Code, URLs and image text are already removed. ``text`` keeps soft line breaks
    as ``\\n`` so a position in it maps back to a file line.
    """

    text: str
    line: int
    """1-based file line where the unit starts."""
    kind: str
    """``heading``, ``paragraph``, ``list-item``, ``table-cell`` or ``quote``."""
    section: str
    """Text of the nearest heading above (empty before the first heading)."""


@dataclass(frozen=True)
class Heading:
    level: int
    text: str
    anchor: str
    line: int


@dataclass(frozen=True)
class Link:
    """A link or image target found in the body, before it is resolved."""

    target: str
    text: str
    line: int
    is_image: bool = False


# --------------------------------------------------------------------------- analysis

@dataclass(frozen=True)
class Readability:
    """Reading-level facts for a page or a section (no judgement)."""

    words: int
    sentences: int
    syllables: int
    polysyllables: int
    smog: float | None
    """US grade; None when there is not enough text."""
    flesch_reading_ease: float | None
    flesch_kincaid_grade: float | None
    reading_age: int | None
    """Estimated UK reading age: US grade + 5 (a convention, not a validated mapping)."""
    enough_text: bool


@dataclass(frozen=True)
class SentenceFact:
    text: str
    line: int
    words: int


@dataclass(frozen=True)
class JargonHit:
    term: str
    """The term as written in the text."""
    key: str
    """The lexicon entry it matched."""
    suggestion: str
    source: str
    line: int
    column: int
