"""Render a leaflet's parsed tokens to safe HTML.

In: the tokens from ``markdown.parse`` and a ``RenderContext`` saying where each link
goes (or that it must be shown as plain text), which glossary terms to mark, and in
the live preview which words and sentences to highlight. Out: HTML that has been
through an allow-list sanitiser (nh3), so nothing script-capable can reach a page
even if a rule here were wrong.
"""

from __future__ import annotations

import hashlib
import html
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Mapping, Sequence

import nh3
from markdown_it.token import Token

from .markdown import CALLOUTS, is_comment, parser

ALLOWED_TAGS = {
    "a", "abbr", "blockquote", "br", "code", "dfn", "div", "em", "h1", "h2", "h3", "h4", "h5", "h6",
    "hr", "img", "li", "mark", "ol", "p", "pre", "s", "span", "strong", "table", "tbody", "td",
    "th", "thead", "tr", "ul",
}
ALLOWED_ATTRIBUTES = {
    "*": {"id", "class", "tabindex", "role", "aria-label", "aria-describedby", "aria-hidden", "title"},
    "a": {"href"},
    "img": {"src", "alt", "width", "height"},
    "ol": {"start"},
    "td": {"style"},
    "th": {"style"},
}
URL_SCHEMES = {"http", "https", "mailto", "tel"}


@dataclass(frozen=True, slots=True)
class Highlight:
    """A preview-only mark: a jargon term on a line, or a long sentence's block."""

    anchor: str
    line: int
    term: str = ""
    note: str = ""


@dataclass(frozen=True)
class RenderContext:
    links: Mapping[str, str | None]
    """Original href -> URL to use; None means show the link text without a link."""
    root: str = "../"
    glossary: Mapping[str, str] = field(default_factory=dict)
    """Lower-case term -> explanation, marked on first use: the glossary of the leaflet's language."""
    highlights: Sequence[Highlight] = ()
    labels: Mapping[str, str] = field(default_factory=dict)
    """The theme's words in the leaflet's language: English label -> translation (callout
    labels, "Table %(number)s"); a label not here is written in English."""
    glossary_page: str = "glossary/"
    """Where ``glossary``'s page is, from the site root (``cy/glossary/`` for a Welsh leaflet)."""


@dataclass(frozen=True)
class Draft:
    """A body rendered before links are resolved: ``\x00`` markers stand where links go.

    Parsing and rendering happen once per leaflet, in a worker; which links stay live
    depends on the whole site, so ``finish`` fills them in later, cheaply.
    (markdown-it turns NUL in content into U+FFFD, so a marker can only come from here.)
    """

    html: str
    targets: tuple[str, ...]


TABLE_LABEL = "Table %(number)s"
"""Each table's region label, for screen readers ("Table 1"); a message id of the catalogues."""

GLOSSARY_LABEL = "Glossary"
"""Read out before a marked term's explanation ("Glossary: a small amount of blood ..."); the
glossary page's own title, so the catalogues already translate it."""


def theme_labels(gettext) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """The words this module writes into a body (callout, table and glossary labels) in a
    catalogue's language, for ``RenderContext.labels``; only those the catalogue translates."""
    return {label: gettext(label) for label in (*CALLOUTS.values(), TABLE_LABEL, GLOSSARY_LABEL) if gettext(label) != label}


_MARKER = re.compile("\x00(?:(a|/a)(\\d+)|img(\\d+)\x00([^\x00]*))\x00")


def render(tokens: Sequence[Token], context: RenderContext) -> str:
    return finish(draft(tokens, context), context.links)


def draft(tokens: Sequence[Token], context: RenderContext) -> Draft:
    state = _RenderState(context)
    md = parser()
    out = md.renderer.__class__(md)
    out.rules.update(_rules(state))
    return Draft(out.render(list(tokens), md.options, {}), tuple(state.targets))


