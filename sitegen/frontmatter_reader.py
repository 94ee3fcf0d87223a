"""Read YAML nodes into typed values, reporting every problem at the node's file line.

The schema (``frontmatter``) says which fields exist and what each means; this module
says how a text, a list, a date, a true/false or a choice is read from a hand-edited
node, and what to tell the editor when it is not one. Aliases and type tags are refused.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re

import yaml

from . import yamlstrict
from .model import Finding, Severity

FM_FIRST_LINE = 2
"""The opening ``---`` is line 1, so YAML line 0 is file line 2."""

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_DMY = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")


class Problems:
    """Collects frontmatter findings for one file."""

    def __init__(self, path: str, code: str = "frontmatter", first_line: int = FM_FIRST_LINE) -> None:
        self.path = path
        self.code = code
        """The finding code: frontmatter, or glossary for content/glossary.yml."""
        self.items: list[Finding] = []
        self.first_line = first_line
        """File line of YAML line 0: 2 in a leaflet (after ``---``), 1 in a file that is all YAML."""
        self.code = code

    def add(self, line: int | None, message: str, hint: str, column: int | None = None) -> None:
        self.items.append(Finding(self.code, Severity.ERROR, self.path, line, message, hint, column))

    def at(self, node: yaml.Node, message: str, hint: str) -> None:
        self.add(node.start_mark.line + self.first_line, message, hint, node.start_mark.column + 1)



class Reader:
    """Turns YAML nodes into typed values, reporting problems with the node's line."""

    def __init__(self, problems: Problems) -> None:
        self.problems = problems
        self.seen: set[int] = set()

    def mapping(self, node: yaml.Node, allowed: tuple[str, ...], what: str,
                entries: dict[str, tuple[str, ...]] | None = None) -> dict[str, yaml.Node] | None:
        """``entries``: list fields whose items have fields of their own (coproduction -> name, role, ...),
        so that an entry's field indented too little to belong to it is named as such."""
        if not self._fresh(node):
            return None
        if not isinstance(node, yaml.MappingNode):
            self.problems.at(node, f"{what} should be a set of 'field: value' lines", f"write the fields of {what} on their own lines, indented")
            return None
        out: dict[str, yaml.Node] = {}
        first_line: dict[str, int] = {}
        previous = ""
        for key_node, value in node.value:
            above, previous = previous, key_node.value if isinstance(key_node, yaml.ScalarNode) else ""
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else ""
            line = key_node.start_mark.line + self.problems.first_line
            if key in out:
                self.problems.at(key_node, f"'{key}' appears twice (first on line {first_line[key]}); the second value would silently replace the first",
                                 "keep one of the two and delete the other")
                continue
            if key not in allowed:
                if entries and key in entries.get(above, ()):
                    self.problems.at(key_node, f"'{key}' is a field of a {above} entry, but this line is indented less "
                                     "than the lines around it", f"indent '{key}:' to start in the same column as the "
                                     f"other fields of the {above} entry above it")
                else:
                    self.problems.at(key_node, f"unknown field '{key}' in {what}", did_you_mean(key, allowed))
                continue
            out[key], first_line[key] = value, line
        return out

    def text(self, node: yaml.Node | None, field: str, required: bool = False) -> str:
        if node is None or not self._fresh(node):
            return ""
        if not isinstance(node, yaml.ScalarNode) or node.tag != yamlstrict.STR_TAG:
            self._not_text(node, field)
            return ""
        value = node.value.strip()
        if required and not value:
            self.problems.at(node, f"'{field}' is empty", f"write the {field} after '{field}: '")
        return value

    def texts(self, node: yaml.Node | None, field: str) -> tuple[str, ...]:
        if node is None:
            return ()
        if isinstance(node, yaml.ScalarNode) and node.tag == yamlstrict.STR_TAG:
            return (node.value.strip(),) if node.value.strip() else ()
        return tuple(t for t in (self.text(item, field) for item in self.items(node, field)) if t)

    def items(self, node: yaml.Node | None, field: str) -> list[yaml.Node]:
        if node is None or not self._fresh(node):
            return []
        if isinstance(node, yaml.ScalarNode) and node.value == "":
            return []
        if not isinstance(node, yaml.SequenceNode):
            self.problems.at(node, f"'{field}' should be a list", f"put each item of {field} on its own line starting with '- '")
            return []
        return list(node.value)

    def date(self, node: yaml.Node | None, field: str, required: bool = False) -> dt.date | None:
        value = self.text(node, field)
        if node is None or not value:
            if required and node is not None:
                self.problems.at(node, f"'{field}' has no date", "write the date as YYYY-MM-DD, for example 2026-03-10")
            return None
        return self._parse_date(node, field, value)

    def _parse_date(self, node: yaml.Node, field: str, value: str) -> dt.date | None:
        if _DATE.match(value):
            try:
                return dt.date.fromisoformat(value)
            except ValueError:
                self.problems.at(node, f"'{field}' is not a real date: {value}", "check the month (01-12) and the day of the month")
                return None
        dmy = _DMY.match(value)
        if dmy:
            day, month, year = dmy.groups()
            self.problems.at(node, f"'{field}' must be written YYYY-MM-DD, got '{value}'",
                             f"if you meant day/month/year, write {year}-{int(month):02d}-{int(day):02d}")
        else:
            self.problems.at(node, f"'{field}' must be a date written YYYY-MM-DD, got '{value}'", "for example 2026-03-10")
        return None

    def boolean(self, node: yaml.Node | None, field: str, default: bool) -> bool:
        value = self.text(node, field).lower()
        if node is None or value == "":
            return default
        if value in ("true", "false"):
            return value == "true"
        self.problems.at(node, f"'{field}' must be true or false, got '{value}'", "write true or false (not yes, no, y or n)")
        return default

    def choice(self, node: yaml.Node | None, field: str, options: tuple[str, ...], default: str) -> str:
        value = self.text(node, field)
        if node is None or value == "":
            return default
        if value in options:
            return value
        close = difflib.get_close_matches(value.lower(), options, n=1, cutoff=0.6)
        hint = f"did you mean '{close[0]}'?" if close else "write one of the listed words, exactly as shown"
        self.problems.at(node, f"'{field}' must be one of: {', '.join(options)}; got '{value}'", hint)
        return default

    def _fresh(self, node: yaml.Node) -> bool:
        """Refuse a node met twice (a YAML alias) and explicit type tags."""
        if id(node) in self.seen:
            self.problems.at(node, "YAML references (& and *) are not allowed in front matter", "write the value out in full")
            return False
        self.seen.add(id(node))
        if node.tag not in (yamlstrict.STR_TAG, yamlstrict.SEQ_TAG, yamlstrict.MAP_TAG):
            self.problems.at(node, f"type tags like '{node.tag.replace('tag:yaml.org,2002:', '!!')}' are not allowed", "remove the tag; if the value starts with !, put it in double quotes")
            return False
        return True

    def _not_text(self, node: yaml.Node, field: str) -> None:
        kind = "a list" if isinstance(node, yaml.SequenceNode) else "a set of fields"
        self.problems.at(node, f"'{field}' should be a single piece of text, not {kind}", f"write {field} on one line after '{field}: '")


def did_you_mean(word: str, options: tuple[str, ...], plain: bool = False) -> str:
    close = difflib.get_close_matches(word.lower(), options, n=1, cutoff=0.6)
    if close:
        return f"did you mean '{close[0]}'?"
    if plain:
        return f"use one of: {', '.join(options)}"
    return f"the allowed fields are: {', '.join(options)}"

