"""Turn the plain-English pass's facts into findings: jargon, long sentences, reading age.

The thresholds come from the site config (reading_age_target, max_sentence_words),
whose defaults name their sources in ``sitegen/config.py``.
"""

from __future__ import annotations

from typing import Mapping

from ..config import SiteConfig
from ..model import Finding, PlainResult, Readability, Severity
from ..source import Leaflet

_QUOTE_WORDS = 8


def analyse(leaflet: Leaflet, config: SiteConfig, lexicon: object, glossary: Mapping[str, str]) -> PlainResult:
    from ..plain import analyse as run  # imported here so the build can start without loading the lexicon
    return run(
        leaflet.body.units, lexicon=lexicon, keep_terms=leaflet.meta.keep_terms, glossary=glossary,
        allows=leaflet.body.allows, max_sentence_words=config.max_sentence_words,
        min_sentences=config.min_sentences,
    )


def findings(leaflet: Leaflet, result: PlainResult, config: SiteConfig) -> list[Finding]:
    return jargon(leaflet, result) + long_sentences(leaflet, result, config) + reading_age(leaflet, result, config) + allowed(leaflet, result)


def jargon(leaflet: Leaflet, result: PlainResult) -> list[Finding]:
    return [
        Finding("jargon", Severity.WARNING, leaflet.source, hit.line,
                f"'{hit.term}' may be hard to understand; try: {hit.suggestion}",
                f"use the plainer words, or explain it the NHS way: \"plain words ({hit.term})\"; "
                "if readers need this exact word, add it to keep_terms or the site glossary",
                hit.column, term=hit.term, suggestion=hit.suggestion)
        for hit in result.jargon
    ]


def long_sentences(leaflet: Leaflet, result: PlainResult, config: SiteConfig) -> list[Finding]:
    return [
        Finding("long-sentence", Severity.WARNING, leaflet.source, sentence.line,
                f"this sentence has {sentence.words} words (the limit is {config.max_sentence_words}): \"{_opening(sentence.text)}\"",
                "split it into two or more shorter sentences, or turn it into a bulleted list")
        for sentence in result.long_sentences
    ]


def reading_age(leaflet: Leaflet, result: PlainResult, config: SiteConfig) -> list[Finding]:
    age = result.page.reading_age
    if age is None or age <= config.reading_age_target:
        return []
    hardest = _hardest_sections(result, config)
    where = f"; the hardest parts are: {hardest}" if hardest else ""
    return [Finding("reading-age", Severity.WARNING, leaflet.source, None,
                    f"the estimated reading age is about {age} (the target is {config.reading_age_target} or below){where}",
                    "use shorter sentences and everyday words; words of three or more syllables raise the reading age most")]


def allowed(leaflet: Leaflet, result: PlainResult) -> list[Finding]:
    return [
        Finding("jargon-allowed", Severity.INFO, leaflet.source, line,
                f"'{term}' is allowed on this page" + (f" because: {reason}" if reason else " (no reason given)"),
                "" if reason else "add the reason after a semicolon: <!-- sitegen: allow term; why readers need this word -->",
                term=term)
        for term, reason, line in result.allowed
    ]


def _hardest_sections(result: PlainResult, config: SiteConfig) -> str:
    over = [(name, r) for name, r in result.sections if _age(r) > config.reading_age_target and name]
    over.sort(key=lambda item: -_age(item[1]))
    return ", ".join(f"'{name}' (about {_age(r)})" for name, r in over[:3])


def _age(readability: Readability) -> int:
    return readability.reading_age or 0


def _opening(text: str) -> str:
    words = text.split()
    return " ".join(words[:_QUOTE_WORDS]) + (" ..." if len(words) > _QUOTE_WORDS else "")
