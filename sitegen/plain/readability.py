"""Reading-level formulas, implemented here from their published constants.

In: counts of words, sentences, syllables and polysyllables. Out: a
``sitegen.model.Readability``.

* Flesch Reading Ease: Flesch R. (1948) "A new readability yardstick",
  J Appl Psychol 32(3):221-233: ``206.835 - 1.015 * words/sentence - 84.6 * syllables/word``.
* Flesch-Kincaid grade: Kincaid J.P. et al. (1975) "Derivation of new readability
  formulas ... for Navy enlisted personnel", Research Branch Report 8-75:
  ``0.39 * words/sentence + 11.8 * syllables/word - 15.59``.
* SMOG grade: McLaughlin G.H. (1969) "SMOG grading: a new readability formula",
  J Reading 12(8):639-646, in the regression form
  ``1.0430 * sqrt(polysyllables * 30 / sentences) + 3.1291``; a polysyllable is a word
  of 3 or more syllables.
* ``reading_age`` is sitegen's own model (``sitegen.plain.readingage``: sentence
  length, syllables and vocabulary, calibrated on graded texts), rounded half up;
  ``reading_age(smog)`` below, SMOG grade + 5, is kept for callers that want the
  SMOG-based age. The "+5 years" US-grade-to-UK-age step is a stated convention, not
  a validated mapping (NHS digital service manual readability table, 2020).

Below ``min_sentences`` the formulas are unstable (SMOG was normed on 30-sentence
samples), so the result says ``enough_text=False`` and every score is None.

textstat is used only as a test oracle (tests/test_plain_readability.py): at first
use it downloads CMUdict through NLTK, and it reads plain text, so it cannot honour
Markdown structure (headings and list items as sentences).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Iterable

from sitegen.model import Readability
from sitegen.plain import readingage

# Constants with their sources (see the module docstring).
FRE_BASE, FRE_WPS, FRE_SPW = 206.835, 1.015, 84.6      # Flesch 1948
FK_WPS, FK_SPW, FK_BASE = 0.39, 11.8, 15.59             # Kincaid et al. 1975
SMOG_SLOPE, SMOG_BASE, SMOG_SAMPLE = 1.0430, 3.1291, 30  # McLaughlin 1969
UK_AGE_OFFSET = readingage.UK_AGE_OFFSET               # convention, see readingage.py


@dataclass(frozen=True, slots=True)
class Counts:
    """Raw counts for a stretch of text; they add up across units and sections."""

    words: int = 0
    sentences: int = 0
    syllables: int = 0
    polysyllables: int = 0
    rarity: float = 0.0
    """Summed vocabulary rarity (``sitegen.plain.rarity``), for sitegen's reading age."""

    def __add__(self, other: Counts) -> Counts:
        return Counts.total((self, other))

    @staticmethod
    def total(parts: Iterable[Counts]) -> Counts:
        """Sum of ``parts`` (one object, not one per addition)."""
        w = s = y = p = 0
        r = 0.0
        for c in parts:
            w, s, y, p, r = w + c.words, s + c.sentences, y + c.syllables, p + c.polysyllables, r + c.rarity
        return Counts(w, s, y, p, r)


def flesch_reading_ease(c: Counts) -> float:
    return FRE_BASE - FRE_WPS * (c.words / c.sentences) - FRE_SPW * (c.syllables / c.words)


def flesch_kincaid_grade(c: Counts) -> float:
    return FK_WPS * (c.words / c.sentences) + FK_SPW * (c.syllables / c.words) - FK_BASE


def smog_grade(c: Counts) -> float:
    return SMOG_SLOPE * math.sqrt(c.polysyllables * SMOG_SAMPLE / c.sentences) + SMOG_BASE


def reading_age(us_grade: float) -> int:
    """UK reading age from a US grade; halves round up (not Python's banker's rounding)."""
    return math.floor(us_grade + UK_AGE_OFFSET + 0.5)


def readability(c: Counts, min_sentences: int) -> Readability:
    """Scores for ``c``, or None scores when there is too little text to judge."""
    enough = c.sentences >= max(min_sentences, 1) and c.words > 0
    if not enough:
        return Readability(c.words, c.sentences, c.syllables, c.polysyllables,
                           None, None, None, None, False)
    smog = smog_grade(c)
    age = readingage.age(c.words, c.sentences, c.syllables, c.rarity)
    return Readability(
        words=c.words,
        sentences=c.sentences,
        syllables=c.syllables,
        polysyllables=c.polysyllables,
        smog=round(smog, 2),
        flesch_reading_ease=round(flesch_reading_ease(c), 2),
        flesch_kincaid_grade=round(flesch_kincaid_grade(c), 2),
        reading_age=math.floor(age + 0.5) if age is not None else reading_age(smog),
        enough_text=True,
    )
