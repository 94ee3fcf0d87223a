"""Find words that are rare in everyday English and not explained where first used.

In: ``TextUnit``s (with their lower-case words), the page's shields (keep_terms,
glossary, allowed terms, title words) and the jargon lexicon (its terms are the
jargon check's business). Out: ``WordHit``s, one per word or phrase, at first use.

A word is *uncommon* (``is_uncommon``) when its commonest plain form
(``frequency.base_form``) is below ``MEDICAL_ZIPF`` and built from medical word parts
(``wordparts``: "osteo-", "-itis"); or below a threshold that grows with its length:
``SHORT_RARE_ZIPF`` (1 or 2 syllables), ``RARE_ZIPF`` (3), ``LONG_RARE_ZIPF`` (4 or
more), and ``LEARNED_ZIPF`` for words of 3 or more syllables with a Latin or Greek
ending ("eczema", "hypertension"): a word rare in everyday English and built the way
medical words are built is the signature of jargon. Words made of everyday words
("toothache", "tightness", "unwell") are never uncommon unless built from medical parts. Neighbouring uncommon words in one sentence are one finding
("pancreatic insufficiency").

Not findings:

* words explained on first use, in either order: "atelectasis (a collapsed part of
  the lung)", "a collapsed lung (atelectasis)", "called atelectasis", or a definition
  straight after the word: "spirometry is a breathing test", "... means ...";
* words in keep_terms, the glossary, allowed terms, the title, or the lexicon;
* names: a capitalised word that is not the first word of its sentence ("Mr Okonkwo",
  "Macmillan Cancer Support"), and a sentence's first word when the page also uses it
  capitalised elsewhere mid-sentence;
* abbreviations (all capitals: ``sitegen.plain.abbreviations``), numbers, units, and
  words of fewer than ``MIN_LETTERS`` letters.
"""

from __future__ import annotations

import re
from typing import Iterable, NamedTuple, Sequence

from sitegen.model import TextUnit
from sitegen.plain import frequency, wordparts
from sitegen.plain.jargon import explained, jargon_tokens
from sitegen.plain.lexicon import Lexicon, PhraseSet, normalise
from sitegen.plain.sentences import WORD_RE, sentence_spans
from sitegen.plain.syllables import syllables
from sitegen.plain.types import WordHit

# Thresholds in Zipf units (see sitegen/plain/frequency.py; Zipf 3 is one use per
# million words). Chosen by benchmarks/calibrate_uncommon.py, which sweeps them over the
# Word Complexity Lexicon (Maddela & Xu 2018, MIT licence), the CWI 2018 shared-task data
# and the CDC Plain Language Thesaurus for Health Communications (public domain), under
# two firm limits: at most 3.5 % of easy words flagged on the general sets, and no false
# alarm on the example site's leaflets or the plain leaflet fixtures. Figures in
# benchmarks/README.md ("Plain-English accuracy").
SHORT_RARE_ZIPF = 2.5   # 1 or 2 syllables: "stoma" (2.2); everyday words sit above ("phlegm" 2.6, "snore" 2.8)
SHORT_SYLLABLES = 2
RARE_ZIPF = 3.0         # 3 syllables: "prosthesis" (2.8); "tingling" (3.1) and "pharmacist" (3.3) are not
LONG_RARE_ZIPF = 3.6    # 4 or more syllables: "hypertension" (3.4), "vaccination" (3.6) is not
LONG_SYLLABLES = 4
LEARNED_ZIPF = 3.4      # 3 or more syllables with a Latin or Greek ending: "eczema" (3.1), "allergic" (3.8) is not
MEDICAL_ZIPF = 3.8      # built from medical word parts: "osteoporosis" (3.0), "arthritis" (3.6); "cholesterol" (3.7)
# Latin and Greek endings (of nouns and adjectives: "-ium", "-osis" is a word part; our own
# list from the regular English endings of Latin and Greek loans; needs review).
LEARNED_ENDINGS = ("ium", "ia", "ae", "um", "us", "ic", "ical", "al", "ous", "ary", "ory", "ive", "ion", "ions",
                   "ism", "ity", "ent", "ant", "ate", "ize", "ise", "oid", "ics", "ine", "is", "i", "a")
