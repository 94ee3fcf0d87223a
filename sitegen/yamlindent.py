"""Explain a YAML syntax error by what the writer did: a line indented more or less than its siblings.

PyYAML reports an over-indented ``role:`` as "mapping values are not allowed" (the line
above runs on into it) and an under-indented one as "did not find expected '-'
indicator". Both mean the same to a reviewer editing by hand: this line does not start
in the same column as the lines it belongs with. So we compare the line's indentation
with the columns still open above it (its siblings and the entries it sits in) and name
the line to line it up with.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_BLOCK_OPENER = re.compile(r"(:|^-|[|>][-+0-9]*)\s*(#.*)?$")
"""A line after which a deeper line is expected: ``field:``, a lone ``-``, or a ``|``/``>`` block."""
_DASH = re.compile(r"^(-\s+)")


@dataclass(frozen=True)
class Level:
    column: int
    """0-based column where the key or the dash starts."""
    line: int
    """0-based line that holds it."""
    dash: bool
    """True for a list item's dash, False for a field's key."""


@dataclass(frozen=True)
class Misaligned:
    line: int
    """0-based line that is out of place."""
    column: int
    """0-based column where its text starts."""
    more: bool
    """Indented more (True) or less (False) than the level it belongs to."""
    match: Level


def _is_content(line: str) -> bool:
    text = line.strip()
    return bool(text) and not text.startswith("#")


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _levels_of(line: str, number: int) -> list[Level]:
    """The columns one line opens: a dash and the key after it, or just a key."""
    indent = _indent(line)
    dash = _DASH.match(line[indent:])
    if dash is None:
        return [Level(indent, number, False)]
    return [Level(indent, number, True), Level(indent + len(dash.group(1)), number, False)]


def open_levels(lines: list[str], before: int) -> list[Level]:
    """Columns still open at line `before`: each line above not closed by a less indented line."""
    levels: list[Level] = []
    lowest = None
    for number in range(before - 1, -1, -1):
        line = lines[number]
        if not _is_content(line):
            continue
        indent = _indent(line)
        if lowest is None or indent <= lowest:
            levels += [lv for lv in _levels_of(line, number) if all(lv.column != seen.column or lv.dash != seen.dash for seen in levels)]
            lowest = indent
        if indent == 0:
            break
    return levels


def misaligned(text: str, line: int) -> Misaligned | None:
    """Whether `line` (0-based) is out of line with the lines around it; None if it lines up."""
    lines = text.split("\n")
    if not 0 <= line < len(lines) or not _is_content(lines[line]):
        return None
    above = [n for n in range(line - 1, -1, -1) if _is_content(lines[n])]
    if not above:
        return None
    previous = lines[above[0]]
    here = lines[line]
    indent = _indent(here)
    is_dash = _DASH.match(here[indent:]) is not None
    if indent > _levels_of(previous, above[0])[-1].column and _BLOCK_OPENER.search(previous.split(" #")[0].rstrip()):
        return None  # the first line inside a new block may start deeper
    candidates = [lv for lv in open_levels(lines, line) if lv.dash == is_dash]
    if not candidates or any(lv.column == indent for lv in candidates):
        return None
    # the nearest column; on a tie, the inner one (a field under-indented to its entry's dash belongs to the entry)
    match = min(candidates, key=lambda lv: (abs(lv.column - indent), -lv.column))
    return Misaligned(line, indent, indent > match.column, match)


def first_word(line: str) -> str:
    """What a reader sees at the start of a line: 'role:' or '- name:'."""
    text = line.strip()
    dash = _DASH.match(text)
    rest = text[len(dash.group(1)):] if dash else text
    key = rest.split(":", 1)[0] + ":" if ":" in rest else rest.split(" ", 1)[0]
    return ("- " if dash else "") + key


def describe(text: str, found: Misaligned, first_line: int) -> tuple[str, str]:
    """(message, hint) for a misaligned line; `first_line` is the file line of YAML line 0."""
    lines = text.split("\n")
    way = "more" if found.more else "less"
    here = first_word(lines[found.line])
    there = lines[found.match.line]
    target = first_word(there) if found.match.dash else first_word(there).removeprefix("- ")
    spaces = found.match.column
    where = "at the very left" if spaces == 0 else f"{spaces} space{'s' if spaces != 1 else ''} from the left"
    direction = "left" if found.more else "right"
    return (f"this line is indented {way} than the lines around it",
            f"move '{here}' {direction} so that it starts in the same column as '{target}' on line "
            f"{found.match.line + first_line} ({where})")
