"""sitegen's reading age: sentence length, syllables and vocabulary together.

In: ``Counts`` (words, sentences, syllables, and ``rarity``, the summed vocabulary
rarity of the words). Out: an estimated UK reading age (years, one decimal).

    US grade = GRADE_BASE + GRADE_WPS * words/sentence + GRADE_SPW * syllables/word
               + GRADE_RARITY * rarity/word
    UK reading age = US grade + 5

*Rarity* of a word is ``RARITY_CEILING - Zipf`` of its commonest plain form (0 for
words at least as common as Zipf 5, "the" to "doctor"; 5 for words unknown to
everyday English and for abbreviations that are not everyday ones; numbers 0). See
``sitegen.plain.frequency`` for Zipf.

Where the constants come from (benchmarks/calibrate_reading_age.py reproduces them):

* The *shape* (the three weights relative to each other) is a least-squares fit to
  the teachers' judgements of 4,724 excerpts in the CommonLit Ease of Readability
  (CLEAR) corpus (Crossley et al. 2021, 2023; CC BY-NC-SA 4.0), its ``BT_easiness``
  score (pairwise comparisons by about 1,100 teachers). Fitted that way the score
  follows the teachers better than Flesch-Kincaid or SMOG do (benchmarks/README.md).
* The *scale* maps that score onto US school grades: a straight-line fit of the
  score to each excerpt's grade, read from its Lexile band with MetaMetrics' chart
  "Grade-level equivalents of Lexile measures" (grade 1: 200-400L ... grades 11-12:
  1100-1300L; band midpoints, one grade per 100L above 1300L).
* US grade + 5 = UK reading age, the convention of the NHS digital service
  manual's readability table (2020: SMOG 2-4 = reading age 7-9, 5-6 = 10-11, and so
  on): a convention, not a validated mapping.

Below ``MIN_SENTENCES`` sentences there is no age; below ``CONFIDENT_SENTENCES`` the
age is given with ``confidence: low`` (front-matter contract, "Additions").
"""

from __future__ import annotations

UK_AGE_OFFSET = 5      # US grade + 5 = UK reading age (NHS service manual convention, above)
GRADE_BASE = -8.875
GRADE_WPS = 0.231      # per word of average sentence length
GRADE_SPW = 6.631      # per syllable of average word length
GRADE_RARITY = 14.42   # per unit of average vocabulary rarity
RARITY_CEILING = 5.0   # Zipf at and above which a word adds no rarity
MIN_AGE = 5.0          # the youngest reading age reported (a school starter)

MIN_SENTENCES = 3      # contract: an age for every text of 3 sentences or more
CONFIDENT_SENTENCES = 10  # contract: confidence "low" under 10 sentences


def us_grade(words: int, sentences: int, syllables: int, rarity: float) -> float:
    return (GRADE_BASE + GRADE_WPS * words / sentences + GRADE_SPW * syllables / words
            + GRADE_RARITY * rarity / words)


def age(words: int, sentences: int, syllables: int, rarity: float) -> float | None:
    """UK reading age to one decimal, or None when there is too little text."""
    if sentences < MIN_SENTENCES or words == 0:
        return None
    return round(max(MIN_AGE, us_grade(words, sentences, syllables, rarity) + UK_AGE_OFFSET), 1)


def confidence(sentences: int) -> str:
    return "low" if sentences < CONFIDENT_SENTENCES else "normal"


def word_rarity(zipf: float) -> float:
    """The rarity one word adds (see the module docstring)."""
    return max(0.0, RARITY_CEILING - zipf)