COMMON_PART_ZIPF = 4.0  # both halves of a compound this common: "toothache", "earplugs", "heartburn"
COMMON_STEM_ZIPF = 3.0  # the stem of a derived word this common: "achy", "tightness", "unwell"
MIN_LETTERS = 4         # "gp", "mg", "ml" and other short forms are left to the abbreviation check

# Endings and beginnings that make a new everyday word from an everyday word.
_DERIVING_SUFFIXES = ("ness", "less", "ful", "ish", "ly", "y", "ie", "ing", "ed", "er", "ers", "s", "es",
                      "ising", "izing", "ised", "ized", "ise", "ize")  # "moistur(e)+ising"
_DERIVING_PREFIXES = ("un", "re", "over", "under", "out", "non", "self")

# Units and everyday short words that sit below the thresholds but are not hard.
# Our own list; it needs review.
EVERYDAY = frozenset(
    "mg ml mcg kg cm mm okay ok etc eg ie per cent email emails online website "
    "websites app apps wifi".split()
) | frozenset(
    # Medicines anyone can buy in a UK supermarket (MHRA General Sale List): people
    # know them by these names, and the name must match the packet.
    "paracetamol ibuprofen aspirin antihistamine antihistamines".split()
)

_DEFINES = re.compile(
    r"\s*(?:,\s*)?(?:means|is when|are when|is where|is what|is a |is an |is the name|are a |"
    r"is short for|is a word for|[\u2013\u2014-]\s+(?:a|an|the)\s)", re.I)

class Thresholds(NamedTuple):
    """The Zipf cut-offs of ``judge`` (module constants above; a calibration sweep varies them)."""

    rare: float = RARE_ZIPF
    short_rare: float = SHORT_RARE_ZIPF
    medical: float = MEDICAL_ZIPF
    long_rare: float = LONG_RARE_ZIPF
    learned: float = LEARNED_ZIPF


class WordFacts(NamedTuple):
    """What the verdict on one plain (unhyphenated) word depends on, worked out once per word."""

    zipf: float          # of its commonest plain form
    syllables: int       # of its plain form
    medical: bool        # built from medical word parts
    transparent: bool    # made of everyday words
    learned: bool        # a Latin or Greek ending ("-ium", "-osis", "-ic")


DEFAULT = Thresholds()
_verdicts: dict[str, bool] = {}
_facts: dict[str, WordFacts | None] = {}
_VERDICT_LIMIT = 200_000


def is_uncommon(word: str) -> bool:
    """The verdict for one lower-case word at the module's thresholds (memoised)."""
    found = _verdicts.get(word)
    if found is None:
        found = judge(word, DEFAULT)
        if len(_verdicts) < _VERDICT_LIMIT:
            _verdicts[word] = found
    return found


def judge(word: str, t: Thresholds) -> bool:
    """The verdict for one lower-case word at thresholds ``t`` (see the module docstring)."""
    if "-" in word:
        if not _eligible(word):
            return False
        parts = word.split("-")
        if any(judge(part, t) for part in parts):
            return True
        # "post-operative": a medical prefix on a word that is rare once joined up.
        joined = "".join(parts)
        return parts[0] in wordparts.PREFIXES and 0 < frequency.zipf(joined) < t.rare
    f = facts(word)
    if f is None or f.zipf >= t.medical:
        return False
    if f.medical:
        return True
    if f.syllables <= SHORT_SYLLABLES:
        limit = t.short_rare
    else:
        limit = t.long_rare if f.syllables >= LONG_SYLLABLES else t.rare
        if f.learned:  # only words of 3 or more syllables: short everyday words are the risk
            limit = max(limit, t.learned)
    return f.zipf < limit and not f.transparent


