"""British to US spelling: the one table the plain-English pass uses.

The jargon list is written in British English and CMUdict is a US dictionary, so
both the jargon matcher ("hemorrhage" and "utilize" match "haemorrhage" and
"utilise") and the syllable counter ("haemorrhage" -> CMUdict's "hemorrhage") need
the US form. Rewrites of our own, from the regular British/US differences in the
Oxford and Merriam-Webster spellings (-ise/-ize, ae/oe -> e, -our/-or, -tre/-ter,
-ogue/-og, doubled l before a suffix); needs review by an editor.
"""

from __future__ import annotations

from typing import Iterator

BRITISH_TO_US = (
    ("isation", "ization"), ("ising", "izing"), ("ised", "ized"), ("ise", "ize"), ("yse", "yze"),
    ("aemia", "emia"), ("haem", "hem"), ("aem", "em"), ("aet", "et"), ("oea", "ea"),
    ("oes", "es"), ("oed", "ed"), ("oet", "et"), ("paed", "ped"), ("gynaec", "gynec"),
    ("ae", "e"), ("oe", "e"), ("our", "or"), ("tre", "ter"), ("ogue", "og"), ("ll", "l"),
)
"""(British, US) fragments, longest and most specific first."""


def us_spelling(word: str) -> str:
    """Every rewrite applied in turn: "paediatric haemorrhage" forms become "pediatric hemorrhage"."""
    for british, us in BRITISH_TO_US:
        word = word.replace(british, us)
    return word


def us_respellings(word: str) -> Iterator[str]:
    """One rewrite at a time, in table order: candidates to look up in a US dictionary."""
    for british, us in BRITISH_TO_US:
        if british in word:
            yield word.replace(british, us)
