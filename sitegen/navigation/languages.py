"""Each other language's own listings: ``cy/a-z/``, ``cy/topics/``, ``cy/topics/<topic>/``,
``cy/glossary/`` and ``cy/search/``, and how they name each other as ``hreflang`` alternates.

A language gets them when it has leaflets shown on the site. They list that language's
leaflets only, in its own words (its message catalogue) and filed by its own A to Z rules
(``atoz``). Where a translation's topics come from:

* its own ``topics`` front matter, if it has them: names written in its language;
* otherwise its source leaflet's topics, on pages with the same address as the English ones
  (``cy/topics/blood-tests/``), named in the site's language and marked so (``lang="en-GB"``),
  because a topic has no other name in that language to show.

The glossary page is made only from the language's own glossary file (``content/cy/glossary.yml``),
never empty and never the English one under a Welsh heading; with no such file, the
language's pages do not link to a glossary. Nothing is rendered here; ``render`` makes the pages.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable, Iterable, Mapping

from .. import addresses, htmlrender
from ..i18n import tags
from ..views import AlternateView, GlossaryEntry, PageRef, TopicView
from . import atoz, breadcrumbs
from .topics import topic_views

if TYPE_CHECKING:
    from ..site import Page

TOPIC_DESCRIPTION = "Leaflets about %(topic)s"
"""The description of a topic page; a message id, so each language has its own words."""
TITLES = tuple(page.title for page in addresses.LANGUAGE_PAGES) + tuple(page.description for page in addresses.LANGUAGE_PAGES)
"""The own pages' titles and descriptions, message ids of the catalogues (``i18n.extract``)."""


@dataclass(frozen=True)
class Listed:
    """One shown leaflet of the language, with what its listings need."""

    ref: PageRef
    index_terms: tuple[str, ...]
    topics: tuple[str, ...]
    """Its own topics, or else its source leaflet's."""
    own_topics: bool
    """``topics`` are its own (written in its language), not its source's."""


@dataclass(frozen=True)
class Language:
    lang: str
    site_lang: str
    home: str
    """Its folder, ``cy/``: every listing's address starts with it."""
    gettext: Callable[[str], str]
    base_url: str


def pages(language: Language, listed: Iterable[Listed], glossary: Mapping[str, str] | None) -> list[tuple]:
    """``(file, template, url, title, description, context)`` for each listing page of the language."""
    listed = list(listed)
    tr, home = language.gettext, language.home
    crumb_home = PageRef(tr(breadcrumbs.HOME_LABEL), home)
    out = []

    def own(page: addresses.OwnPage, **context) -> None:
        url = home + page.url
        context["breadcrumbs"] = breadcrumbs.trail(language.base_url, PageRef(tr(page.title), url), home=crumb_home)
        out.append((f"{url}index.html", page.template, url, tr(page.title), tr(page.description),
                    {**context, "lang": language.lang}))

    letters = atoz.letter_groups(atoz.entries((atoz.Listed(item.ref, item.index_terms) for item in listed), language.lang),
                                 language.lang)
    own(addresses.A_TO_Z, letters=letters)
    found = topics(language, listed)
    own(addresses.TOPIC_LIST, topics=found)
    for topic in found:
        trail = breadcrumbs.trail(language.base_url, PageRef(tr(addresses.TOPIC_LIST.title), home + addresses.TOPICS),
                                  PageRef(topic.name, topic.url), home=crumb_home)
        out.append((f"{topic.url}index.html", "topic.html", topic.url, topic.name, tr(TOPIC_DESCRIPTION) % {"topic": topic.name},
                    {"topic": topic, "breadcrumbs": trail, "lang": language.lang}))
    if glossary:
        own(addresses.GLOSSARY, entries=tuple(GlossaryEntry(t, e, htmlrender.term_anchor(t)) for t, e in sorted(glossary.items())))
    own(addresses.SEARCH)
    return out