def facts(word: str) -> WordFacts | None:
    """``WordFacts`` of a plain word, or None for words never judged (short, numbers, units)."""
    if word in _facts:
        return _facts[word]
    found = None
    if _eligible(word):
        norm = normalise(word)
        form, z = frequency.base_form(norm)
        # Syllables of the plain form: "tingling" is read as "tingle" + "-ing".
        found = WordFacts(z, syllables(form if z > 0 else norm), wordparts.medical_part(norm) is not None, _transparent(norm),
                          norm.endswith(LEARNED_ENDINGS))
    if len(_facts) < _VERDICT_LIMIT:
        _facts[word] = found
    return found


def _eligible(word: str) -> bool:
    return len(word) >= MIN_LETTERS and word.replace("-", "").replace("'", "").isalpha() and word not in EVERYDAY


def _transparent(word: str) -> bool:
    """Made of everyday words: "tooth+ache", "tight+ness", "un+well", "ach(e)+y"."""
    for suffix in _DERIVING_SUFFIXES:
        stem = word[:-len(suffix)]
        if word.endswith(suffix) and len(stem) >= 3:
            for form in (stem, stem + "e", stem[:-1] if stem[-1:] == stem[-2:-1] else stem):
                if frequency.base_zipf(form) >= COMMON_STEM_ZIPF:
                    return True
    for prefix in _DERIVING_PREFIXES:
        if word.startswith(prefix) and frequency.base_zipf(word[len(prefix):]) >= COMMON_STEM_ZIPF:
            return True
    return any(frequency.zipf(word[:k]) >= COMMON_PART_ZIPF and frequency.base_zipf(word[k:]) >= COMMON_PART_ZIPF
               for k in range(3, len(word) - 3))


def evidence(term: str) -> str:
    """Plain words about what the term is made of, for the hint ("" when nothing helps)."""
    for word in reversed(term.lower().replace("-", " ").split()):
        part = wordparts.medical_part(word)
        if part is not None:
            return f"words with '{part[0]}' are about {part[1]}"
    return ""


def find_uncommon(units: Sequence[TextUnit], unit_words: Sequence[list[str]], lexicon: Lexicon,
                  shields: PhraseSet, unit_spans: Sequence[list[tuple[int, int]]] | None = None) -> list[WordHit]:
    """First unexplained use of each uncommon word or phrase on the page, in page order.

    ``unit_spans`` are the units' sentence spans, when the caller has them already.
    """
    spans = unit_spans if unit_spans is not None else [None] * len(units)
    flagged = [(unit, low, flags, _words_with_starts(unit.text, sp))
               for unit, low, sp in zip(units, unit_words, spans) if True in (flags := _flags(low))]
    names = _mid_sentence_capitals(flagged)
    done: set[str] = set()
    hits: list[WordHit] = []
    for unit, low, flags, matches in flagged:
        hits.extend(_unit_hits(unit, low, flags, matches, lexicon, shields, names, done))
    return hits


def _flags(low: list[str]) -> list[bool]:
    """``is_uncommon`` of each word; memo hits are looked up in C (the common case)."""
    flags = list(map(_verdicts.get, low))
    if None in flags:
        flags = [f if f is not None else is_uncommon(w) for f, w in zip(flags, low)]
    return flags


def _mid_sentence_capitals(flagged: list) -> frozenset[str]:
    """Lower-case forms of uncommon words the page writes capitalised mid-sentence (names)."""
    out: set[str] = set()
    for _unit, _low, _flags, matches in flagged:
        for match, starts in matches:
            word = match.group()
            if not starts and word[:1].isupper() and is_uncommon(word.lower()):
                out.add(word.lower())
    return frozenset(out)


