"""Per-sentence counts for the reading age: words, syllables, and vocabulary rarity.

In: one sentence of a ``TextUnit`` (its span and lower-case words). Out: a
``SentenceCounts``. A word's rarity is ``readingage.word_rarity`` of its commonest
plain form; a hyphenated word counts as its rarest part ("long-term" is as rare as
"term"), or as its joined form when that is commoner;
numbers add nothing; an abbreviation that everyday readers do not know adds the most
(``abbreviations.abbreviation_key``). Values are memoised per word.
"""

from __future__ import annotations

from typing import NamedTuple

from sitegen.model import TextUnit
from sitegen.plain import frequency
from sitegen.plain.abbreviations import ABBREVIATION_RE, abbreviation_key
from sitegen.plain.readingage import RARITY_CEILING, word_rarity
from sitegen.plain.syllables import count

_memo: dict[str, float] = {}
_MEMO_LIMIT = 200_000


class SentenceCounts(NamedTuple):
    """One sentence's counts (a named tuple: built for every sentence, so it must be cheap)."""

    source: str
    """The unit's text; the sentence is ``source[start:end]`` (see ``text``)."""
    start: int
    end: int
    line: int
    section: str
    words: int
    syllables: int
    polysyllables: int
    rarity: float
    hard: tuple[tuple[str, float], ...]
    """(word, rarity) for its words of rarity above ``HARD``, rarest first (lower case, abbreviations as written)."""

    @property
    def text(self) -> str:
        """The sentence with its white space collapsed (built only when someone asks)."""
        return " ".join(self.source[self.start:self.end].split())


HARD = 2.0   # Zipf below 3: about one use in a million words or rarer


def rarity(word: str) -> float:
    """Rarity of one lower-case word (see the module docstring)."""
    found = _memo.get(word)
    if found is None:
        found = _rarity(word)
        if len(_memo) < _MEMO_LIMIT:
            _memo[word] = found
    return found


def _rarity(word: str) -> float:
    if not word or word[0].isdigit():
        return 0.0
    if "-" in word:
        parts = [rarity(part) for part in word.split("-") if part]
        worst = max(parts, default=0.0)
        joined = word.replace("-", "")
        if frequency.zipf(joined) > 0:  # "post-operative" reads like "postoperative"...
            return min(worst, word_rarity(frequency.base_zipf(joined)))  # ...but "long-term" like "term"
        return worst
    return word_rarity(frequency.base_zipf(word.replace("\u2019", "'")))


def sentence_counts(unit: TextUnit, start: int, end: int, low_words: list[str], capitals: bool) -> SentenceCounts:
    """Counts for ``unit.text[start:end]``, whose lower-case words are ``low_words``."""
    text = unit.text
    syllables, polysyllables = count(low_words)
    values = list(map(_memo.get, low_words))
    if None in values:
        values = [v if v is not None else rarity(w) for v, w in zip(values, low_words)]
    total = sum(values)
    extra: list[tuple[str, float]] = []
    if capitals:  # an unknown abbreviation is as hard as an unknown word
        for m in ABBREVIATION_RE.finditer(text, start, end):
            if abbreviation_key(m.group()) is not None:
                gain = RARITY_CEILING - rarity(m.group().lower())
                total += gain
                extra.append((m.group(), RARITY_CEILING))
    hard = ()
    if extra or max(values, default=0.0) > HARD:
        found = {*extra, *((w, v) for w, v in zip(low_words, values) if v > HARD)}
        hard = tuple(sorted(found, key=lambda wv: (-wv[1], wv[0])))
    return SentenceCounts(text, start, end, unit.line + text.count("\n", 0, start), unit.section,
                          len(low_words), syllables, polysyllables, total, hard)
