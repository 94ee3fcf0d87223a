"""Find jargon in text units: one hit per lexicon term per page, at its first unexplained use.

In: ``TextUnit``s, a ``Lexicon`` and the page's shields (keep_terms, glossary terms,
allowed terms). Out: ``JargonHit``s in page order.

How matching works: each unit is tokenised once (hyphens split words, so
"follow-up" = "follow up"); at each token the longest 1- to 4-token sequence found
in the lexicon index wins (a dict lookup per length, no regular expression per term).

A use is *not* a finding when:

1. it is explained in the NHS way: "plain words (term)" ("piles (haemorrhoids)") or
   "term (plain words)" ("haemorrhoids (piles)"; brackets holding only an abbreviation,
   "(MI)", do not count), or it follows "called" / "known as" ("sometimes called
   haemorrhoids"). Brackets before the term count when at most 3 words precede it
   inside them ("(also called haemorrhoids)"). Once explained, later uses on the
   page are fine; uses *before* the explanation are still reported.
2. it is covered by a keep_terms phrase, a glossary term or an allowed term (each with
   inflections), or by one of the entry's exception phrases ("scarlet fever").
3. the entry has the ``context`` flag and the use is part of a condition name: the
   next word starts with a capital letter, or is a condition word ("disease",
   "leukaemia", "lymphoblastic", "kidney", "obstructive" ...), or ends like a
   condition ("-itis", "-aemia", "-osis", "-oma", "-pathy"). So "acute lymphoblastic
   leukaemia" and "chronic obstructive pulmonary disease" pass, "acute pain" does not.

Columns are 1-based within the unit's text on that line (the Markdown stage removed
list markers and heading hashes, so the lead adds their width if it wants file columns).
"""

from __future__ import annotations

import re
from typing import Iterable, Sequence

from sitegen.model import JargonHit, TextUnit
from sitegen.plain.lexicon import Entry, Lexicon, PhraseSet, normalise
from sitegen.plain.sentences import WORD_RE, word_spans

# Words that, straight after a ``context`` term, make it part of a condition name.
CONDITION_WORDS = frozenset(
    "disease disorder syndrome leukaemia leukemia lymphoblastic lymphocytic myeloid "
    "myeloblastic promyelocytic obstructive kidney renal liver heart fatigue stress "
    "inflammatory respiratory coronary myocardial limb angle mountain urinary pelvic "
    "lymphoma pancreatitis bronchitis sinusitis hepatitis gastritis appendicitis "
    "cholecystitis otitis rhinosinusitis retention injury failure rejection "
    # "diabetic retinopathy", "diabetic foot ulcer", "epileptic seizure": condition
    # names, not descriptions of people (NHS A to Z keeps "diabetic eye screening").
    "retinopathy neuropathy nephropathy maculopathy ketoacidosis eye eyes foot feet ulcer "
    "ulcers macular seizure seizures fit fits clinic nurse team service services".split()
)
_CONDITION_SUFFIXES = ("itis", "aemia", "emia", "osis", "oma", "pathy", "algia")
_INNER_DOT = re.compile(r"\w\.\w")
_BRACKET_AFTER = re.compile(r"\s*\(([^()]*)\)?")
_EXPLAINED_BEFORE = re.compile(r"(?:\bcalled|\bknown as|\bterm|\bword)\s*[\"'\u2018\u201c]?$", re.I)


def find_jargon(units: Sequence[TextUnit], lexicon: Lexicon, shields: PhraseSet,
                unit_words: Sequence[list[str]] | None = None) -> list[JargonHit]:
    """Every first unexplained use of a lexicon term on the page.

    ``unit_words`` may pass each unit's words, lower-cased, when the caller already
    has them (the readability count does), so the text is tokenised once.
    """
    done: set[str] = set()
    hits: list[JargonHit] = []
    for n, unit in enumerate(units):
        low = unit_words[n] if unit_words is not None else lower_words(unit.text)
        hits.extend(_unit_hits(unit, jargon_tokens(low, unit.text), lexicon, shields, done))
    return hits


def lower_words(text: str) -> list[str]:
    """The words of ``text`` in lower case (per word if lower-casing changes the length)."""
    low = text.lower()
    if len(low) != len(text):
        return [w.lower() for w in WORD_RE.findall(text)]
    return WORD_RE.findall(low)


def jargon_tokens(low_words: list[str], text: str) -> list[str]:
    """Normalised jargon tokens from the lower-case words of ``text``.

    Words are split at hyphens and apostrophes/dots normalised (``lexicon.normalise``);
    cheap checks on the whole text let most units skip the per-word Python steps.
    """
    out = low_words
    if "-" in text:
        out = [p for w in out for p in w.split("-")]
    if "'" in text or "\u2019" in text or ("." in text and _INNER_DOT.search(text)):
        out = [normalise(t) if "'" in t or "." in t or "\u2019" in t else t for t in out]
    return out


