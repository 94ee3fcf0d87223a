"""What pushes a reading age up: the sentences and words that add most years.

In: the counts of a page or section and its sentences' counts. Out: ``Drivers``.

A sentence's effect is leave-one-out: the reading age with the sentence minus the
age without it (the age is a ratio of totals, so this is exact and cheap). A word's
effect is what the age would lose if every use of it were an everyday word of the
same length: ``GRADE_RARITY * rarity * uses / words``. Shorten the sentence or swap
the word, and the age moves by about that much.
"""

from __future__ import annotations

import heapq
from typing import Sequence

from sitegen.plain import readingage
from sitegen.plain.rarity import SentenceCounts
from sitegen.plain.readability import Counts
from sitegen.plain.types import Drivers, SentenceDriver, WordDriver

PAGE_SENTENCES = 3      # how many sentences to name for a page (our own choice)
SECTION_SENTENCES = 2   # and for each section
WORDS = 5               # how many words to name
MIN_EFFECT = 0.1        # years; smaller effects are not worth a writer's time
NONE = Drivers()


def drivers(total: Counts, sentences: Sequence[SentenceCounts], keep: int,
            skip: frozenset[str] = frozenset()) -> Drivers:
    """Drivers of ``total``'s age; words in ``skip`` (lower case: kept terms, title words) are not named."""
    base = readingage.age(total.words, total.sentences, total.syllables, total.rarity)
    if base is None:
        return NONE
    # Leave-one-out ages, inlined (this loop runs for every sentence of every page).
    w, n, y, r = total.words, total.sentences, total.syllables, total.rarity
    g0, gw, gs, gr = readingage.GRADE_BASE, readingage.GRADE_WPS, readingage.GRADE_SPW, readingage.GRADE_RARITY
    floor = readingage.MIN_AGE - readingage.UK_AGE_OFFSET
    scored = []
    if n > readingage.MIN_SENTENCES:
        for k, s in enumerate(sentences):
            words = w - s.words
            if words > 0:
                rest = g0 + gw * words / (n - 1) + (gs * (y - s.syllables) + gr * (r - s.rarity)) / words
                scored.append((rest if rest > floor else floor, k))
    top = heapq.nsmallest(keep, scored)
    found = []
    for rest, k in top:
        adds = round(base - (rest + readingage.UK_AGE_OFFSET), 1)
        if adds >= MIN_EFFECT:
            s = sentences[k]
            found.append(SentenceDriver(s.text, s.line, s.section, s.words, adds, tuple(h for h, _ in s.hard[:3])))
    return Drivers(tuple(found[:keep]), _words(total, sentences, skip))


def _words(total: Counts, sentences: Sequence[SentenceCounts], skip: frozenset[str]) -> tuple[WordDriver, ...]:
    uses: dict[str, list] = {}
    for s in sentences:
        for word, value in s.hard:
            if word.lower() in skip:
                continue
            entry = uses.setdefault(word.lower(), [word, 0, value])
            entry[1] += 1
    out = []
    for word, n, value in uses.values():
        adds = round(readingage.GRADE_RARITY * value * n / total.words, 1)
        if adds >= MIN_EFFECT:
            out.append(WordDriver(word, n, adds))
    out.sort(key=lambda d: (-d.adds, d.word.lower()))
    return tuple(out[:WORDS])
