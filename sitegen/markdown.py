"""Parse a leaflet body once with markdown-it-py and pull out the facts later stages need.

In: body text and the file line where it starts. Out: ``BodyFacts`` (tokens, headings,
links, the prose units the plain-English pass reads, inline allow directives and
raw-HTML findings). Rendering the same tokens to HTML lives in ``htmlrender``.

Raw HTML is parsed (so it can be reported with its line) but never emitted: the
renderer prints it as text. Links are parsed whatever their scheme so an unsafe one
becomes a finding with a line, instead of markdown-it quietly leaving it as text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.anchors import anchors_plugin
from mdit_py_plugins.container import container_plugin

from .model import Finding, Heading, Link, Severity, TextUnit

CALLOUTS = {
    "urgent": "Urgent advice",
    "call-111": "Non-urgent advice",
    "info": "Information",
    "warning": "Important",
}
"""Callout names and their visible labels (the NHS care-card wording: "Urgent advice",
"Non-urgent advice"); the label is text, so the meaning never rests on colour alone."""

_DIRECTIVE = re.compile(r"^<!--\s*sitegen:\s*allow\s+(?P<term>[^;]+?)\s*(?:;\s*(?P<reason>.*?))?\s*-->$", re.DOTALL | re.IGNORECASE)
_COMMENT = re.compile(r"^<!--.*?-->$", re.DOTALL)
_URLISH = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|www\.)\S+$", re.IGNORECASE)


@dataclass(frozen=True)
class BodyFacts:
    tokens: tuple[Token, ...]
    headings: tuple[Heading, ...]
    links: tuple[Link, ...]
    units: tuple[TextUnit, ...]
    allows: tuple[tuple[str, str, int], ...]
    """Inline ``<!-- sitegen: allow term; reason -->``: (term, reason, line)."""
    raw_html: tuple[Finding, ...]


@lru_cache(maxsize=1)
def parser() -> MarkdownIt:
    md = MarkdownIt("js-default", {"html": True, "linkify": False, "typographer": False})
    for name in CALLOUTS:
        md.use(container_plugin, name)
    _guard_container_rules(md)
    md.use(anchors_plugin, min_level=1, max_level=6)
    # Every link is judged by checks.links (and dropped there when unsafe) so that an
    # unsafe one is reported with its line; markdown-it would otherwise hide it as text.
    md.validateLink = lambda url: True
    return md


def _guard_container_rules(md: MarkdownIt) -> None:
    """mdit-py-plugins 0.7's container rule reads past the end of the text on input such as
    ">::: urgent\n>" (IndexError; found by our fuzzing). Treat that as "not a callout"."""
    for rule in list(md.block.ruler.__rules__):
        if rule.name.startswith("container_"):
            md.block.ruler.at(rule.name, _guarded(rule.fn), {"alt": list(rule.alt)})


def _guarded(rule):
    def guarded(state, start_line, end_line, silent):
        try:
            return rule(state, start_line, end_line, silent)
        except IndexError:
            return False
    return guarded


def parse(body: str, path: str, line_offset: int) -> BodyFacts:
    tokens = parser().parse(body)
    walker = _Walker(path, line_offset)
    walker.walk(tokens)
    return BodyFacts(tuple(tokens), tuple(walker.headings), tuple(walker.links),
                     tuple(walker.units), tuple(walker.allows), tuple(walker.raw_html))


def is_comment(html: str) -> bool:
    return bool(_COMMENT.match(html.strip()))


class _Walker:
    """One pass over the block tokens, tracking which container each inline sits in."""

    def __init__(self, path: str, line_offset: int) -> None:
        self.path, self.offset = path, line_offset
        self.headings: list[Heading] = []
        self.links: list[Link] = []
        self.units: list[TextUnit] = []
        self.allows: list[tuple[str, str, int]] = []
        self.raw_html: list[Finding] = []
        self.section = ""
        self.stack: list[str] = []

    def walk(self, tokens: list[Token]) -> None:
        last_line = 1
        for index, token in enumerate(tokens):
            if token.map:
                last_line = self.offset + token.map[0] + 1
                token.meta["lines"] = (last_line, self.offset + token.map[1])
            if token.nesting == 1:
                self.stack.append(token.type)
            elif token.nesting == -1 and self.stack:
                self.stack.pop()
            if token.type == "inline":
                self.inline(token, tokens[index - 1], last_line)
            elif token.type == "html_block":
                self.html(token.content, last_line)

    def inline(self, token: Token, opener: Token, line: int) -> None:
        kind = self.kind(opener)
        text = self.children(token.children or [], line)
        if opener.type == "heading_open":
            self.section = text.strip()
            anchor = str(opener.attrs.get("id", ""))
            self.headings.append(Heading(int(opener.tag[1]), self.section, anchor, line))
        if text.strip():
            self.units.append(TextUnit(text, line, kind, self.section))

    def kind(self, opener: Token) -> str:
        if opener.type == "heading_open":
            return "heading"
        if opener.type in ("th_open", "td_open"):
            return "table-cell"
        if "list_item_open" in self.stack:
            return "list-item"
        if "blockquote_open" in self.stack:
            return "quote"
        return "paragraph"

    def children(self, children: list[Token], line: int) -> str:
        parts: list[str] = []
        link_href: str | None = None
        link_text: list[str] = []
        for child in children:
            if child.type in ("softbreak", "hardbreak"):
                parts.append("\n")
                line += 1
            elif child.type == "text":
                child.meta["line"] = line  # lets the renderer place review highlights
                (link_text if link_href is not None else parts).append(child.content)
            elif child.type == "link_open":
                link_href, link_text = str(child.attrs.get("href", "")), []
            elif child.type == "link_close" and link_href is not None:
                self.links.append(Link(link_href, "".join(link_text), line))
                label = "".join(link_text)
                if not _URLISH.match(label.strip()):
                    parts.append(label)
                link_href = None
            elif child.type == "image":
                self.links.append(Link(str(child.attrs.get("src", "")), child.content, line, is_image=True))
            elif child.type == "html_inline":
                self.html(child.content, line)
        return "".join(parts)

    def html(self, content: str, line: int) -> None:
        stripped = content.strip()
        directive = _DIRECTIVE.match(stripped)
        if directive:
            self.allows.append((directive["term"].strip(), (directive["reason"] or "").strip(), line))
            return
        if is_comment(stripped):
            return
        snippet = stripped if len(stripped) <= 40 else stripped[:37] + "..."
        self.raw_html.append(Finding(
            "raw-html", Severity.WARNING, self.path, line,
            f"raw HTML is not allowed and will be shown as text: {snippet}",
            "use Markdown instead (for example **bold** or - lists); ask the site maintainer if you need something Markdown cannot do",
        ))
