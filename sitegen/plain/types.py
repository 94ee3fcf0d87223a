"""Facts the newer parts of the plain-English pass return (no judgement, no wording).

Frozen, and not ``slots=True`` for the reason given in ``sitegen/model.py``: they
travel through the build cache and between worker processes.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class WordHit:
    """First unexplained use of an uncommon word or phrase, or of an abbreviation."""

    term: str
    """As written in the text ("Atelectasis", "COPD")."""
    key: str
    """Normalised form (lower case for words, as written for abbreviations)."""
    line: int
    column: int
    suggestion: str = ""
    """A plainer word or the spelled-out form, when sitegen knows one."""


@dataclass(frozen=True)
class SentenceDriver:
    """A sentence that pushes the reading age up, and by how much."""

    text: str
    line: int
    section: str
    words: int
    adds: float
    """Years the reading age would drop if this sentence were as plain as the page's plainest."""
    hard_words: tuple[str, ...] = ()
    """Its rarest words, as written, rarest first."""


@dataclass(frozen=True)
class WordDriver:
    """A word that pushes the reading age up, and by how much."""

    word: str
    """As first written on the page."""
    count: int
    adds: float
    """Years the reading age would drop if every use were an everyday word."""


@dataclass(frozen=True)
class Drivers:
    """What pushes a page's (or a section's) reading age up, biggest effect first."""

    sentences: tuple[SentenceDriver, ...] = ()
    words: tuple[WordDriver, ...] = ()


@dataclass(frozen=True)
class AgeFacts:
    """sitegen's reading age for a page or section (``sitegen.plain.readingage``)."""

    age: float | None
    """UK reading age to one decimal; None under 3 sentences."""
    confidence: str
    """``low`` under 10 sentences, else ``normal`` (contract)."""
    rarity: float
    """Summed vocabulary rarity of the words."""
    drivers: Drivers = Drivers()


@dataclass(frozen=True)
class PlainFacts:
    """Everything the plain-English pass found on one page.

    The first five fields are those of ``sitegen.model.PlainResult`` (same names and
    meaning), so code written for it keeps working.
    """

    page: object
    """``sitegen.model.Readability`` for the page: the named formulas and the rounded age."""
    sections: tuple
    """(section heading, ``Readability``) in page order."""
    long_sentences: tuple
    jargon: tuple
    allowed: tuple[tuple[str, str, int], ...]
    uncommon: tuple[WordHit, ...] = ()
    abbreviations: tuple[WordHit, ...] = ()
    age: AgeFacts = AgeFacts(None, "low", 0.0)
    section_ages: tuple[tuple[str, AgeFacts], ...] = ()
