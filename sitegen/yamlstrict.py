"""Strict YAML for hand-edited front matter: compose nodes, never construct objects.

Everything stays text (no ``NO`` -> False, no ``10:00`` -> 600): we compose the
node tree with every implicit resolver removed, then the schema decides what each
value means. Tags, anchors and aliases are refused. The C parser (libyaml) is used
when the PyYAML wheel ships it; it gives the same nodes and marks, ~8x faster.
"""

from __future__ import annotations

from dataclasses import dataclass

import yaml

from . import textrules

_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

STR_TAG = "tag:yaml.org,2002:str"
SEQ_TAG = "tag:yaml.org,2002:seq"
MAP_TAG = "tag:yaml.org,2002:map"


class TextOnlyLoader(_Base):  # type: ignore[misc, valid-type]
    """Resolves every plain scalar to a string; the schema converts dates and booleans."""

    yaml_implicit_resolvers: dict = {}


@dataclass(frozen=True, slots=True)
class YamlProblem:
    line: int
    """0-based line within the YAML text."""
    column: int
    message: str
    hint: str


def compose(text: str) -> yaml.Node | None:
    """Compose ``text`` into a node tree; raise yaml.MarkedYAMLError on bad syntax."""
    return yaml.compose(text, Loader=TextOnlyLoader)


# PyYAML's own wording is for programmers; these say the same for a content editor.
_PLAIN_PROBLEMS: tuple[tuple[str, str, str], ...] = (
    ("found character '\\t'", "a tab character is used here",
     "use spaces, not tabs, to indent front matter (two spaces for each level)"),
    ("mapping values are not allowed", "there is a second ': ' (colon and space) on this line",
     'if a value contains ": ", put the whole value in double quotes, for example: title: "Asthma: what you need to know"'),
    ("could not find expected ':'", "a line is not in the form 'key: value'",
     "check for a missing colon after the field name, or a value that runs onto the next line without quotes"),
    ("found undefined alias", "a value starts with '*', which YAML treats as a reference",
     "put the value in double quotes"),
    ("found unexpected end of stream", "a quote mark is opened but never closed",
     "add the closing quote mark at the end of the value"),
    ("expected <block end>", "the indentation does not line up",
     "items of the same list, and fields of the same entry, must start in the same column"),
    ("expected a comment or a line break", "there is unexpected text after a quoted value",
     "put the whole value inside the quotes"),
    ("found character '@'", "a value starts with '@', which YAML reserves",
     "put the value in double quotes"),
    ("found character '`'", "a value starts with '`', which YAML reserves",
     "put the value in double quotes"),
    ("while scanning an anchor", "a value starts with '&', which YAML treats as an anchor",
     "put the value in double quotes"),
    ("while scanning a tag", "a value starts with '!', which YAML treats as a type tag",
     "put the value in double quotes"),
    ("found a tab character", "a tab character is used here",
     "use spaces, not tabs, to indent front matter"),
)


_STRUCTURE_PROBLEMS = ("mapping values are not allowed", "did not find expected '-' indicator",
                       "did not find expected key", "expected <block end>", "could not find expected ':'")
"""PyYAML's words for a line that does not fit where it is: often an indentation slip."""


def explain(exc: yaml.MarkedYAMLError, text: str | None = None, first_line: int = 1) -> YamlProblem:
    """Plain English for a YAML syntax error. With the YAML `text` (and the file line of its
    first line), a line out of step with its siblings is explained as indentation."""
    mark = exc.problem_mark or exc.context_mark
    if "quoted scalar" in (exc.context or "") and exc.context_mark is not None:
        mark = exc.context_mark  # point at the opening quote, not the end of the file
    raw = f"{exc.context or ''} {exc.problem or ''}"
    if text is not None and mark is not None and any(needle in raw for needle in _STRUCTURE_PROBLEMS):
        indentation = _indentation(text, mark.line, first_line)
        if indentation is not None:
            return indentation
        if "mapping values are not allowed" in raw and _colons(text, mark.line) < 2:
            return YamlProblem(mark.line, mark.column, "this line cannot be read as part of the line above it",
                               "check that this line starts in the same column as the other fields of its entry, "
                               "and that the line above it is complete")
    for needle, message, hint in _PLAIN_PROBLEMS:
        if needle in raw:
            return YamlProblem(mark.line if mark else 0, mark.column if mark else 0, message, hint)
    problem = (exc.problem or "the YAML cannot be read").strip()
    return YamlProblem(
        mark.line if mark else 0, mark.column if mark else 0,
        f"the front matter cannot be read ({problem})",
        'check this line for a stray character; if a value contains : # & * ! | > \' " % @ or `, put it in double quotes',
    )


def _indentation(text: str, line: int, first_line: int) -> YamlProblem | None:
    from . import yamlindent

    for candidate in (line, line - 1):
        found = yamlindent.misaligned(text, candidate)
        if found is not None:
            message, hint = yamlindent.describe(text, found, first_line)
            return YamlProblem(found.line, found.column, message, hint)
    return None


def _colons(text: str, line: int) -> int:
    lines = text.split("\n")
    return lines[line].count(": ") + lines[line].rstrip().endswith(":") if 0 <= line < len(lines) else 0


def unprintable_values(node: yaml.Node | None) -> list[tuple[yaml.ScalarNode, str]]:
    """Every scalar (key or value) holding a character ``textrules`` refuses, with that
    character. Checked on the composed values, so escapes such as "\\0" are caught too."""
    found: list[tuple[yaml.ScalarNode, str]] = []
    stack = [node] if node is not None else []
    seen: set[int] = set()  # an alias can make a node its own child (a: &a [*a]); each node is checked once
    while stack:
        current = stack.pop()
        if id(current) in seen:
            continue
        seen.add(id(current))
        if isinstance(current, yaml.ScalarNode):
            char = textrules.first_unprintable(current.value)
            if char is not None:
                found.append((current, char))
        elif isinstance(current, yaml.SequenceNode):
            stack.extend(reversed(current.value))
        elif isinstance(current, yaml.MappingNode):
            stack.extend(item for pair in reversed(current.value) for item in reversed(pair))
    return found
