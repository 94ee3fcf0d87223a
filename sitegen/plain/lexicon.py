"""The jargon lexicon: terms with plainer alternatives, indexed for fast lookup.

In: the built-in list ``data/jargon.tsv`` (term, alternatives, source ids, flags,
exception phrases, sense rules; see ``data/SOURCES.md``) plus optional per-site overrides.
Out: a ``Lexicon`` whose ``index`` maps a tuple of normalised tokens, including
generated inflections ("haemorrhages", "utilised", "complied with"), to its entry key.

Flags:
* ``context``: the term is kept in condition names ("acute lymphoblastic leukaemia");
  the matcher skips it there (rule in ``sitegen.plain.jargon``). The lead may also map
  hits on such entries to a lower severity (``Lexicon.entries[key].flags``).
* ``policy``: officialese that mostly hurts policy text ("key", "deliver", "focus").
  Left out unless ``load_lexicon(include_policy=True)``, so leaflets are not drowned.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Iterable, Mapping

from sitegen.plain.sentences import WORD_RE
from sitegen.plain.spelling import us_spelling


def normalise(token: str) -> str:
    """Lower case, straight apostrophes, no dots, no possessive "'s"."""
    t = token.lower().replace("\u2019", "'").replace(".", "")
    return t[:-2] if t.endswith("'s") else t


def tokens(text: str) -> tuple[str, ...]:
    """Jargon tokens: words split at hyphens ("follow-up" = "follow up"), normalised.

    Dotted abbreviations stay one token without dots ("e.g." -> "eg").
    """
    return tuple(normalise(p) for w in WORD_RE.findall(text) for p in w.split("-"))


@dataclass(frozen=True, slots=True)
class Entry:
    """One lexicon term."""

    key: str
    """The term as listed, e.g. ``haemorrhage`` or ``comply with``."""
    suggestion: str
    source: str
    """Comma-separated source ids (see data/SOURCES.md); ``site`` for site terms."""
    flags: frozenset[str] = frozenset()
    exceptions: tuple[str, ...] = ()
    """Phrases containing the term where it is fine ("scarlet fever")."""
    not_after: frozenset[str] = frozenset()
    """Words that, straight before the term, give it another sense ("statistically significant")."""
    not_before: frozenset[str] = frozenset()
    """Words that, straight after the term, give it another sense ("consumed by")."""


@dataclass(frozen=True, slots=True)
class Lexicon:
    """The jargon list ready for matching; build it with ``load_lexicon``."""

    entries: Mapping[str, Entry]
    """Lower-case key -> entry; ``JargonHit.key`` is one of these keys."""
    index: Mapping[tuple[str, ...], str]
    """Token tuple (base form or inflection) -> entry key."""
    lengths: Mapping[str, tuple[int, ...]]
    """First token -> lengths of the index keys starting with it, longest first.

    A cheap membership test, and it limits lookups to lengths that can match."""
    exceptions: "PhraseSet"
    """Phrases where a listed term is fine; they shield the tokens they cover."""

    def __len__(self) -> int:
        return len(self.entries)


@dataclass(frozen=True, slots=True)
class PhraseSet:
    """Token-tuple phrases with their inflections (keep_terms, glossary, exceptions)."""

    phrases: frozenset[tuple[str, ...]]
    lengths: Mapping[str, tuple[int, ...]]
    """First token -> phrase lengths, longest first (as ``Lexicon.lengths``)."""

    @classmethod
    def build(cls, terms: Iterable[str]) -> PhraseSet:
        phrases = {v for term in terms if (t := tokens(term)) for v in phrase_variants(t)}
        return cls(frozenset(phrases), lengths_by_start(phrases))


def lengths_by_start(keys: Iterable[tuple[str, ...]]) -> dict[str, tuple[int, ...]]:
    found: dict[str, set[int]] = {}
    for key in keys:
        found.setdefault(key[0], set()).add(len(key))
    return {first: tuple(sorted(sizes, reverse=True)) for first, sizes in found.items()}


# --------------------------------------------------------------------------- inflections

def word_forms(w: str) -> set[str]:
    """Regular inflections of one word, generated at load time.

    No "-er" forms: they make different nouns ("inhale" -> "inhaler", "consume" -> "consumer").
    """
    forms = {w}
    if len(w) < 3 or not w.isalpha():
        return forms
    if w.endswith("e"):
        forms |= {w + "s", w + "d", w[:-1] + "ing"}
    elif w.endswith("y") and w[-2] not in "aeiou":
        forms |= {w[:-1] + "ies", w[:-1] + "ied", w + "ing"}
    elif w.endswith(("s", "x", "z", "ch", "sh")):
        forms |= {w + "es", w + "ed", w + "ing"}
    else:
        forms |= {w + "s", w + "ed", w + "ing"}
        if w[-1] not in "aeiouwxy" and w[-2] in "aeiou" and w[-3] not in "aeiou":
            forms |= {w + w[-1] + "ed", w + w[-1] + "ing"}  # occur -> occurred
    forms |= _latin_plurals(w)
    return forms | {us_spelling(f) for f in forms}  # so "hemorrhage" and "utilize" match too


def _latin_plurals(w: str) -> set[str]:
    if w.endswith("is"):
        return {w[:-2] + "es"}          # metastasis -> metastases
    if w.endswith("us"):
        return {w[:-2] + "i"}           # thrombus -> thrombi
    if w.endswith("um"):
        return {w[:-2] + "a"}
    if w.endswith("a"):
        return {w + "e", w + "s"}       # vertebra -> vertebrae
    if w.endswith("ix") or w.endswith("ex"):
        return {w[:-2] + "ices"}
    return set()


def phrase_variants(t: tuple[str, ...]) -> set[tuple[str, ...]]:
    """Inflect the last word (nouns: "adverse effects") and the first (verbs: "complied with")."""
    out = {t[:-1] + (f,) for f in word_forms(t[-1])}
    if len(t) > 1:
        out |= {(f,) + t[1:] for f in word_forms(t[0])}
    return out


# --------------------------------------------------------------------------- loading

@lru_cache(maxsize=1)
def builtin_entries() -> tuple[Entry, ...]:
    """Parse data/jargon.tsv once per process."""
    text = resources.files("sitegen.plain").joinpath("data/jargon.tsv").read_text("utf-8")
    merged: dict[str, Entry] = {}
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            e = _parse(line)
            merged[e.key.lower()] = _merge(merged.get(e.key.lower()), e)
    return tuple(merged.values())


def _parse(line: str) -> Entry:
    cols = (line.split("\t") + ["", "", "", "", ""])[:6]
    term, suggestion, source, flags, exceptions, senses = (c.strip() for c in cols)
    rules = _sense_rules(senses)
    return Entry(term, suggestion, source, frozenset(flags.split()),
                 tuple(p.strip() for p in exceptions.split("|") if p.strip()),
                 rules.get("after", frozenset()), rules.get("before", frozenset()))


def _sense_rules(text: str) -> dict[str, frozenset[str]]:
    """``after:a,b|before:c`` -> {"after": {"a", "b"}, "before": {"c"}}."""
    out: dict[str, frozenset[str]] = {}
    for rule in filter(None, (r.strip() for r in text.split("|"))):
        side, _, words = rule.partition(":")
        if side not in ("after", "before"):
            raise ValueError(f"jargon.tsv: sense rule {rule!r} must start with after: or before:")
        out[side] = out.get(side, frozenset()) | frozenset(normalise(w) for w in words.split(",") if w.strip())
    return out


def _merge(old: Entry | None, new: Entry) -> Entry:
    """Where lists disagree keep both alternatives for a human to choose."""
    if old is None:
        return new
    return Entry(old.key, _union(old.suggestion, new.suggestion, "; "),
                 _union(old.source, new.source, ","), old.flags | new.flags,
                 old.exceptions + new.exceptions, old.not_after | new.not_after,
                 old.not_before | new.not_before)


def _union(a: str, b: str, sep: str) -> str:
    """Join two ``sep``-separated lists, keeping order and dropping repeats."""
    items = [i.strip() for i in (a + sep + b).split(sep.strip())]
    return sep.join(dict.fromkeys(i for i in items if i))


_cache: dict[tuple[object, ...], Lexicon] = {}


def load_lexicon(site_terms: Mapping[str, str] | None = None, *,
                 include_policy: bool = False) -> Lexicon:
    """Built-in list plus site overrides (``{"term": "plainer words"}``; ``""`` drops a term).

    Results are cached per distinct argument set, so calling this per page is cheap.
    """
    cache_key = (tuple(sorted((site_terms or {}).items())), include_policy)
    found = _cache.get(cache_key)
    if found is None:
        found = _cache[cache_key] = _build(site_terms or {}, include_policy)
    return found


def _build(site_terms: Mapping[str, str], include_policy: bool) -> Lexicon:
    entries = {e.key.lower(): e for e in builtin_entries()
               if include_policy or "policy" not in e.flags}
    for term, suggestion in site_terms.items():
        key = term.strip().lower()
        if not suggestion.strip():
            entries.pop(key, None)
        else:
            entries[key] = Entry(term.strip(), suggestion.strip(), "site")
    return _index(entries)


def _index(entries: dict[str, Entry]) -> Lexicon:
    index: dict[tuple[str, ...], str] = {}
    bases = {tokens(k): k for k in entries}
    for base, key in bases.items():
        for variant in phrase_variants(base) if base else ():
            # A real entry always beats another entry's generated inflection.
            if variant not in bases or variant == base:
                index.setdefault(variant, key)
    for base, key in bases.items():
        if base:
            index[base] = key
    exceptions = PhraseSet.build(p for e in entries.values() for p in e.exceptions)
    return Lexicon(entries, index, lengths_by_start(index), exceptions)
