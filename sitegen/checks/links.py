"""Links and images: safe schemes only, and every internal target must exist.

Runs after the publication gate, because a link to a leaflet that exists but is not
published is shown as plain text (``link-unpublished``) so no unpublished address leaks.
Returns where each href should point on the built page, and the findings.
"""

from __future__ import annotations

import difflib
import posixpath
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Mapping
from urllib.parse import unquote

from ..addresses import LINKABLE, TOPICS
from ..model import Finding, Link, Severity
from ..source import Leaflet

SAFE_SCHEMES = ("http", "https", "mailto", "tel")
_SCHEME = re.compile(r"^([a-z][a-z0-9+.\-]*):", re.IGNORECASE)
_INVISIBLE = re.compile(r"[\x00-\x20\x7f-\x9f\u200b-\u200f\u2028-\u202f\ufeff]")


@dataclass(frozen=True)
class SiteIndex:
    """What exists on the site, for resolving links."""

    by_source: Mapping[str, Leaflet]
    """``content/asthma.md`` -> leaflet."""
    published: frozenset[str]
    """Slugs of the published leaflets."""
    assets: frozenset[str]
    """Other content files, relative to content/."""
    topic_slugs: frozenset[str]
    preview: bool = False
    """In the preview every leaflet is shown, so links to unpublished ones stay live."""
    anchors: Mapping[str, frozenset[str]] = field(default_factory=dict)
    """Leaflet source -> its heading anchors (filled in by ``make_index``)."""
    unreadable: frozenset[str] = frozenset()
    """Leaflets that exist but could not be read: their own error says why, so a link to
    one is not reported again as a link to a missing leaflet."""
    facts: dict[str, str] = field(default_factory=dict, compare=False, repr=False)
    """Source -> ``fact_about`` that leaflet, made once: many pages link to the same few."""

    def fact_about(self, other: Leaflet) -> str:
        """What a link to ``other`` reads from the index: its address, whether it is published, its headings."""
        fact = self.facts.get(other.source)
        if fact is None:
            anchors = self.anchors.get(other.source) or frozenset(h.anchor for h in other.body.headings)
            fact = f"{other.source}\x1e{other.slug}\x1e{other.slug in self.published}\x1e{' '.join(sorted(anchors))}"
            self.facts[other.source] = fact
        return fact


def make_index(leaflets: list[Leaflet], published: frozenset[str], assets: frozenset[str], topics: frozenset[str],
               preview: bool, unreadable: frozenset[str] = frozenset()) -> SiteIndex:
    by_source = {leaflet.source: leaflet for leaflet in leaflets}
    anchors = {leaflet.source: frozenset(h.anchor for h in leaflet.body.headings) for leaflet in leaflets}
    return SiteIndex(by_source, published, assets, topics, preview, anchors, unreadable)


def scheme_of(target: str) -> str | None:
    found = _SCHEME.match(_INVISIBLE.sub("", target))
    return found.group(1).lower() if found else None


def resolve(leaflet: Leaflet, index: SiteIndex, root: str = "../") -> tuple[dict[str, str | None], list[Finding]]:
    links: dict[str, str | None] = {}
    found: list[Finding] = []
    for link in leaflet.body.links:
        url, finding = _resolve_one(leaflet, link, index, root)
        links[link.target] = url
        if finding:
            found.append(finding)
    return links, found


def _parse(leaflet: Leaflet, target: str) -> tuple[str, str, str]:
    """(kind, path, fragment) of a stripped href: kind is 'scheme', 'protocol-relative',
    'own-anchor', 'site-path', 'outside', 'leaflet' (path: relative to content/) or 'file'."""
    return _parse_from(posixpath.dirname(leaflet.source.removeprefix("content/")), target)


@lru_cache(maxsize=1 << 16)
def _parse_from(folder: str, target: str) -> tuple[str, str, str]:
    """``_parse`` for a leaflet in ``folder``: the same href in the same folder always parses the
    same way, and a site's leaflets share most of their links (an edit keyed every page's links
    again, parsing 12,546 hrefs at 5,000 leaflets: 0.26 s of a 3.8 s edit, profiled)."""
    if scheme_of(target) is not None:
        return "scheme", "", ""
    if target.startswith("//"):
        return "protocol-relative", "", ""
    path, _, fragment = target.partition("#")
    path = unquote(path.split("?", 1)[0])
    if not path:
        return "own-anchor", "", fragment
    if path.startswith("/"):
        return "site-path", path, fragment
    joined = posixpath.normpath(posixpath.join(folder, path))
    if joined.startswith("../") or joined == "..":
        return "outside", joined, fragment
    return ("leaflet" if joined.endswith(".md") else "file"), joined, fragment