def topics(language: Language, listed: list[Listed]) -> tuple[TopicView, ...]:
    """The language's topics: a leaflet's own first; a source's topic is named in the site's language."""
    own = topic_views((item.ref, item.topics) for item in listed if item.own_topics)
    borrowed = topic_views((item.ref, item.topics) for item in listed if not item.own_topics)
    merged: dict[str, TopicView] = {t.slug: t for t in own}
    for topic in borrowed:
        if topic.slug in merged:  # the same name in both: one page, listing both
            first = merged[topic.slug]
            merged[topic.slug] = TopicView(first.name, first.slug, first.url,
                                           first.leaflets + tuple(r for r in topic.leaflets if r not in first.leaflets))
        else:
            merged[topic.slug] = TopicView(topic.name, topic.slug, topic.url, topic.leaflets, language.site_lang)
    ordered = sorted(merged.values(), key=lambda t: (atoz.filing_key(t.name, language.lang), t.slug))
    return tuple(TopicView(t.name, t.slug, language.home + t.url, t.leaflets, t.name_lang) for t in ordered)


def alternates(listings: Iterable[tuple], site_lang: str) -> dict[str, tuple[AlternateView, ...]]:
    """Listing page URL -> the same page in the other languages (a Welsh A to Z names the English
    one and back). Pages are the same page when their addresses differ only by the language folder."""
    by_place: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
    for _file, _template, url, title, _description, context in listings:
        lang = context.get("lang", site_lang) if isinstance(context, dict) else site_lang
        place = url if lang == site_lang else url.removeprefix(tags.url_segment(lang) + "/")
        by_place[place].append((lang, url, title))
    out: dict[str, tuple[AlternateView, ...]] = {}
    for group in by_place.values():
        for lang, url, _title in group:
            out[url] = tuple(AlternateView(other, tags.direction(other), other_url, tags.autonym(other), tags.autonym(other), title)
                             for other, other_url, title in sorted(group, key=lambda g: (g[0] != site_lang, g[0]))
                             if other_url != url)
    return out


def sitemap_rows(listings: Iterable[tuple], site_lang: str) -> tuple[tuple[str, tuple[tuple[str, str], ...]], ...]:
    """``(url, ((hreflang, url), ...))`` for each listing page that exists in more than one language
    (home pages, A to Z, topics, glossaries): the alternates name the page itself too (Google
    Search Central, "Localized versions of your pages"). Search pages are left out: a search
    page is not content to find from a search engine."""
    listings = [item for item in listings if item[1] not in ("search.html", "404.html")]
    found = alternates(listings, site_lang)
    rows = []
    for _file, _template, url, _title, _description, context in listings:
        lang = context.get("lang", site_lang) if isinstance(context, dict) else site_lang
        others = found.get(url, ())
        if others:
            rows.append((url, tuple(sorted([(lang, url)] + [(a.lang, a.url) for a in others]))))
    return tuple(sorted(rows))


def listed(shown: Iterable["Page"], every: Mapping[str, "Page"], ref: Callable[["Page"], PageRef]) -> list[Listed]:
    """What the listings need of each of the language's shown leaflets; ``every``: slug -> shown
    page, where a translation's source leaflet is found."""
    out = []
    for page in shown:
        meta = page.leaflet.meta
        source = every.get(meta.translation_of) if meta.is_translation and not meta.topics else None
        out.append(Listed(ref(page), tuple(t.text for t in meta.index_terms),
                          meta.topics or (source.leaflet.meta.topics if source is not None else ()), bool(meta.topics)))
    return out


def glossary_for(lang: str, glossaries: Mapping[str, Mapping[str, str]]) -> Mapping[str, str]:
    """The language's own glossary: ``content/<its folder>/glossary.yml`` (``cy`` for ``cy``)."""
    wanted = tags.url_segment(lang)
    return next((terms for folder, terms in glossaries.items() if folder.casefold() == wanted), {})