def finish(body: Draft, links: Mapping[str, str | None]) -> str:
    """Resolve the link markers (a link to nowhere becomes plain text), then sanitise."""
    def replace(found: re.Match[str]) -> str:
        kind, alt = found.group(1) or "img", found.group(4)
        target = links.get(body.targets[int(found.group(2) or found.group(3))])
        if kind == "img":
            return alt if target is None else f'<img src="{html.escape(target, quote=True)}" alt="{alt}">'
        if target is None:
            return '<span class="link-unavailable">' if kind == "a" else "</span>"
        return f'<a href="{html.escape(target, quote=True)}">' if kind == "a" else "</a>"
    return sanitise(_MARKER.sub(replace, body.html))


def text_html(body: Draft) -> str:
    """The body with every link reduced to its text and every image to its alt text: what the
    search index reads (it is never published as a page, so no link needs resolving)."""
    return _MARKER.sub(lambda found: html.escape(found.group(4) or "", quote=False) if found.group(3) else "", body.html)


def sanitise(body: str) -> str:
    return nh3.clean(
        body, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES, url_schemes=URL_SCHEMES,
        link_rel=None, strip_comments=True,
        filter_style_properties={"text-align"},
    )


class _RenderState:
    def __init__(self, context: RenderContext) -> None:
        self.context = context
        self.closers: list[str] = []
        self.tables = 0
        self.glossary_seen: set[str] = set()
        self.glossary_ids = 0
        self.in_heading = False
        self.in_link = 0
        self.pattern = _glossary_pattern(tuple(context.glossary))
        self.term_marks = {(h.line, h.term.lower()): h for h in context.highlights if h.term}
        self.block_marks = {h.line: h for h in context.highlights if not h.term}
        self.block_closers: list[str] = []
        self.targets: list[str] = []

    def target(self, href: str) -> int:
        self.targets.append(href)
        return len(self.targets) - 1


def _glossary_pattern(terms: tuple[str, ...]) -> re.Pattern[str] | None:
    if not terms:
        return None
    alternatives = "|".join(re.escape(t) for t in sorted(terms, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])({alternatives})(?![\w-])", re.IGNORECASE)


def _rules(state: _RenderState) -> dict:
    def text(tokens, idx, options, env):
        return _text(state, tokens[idx])

    def raw(tokens, idx, options, env):
        content = tokens[idx].content
        return "" if is_comment(content) else html.escape(content)

    def link_open(tokens, idx, options, env):
        state.in_link += 1
        number = state.target(str(tokens[idx].attrs.get("href", "")))
        state.closers.append(f"\x00/a{number}\x00")
        return f"\x00a{number}\x00"

    def link_close(tokens, idx, options, env):
        state.in_link -= 1
        return state.closers.pop() if state.closers else ""

    def image(tokens, idx, options, env):
        token = tokens[idx]
        number = state.target(str(token.attrs.get("src", "")))
        return f"\x00img{number}\x00{html.escape(token.content, quote=True)}\x00"

    def table_open(tokens, idx, options, env):
        state.tables += 1
        label = html.escape(state.context.labels.get(TABLE_LABEL, TABLE_LABEL) % {"number": state.tables}, quote=True)
        return f'<div class="table-scroll" role="region" tabindex="0" aria-label="{label}"><table>\n'

    def table_close(tokens, idx, options, env):
        return "</table></div>\n"

    def heading_open(tokens, idx, options, env):
        state.in_heading = True
        return _default(tokens, idx, options, env)

    def heading_close(tokens, idx, options, env):
        state.in_heading = False
        return _default(tokens, idx, options, env)

    def block_open(tokens, idx, options, env):
        return _block_open(state, tokens, idx, options, env)

    def block_close(tokens, idx, options, env):
        closer = _default(tokens, idx, options, env)
        if tokens[idx].hidden:
            return closer
        note = state.block_closers.pop() if state.block_closers else ""
        return note + closer

    rules = {
        "text": text, "html_block": raw, "html_inline": raw, "link_open": link_open,
        "link_close": link_close, "image": image, "table_open": table_open, "table_close": table_close,
        "heading_open": heading_open, "heading_close": heading_close,
        "paragraph_open": block_open, "paragraph_close": block_close,
        "list_item_open": block_open, "list_item_close": block_close,
    }
    for name, label in CALLOUTS.items():
        rules[f"container_{name}_open"] = _callout_open(name, html.escape(state.context.labels.get(label, label)))
        rules[f"container_{name}_close"] = lambda *a: "</div>\n"
    return rules