def _resolve_one(leaflet: Leaflet, link: Link, index: SiteIndex, root: str) -> tuple[str | None, Finding | None]:
    target = link.target.strip()
    kind, path, fragment = _parse(leaflet, target)
    if kind == "scheme":
        scheme = scheme_of(target)
        if scheme in SAFE_SCHEMES:
            return target, None
        return None, _finding("unsafe-link", leaflet, link, f"the link '{_short(target)}' uses '{scheme}:', which is not allowed",
                              "links may only start with https://, http://, mailto: or tel:, or point to another leaflet file such as asthma.md")
    if kind == "protocol-relative":
        return "https:" + target, None
    if kind == "own-anchor":
        return _own_anchor(leaflet, link, fragment)
    if kind == "site-path":
        return _site_path(leaflet, link, index, path, fragment, root)
    if kind == "outside":
        return None, _broken(leaflet, link, f"the link '{_short(target)}' points outside the content folder", "link only to files inside content/")
    if kind == "leaflet":
        return _leaflet_link(leaflet, link, index, path, fragment, root)
    if path in index.assets:
        return root + path, None
    return None, _broken(leaflet, link, f"the file '{path}' linked here does not exist in content/", "check the spelling, or add the file to the content folder")


def depends_on(leaflet: Leaflet, index: SiteIndex) -> tuple[list[str], bool]:
    """What ``resolve`` reads from the index for this leaflet, for its cache key: one line per
    leaflet it links to (address, headings, published or not), and whether it also needs the
    whole site (site paths, content files, missing leaflets, whose hints name every file).
    So one leaflet's edit or unpublishing re-resolves only the pages that link to it."""
    facts = [f"preview {index.preview}", f"self published {leaflet.slug in index.published}"]
    whole_site = False
    for link in leaflet.body.links:
        kind, path, _fragment = _parse(leaflet, link.target.strip())
        if kind in ("scheme", "protocol-relative", "own-anchor", "outside"):
            continue  # the leaflet's own text decides these
        other = index.by_source.get("content/" + path) if kind == "leaflet" else None
        if other is None:
            whole_site = True
            continue
        facts.append(index.fact_about(other))
    return facts, whole_site


def _own_anchor(leaflet: Leaflet, link: Link, fragment: str) -> tuple[str | None, Finding | None]:
    anchors = {h.anchor for h in leaflet.body.headings}
    if fragment in anchors:
        return "#" + fragment, None
    return None, _broken(leaflet, link, f"there is no heading '#{fragment}' on this page", _anchor_hint(fragment, anchors))


def _leaflet_link(leaflet: Leaflet, link: Link, index: SiteIndex, joined: str, fragment: str, root: str) -> tuple[str | None, Finding | None]:
    other = index.by_source.get("content/" + joined)
    if other is None and "content/" + joined in index.unreadable:
        return None, None
    if other is None:
        names = [s.removeprefix("content/") for s in index.by_source]
        close = difflib.get_close_matches(joined, names, n=1)
        hint = f"did you mean '{close[0]}'?" if close else "check the file name of the leaflet you want to link to"
        return None, _broken(leaflet, link, f"there is no leaflet 'content/{joined}'", hint)
    anchors = index.anchors.get(other.source) or frozenset(h.anchor for h in other.body.headings)
    if fragment and fragment not in anchors:
        return None, _broken(leaflet, link, f"the leaflet '{joined}' has no heading '#{fragment}'", _anchor_hint(fragment, anchors))
    if other.slug not in index.published and not index.preview:
        if leaflet.slug in index.published:
            return None, _finding("link-unpublished", leaflet, link,
                                  f"the link to '{joined}' is shown as plain text because that leaflet is not published",
                                  "the link comes back by itself when that leaflet is published", Severity.WARNING)
        return None, None
    return root + other.slug + "/" + (f"#{fragment}" if fragment else ""), None


def _site_path(leaflet: Leaflet, link: Link, index: SiteIndex, path: str, fragment: str, root: str) -> tuple[str | None, Finding | None]:
    inner = path.lstrip("/")
    slug = inner.rstrip("/")
    in_topics = inner.startswith(TOPICS) and inner[len(TOPICS):].rstrip("/") in index.topic_slugs
    known = inner in LINKABLE or slug in index.published or in_topics
    if known or inner in index.assets:
        return root + inner + (f"#{fragment}" if fragment else ""), None
    return None, _broken(leaflet, link, f"there is no page '{path}' on this site", "to link to another leaflet, use its file name, for example asthma.md")


def _anchor_hint(fragment: str, anchors: set[str]) -> str:
    close = difflib.get_close_matches(fragment, sorted(anchors), n=1)
    if close:
        return f"did you mean '#{close[0]}'?"
    return "an anchor is the heading's words in lower case with hyphens, for example #when-to-get-help"


def _broken(leaflet: Leaflet, link: Link, message: str, hint: str) -> Finding:
    return _finding("broken-link", leaflet, link, message, hint)


def _finding(code: str, leaflet: Leaflet, link: Link, message: str, hint: str, severity: Severity = Severity.ERROR) -> Finding:
    return Finding(code, severity, leaflet.source, link.line, message, hint)


def _short(target: str) -> str:
    return target if len(target) <= 50 else target[:47] + "..."
