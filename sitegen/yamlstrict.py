"""Strict YAML for hand-edited front matter: compose nodes, never construct objects.

Everything stays text (no ``NO`` -> False, no ``10:00`` -> 600): we compose the
node tree with every implicit resolver removed, then the schema decides what each
value means. Tags, anchors and aliases are refused. The C parser (libyaml) is used
when the PyYAML wheel ships it; it gives the same nodes and marks, ~8x faster.
"""

from __future__ import annotations

from dataclasses import dataclass

import yaml

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


def explain(exc: yaml.MarkedYAMLError) -> YamlProblem:
    mark = exc.problem_mark or exc.context_mark
    if "quoted scalar" in (exc.context or "") and exc.context_mark is not None:
        mark = exc.context_mark  # point at the opening quote, not the end of the file
    raw = f"{exc.context or ''} {exc.problem or ''}"
    for needle, message, hint in _PLAIN_PROBLEMS:
        if needle in raw:
            return YamlProblem(mark.line if mark else 0, mark.column if mark else 0, message, hint)
    problem = (exc.problem or "the YAML cannot be read").strip()
    return YamlProblem(
        mark.line if mark else 0, mark.column if mark else 0,
        f"the front matter cannot be read ({problem})",
        'check this line for a stray character; if a value contains : # & * ! | > \' " % @ or `, put it in double quotes',
    )