def _default(tokens, idx, options, env) -> str:
    return parser().renderer.renderToken(tokens, idx, options, env)


def _callout_open(name: str, label: str):
    def render_open(tokens, idx, options, env):
        return (f'<div class="callout callout--{name}"><p class="callout__label">'
                f'<span class="callout__icon" aria-hidden="true">!</span>{label}</p>\n')
    return render_open


def _block_open(state: _RenderState, tokens, idx, options, env) -> str:
    token = tokens[idx]
    opener = _default(tokens, idx, options, env)
    if token.hidden:
        return opener
    first, last = token.meta.get("lines", (0, -1)) if token.meta else (0, -1)
    mark = next((state.block_marks.pop(n) for n in range(first, last + 1) if n in state.block_marks), None)
    if mark is None:
        state.block_closers.append("")
        return opener
    state.block_closers.append(f'<span class="visually-hidden"> ({html.escape(mark.note)})</span>')
    return f'<{token.tag} class="sg-mark sg-mark--long" id="{mark.anchor}" tabindex="0">'


def _text(state: _RenderState, token: Token) -> str:
    content = token.content
    line = token.meta.get("line") if token.meta else None
    pieces = _split_marks(state, content, line)
    return "".join(pieces)


def _split_marks(state: _RenderState, content: str, line: int | None) -> list[str]:
    """Escape text, wrapping preview highlights and first uses of glossary terms."""
    spans = _term_spans(state, content, line) + _glossary_spans(state, content)
    spans.sort(key=lambda s: s[0])
    out, cursor = [], 0
    for start, end, before, after in spans:
        if start < cursor:
            continue
        out += [html.escape(content[cursor:start]), before, html.escape(content[start:end]), after]
        cursor = end
    out.append(html.escape(content[cursor:]))
    return out


def _term_spans(state: _RenderState, content: str, line: int | None) -> list[tuple[int, int, str, str]]:
    spans = []
    for (mark_line, term), mark in list(state.term_marks.items()):
        if line is None or mark_line != line:
            continue
        found = re.search(rf"(?<![\w-]){re.escape(term)}(?![\w-])", content, re.IGNORECASE)
        if found:
            del state.term_marks[(mark_line, term)]
            note = f'<span class="visually-hidden"> ({html.escape(mark.note)})</span></mark>'
            spans.append((found.start(), found.end(), f'<mark class="sg-mark sg-mark--jargon" id="{mark.anchor}" tabindex="0">', note))
    return spans


def _glossary_spans(state: _RenderState, content: str) -> list[tuple[int, int, str, str]]:
    if state.pattern is None or state.in_heading or state.in_link:
        return []
    spans = []
    for found in state.pattern.finditer(content):
        key = found.group(1).lower()
        if key in state.glossary_seen:
            continue
        state.glossary_seen.add(key)
        state.glossary_ids += 1
        ident = f"gloss-{state.glossary_ids}"
        href = f"{state.context.root}{state.context.glossary_page}#{term_anchor(key)}"
        explanation = html.escape(state.context.glossary[key])
        label = html.escape(state.context.labels.get(GLOSSARY_LABEL, GLOSSARY_LABEL))
        before = f'<a class="gloss" href="{html.escape(href, quote=True)}" aria-describedby="{ident}">'
        after = f'</a><span class="visually-hidden" id="{ident}">{label}: {explanation}</span>'
        spans.append((found.start(), found.end(), before, after))
    return spans


def term_anchor(term: str) -> str:
    """The glossary page's id for ``term``: its letters and digits in any script, lower-cased.

    It used to keep only a-z and 0-9, so every Urdu term became ``term-`` (one id many
    times) and "Ffôn" ``term-ff-n``. HTML ids may hold any character but spaces, and
    browsers percent-encode them in the address (WHATWG HTML, "The id attribute")."""
    words = re.sub(r"[\W_]+", "-", unicodedata.normalize("NFC", term).casefold()).strip("-")
    return "term-" + (words or hashlib.sha256(term.encode("utf-8")).hexdigest()[:8])
