"""BCP 47 language tags: is a tag valid, how it is written, which way the script runs.

A well-kept library does each job: langcodes checks a tag against the IANA language
subtag registry it ships (so ``cy``, ``ur``, ``pa-Arab`` and ``en-GB`` pass, ``welsh``
and ``xx-123`` do not); Babel's CLDR data names each language in itself ("Cymraeg")
and says whether it is written right to left. Neither touches the network.
"""

from __future__ import annotations

from functools import lru_cache

import langcodes
from babel import Locale, UnknownLocaleError

RTL_SCRIPTS = frozenset({"Arab", "Hebr", "Thaa", "Syrc", "Nkoo", "Adlm", "Rohg", "Mand", "Samr"})
"""Scripts written right to left: those CLDR's script metadata (scriptMetadata.txt, "RTL"
column) marks so, among the ones health leaflets in the UK are written in. A tag's likely
script comes from langcodes (``ur`` -> ``Arab``), so ``ur``, ``pa-Arab`` and ``ar`` are
right to left and ``pa`` (Gurmukhi) is not."""


@lru_cache(maxsize=256)
def is_valid(tag: str) -> bool:
    """A well-formed BCP 47 tag whose subtags are all in the IANA registry."""
    return bool(tag) and langcodes.tag_is_valid(tag)


@lru_cache(maxsize=256)
def normalise(tag: str) -> str:
    """The tag as BCP 47 writes it (``en-gb`` -> ``en-GB``, ``CY`` -> ``cy``); the tag itself if invalid."""
    if not is_valid(tag):
        return tag
    return langcodes.standardize_tag(tag)


def same_language(a: str, b: str) -> bool:
    """``en`` and ``en-GB`` are one language for the site: a leaflet in either needs no prefix."""
    return primary(a) == primary(b)


def primary(tag: str) -> str:
    return tag.split("-", 1)[0].casefold()


def url_segment(tag: str) -> str:
    """The folder a language's pages live in: ``cy``, ``ur``, ``pt-br`` (lower case, as URLs are)."""
    return normalise(tag).casefold()


@lru_cache(maxsize=64)
def _locale(tag: str) -> Locale | None:
    try:
        return Locale.parse(normalise(tag), sep="-")
    except (UnknownLocaleError, ValueError, TypeError):
        try:
            return Locale.parse(primary(tag))
        except (UnknownLocaleError, ValueError, TypeError):
            return None


def babel_locale(tag: str) -> Locale:
    """Babel's locale for the tag, or English when CLDR has none (dates still come out right)."""
    return _locale(tag) or Locale.parse("en_GB")


@lru_cache(maxsize=64)
def script(tag: str) -> str | None:
    """The ISO 15924 script the language is most likely written in (``cy`` -> ``Latn``, ``ur`` -> ``Arab``)."""
    return langcodes.get(normalise(tag)).maximize().script if is_valid(tag) else None


@lru_cache(maxsize=64)
def direction(tag: str) -> str:
    """``rtl`` for languages written right to left (Arabic, Urdu, Hebrew ...), else ``ltr``."""
    written = script(tag)
    if written:
        return "rtl" if written in RTL_SCRIPTS else "ltr"
    found = _locale(tag)
    return "rtl" if found is not None and found.text_direction == "rtl" else "ltr"


@lru_cache(maxsize=64)
def autonym(tag: str) -> str:
    """The language's name in itself: "Cymraeg", "اردو", "English"."""
    found = _locale(tag)
    name = found.get_display_name(found) if found is not None else ""
    return (name[:1].upper() + name[1:]) if name else tag


@lru_cache(maxsize=64)
def english_name(tag: str) -> str:
    """The language's name in English, for messages to content teams: "Welsh", "Urdu"."""
    found = _locale(tag)
    return found.get_display_name("en") if found is not None else tag
