"""The A to Z: every leaflet under its title and under each of its ``index_terms``.

Leading words people do not look up ("Living with", "Taking", "The") are set aside, so
"Living with asthma" is filed under A as "Asthma, living with" (the list and its sources:
``data/leading-words.tsv``). Every letter is shown; a letter with no entry is not a link.
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

ALPHABETS = {"en": tuple("ABCDEFGHIJKLMNOPQRSTUVWXYZ")}
"""The letters of the jump list, per language (primary subtag); others fall back to English."""
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
    while moved:
        moved = False
        for phrase in leading_words(lang):
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


def entries(leaflets: Iterable[Listed], lang: str = "en") -> list[AtoZEntry]:
    """One entry for each title and each index term, in filing order."""
    found = []
    for item in leaflets:
        ref = item.ref
        found.append(AtoZEntry(label(ref.title, lang), ref.url, ref.summary, ""))
        found += [AtoZEntry(label(term, lang), ref.url, "", ref.title) for term in item.index_terms]
    return sorted(found, key=lambda e: (sort_key(e.label), e.label, e.url))


def letter_of(entry_label: str, alphabet: tuple[str, ...]) -> str:
    key = sort_key(entry_label)
    first = unicodedata.normalize("NFKD", key[:1])[:1].upper()
    return first if first in alphabet else OTHER


def letter_groups(found: Iterable[AtoZEntry], lang: str = "en") -> tuple[LetterGroup, ...]:
    """Every letter of the alphabet, each with its entries (possibly none), then 0-9 if used."""
    alphabet = ALPHABETS.get(primary(lang), ALPHABETS["en"])
    grouped: dict[str, list[AtoZEntry]] = defaultdict(list)
    for entry in found:
        grouped[letter_of(entry.label, alphabet)].append(entry)
    letters = list(alphabet) + ([OTHER] if grouped.get(OTHER) else [])
    return tuple(LetterGroup(letter, f"letter-{letter.lower()}", tuple(grouped.get(letter, ())))
                 for letter in letters)