def _words_with_starts(text: str, spans: list[tuple[int, int]] | None = None) -> list[tuple[re.Match[str], bool]]:
    """Each word of ``text`` and whether it is the first word of its sentence."""
    out: list[tuple[re.Match[str], bool]] = []
    for start, end in (spans if spans is not None else sentence_spans(text)):
        found = list(WORD_RE.finditer(text, start, end))
        if found:
            out.append((found[0], True))
            out.extend([(m, False) for m in found[1:]])
    return out


def _unit_hits(unit: TextUnit, low: list[str], flags: list[bool], matches: list, lexicon: Lexicon,
               shields: PhraseSet, names: frozenset[str], done: set[str]) -> Iterable[WordHit]:
    text = unit.text
    if all(key in done for key in (w for w, f in zip(low, flags) if f)):
        return  # every uncommon word here was already judged on this page
    if len(matches) != len(low):  # lower-casing changed the word split: judge the words as written
        low = [m.group().lower() for m, _ in matches]
        flags = [is_uncommon(w) for w in low]
    shielded = _shielded(low, text, lexicon, shields)
    i = 0
    while i < len(matches):
        if not _candidate(i, matches, low, flags, shielded, names):
            i += 1
            continue
        j = i + 1
        while j < len(matches) and not matches[j][1] and _candidate(j, matches, low, flags, shielded, names) \
                and text[matches[j - 1][0].end():matches[j][0].start()].strip() == "":
            j += 1
        hit = _judge(unit, matches, low, i, j, done)
        if hit is not None:
            yield hit
        i = j


def _candidate(i: int, matches: list, low: list[str], flags: list[bool], shielded: set[int],
               names: frozenset[str]) -> bool:
    if not flags[i] or i in shielded:
        return False
    word = matches[i][0].group()
    if sum(c.isupper() for c in word) >= 2:
        return False  # an abbreviation ("ECG", "eGFR"): the abbreviation check's business
    if word[:1].isupper():
        first_of_sentence = matches[i][1]
        return first_of_sentence and low[i] not in names
    return True


def _judge(unit: TextUnit, matches: list, low: list[str], i: int, j: int, done: set[str]) -> WordHit | None:
    key = " ".join(low[i:j])
    if key in done:
        return None
    done.add(key)
    text = unit.text
    start, end = matches[i][0].start(), matches[j - 1][0].end()
    if explained(text, start, end) or _DEFINES.match(text, end):
        return None
    line = unit.line + text.count("\n", 0, start)
    column = start - (text.rfind("\n", 0, start) + 1) + 1
    return WordHit(term=text[start:end], key=key, line=line, column=column)


def _shielded(low: list[str], text: str, lexicon: Lexicon, shields: PhraseSet) -> set[int]:
    """Word positions inside a shield phrase or a lexicon term (any sense).

    Phrases are matched on the jargon check's tokens (hyphen-split and normalised:
    "post-operative" = "post operative"), as the lexicon lists them; a word is shielded
    when any of its pieces is.
    """
    pieces = jargon_tokens(low, text)
    covered: set[int] = set()
    for phrases, lengths in ((shields.phrases, shields.lengths), (lexicon.exceptions.phrases, lexicon.exceptions.lengths),
                             (lexicon.index, lexicon.lengths)):
        covered |= _covered(pieces, phrases, lengths)
    if not covered or len(pieces) == len(low):
        return covered  # no hyphens: piece k is word k
    owner = [n for n, word in enumerate(low) for _ in range(word.count("-") + 1)]
    return {owner[k] for k in covered}


def _covered(parts: list[str], phrases, lengths) -> set[int]:
    out: set[int] = set()
    if lengths.keys().isdisjoint(parts):
        return out  # decided in C, the common case
    for i in [i for i, part in enumerate(parts) if part in lengths]:
        for size in lengths[parts[i]]:
            if i + size <= len(parts) and tuple(parts[i:i + size]) in phrases:
                out.update(range(i, i + size))
                break
    return out
