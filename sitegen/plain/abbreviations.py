"""Find abbreviations that are not spelled out where they are first used.

In: ``TextUnit``s and the page's shields. Out: ``WordHit``s (``key`` is the
abbreviation without a plural "s"), one per abbreviation, at its first use.

An abbreviation is a word of 2 or more letters, at least two of them capitals and
capitals making at least half of them ("COPD", "A&E", "ECGs", "mRNA"). Not findings:

* spelled out on first use: "chronic obstructive pulmonary disease (COPD)",
  "COPD (chronic obstructive pulmonary disease)", "chronic obstructive pulmonary
  disease, or COPD", "COPD stands for ...", "COPD is short for ...";
* one that everyday readers know (``EVERYDAY``);
* words in capitals for emphasis ("CALL 999", "STOP"): the lower-case form is a
  common English word;
* Roman numerals ("type II") and keep_terms, glossary and allowed terms.
"""

from __future__ import annotations

import re
from typing import Iterable, Sequence

from sitegen.model import TextUnit
from sitegen.plain import frequency
from sitegen.plain.lexicon import PhraseSet, normalise
from sitegen.plain.types import WordHit

# Abbreviations everyday UK readers know. Sources: the front-matter contract ("GP,
# NHS, A&E"); GOV.UK style guide, "Abbreviations and acronyms" ("you do not need to
# spell out ... UK, EU, VAT and MP"); NHS digital service manual, "A to Z of NHS
# health writing" (GP, A&E, NHS used unexplained). TV, OK, ID, PIN, DIY, BBC, COVID, US, USA, UN
# are our own additions and need review.
EVERYDAY = frozenset(
    "GP NHS A&E UK EU VAT MP TV OK ID PIN DIY BBC COVID US USA UN".split()
)
ROMAN = frozenset("II III IV VI VII VIII IX XI XII".split())
COMMON_WORD_ZIPF = 4.0   # "STOP", "CALL": shouting, not an abbreviation

ABBREVIATION_RE = _ABBREVIATION = re.compile(r"(?<![\w&])(?:[A-Za-z]*[A-Z][A-Za-z0-9]*[A-Z][A-Za-z0-9]*|[A-Z]&[A-Z])(?![\w&])")
_STANDS_FOR = re.compile(r"\s*(?:\)\s*)?(?:,\s*)?(?:which\s+)?(?:stands for|is short for|means|is an abbreviation for)\b", re.I)
_WORD = re.compile(r"[^\W\d_][\w'\u2019-]*")


def abbreviation_key(token: str) -> str | None:
    """The abbreviation a token is ("ECGs" -> "ECG"), or None when it is not one."""
    letters = [c for c in token if c.isalpha()]
    capitals = sum(c.isupper() for c in letters)
    if capitals < 2 or capitals * 2 < len(letters):
        return None
    key = token[:-1] if token.endswith("s") and token[:-1].isupper() else token
    if key in ROMAN or key in EVERYDAY or len(key) < 2:
        return None
    if len(key) >= 3 and key.isalpha() and frequency.zipf(key.lower()) >= COMMON_WORD_ZIPF:
        return None
    return key


def find_abbreviations(units: Sequence[TextUnit], shields: PhraseSet) -> list[WordHit]:
    """First use of each abbreviation not spelled out there, in page order."""
    done: set[str] = set()
    hits: list[WordHit] = []
    for unit in units:
        if _ABBREVIATION.search(unit.text) is None:
            continue  # the common case: no abbreviation possible
        hits.extend(_unit_hits(unit, shields, done))
    return hits


def _unit_hits(unit: TextUnit, shields: PhraseSet, done: set[str]) -> Iterable[WordHit]:
    text = unit.text
    for match in _ABBREVIATION.finditer(text):
        key = abbreviation_key(match.group())
        if key is None or key in done or _shielded(key, shields):
            continue
        done.add(key)
        if spelled_out(text, match.start(), match.end(), key):
            continue
        start = match.start()
        line = unit.line + text.count("\n", 0, start)
        column = start - (text.rfind("\n", 0, start) + 1) + 1
        yield WordHit(term=match.group(), key=key, line=line, column=column)


def _shielded(key: str, shields: PhraseSet) -> bool:
    norm = (normalise(key),)
    return norm in shields.phrases or (norm[0] + "s",) in shields.phrases


def spelled_out(text: str, start: int, end: int, key: str) -> bool:
    """True when the words around ``text[start:end]`` give the abbreviation in full."""
    if _STANDS_FOR.match(text, end):
        return True
    after = re.match(r"\s*\(([^()]*)\)", text[end:])
    if after and len(_WORD.findall(after.group(1))) >= 2:
        return True  # "COPD (chronic obstructive pulmonary disease)"
    opened = text.rfind("(", 0, start)
    if opened >= 0 and text[opened + 1:start].strip() == "" and text[end:end + 1] == ")":
        return _initials_match(text[:opened], key)  # "... disease (COPD)"
    before = re.search(r"(?:,\s*)?\b(?:or|also called|known as)\s+$", text[:start], re.I)
    if before:
        return _initials_match(text[:before.start()], key)  # "... disease, or COPD"
    return False


def _initials_match(before: str, key: str) -> bool:
    """The words just before spell the abbreviation's letters in order (loosely).

    Loose because real expansions skip small words and take two letters from one
    word: "chronic obstructive pulmonary disease" (COPD), "electrocardiogram" (ECG).
    It is enough that the preceding words hold the first letter of the
    abbreviation as an initial and at least two words or 8 letters of text.
    """
    letters = [c.lower() for c in key if c.isalpha()]
    words = _WORD.findall(before)[-(len(letters) + 3):]
    if not words or not letters:
        return False
    initials = "".join(w[0].lower() for w in words)
    if letters[0] not in initials:
        return False
    return len(words) >= 2 or len(words[0]) >= 8
