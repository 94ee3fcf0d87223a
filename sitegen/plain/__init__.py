"""The plain-English pass: reading level, long sentences and jargon for a leaflet page.

In: ``sitegen.model.TextUnit``s from the Markdown stage plus the page's keep_terms,
glossary and inline allows. Out: a ``sitegen.model.PlainResult``. A pure library:
no printing or network, and one file write only: the syllable table it compacts from CMUdict,
kept in the user's cache folder for the next process (``syllables._keep``).

    lexicon = load_lexicon(site_terms={"term": "plainer words"})   # cached
    result = analyse(units, lexicon=lexicon, keep_terms=("asthma",))
"""

from __future__ import annotations

from sitegen.plain.analysis import MAX_SENTENCE_WORDS, MIN_SENTENCES, analyse, readability_of
from sitegen.plain.lexicon import Entry, Lexicon, load_lexicon
from sitegen.plain.types import PlainFacts


def preload() -> None:
    """Load the word frequencies and syllable table now (in the parent, before a fork pool)."""
    from sitegen.plain import frequency, syllables

    frequency.table()
    syllables.table()

__all__ = [
    "Entry",
    "Lexicon",
    "MAX_SENTENCE_WORDS",
    "MIN_SENTENCES",
    "PlainFacts",
    "analyse",
    "load_lexicon",
    "preload",
    "readability_of",
]
