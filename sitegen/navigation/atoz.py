"""The A to Z: every leaflet under its title and under each of its ``index_terms``.

Leading words people do not look up ("Living with", "Taking", "The") are set aside, so
"Living with asthma" is filed under A as "Asthma, living with" (the list and its sources:
``data/leading-words.tsv``). Every letter is shown; a letter with no entry is not a link.

Each language files by its own rules where sitegen knows them: its leading words (English
and Welsh so far; none are set aside in a language the list does not have) and its alphabet
(English and Welsh, whose letters include Ch, Dd, Ff, Ng, Ll, Ph, Rh and Th). In a language
whose alphabet sitegen does not know, the jump list shows the first letters that are used,
in the order of their code points (for Urdu, close to but not exactly its dictionary order).
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Iterable

from ..frontmatter import a_to_z_key
from ..views import AtoZEntry, LetterGroup, PageRef

ALPHABETS = {
    "en": tuple("ABCDEFGHIJKLMNOPQRSTUVWXYZ"),
    "cy": ("A", "B", "C", "Ch", "D", "Dd", "E", "F", "Ff", "G", "Ng", "H", "I", "J", "L", "Ll", "M", "N", "O", "P", "Ph",
           "R", "Rh", "S", "T", "Th", "U", "W", "Y"),
}
"""The letters of the jump list, per language (primary subtag). Welsh: the 29 letters of the Welsh
alphabet, in their order (Welsh Language Commissioner, "The Welsh alphabet"; J is the one
borrowed letter that is listed). Other languages: the first letters their entries use."""
DIGRAPHS = {lang: tuple(sorted((x.casefold() for x in letters if len(x) > 1), key=len, reverse=True))
            for lang, letters in ALPHABETS.items()}
"""Letters written with two characters, matched first ("ll" before "l")."""
OTHER = "0-9"
"""The group for entries that start with a digit or a sign."""


@dataclass(frozen=True)
class Listed:
    """What the A to Z needs of one published leaflet."""

    ref: PageRef
    index_terms: tuple[str, ...] = ()


@lru_cache(maxsize=8)
def leading_words(lang: str) -> tuple[tuple[str, ...], ...]:
    """The phrases set aside for one language, longest first so "a guide to" wins over "a"."""
    text = resources.files("sitegen.navigation").joinpath("data/leading-words.tsv").read_text("utf-8")
    wanted = primary(lang)
    phrases = {tuple(cols[1].split()) for cols in (line.split("\t") for line in text.splitlines())
               if len(cols) >= 2 and not cols[0].startswith("#") and cols[0] == wanted}
    return tuple(sorted(phrases, key=lambda p: (-len(p), p)))


@lru_cache(maxsize=8)
def _by_first_word(lang: str) -> dict[str, tuple[tuple[str, ...], ...]]:
    """``leading_words`` by their first word, longest first: a title is compared only with the
    phrases that can start it (every phrase for every title was a tenth of a 5,000-leaflet edit)."""
    grouped: dict[str, list[tuple[str, ...]]] = {}
    for phrase in leading_words(lang):
        grouped.setdefault(phrase[0], []).append(phrase)
    return {first: tuple(phrases) for first, phrases in grouped.items()}


def primary(lang: str) -> str:
    return lang.split("-")[0].casefold() or "en"


def label(text: str, lang: str = "en") -> str:
    """How an entry is shown: "Living with asthma" -> "Asthma, living with".

    Only the part before a colon is turned round ("Having a blood test: a guide for children"
    -> "Blood test, having a: a guide for children")."""
    head, colon, tail = text.partition(": ")
    words = head.split()
    aside: list[str] = []
    moved = True
    by_first = _by_first_word(lang)
    while moved:
        moved = False
        for phrase in by_first.get(words[0].casefold(), ()) if words else ():
            n = len(phrase)
            if len(words) > n and tuple(w.casefold() for w in words[:n]) == phrase:
                aside += words[:n]
                words = words[n:]
                moved = True
                break
    if not aside:
        return capitalised(text)
    return f"{capitalised(' '.join(words))}, {' '.join(aside).lower()}{colon}{tail}"


def capitalised(text: str) -> str:
    """First letter upper case, the rest as written ("COPD" stays "COPD")."""
    return text[:1].upper() + text[1:]


def sort_key(text: str) -> str:
    """Filing order: letters and digits only, ignoring capitals, accents and punctuation."""
    return re.sub(r"[^\w ]+", "", a_to_z_key(text)).strip()


def filing_key(text: str, lang: str = "en") -> tuple:
    """``sort_key``, with each of the language's two-character letters filed as one letter after
    its first character ("Llaeth" after "Lwc" in Welsh, as Welsh dictionaries file them)."""
    key = sort_key(text)
    digraphs = DIGRAPHS.get(primary(lang), ())
    if not digraphs:
        return (key,)
    out: list[tuple[str, int]] = []
    at = 0
    while at < len(key):
        pair = next((d for d in digraphs if key.startswith(d, at)), None)
        out.append((pair[0], 1) if pair else (key[at], 0))  # ("l", 1) sorts after ("l", 0) and before ("m", 0)
        at += len(pair) if pair else 1
    return (tuple(out),)


def entries(leaflets: Iterable[Listed], lang: str = "en") -> list[AtoZEntry]:
    """One entry for each title and each index term, in filing order."""
    found = []
    for item in leaflets:
        ref = item.ref
        found.append(AtoZEntry(label(ref.title, lang), ref.url, ref.summary, ""))
        found += [AtoZEntry(label(term, lang), ref.url, "", ref.title) for term in item.index_terms]
    return sorted(found, key=lambda e: (filing_key(e.label, lang), e.label, e.url))


def letter_of(entry_label: str, alphabet: tuple[str, ...] | None) -> str:
    """The letter an entry is filed under; with no known alphabet, its own first letter."""
    key = sort_key(entry_label)
    if alphabet is not None:
        for letter in _longer_letters(alphabet):
            if key.startswith(letter.casefold()):
                return letter
    first = unicodedata.normalize("NFKD", key[:1])[:1].upper()
    if alphabet is None:
        return first if first.isalpha() else OTHER
    return first if first in alphabet else OTHER


@lru_cache(maxsize=16)
def _longer_letters(alphabet: tuple[str, ...]) -> tuple[str, ...]:
    """The alphabet's letters of two or more characters, longest first (Welsh: Ch, Dd, ...), so
    ``letter_of`` tries Ng before N; sorted once, not once per entry."""
    return tuple(letter for letter in sorted(alphabet, key=len, reverse=True) if len(letter) > 1)


def anchor(letter: str) -> str:
    """``letter-a``, ``letter-ch``; a letter of another script by its code point (``letter-u0627``),
    so a link to it is plain ASCII."""
    if letter.isascii():
        return f"letter-{letter.lower()}"
    return "letter-" + "-".join(f"u{ord(c):04x}" for c in letter)


def letter_groups(found: Iterable[AtoZEntry], lang: str = "en") -> tuple[LetterGroup, ...]:
    """Every letter of the alphabet, each with its entries (possibly none), then 0-9 if used.
    In a language whose alphabet is not known, only the letters used."""
    found = list(found)
    alphabet = ALPHABETS.get(primary(lang))
    if alphabet is None and all(c.isascii() or not c.isalpha() for e in found for c in sort_key(e.label)[:1]):
        alphabet = ALPHABETS["en"]  # written in the Latin alphabet: the English letters are a fair guess
    grouped: dict[str, list[AtoZEntry]] = defaultdict(list)
    for entry in found:
        grouped[letter_of(entry.label, alphabet)].append(entry)
    used = sorted((g for g in grouped if g != OTHER), key=lambda g: filing_key(g, lang))
    letters = (list(alphabet) if alphabet is not None else used) + ([OTHER] if grouped.get(OTHER) else [])
    return tuple(LetterGroup(letter, anchor(letter), tuple(grouped.get(letter, ())))
                 for letter in letters)
