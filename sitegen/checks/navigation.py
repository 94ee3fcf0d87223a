"""Judgements across leaflets about how patients find them: the A to Z and topic pages.

* An ``index_terms`` entry (or a title) that another leaflet also files under in the A to Z.
  (Empty entries and entries repeating the leaflet's own title are the front-matter reader's.)
* A topic with the same name as a leaflet (its slug is the slug of a leaflet's title: the site
  would have two different pages called "Asthma"), or as one of the pages sitegen makes.
* A leaflet whose address is one of the pages sitegen makes.

Run on every readable leaflet, drafts included, so a clash is found before it is published.
"""

from __future__ import annotations

from typing import Iterable

from .. import addresses
from ..frontmatter import a_to_z_key
from ..model import Finding, Severity
from ..navigation.atoz import label
from ..source import Leaflet, slug_for, Path

RESERVED_NAMES = frozenset(addresses.RESERVED_FOLDERS | {"index"})
"""Names no leaflet or topic may take: the folders of the pages sitegen makes (``addresses``)."""


def check(leaflets: Iterable[Leaflet], lang: str = "en") -> list[Finding]:
    leaflets = sorted(leaflets, key=lambda leaflet: leaflet.source)
    return entry_clashes(leaflets, lang) + topic_clashes(leaflets) + reserved_leaflets(leaflets)


def _error(leaflet: Leaflet, line: int | None, message: str, hint: str) -> Finding:
    return Finding("frontmatter", Severity.ERROR, leaflet.source, line, message, hint)


def entry_clashes(leaflets: list[Leaflet], lang: str) -> list[Finding]:
    """The first leaflet to file under an entry keeps it; each later one is told whose it is."""
    owner: dict[str, tuple[Leaflet, int | None]] = {}
    for leaflet in leaflets:
        owner.setdefault(a_to_z_key(label(leaflet.meta.title, lang)), (leaflet, None))
    found = []
    for leaflet in leaflets:
        for term in leaflet.meta.index_terms:
            key = a_to_z_key(label(term.text, lang))
            first, first_line = owner.setdefault(key, (leaflet, term.line))
            if first is leaflet:
                continue
            where = f"the title of {first.source}" if first_line is None else f"an index_terms entry of {first.source} (line {first_line})"
            found.append(_error(leaflet, term.line,
                                f"the index_terms entry '{term.text}' is also {where}, so the A to Z would list "
                                f"'{label(term.text, lang)}' twice, leading to different leaflets",
                                "keep this A to Z entry in one leaflet only; link the other leaflet from it with 'related:'"))
    return found


def topic_clashes(leaflets: list[Leaflet]) -> list[Finding]:
    by_slug: dict[str, Leaflet] = {}
    for leaflet in leaflets:
        by_slug.setdefault(slug_for(Path(leaflet.meta.title + ".md")), leaflet)
    found = []
    for leaflet in leaflets:
        line = leaflet.meta.lines.get("topics")
        for topic in leaflet.meta.topics:
            slug = slug_for(Path(topic + ".md"))
            other = by_slug.get(slug)
            if not slug:
                found.append(_error(leaflet, line, f"the topic '{topic}' has no letters or digits, so it cannot have a page",
                                    "write the topic in words, for example: topics: [asthma, breathing]"))
            elif slug in RESERVED_NAMES:
                found.append(_error(leaflet, line, f"the topic '{topic}' has the same name as a page sitegen makes (/{slug}/)",
                                    "choose another name for the topic, for example one word for the condition or the body part"))
            elif other is not None:
                found.append(_error(leaflet, line, f"the topic '{topic}' has the same name as the leaflet {other.source} "
                                    f"('{other.meta.title}'), so patients would find two different pages with one name",
                                    "rename the topic (for example 'sleep problems' instead of 'sleep'), or retitle the leaflet"))
    return found


def reserved_leaflets(leaflets: list[Leaflet]) -> list[Finding]:
    return [_error(leaflet, None, f"the file name {leaflet.source} would become /{leaflet.slug}/, a page sitegen makes",
                   "rename the file, for example after the condition it is about")
            for leaflet in leaflets if leaflet.slug in RESERVED_NAMES
            or ("/" in leaflet.slug and leaflet.slug.rsplit("/", 1)[1] in addresses.IN_LANGUAGE_FOLDER)]
