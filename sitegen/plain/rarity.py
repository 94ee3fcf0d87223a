"""Per-sentence counts for the reading age: words, syllables, and vocabulary rarity.

In: one sentence of a ``TextUnit`` (its span and lower-case words). Out: a
``SentenceCounts``. A word's rarity is ``readingage.word_rarity`` of its commonest
plain form; a hyphenated word counts as its rarest part ("long-term" is as rare as
"term"), or as its joined form when that is commoner;
numbers add nothing; an abbreviation that everyday readers do not know adds the most
(``abbreviations.abbreviation_key``). Values are memoised per word.
"""

from __future__ import annotations

from dataclasses import dataclass

from sitegen.model import TextUnit
from sitegen.plain import frequency
from sitegen.plain.abbreviations import ABBREVIATION_RE, abbreviation_key
from sitegen.plain.readingage import RARITY_CEILING, word_rarity
from sitegen.plain.syllables import count

_memo: dict[str, float] = {}
_MEMO_LIMIT = 200_000


@dataclass(frozen=True)
class SentenceCounts:
    text: str
    """The sentence with its white space collapsed."""
    line: int
    section: str
    words: int
    syllables: int
    polysyllables: int
    rarity: float
    hard: tuple[tuple[str, float], ...]
    """(word as written, rarity) for its words of rarity above ``HARD``, rarest first."""


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
    hard = tuple(sorted({*extra, *_hard_words(text, start, end, low_words, values)}, key=lambda wv: -wv[1]))
    return SentenceCounts(
        text=" ".join(text[start:end].split()),
        line=unit.line + text.count("\n", 0, start),
        section=unit.section,
        words=len(low_words),
        syllables=syllables,
        polysyllables=polysyllables,
        rarity=total,
        hard=hard,
    )


def _hard_words(text: str, start: int, end: int, low_words: list[str], values: list[float]):
    if max(values, default=0.0) <= HARD:
        return ()
    from sitegen.plain.sentences import WORD_RE

    written = WORD_RE.findall(text, start, end)
    if len(written) != len(low_words):
        written = low_words
    return [(w, v) for w, v in zip(written, values) if v > HARD and not w[:1].isupper()]
