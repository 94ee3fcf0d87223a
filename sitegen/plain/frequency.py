"""How common a word is in everyday English, from the ``wordfreq`` package's data.

In: a word. Out: its Zipf frequency (log10 of uses per billion words: 7 is "the",
3 is about one use in a million words, 0 means the word is not in the data).

Source: wordfreq 3.x (Robyn Speer, https://github.com/rspeer/wordfreq), its
``large_en`` list: 321,000 English words with frequencies blended from subtitles,
Wikipedia, news, books, web text and Reddit up to 2021. The data ships inside the
package (a msgpack file) and is read here straight from disk, without importing
wordfreq itself (its import pulls in a tokenizer and language tables that cost about
a second and that this pass does not need). No network, ever.

The file lists words in bins of one centibel (a hundredth of a power of ten), most
common first; bin ``i`` holds words of frequency 10 ** (-i / 100), that is Zipf
``9 - i / 100`` (wordfreq's own ``zipf_frequency`` reads the same bins).

Load once per process: call ``table()`` in the parent before a fork pool starts so
workers share the pages (``sitegen.plain.preload``).
"""

from __future__ import annotations

import gzip
import importlib.util
import os
import threading

from sitegen.plain.spelling import us_respellings, us_spelling

ZIPF_TOP = 9.0           # Zipf of bin 0 (wordfreq's definition, see above)
CENTIBELS = 100

_lock = threading.Lock()
_table: dict[str, int] | None = None
_base_memo: dict[str, tuple[str, float]] = {}
_MEMO_LIMIT = 200_000     # bound the memo so random input cannot grow it forever


def data_path() -> str:
    """Path of wordfreq's English data file, found without importing wordfreq."""
    spec = importlib.util.find_spec("wordfreq")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("the wordfreq package is not installed: run make build")
    return os.path.join(list(spec.submodule_search_locations)[0], "data", "large_en.msgpack.gz")


def _load() -> dict[str, int]:
    import msgpack  # wordfreq's own dependency

    with gzip.open(data_path(), "rb") as handle:
        bins = msgpack.load(handle, raw=False)
    # bins[0] is a header ({"format": "cB", "version": 1}); then one list per centibel.
    out: dict[str, int] = {}
    for cb, words in enumerate(bins[1:]):
        for word in words:
            out.setdefault(word, cb)
    return out


def table() -> dict[str, int]:
    """Word -> centibels below the top (smaller is more common); loaded on first use."""
    global _table
    if _table is None:
        with _lock:
            if _table is None:
                _table = _load()
    return _table


def zipf(word: str) -> float:
    """Zipf frequency of ``word`` as written (lower case expected); 0.0 when unknown."""
    cb = (_table if _table is not None else table()).get(word)
    return 0.0 if cb is None else ZIPF_TOP - cb / CENTIBELS


def base_zipf(word: str) -> float:
    """Zipf of the commonest plain form of ``word``: "bordering" counts as "border".

    Inflected forms are rarer than their stems ("attackers", "welcoming"), but a
    reader who knows the stem knows the word, so the highest Zipf among the word
    and its regular stems is used. British spellings are also tried in their US
    form ("anaesthetic" -> "anesthetic") because the data is mostly US text.
    """
    return base_form(word)[1]


def base_form(word: str) -> tuple[str, float]:
    """``(form, zipf)`` for the commonest plain form of ``word`` (see ``base_zipf``)."""
    found = _base_memo.get(word)
    if found is None:
        found = max(((form, zipf(form)) for form in sorted(_forms(word))), key=lambda fz: (fz[1], fz[0] == word))
        if len(_base_memo) < _MEMO_LIMIT:
            _base_memo[word] = found
    return found


def _forms(w: str) -> set[str]:
    forms = {w}
    if w.endswith("'s"):
        forms.add(w[:-2])
    if w.endswith("ies") and len(w) > 4:
        forms.add(w[:-3] + "y")
    if w.endswith("es") and len(w) > 4:
        forms.add(w[:-2])
    if w.endswith("s") and not w.endswith("ss") and len(w) > 3:
        forms.add(w[:-1])
    if w.endswith("ed") and len(w) > 4:
        forms |= {w[:-2], w[:-1]}
        if w[-3] == w[-4]:
            forms.add(w[:-3])           # "stopped" -> "stop"
    if w.endswith("ing") and len(w) > 5:
        forms |= {w[:-3], w[:-3] + "e"}
        if w[-4] == w[-5]:
            forms.add(w[:-4])           # "running" -> "run"
    if w.endswith("ers") and len(w) > 5:
        forms.add(w[:-3])
    if w.endswith("er") and len(w) > 5:
        forms |= {w[:-2], w[:-1]}
    if w.endswith("ly") and len(w) > 4:
        forms.add(w[:-2])
    # US spellings too: wordfreq counts "anemia" and "anaemia" apart (one table: plain/spelling.py)
    return forms | {us_spelling(f) for f in forms} | {us for f in forms for us in us_respellings(f)}
