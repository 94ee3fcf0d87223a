"""Which pages are one leaflet in several languages, and how each links to the others.

A family is an original leaflet and its translations that are shown on the site. Each page
of a family links to every other one, in that page's language ("Darllenwch y daflen hon yn
Gymraeg" on the English page), and names them as ``hreflang`` alternates.
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING, Iterable, Mapping

from ..config import SiteConfig
from ..i18n import catalogues, tags
from ..views import AlternateView, OutdatedView
from .checks import is_outdated, language_of, published_english

if TYPE_CHECKING:
    from ..site import Page

LANGUAGE_LINK = "Read this leaflet in English"
"""The message id of the language link. Each catalogue translates it as "Read this leaflet in
<its own language>", in its own language: the Welsh catalogue says "Darllenwch y daflen hon
yn Gymraeg". English, the theme's language, is the message id itself."""


def family_key(page: "Page") -> str:
    meta = page.leaflet.meta
    return meta.translation_of if meta.is_translation else page.leaflet.slug


def families(pages: Iterable["Page"]) -> dict[str, list["Page"]]:
    grouped: dict[str, list["Page"]] = defaultdict(list)
    for page in pages:
        grouped[family_key(page)].append(page)
    return grouped


def language_link(lang: str, site_root) -> str:  # type: ignore[no-untyped-def]
    """"Read this leaflet in <language>", written in that language; its name alone when the
    language has no catalogue entry for it."""
    said = catalogues.translations(lang, site_root).gettext(LANGUAGE_LINK)
    if said == LANGUAGE_LINK and tags.primary(lang) != "en":
        return tags.autonym(lang)
    return said


def alternates(page: "Page", family: list["Page"], config: SiteConfig) -> tuple[AlternateView, ...]:
    """The family's other pages, the original first, then by language tag."""
    others = [p for p in family if p is not page]
    others.sort(key=lambda p: (p.leaflet.meta.is_translation, language_of(p.leaflet, config)))
    return tuple(alternate(p, config) for p in others)


def alternate(page: "Page", config: SiteConfig) -> AlternateView:
    lang = language_of(page.leaflet, config)
    return AlternateView(lang, tags.direction(lang), f"{page.leaflet.slug}/", language_link(lang, config.root),
                         tags.autonym(lang), page.leaflet.meta.title)


def outdated(page: "Page", family: list["Page"], config: SiteConfig, live: Mapping[str, "Page"]) -> OutdatedView | None:
    """The notice on a translation whose English, as published, is not the text it was made
    from; it links to the English page and names it by the title readers will find there."""
    meta = page.leaflet.meta
    if not meta.is_translation:
        return None
    source = next((p for p in family if p.leaflet.slug == meta.translation_of), None)
    if source is None:
        return None
    english = published_english(source, live)
    if not is_outdated(page.leaflet, english):
        return None
    lang = language_of(english, config)
    return OutdatedView(f"{source.leaflet.slug}/", lang, tags.direction(lang), english.meta.title)
