"""Run the plain-English pass over one page.

In: the page's ``TextUnit``s, a ``Lexicon`` and the page's options. Out: a
``PlainFacts`` with page and per-section readability (the named formulas and
sitegen's reading age with what drives it), long sentences, jargon, uncommon words,
abbreviations and the inline allows. Pure: no printing, no files, no network.
"""

from __future__ import annotations

from typing import Iterable, Mapping, Sequence

from sitegen.model import SentenceFact, TextUnit
from sitegen.plain import drivers, readingage
from sitegen.plain.abbreviations import ABBREVIATION_RE, find_abbreviations
from sitegen.plain.jargon import find_jargon, lower_words
from sitegen.plain.lexicon import Lexicon, PhraseSet
from sitegen.plain.rarity import SentenceCounts, sentence_counts
from sitegen.plain.readability import Counts, readability
from sitegen.plain.sentences import WORD_RE, sentence_spans
from sitegen.plain.types import AgeFacts, PlainFacts
from sitegen.plain.uncommon import EVERYDAY, find_uncommon

# Defaults from the front-matter contract: long-sentence over 25 words; a reading age
# for every text of 3 sentences or more ("Additions").
MAX_SENTENCE_WORDS = 25
MIN_SENTENCES = readingage.MIN_SENTENCES


def analyse(
    units: Sequence[TextUnit],
    *,
    lexicon: Lexicon,
    keep_terms: Iterable[str] = (),
    glossary: Mapping[str, str] | None = None,
    allows: Iterable[tuple[str, str, int]] = (),
    title: str = "",
    max_sentence_words: int = MAX_SENTENCE_WORDS,
    min_sentences: int = MIN_SENTENCES,
) -> PlainFacts:
    """Readability, what drives it, long sentences, jargon, uncommon words and abbreviations."""
    allowed = tuple((str(t), str(r), int(n)) for t, r, n in allows)
    terms = [*keep_terms, *(glossary or {}), *(t for t, _, _ in allowed)]
    shields = PhraseSet.build(terms)
    word_shields = PhraseSet.build([*terms, *title.split()]) if title else shields
    sentences: list[SentenceCounts] = []
    unit_words: list[list[str]] = []
    unit_spans: list[list[tuple[int, int]]] = []
    for unit in units:
        spans = sentence_spans(unit.text)
        unit_words.append(_unit_sentences(unit, sentences, spans))
        unit_spans.append(spans)
    long_sentences = tuple(SentenceFact(s.text, s.line, s.words) for s in sentences if s.words > max_sentence_words)
    by_section: dict[str, list[SentenceCounts]] = {}
    for s in sentences:
        by_section.setdefault(s.section, []).append(s)
    skip = frozenset(p[0] for p in word_shields.phrases if len(p) == 1) | EVERYDAY
    page_counts = _total(sentences)
    section_counts = {name: _total(group) for name, group in by_section.items()}
    return PlainFacts(
        page=readability(page_counts, min_sentences),
        sections=tuple((name, readability(c, min_sentences)) for name, c in section_counts.items()),
        long_sentences=long_sentences,
        jargon=tuple(find_jargon(units, lexicon, shields, unit_words)),
        allowed=allowed,
        uncommon=tuple(find_uncommon(units, unit_words, lexicon, word_shields, unit_spans)),
        abbreviations=tuple(find_abbreviations(units, shields)),
        age=_age(page_counts, sentences, drivers.PAGE_SENTENCES, skip),
        section_ages=tuple((name, _age(section_counts[name], group, drivers.SECTION_SENTENCES, skip))
                           for name, group in by_section.items()),
    )


def _unit_sentences(unit: TextUnit, out: list[SentenceCounts], spans: list[tuple[int, int]] | None = None) -> list[str]:
    """Append the unit's sentences to ``out``; return its lower-case words (reused by the word checks).

    ``spans`` are the unit's sentence spans when the caller already has them.
    """
    text = unit.text
    low = text.lower()
    if len(low) != len(text):  # rare: lower-casing changed the length; keep offsets right
        low = text
    capitals = ABBREVIATION_RE.search(text) is not None
    all_words: list[str] = []
    for start, end in (spans if spans is not None else sentence_spans(text)):
        found = WORD_RE.findall(low, start, end)
        if not found:
            continue  # punctuation only: not a sentence
        all_words += found
        out.append(sentence_counts(unit, start, end, found, capitals))
    if low is text:
        all_words = lower_words(text)
    return all_words


def _total(group: Sequence[SentenceCounts]) -> Counts:
    w = y = p = 0
    r = 0.0
    for s in group:
        w, y, p, r = w + s.words, y + s.syllables, p + s.polysyllables, r + s.rarity
    return Counts(w, len(group), y, p, r)


def _age(c: Counts, group: Sequence[SentenceCounts], keep: int, skip: frozenset[str]) -> AgeFacts:
    found = readingage.age(c.words, c.sentences, c.syllables, c.rarity)
    found_drivers = drivers.drivers(c, group, keep, skip) if found is not None else drivers.NONE
    return AgeFacts(found, readingage.confidence(c.sentences), round(c.rarity, 2), found_drivers)


def readability_of(units: Sequence[TextUnit], min_sentences: int = MIN_SENTENCES):
    """Page readability alone (no word checks), for callers that only need the scores."""
    sentences: list[SentenceCounts] = []
    for unit in units:
        _unit_sentences(unit, sentences)
    return readability(_total(sentences), min_sentences)
