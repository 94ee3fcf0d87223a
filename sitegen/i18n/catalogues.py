"""Every string the theme writes, in the reader's language, through gettext message catalogues.

The theme's catalogues are ``.po`` files in ``sitegen/theme/locale/<lang>.po``; a site adds a
language or changes a string with its own ``templates/locale/<lang>.po``, whose entries win
over the theme's. Babel reads each ``.po`` file and compiles it in memory at build time, so a
fresh clone builds offline with no separate compile step and no ``.mo`` file to keep in step.
English is the theme's own language: its strings are the message ids themselves.

Dates are written as words with Babel's CLDR data ("1 Mawrth 2026" in Welsh).
"""

from __future__ import annotations

import datetime as dt
import gettext
import hashlib
import io
import re
from functools import lru_cache
from pathlib import Path

from babel.dates import format_date
from babel.messages.mofile import write_mo
from babel.messages.pofile import PoFileError, read_po
from babel.support import NullTranslations, Translations

from ..errors import BuildFailed
from . import tags

THEME_LOCALE = Path(__file__).resolve().parent.parent / "theme" / "locale"
SITE_LOCALE = Path("templates") / "locale"
"""Relative to the site root."""
DATE_PATTERN = "d MMMM y"
"""Day, month in words, year ("1 March 2026", "1 Mawrth 2026"): the GOV.UK style for dates,
in every language's own month names (CLDR, through Babel)."""


def catalogue_files(lang: str, site_root: Path | None) -> list[Path]:
    """The .po files for ``lang``, the site's first: ``cy.po`` serves ``cy`` and ``cy-GB``."""
    names = [f"{tags.normalise(lang)}.po", f"{tags.primary(lang)}.po"]
    folders = ([site_root / SITE_LOCALE] if site_root is not None else []) + [THEME_LOCALE]
    found = []
    for folder in folders:
        for name in dict.fromkeys(names):
            path = folder / name
            if path.is_file():
                found.append(path)
                break
    return found


def translations(lang: str, site_root: Path | None = None) -> gettext.NullTranslations:
    files = catalogue_files(lang, site_root)
    return _load(tuple((str(p), p.stat().st_mtime_ns) for p in files), lang)


@lru_cache(maxsize=32)
def _load(files: tuple[tuple[str, int], ...], lang: str) -> gettext.NullTranslations:
    if not files:
        return NullTranslations()
    first: Translations | None = None
    for path, _mtime in files:
        loaded = _compile(Path(path), lang)
        if first is None:
            first = loaded
        else:
            first.add_fallback(loaded)
    return first or NullTranslations()


HINT = 'each entry is a msgid "..." line (the English, exactly as the theme writes it) and a msgstr "..." line; save the file as UTF-8'


def _compile(path: Path, lang: str) -> Translations:
    try:
        raw = path.read_bytes()
        _check_quotes(path, raw.decode("utf-8"))
        catalogue = read_po(io.BytesIO(raw), locale=tags.babel_locale(lang), abort_invalid=True)
    except (PoFileError, OSError, ValueError, UnicodeDecodeError) as exc:
        raise BuildFailed(f"{_shown(path)}: error: the message catalogue cannot be read: {exc} [catalogue]\n    hint: {HINT}") from None
    for message, errors in catalogue.check():
        # a wrong %(name)s would stop the page from rendering: name the entry instead
        raise BuildFailed(f"{_shown(path)}:{message.lineno}: error: the translation of '{message.id}' does not fit: "
                          f"{errors[0]} [catalogue]\n    hint: keep every %(name)s of the msgid, spelled the same, in the msgstr")
    compiled = io.BytesIO()
    write_mo(compiled, catalogue, use_fuzzy=False)
    compiled.seek(0)
    return Translations(compiled)


_KEYWORD = re.compile(r'^(msgctxt|msgid|msgid_plural|msgstr(\[\d+\])?)\s+(.*)$')
_QUOTED = re.compile(r'^"(?:[^"\\]|\\.)*"$')


def _check_quotes(path: Path, text: str) -> None:
    """Babel's reader forgives a missing closing quote by dropping a letter: refuse it instead."""
    for number, line in enumerate(text.splitlines(), start=1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        found = _KEYWORD.match(line)
        value = found.group(3) if found else line
        if not _QUOTED.match(value):
            raise BuildFailed(f"{_shown(path)}:{number}: error: the message catalogue cannot be read: this line's text "
                              f"is not between two double quotes [catalogue]\n    hint: {HINT}")


def _shown(path: Path) -> str:
    """Where the file is, as a maintainer finds it: the theme's, or the site's own."""
    if path.is_relative_to(THEME_LOCALE):
        return f"sitegen theme locale/{path.name}"
    return f"{SITE_LOCALE.as_posix()}/{path.name}"


def digest(site_root: Path | None) -> str:
    """A hash of every catalogue a build can read: changing one re-renders the pages."""
    found = hashlib.sha256()
    for folder in ([site_root / SITE_LOCALE] if site_root is not None else []) + [THEME_LOCALE]:
        if folder.is_dir():
            for path in sorted(folder.glob("*.po")):
                found.update(path.name.encode() + b"\0" + path.read_bytes())
    return found.hexdigest()


def long_date(day: dt.date, lang: str) -> str:
    return format_date(day, DATE_PATTERN, locale=tags.babel_locale(lang))


def available(site_root: Path | None) -> list[str]:
    """Languages with a catalogue, the theme's and the site's."""
    names = set()
    for folder in ([site_root / SITE_LOCALE] if site_root is not None else []) + [THEME_LOCALE]:
        if folder.is_dir():
            names |= {p.stem for p in folder.glob("*.po")}
    return sorted(names)
