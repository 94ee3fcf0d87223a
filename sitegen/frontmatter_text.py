"""A leaflet's front matter as text: its lines and its YAML nodes, with character offsets.

For edits that must keep every other byte of a hand-edited file (``signoff_edit``):
re-dumping the YAML would lose people's comments, quoting, key order and line endings,
so edits are made as text at offsets taken from PyYAML's event marks.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from typing import Iterator

import yaml

from .errors import SignoffEditError
from .frontmatter import closing_fence, opens_front_matter

LOADER = yaml.SafeLoader
"""The pure-Python loader: its marks are character offsets into the str we pass
(libyaml's are not guaranteed to be), and front matter is small."""

_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+")
"""One line with its ending. Same breaks as frontmatter.split (\\r\\n, \\r, \\n)."""
_KEEP = re.compile(r"[|>](?:\+|[1-9]\+)")
_NULL_WORDS = ("~", "null", "Null", "NULL")
_YAML_ONLY_BREAKS = {"\x85": "U+0085 next-line", "\u2028": "U+2028 line separator",
                     "\u2029": "U+2029 paragraph separator"}
"""YAML counts these as line breaks but editors and our line splitting do not."""


@dataclass
class Document:
    """The text cut into lines (offsets into `text`) and the front-matter span."""

    text: str
    starts: list[int] = field(default_factory=list)
    ends: list[int] = field(default_factory=list)
    """Offset just after each line's ending."""
    front_start: int = 0
    front_end: int = 0
    """Start of the closing --- line."""
    first_front_line: int = 1

    def __post_init__(self) -> None:
        bom = 1 if self.text.startswith("\ufeff") else 0
        for match in _LINE.finditer(self.text, bom):
            self.starts.append(match.start())
            self.ends.append(match.end())
        self._find_front()

    def _find_front(self) -> None:
        # The rule is frontmatter's (opens_front_matter, closing_fence): one rule for reading and editing.
        lines = [self.line_text(index) for index in range(len(self.starts))]
        if not lines or not opens_front_matter(lines[0]):
            raise SignoffEditError("the file does not start with front matter: the first line must be --- on its own")
        index = closing_fence(lines)
        if index is None:
            raise SignoffEditError("the front matter starts with '---' on line 1 but has no closing '---' line; "
                                   "add a line containing only --- after the last front-matter field")
        self.front_start, self.front_end = self.ends[0], self.starts[index]

    @property
    def front(self) -> str:
        return self.text[self.front_start:self.front_end]

    def line_text(self, index: int) -> str:
        return self.text[self.starts[index]:self.ends[index]]

    def line_of(self, offset: int) -> int:
        return bisect.bisect_right(self.starts, offset) - 1

    def file_line(self, offset: int) -> int:
        return self.line_of(offset) + 1

    def column(self, offset: int) -> int:
        return offset - self.starts[self.line_of(offset)]

    def ending(self, index: int) -> str:
        """The line ending of line `index` (every front-matter line has one)."""
        line = self.line_text(index)
        return line[len(line.rstrip("\r\n")):] or "\n"

    def end_of_content_line(self, offset: int) -> int:
        """Offset just after the line holding the last character before `offset`.

        YAML's end mark of a block scalar lies after its line break (and any
        indentation of the next line), so step back over spaces first: the line
        we want is the one holding the last real character.
        """
        probe = offset
        while probe > self.front_start and self.text[probe - 1] in " \t":
            probe -= 1
        return self.ends[self.line_of(max(probe - 1, self.front_start))]


@dataclass
class Node:
    """A YAML node with absolute offsets; `end` excludes trailing comments and blank lines."""

    kind: str  # "scalar" | "alias" | "seq" | "map"
    start: int
    end: int
    flow: bool = False
    value: str = ""
    plain_null: bool = False
    children: list[Node] = field(default_factory=list)


def parse_front(doc: Document) -> tuple[Node, yaml.MappingNode]:
    """The root mapping as a `Node` tree (for offsets) and as a composed node (for checking)."""
    front = doc.front
    for char, name in _YAML_ONLY_BREAKS.items():
        if char in front:
            line = doc.file_line(doc.front_start + front.index(char))
            raise SignoffEditError(f"line {line} contains an invisible {name}; delete the end of that line "
                                   "and type it again, then run sitegen check")
    try:
        events = iter(list(yaml.parse(front, Loader=LOADER)))
        composed = yaml.compose(front, Loader=LOADER)
        root = _root_node(events, doc.front_start, doc.text)
    except (yaml.YAMLError, RecursionError) as exc:
        raise SignoffEditError("the front matter cannot be read; run 'sitegen check' to see what to fix") from exc
    if root is None or root.kind != "map" or root.flow or not isinstance(composed, yaml.MappingNode):
        raise SignoffEditError("the front matter must be 'field: value' lines; run 'sitegen check' to see what to fix")
    return root, composed


def _root_node(events: Iterator[yaml.Event], base: int, text: str) -> Node | None:
    next(events)  # StreamStart
    if isinstance(next(events), yaml.StreamEndEvent):  # only comments and blank lines
        return None
    return _build(next(events), events, base, text)  # compose() already refused a second document


def _build(event: yaml.Event, events: Iterator[yaml.Event], base: int, text: str) -> Node:
    start, end = base + event.start_mark.index, base + event.end_mark.index
    if isinstance(event, yaml.ScalarEvent) and event.style in ("|", ">"):
        end = _block_scalar_end(text, start, end)
    if isinstance(event, yaml.ScalarEvent):
        null = event.style is None and event.tag is None and event.anchor is None and event.value in ("", *_NULL_WORDS)
        return Node("scalar", start, end, value=event.value, plain_null=null)
    if isinstance(event, yaml.AliasEvent):
        return Node("alias", start, end)
    node = Node("seq" if isinstance(event, yaml.SequenceStartEvent) else "map", start, start,
                 flow=bool(event.flow_style))
    for child in events:
        if isinstance(child, yaml.CollectionEndEvent):
            # A block collection's end event sits at the next field, after any
            # comments, so its content ends with its last child instead.
            node.end = base + child.end_mark.index if node.flow else max(c.end for c in node.children)
            return node
        node.children.append(_build(child, events, base, text))
    raise SignoffEditError("the front matter ends in the middle of a list or mapping")


def _block_scalar_end(text: str, start: int, end: int) -> int:
    """Where a `|` or `>` scalar's last non-blank line ends.

    Its end mark lies past any blank lines after it. Those belong to the value
    only with the keep indicator (`|+`); otherwise a new item goes before them.
    """
    header = text[start:end].split("\n", 1)[0]
    if _KEEP.search(header):
        return end
    return start + len(text[start:end].rstrip(" \t\r\n"))


def dash_before(doc: Document, offset: int) -> int:
    """Column of the `-` that introduces the list item starting at `offset`."""
    dashes = _dash_offsets(doc)
    index = bisect.bisect_left(dashes, offset) - 1
    return doc.column(dashes[index])


def _dash_offsets(doc: Document) -> list[int]:
    tokens = yaml.scan(doc.front, Loader=LOADER)
    return [doc.front_start + t.start_mark.index for t in tokens if isinstance(t, yaml.BlockEntryToken)]
