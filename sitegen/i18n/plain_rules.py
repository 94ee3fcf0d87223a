"""Which plain-English checks run for which language.

Every word list, frequency table and reading-age formula sitegen has is for English:
the jargon list and abbreviations (our own lists and the NHS style guide's), wordfreq's
English frequencies, the CMU pronouncing dictionary's syllables and the SMOG and Flesch
formulas, all fitted to English text. Run on Welsh they would call most words "uncommon",
so they never run on a leaflet in another language. Only a rule that counts words
between full stops holds across languages written in the Latin script with the same full
stops (Welsh, Polish ...); for other scripts sentence ends differ (Urdu's ``۔``), so it does not run.
"""

from __future__ import annotations

import dataclasses

from ..i18n import tags
from ..plain.types import AgeFacts, PlainFacts

ENGLISH_RULES = ("jargon", "uncommon-word", "abbreviation", "reading-age", "long-sentence", "easy-read", "jargon-allowed")
"""The plain-English pass's finding codes (checks/plain_english.py and checks/reading.py)."""
LATIN_SCRIPT_RULES = ("long-sentence",)
LATIN = "Latn"


def rules_for(lang: str) -> tuple[str, ...]:
    """The plain-English finding codes that apply to text in ``lang``."""
    if tags.primary(lang) == "en":
        return ENGLISH_RULES
    if tags.script(lang) == LATIN:
        return LATIN_SCRIPT_RULES
    return ()


def describe(lang: str) -> str:
    """One plain sentence for ``sitegen check``: which checks ran on a leaflet in this language."""
    rules = rules_for(lang)
    if rules == ENGLISH_RULES:
        return "all plain-English checks"
    name = tags.english_name(lang)
    if rules:
        return f"only {', '.join(rules)} (the other plain-English checks are for English and do not run on {name})"
    return f"no plain-English checks (they are for English and do not run on {name})"


def without_english(facts: PlainFacts) -> PlainFacts:
    """The facts of a text in another language with everything English-only taken out: word and
    sentence counts stay, no reading age or formula scores, no hard words."""
    def plain(r):  # type: ignore[no-untyped-def]
        return dataclasses.replace(r, smog=None, flesch_reading_ease=None, flesch_kincaid_grade=None,
                                   reading_age=None, enough_text=False)
    return dataclasses.replace(facts, page=plain(facts.page), sections=tuple((n, plain(r)) for n, r in facts.sections),
                               jargon=(), uncommon=(), abbreviations=(), allowed=(), age=AgeFacts(None, "low", 0.0),
                               section_ages=())
