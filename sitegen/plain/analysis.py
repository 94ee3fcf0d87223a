"""Run the plain-English pass over one page.

In: the page's ``TextUnit``s, a ``Lexicon`` and the page's options. Out: a
``PlainResult`` with page and per-section readability, long sentences, jargon hits
and the inline allows. Pure: no printing, no files, no network.
"""

from __future__ import annotations

from typing import Iterable, Mapping, Sequence

from sitegen.model import PlainResult, Readability, SentenceFact, TextUnit
from sitegen.plain.jargon import find_jargon, lower_words
from sitegen.plain.lexicon import Lexicon, PhraseSet
from sitegen.plain.readability import Counts, readability
from sitegen.plain.sentences import WORD_RE, sentence_spans
from sitegen.plain.syllables import count

# Defaults from the front-matter contract (long-sentence: 25 words) and criteria.md
# §7.2 item 5 (scores are "n/a" under about 10 sentences).
MAX_SENTENCE_WORDS = 25
MIN_SENTENCES = 10


def analyse(
    units: Sequence[TextUnit],
    *,
    lexicon: Lexicon,
    keep_terms: Iterable[str] = (),
    glossary: Mapping[str, str] | None = None,
    allows: Iterable[tuple[str, str, int]] = (),
    max_sentence_words: int = MAX_SENTENCE_WORDS,
    min_sentences: int = MIN_SENTENCES,
) -> PlainResult:
    """Readability, long sentences and jargon for one page."""
    allowed = tuple((str(t), str(r), int(n)) for t, r, n in allows)
    shields = PhraseSet.build([*keep_terms, *(glossary or {}), *(t for t, _, _ in allowed)])
    # Per section: sentence count and all its words; syllables are counted once per
    # section (one C-level pass) rather than once per unit.
    sections: dict[str, tuple[list[int], list[str]]] = {}
    long_sentences: list[SentenceFact] = []
    unit_words: list[list[str]] = []
    for unit in units:
        sentences, low = _unit_sentences(unit, max_sentence_words, long_sentences)
        tally, words = sections.setdefault(unit.section, ([0], []))
        tally[0] += sentences
        words += low
        unit_words.append(low)
    totals = {name: _counts(tally[0], words) for name, (tally, words) in sections.items()}
    page = Counts.total(totals.values())
    return PlainResult(
        page=readability(page, min_sentences),
        sections=tuple((name, readability(c, min_sentences)) for name, c in totals.items()),
        long_sentences=tuple(long_sentences),
        jargon=tuple(find_jargon(units, lexicon, shields, unit_words)),
        allowed=allowed,
    )


def _unit_sentences(unit: TextUnit, limit: int,
                    long_sentences: list[SentenceFact]) -> tuple[int, list[str]]:
    """Number of sentences in one unit and its lower-case words (reused for jargon).

    Sentences over ``limit`` words go into ``long_sentences``.
    """
    text = unit.text
    low = text.lower()
    if len(low) != len(text):  # rare: lower-casing changed the length; keep offsets right
        low = text
    all_words: list[str] = []
    sentences = 0
    for start, end in sentence_spans(text):
        found = WORD_RE.findall(low, start, end)
        if not found:
            continue  # punctuation only: not a sentence
        sentences += 1
        all_words += found
        if len(found) > limit:
            long_sentences.append(SentenceFact(
                text=" ".join(text[start:end].split()),
                line=unit.line + text.count("\n", 0, start),
                words=len(found),
            ))
    if low is text:
        all_words = lower_words(text)
    return sentences, all_words


def _counts(sentences: int, words: list[str]) -> Counts:
    syllables, polysyllables = count(words)
    return Counts(len(words), sentences, syllables, polysyllables)


def readability_of(units: Sequence[TextUnit], min_sentences: int = MIN_SENTENCES) -> Readability:
    """Page readability alone (no jargon), for callers that only need the scores."""
    sentences, words = 0, []
    for unit in units:
        n, low = _unit_sentences(unit, 10**9, [])
        sentences += n
        words += low
    return readability(_counts(sentences, words), min_sentences)
