"""Turn the plain-English pass's facts into findings: hard words, abbreviations, long sentences.

Reading age and the Easy Read rules are in ``checks/reading.py``; the team's
``accepted`` decisions are applied in ``checks/decisions.py``. The thresholds come from
the site config (reading_age_target, max_sentence_words, whose defaults name their
sources in ``sitegen/config.py``) and from the leaflet's ``profile``
(``sitegen.plain.profiles``).
"""

from __future__ import annotations

import datetime as dt
from typing import Mapping

from ..config import SiteConfig
from ..model import Finding, Severity
from ..plain.accepted import finding_key
from ..plain.profiles import profile
from ..plain.types import PlainFacts
from ..source import Leaflet
from . import decisions, reading

_QUOTE_WORDS = 8


def analyse(leaflet: Leaflet, config: SiteConfig, lexicon: object, glossary: Mapping[str, str]) -> PlainFacts:
    from ..plain import analyse as run  # imported here so the build can start without loading the lexicon
    limit = profile(leaflet.meta.profile).max_sentence_words or config.max_sentence_words
    return run(
        leaflet.body.units, lexicon=lexicon, keep_terms=leaflet.meta.keep_terms, glossary=glossary,
        allows=leaflet.body.allows, title=leaflet.meta.title, max_sentence_words=limit,
        min_sentences=config.min_sentences,
    )


def findings(leaflet: Leaflet, result: PlainFacts, config: SiteConfig, today: dt.date) -> list[Finding]:
    found = (jargon(leaflet, result) + uncommon_words(leaflet, result) + abbreviations(leaflet, result)
             + long_sentences(leaflet, result, config) + reading.reading_age(leaflet, result, config)
             + reading.easy_read(leaflet, result) + allowed(leaflet, result))
    return decisions.apply(leaflet, found, today)


def jargon(leaflet: Leaflet, result: PlainFacts) -> list[Finding]:
    return [
        Finding("jargon", Severity.WARNING, leaflet.source, hit.line,
                f"'{hit.term}' may be hard to understand; try: {hit.suggestion}",
                f"use the plainer words, or explain it the NHS way: \"plain words ({hit.term})\"; "
                "if readers need this exact word, add it to keep_terms or the site glossary",
                hit.column, term=hit.term, suggestion=hit.suggestion, key=finding_key("jargon", term=hit.key))
        for hit in result.jargon
    ]


def uncommon_words(leaflet: Leaflet, result: PlainFacts) -> list[Finding]:
    from ..plain.uncommon import evidence

    out = []
    for hit in result.uncommon:
        parts = evidence(hit.term)
        hint = (f"add what it means in everyday words the first time, e.g. \"{hit.term} (what it means)\"; "
                "if readers know this word, add it to keep_terms or the site glossary")
        out.append(Finding("uncommon-word", Severity.WARNING, leaflet.source, hit.line,
                           f"explain '{hit.term}' the first time you use it, or use plainer words",
                           (parts + "; " if parts else "") + hint, hit.column, term=hit.term,
                           suggestion=hit.suggestion, key=finding_key("uncommon-word", term=hit.key)))
    return out


def abbreviations(leaflet: Leaflet, result: PlainFacts) -> list[Finding]:
    return [
        Finding("abbreviation", Severity.WARNING, leaflet.source, hit.line,
                f"spell out '{hit.term}' the first time you use it",
                f"write the words in full with the abbreviation in brackets, e.g. \"chronic obstructive "
                f"pulmonary disease (COPD)\"; if readers know '{hit.key}', add it to keep_terms",
                hit.column, term=hit.term, suggestion=hit.suggestion, key=finding_key("abbreviation", term=hit.key))
        for hit in result.abbreviations
    ]


def long_sentences(leaflet: Leaflet, result: PlainFacts, config: SiteConfig) -> list[Finding]:
    limit = profile(leaflet.meta.profile).max_sentence_words or config.max_sentence_words
    where = " for Easy Read" if leaflet.meta.profile == "easy-read" else ""
    return [
        Finding("long-sentence", Severity.WARNING, leaflet.source, sentence.line,
                f"this sentence has {sentence.words} words (the limit{where} is {limit}): \"{opening(sentence.text)}\"",
                "split it into two or more shorter sentences, or turn it into a bulleted list",
                key=finding_key("long-sentence", sentence=sentence.text))
        for sentence in result.long_sentences
    ]


def allowed(leaflet: Leaflet, result: PlainFacts) -> list[Finding]:
    return [
        Finding("jargon-allowed", Severity.INFO, leaflet.source, line,
                f"'{term}' is allowed on this page" + (f" because: {reason}" if reason else " (no reason given)"),
                "" if reason else "add the reason after a semicolon: <!-- sitegen: allow term; why readers need this word -->",
                term=term)
        for term, reason, line in result.allowed
    ]


def opening(text: str, words: int = _QUOTE_WORDS) -> str:
    found = text.split()
    return " ".join(found[:words]) + (" ..." if len(found) > words else "")