def _unit_hits(unit: TextUnit, norms: list[str], lexicon: Lexicon, shields: PhraseSet,
               done: set[str]) -> Iterable[JargonHit]:
    lengths = lexicon.lengths
    if lengths.keys().isdisjoint(norms):
        return  # the common case, decided in C without a per-token Python loop
    candidates = [i for i, t in enumerate(norms) if t in lengths]
    covered = _covered(norms, shields) | _covered(norms, lexicon.exceptions)
    spans: list[tuple[int, int]] = []
    after = 0  # tokens before this index are inside an earlier match
    for i in candidates:
        if i < after or i in covered:
            continue
        match = _longest(norms, i, lexicon)
        if match is None:
            continue
        key, j = match
        after = j
        if key in done or any(k in covered for k in range(i, j)):
            continue
        if not spans:  # character offsets only once a unit has a real candidate
            spans = word_spans(unit.text)
        hit = _judge(unit, spans, i, j, key, lexicon, done)
        if hit is not None:
            yield hit


def _longest(norms: list[str], i: int, lexicon: Lexicon) -> tuple[str, int] | None:
    """The longest lexicon sequence starting at token ``i``: (key, end index)."""
    index = lexicon.index
    for size in lexicon.lengths[norms[i]]:
        if i + size <= len(norms):
            key = index.get(tuple(norms[i:i + size]))
            if key is not None:
                return key, i + size
    return None


def _covered(norms: list[str], phrases: PhraseSet) -> set[int]:
    """Token positions inside any of ``phrases``."""
    out: set[int] = set()
    lengths = phrases.lengths
    if lengths.keys().isdisjoint(norms):
        return out
    for i in [i for i, t in enumerate(norms) if t in lengths]:
        for size in lengths[norms[i]]:
            if tuple(norms[i:i + size]) in phrases.phrases:
                out.update(range(i, i + size))
                break
    return out


def _judge(unit: TextUnit, spans: list[tuple[int, int]], i: int, j: int,
           key: str, lexicon: Lexicon, done: set[str]) -> JargonHit | None:
    """A hit for tokens i..j, or None when explained, in another sense or part of a name."""
    entry = lexicon.entries[key]
    text = unit.text
    if "context" in entry.flags and j < len(spans) and _condition_word(text[slice(*spans[j])]):
        return None  # not marked done: a later plain use is still reported
    if _other_sense(entry, text, spans, i, j) or _in_title_case_name(text, spans, i, j):
        return None
    done.add(key)
    start, end = spans[i][0], spans[j - 1][1]
    if explained(text, start, end):
        return None
    line_offset = text.count("\n", 0, start)
    column = start - (text.rfind("\n", 0, start) + 1) + 1
    return JargonHit(term=text[start:end], key=key, suggestion=entry.suggestion,
                     source=entry.source, line=unit.line + line_offset, column=column)


def _other_sense(entry: Entry, text: str, spans: list[tuple[int, int]], i: int, j: int) -> bool:
    """The entry's sense rules: "statistically significant", "drug interactions", "consumed by"."""
    if entry.not_after and i > 0 and normalise(text[slice(*spans[i - 1])]) in entry.not_after:
        return True
    return bool(entry.not_before) and j < len(spans) and normalise(text[slice(*spans[j])]) in entry.not_before


def _in_title_case_name(text: str, spans: list[tuple[int, int]], i: int, j: int) -> bool:
    """Part of a capitalised name or job title: "our Service User Expert", "Acute Pain Team".

    Every word of the term is capitalised and so is a neighbouring word, and the
    term does not merely start a sentence ("Acute pain ..." is still reported).
    """
    words = [text[slice(*spans[k])] for k in range(i, j)]
    if not all(w[:1].isupper() and not w.isupper() for w in words):
        return False
    after = text[slice(*spans[j])] if j < len(spans) else ""
    if after[:1].isupper():
        return True
    return not _sentence_first(text, spans, i) and i > 0 and text[spans[i - 1][0]].isupper() \
        and not _sentence_first(text, spans, i - 1)


def _sentence_first(text: str, spans: list[tuple[int, int]], k: int) -> bool:
    return k == 0 or text[spans[k - 1][1]:spans[k][0]].strip()[-1:] in (".", "?", "!", ":")


def _condition_word(token: str) -> bool:
    norm = normalise(token)
    return token[:1].isupper() or norm in CONDITION_WORDS or norm.endswith(_CONDITION_SUFFIXES)


def explained(text: str, start: int, end: int) -> bool:
    """True for "plain (term)", "term (plain)", "(also called term)" and "called term"."""
    opened, closed = text.rfind("(", 0, start), text.rfind(")", 0, start)
    if opened > closed and text[:opened].strip() and len(text[opened + 1:start].split()) <= 3:
        return True  # in short brackets after some words: "(abdomen)", "(also called piles)"
    after = _BRACKET_AFTER.match(text, end)
    if after is not None:
        # The plain words follow in brackets, unless the brackets hold only an
        # abbreviation: "myocardial infarction (MI)" explains nothing.
        return not after.group(1).strip().isupper()
    return _EXPLAINED_BEFORE.search(text, max(0, start - 30), start) is not None
