"""Split a text unit into sentences and words.

In: the ``text`` of one ``TextUnit``. Out: ``(start, end)`` character spans, one per
sentence, and the words of each span.

Rules (chosen for leaflet text, documented because readability scores depend on them):

* A sentence ends at ``.``, ``?``, ``!`` or ``;`` followed by white space or the end
  of the unit (closing quotes or brackets may sit between). The end of every unit
  also ends a sentence, so a heading, list item or table cell is a sentence without a
  full stop and a bullet list is never one giant sentence.
* A full stop is *not* an end after a known abbreviation (``Dr.``, ``Mrs.``, ``approx.``),
  after ``No.`` before a number (``No. 5``), inside a dotted abbreviation such as
  ``e.g.``/``i.e.`` (``a.m.``/``p.m.`` end a sentence only before a capital), or inside a
  number (``2.5 mg``, ``10.30am``: no space follows the dot). An ellipsis ends a
  sentence only before a capital letter.
* Words are runs of letters or digits with internal apostrophes or hyphens
  (``don't``, ``follow-up``), numbers with internal ``.`` ``,`` ``:`` (``2.5``, ``1,000``,
  ``10:30``), or dotted abbreviations (``e.g.``). Numbers count as words.
"""

from __future__ import annotations

import re

WORD_RE = re.compile(
    r"(?:[^\W\d_]\.){2,}"               # dotted abbreviations: e.g. i.e. a.m.
    r"|\d+(?:[.,:]\d+)+[^\W_]*"         # numbers with a decimal point, comma or colon
    r"|[^\W_]+(?:['\u2019\-][^\W_]+)*"  # words with internal apostrophes or hyphens
)

# Candidate ends: terminators, then closing quotes/brackets, then space or end of text.
_END_RE = re.compile(r"(\.{3}|\u2026|[.?!;]+)[\"'\u2019\u201d)\]]*(?=\s|$)")
_LAST_WORD_RE = re.compile(r"([^\W_]+)$")
_DOTTED_RE = re.compile(r"(?:[^\W\d_]\.){2,}$")

# Abbreviations that take a full stop but rarely end a sentence in leaflets.
_ABBREVIATIONS = frozenset(
    "dr mr mrs ms mx prof st rev approx dept tel mob fig ref vs cf ca est inc ltd "
    "jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thur fri sat sun".split()
)
# Dotted abbreviations that never end a sentence (they always introduce something).
_NEVER_END = frozenset({"e.g.", "i.e.", "cf.", "viz."})
# Abbreviations that only stand before a number: "No. 5", "p. 4", "pp. 4-6".
_BEFORE_NUMBER = frozenset({"no", "nos", "p", "pp"})
_NON_SPACE = re.compile(r"\S")
_LOOKBACK = 24  # longer than any abbreviation we recognise


def _next_char(text: str, pos: int) -> str:
    """The first non-space character at or after ``pos`` ("" at the end)."""
    m = _NON_SPACE.search(text, pos)
    return m.group() if m else ""


def _is_end(text: str, mark: str, start: int, after: int) -> bool:
    """Decide whether the terminator ``mark`` at ``start`` really ends a sentence."""
    if mark == ".":
        return _full_stop_ends(text, start, after)
    if mark in ("...", "\u2026"):
        nxt = _next_char(text, after)
        return not nxt or nxt.isupper()
    return True


def _full_stop_ends(text: str, start: int, after: int) -> bool:
    """A full stop ends a sentence unless it closes an abbreviation (rules above)."""
    if not text[start - 1:start].isalpha():
        return True  # "5." or "well).": no abbreviation here (the common cases, decided first)
    # Look at the last word only: searching back from 0 would make splitting quadratic.
    word = text[max(text.rfind(" ", 0, start), text.rfind("\n", 0, start)) + 1:start]
    if word.isalpha():  # a plain word: an abbreviation only if it is on the lists
        low = word.lower()
        if low in _BEFORE_NUMBER:
            return not _next_char(text, after).isdigit()
        return low not in _ABBREVIATIONS
    if len(word) > _LOOKBACK or not word[-1:].isalpha():
        return True  # "5." or "well)." or a long word: no abbreviation here
    if "." in word:
        dotted = _DOTTED_RE.search(word + ".")
        if dotted:
            nxt = _next_char(text, after)
            return not nxt or (dotted.group().lower() not in _NEVER_END and nxt.isupper())
    last = _LAST_WORD_RE.search(word)
    low = last.group(1).lower() if last else ""
    if low in _BEFORE_NUMBER:
        return not _next_char(text, after).isdigit()  # "No. 5"; but "Say no." ends
    return low not in _ABBREVIATIONS


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of the sentences in ``text`` (stripped, never empty)."""
    spans: list[tuple[int, int]] = []
    begin = 0
    for m in _END_RE.finditer(text):
        if _is_end(text, m.group(1), m.start(), m.end()):
            # The match ends at the terminator (or closing quote): no trailing space.
            first = _NON_SPACE.search(text, begin, m.end())
            if first is not None:
                spans.append((first.start(), m.end()))
            begin = m.end()
    tail = len(text.rstrip())
    first = _NON_SPACE.search(text, begin, tail) if tail > begin else None
    if first is not None:
        spans.append((first.start(), tail))
    return spans


def words(text: str) -> list[str]:
    """The words of ``text`` in order."""
    return WORD_RE.findall(text)


def word_spans(text: str) -> list[tuple[int, int]]:
    """Spans of the jargon tokens of ``text``: its words, split at hyphens.

    Must give the same sequence as splitting ``words(text)`` at hyphens.
    """
    if "-" not in text:
        return [m.span() for m in WORD_RE.finditer(text)]
    out: list[tuple[int, int]] = []
    for m in WORD_RE.finditer(text):
        pos, word = m.start(), m.group()
        if "-" not in word:
            out.append(m.span())
            continue
        for part in word.split("-"):
            out.append((pos, pos + len(part)))
            pos += len(part) + 1
    return out
