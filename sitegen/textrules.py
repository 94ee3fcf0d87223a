"""The one rule for which characters a text value may hold, whoever wrote it and however.

Front matter, the glossary and the settings all pass their values (after YAML or TOML
has turned escapes such as ``"\\0"``, ``"\\x01"``, ``"\\e"`` or ``"\\uFFFE"`` into
characters) through ``first_unprintable``. Such a character shows as nothing or as a
box, moves a terminal's cursor, breaks XML (feed.xml, sitemap.xml allow none of them),
and can no more be typed by a reader than read aloud by a screen reader. Imports nothing
of sitegen.
"""

from __future__ import annotations

import unicodedata

ALLOWED_CONTROLS = frozenset("\t\n")
"""Tab and line break stay allowed: YAML's block scalars (``summary: >``) hold line breaks,
and a tab inside a value has always been accepted (a tab that indents is refused elsewhere)."""


def is_unprintable(char: str) -> bool:
    """Control characters (Unicode category Cc) other than tab and line break, surrogates,
    the line and paragraph separators, and the 66 Unicode non-characters (U+FDD0 to U+FDEF
    and the last two code points of every plane; Unicode 15, section 23.7): the characters
    XML 1.0 forbids or discourages (section 2.2) and YAML 1.2 calls non-printable (5.1)."""
    if char in ALLOWED_CONTROLS:
        return False
    code = ord(char)
    if 0xFDD0 <= code <= 0xFDEF or (code & 0xFFFE) == 0xFFFE:
        return True
    return unicodedata.category(char) in ("Cc", "Cs", "Zl", "Zp")


def first_unprintable(text: str) -> str | None:
    """The first character of ``text`` that ``is_unprintable``, or None (the usual case, in one pass)."""
    if text.isprintable():
        return None
    return next((char for char in text if is_unprintable(char)), None)


def describe(char: str) -> str:
    """'an invisible control character U+001B' and the like, for messages."""
    code = ord(char)
    name = f"U+{code:04X}"
    if 0xFDD0 <= code <= 0xFDEF or (code & 0xFFFE) == 0xFFFE:
        return f"the Unicode non-character {name}"
    category = unicodedata.category(char)
    if category == "Cs":
        return f"half of a character ({name}, a lone surrogate)"
    if category in ("Zl", "Zp"):
        return f"an invisible {'line' if category == 'Zl' else 'paragraph'} separator {name}"
    return f"an invisible control character {name}"


HINT = ("delete it; if the value is in double quotes, look for a backslash escape such as \\0, \\x01, \\e or \\uFFFE "
        "and remove it (to write a backslash itself, write \\\\)")
