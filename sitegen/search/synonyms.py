"""Words a leaflet does not use but a reader might search for, from the jargon lexicon.

Both ways: a page that says "abdomen" is found by "tummy" (the lexicon's plainer word), and a
page that says "tummy" is found by "abdomen" (the term it replaces), so patients and clinicians
find the same pages. The site glossary's explanations are already on the page (for screen
readers) and are indexed with it.

Computed once per leaflet text while it is analysed (in the worker, cached with the analysis).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Mapping

from ..plain.frequency import zipf
from ..plain.lexicon import Lexicon, lengths_by_start, phrase_variants, tokens

EVERYDAY_ZIPF = 5.0
"""A one-word plainer alternative this common ("use", "like", "help": Zipf 5 or more, wordfreq)
is not a sign the page is about the clinical term, so it adds nothing. Our own threshold."""


@dataclass(frozen=True)
class Reverse:
    """Plainer words (as token tuples, with inflections) -> the lexicon keys they stand for."""

    index: Mapping[tuple[str, ...], tuple[str, ...]]
    lengths: Mapping[str, tuple[int, ...]]


_reverse: dict[int, tuple[Lexicon, Reverse]] = {}


def reverse(lexicon: Lexicon) -> Reverse:
    known = _reverse.get(id(lexicon))
    if known is not None and known[0] is lexicon:
        return known[1]
    index: dict[tuple[str, ...], list[str]] = {}
    for key, entry in lexicon.entries.items():
        for plain in alternatives(entry.suggestion):
            words = tokens(plain)
            if not words or (len(words) == 1 and zipf(words[0]) >= EVERYDAY_ZIPF):
                continue
            for variant in phrase_variants(words) | {words}:
                index.setdefault(variant, []).append(key)
    built = Reverse({k: tuple(v) for k, v in index.items()}, lengths_by_start(index))
    _reverse[id(lexicon)] = (lexicon, built)
    return built


def alternatives(suggestion: str) -> list[str]:
    return [s.strip() for s in suggestion.split(";") if s.strip()]


def _matches(words: tuple[str, ...], index: Mapping, lengths: Mapping[str, tuple[int, ...]]) -> Iterable:
    for start, word in enumerate(words):
        for size in lengths.get(word, ()):
            found = index.get(words[start:start + size])
            if found is not None:
                yield found


def search_words(text: str, lexicon: Lexicon) -> tuple[str, ...]:
    """The lexicon's words for what ``text`` talks about that ``text`` does not contain, sorted."""
    words = tokens(text)
    present = set(words)
    extra: set[str] = set()
    for key in _matches(words, lexicon.index, lexicon.lengths):
        extra.update(alternatives(lexicon.entries[key].suggestion))
    for keys in _matches(words, reverse(lexicon).index, reverse(lexicon).lengths):
        extra.update(lexicon.entries[k].key for k in keys)
    return tuple(sorted(w for w in extra if not set(tokens(w)) <= present))
