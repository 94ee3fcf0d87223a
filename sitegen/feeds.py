"""Machine-readable files: sitemap.xml, the Atom feed of new and re-reviewed leaflets, robots.txt.

Dates come from front matter, never from the clock, so the same content always
gives the same bytes.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from typing import TYPE_CHECKING, Iterable, Mapping
from urllib.parse import quote

from .addresses import FEED, ROBOTS, SITEMAP
from .i18n import catalogues

if TYPE_CHECKING:
    from .site import Page, Site

FEED_ENTRIES = 50


def files(site: Site, pages: list[Page], families: Mapping[str, list[Page]] | None = None,
          homes: Iterable[object] = (), languages: Mapping[str, list[Page]] | None = None,
          rows: Iterable[tuple[str, tuple[tuple[str, str], ...]]] = ()) -> dict[str, bytes]:
    """``pages``: the site language's leaflets (the feed lists these); ``families``: every shown
    leaflet by the leaflet it translates, for the sitemap's rows and language alternates;
    ``homes`` and ``languages``: each other language's home page and leaflets, for its own feed
    (``cy/feed.xml``); ``rows``: the listing pages in several languages (``navigation.languages``)."""
    if site.preview:
        return {}
    out = {SITEMAP: sitemap(site, pages, families, homes, rows), FEED: feed(site, pages),
           ROBOTS: f"User-agent: *\nAllow: /\nSitemap: {site.config.base_url}{SITEMAP}\n".encode()}
    for home in homes:
        lang, folder = home.lang, home.url  # type: ignore[attr-defined]
        out[folder + FEED] = feed(site, (languages or {}).get(lang, []), lang, folder)
    return out


def sitemap(site: Site, pages: list[Page], families: Mapping[str, list[Page]] | None = None,
            homes: Iterable[object] = (), rows: Iterable[tuple[str, tuple[tuple[str, str], ...]]] = ()) -> bytes:
    """One row per page; a page in several languages names each of them, itself included, as an
    ``xhtml:link`` alternate (Google Search Central, "Localized versions of your pages": sitemap method).
    ``rows``: listing pages (home, A to Z, topics, glossary) that are in several languages."""
    base = site.config.base_url
    rows = dict(rows)
    xhtml = bool(rows) or bool(families and any(len(f) > 1 for f in families.values()))
    out: list[SitemapRow] = []
    for url in dict.fromkeys(["", *(home.url for home in homes), *sorted(rows)]):  # type: ignore[attr-defined]
        out.append((_xml_text(base + quote(url)), "",
                    tuple((_xml_text(lang), _xml_text(base + quote(other))) for lang, other in rows.get(url, ()))))
    every = [p for family in families.values() for p in family] if families else list(pages)
    for page in sorted(every, key=lambda p: p.leaflet.slug):
        family = (families or {}).get(_family_key(page), [])
        others = sorted(family, key=lambda p: p.leaflet.slug) if len(family) > 1 else ()
        out.append((_address(base, page), page.leaflet.meta.last_reviewed.isoformat(),
                    tuple((_xml_text(_lang(other, site)), _address(base, other)) for other in others)))
    return sitemap_xml(out, xhtml)


SitemapRow = tuple[str, str, tuple[tuple[str, str], ...]]
"""A sitemap ``<url>``: its address, its ``lastmod`` ("" for none) and its (hreflang, href) alternates."""

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"


def sitemap_xml(rows: Iterable[SitemapRow], xhtml: bool) -> bytes:
    """The bytes ElementTree would write for these rows, indented two spaces (the property test in
    ``tests/test_text_values.py`` holds it to that), written as text: building and serialising a
    tree of 5,000 rows was 8% of a one-leaflet edit at 5,000 leaflets (benchmarks README)."""
    namespaces = f' xmlns="{SITEMAP_NS}"' + (f' xmlns:xhtml="{XHTML_NS}"' if xhtml else "")
    lines = ["<?xml version='1.0' encoding='utf-8'?>", f"<urlset{namespaces}>"]
    for loc, lastmod, alternates in rows:
        lines.append("  <url>")
        lines.append(_leaf("loc", loc))
        if lastmod:
            lines.append(_leaf("lastmod", lastmod))
        lines.extend(f'    <xhtml:link rel="alternate" hreflang="{_escape_attribute(lang)}" href="{_escape_attribute(href)}" />'
                     for lang, href in alternates)
        lines.append("  </url>")
    lines.append("</urlset>\n")
    return "\n".join(lines).encode("utf-8")


def _leaf(tag: str, text: str) -> str:
    return f"    <{tag}>{_escape_text(text)}</{tag}>" if text else f"    <{tag} />"


def _escape_text(text: str) -> str:
    """As ElementTree escapes character data."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _escape_attribute(text: str) -> str:
    """As ElementTree escapes an attribute value: line ends and tabs as character references, so
    they survive attribute-value normalisation (XML 1.0 section 3.3.3)."""
    return (_escape_text(text).replace('"', "&quot;").replace("\r", "&#13;").replace("\n", "&#10;")
            .replace("\t", "&#09;"))


def _address(base: str, page: Page) -> str:
    """A leaflet in Urdu or Japanese has such an address: a sitemap and a feed hold URIs, which are ASCII."""
    return _xml_text(f"{base}{quote(page.leaflet.slug)}/")


XHTML_NS = "http://www.w3.org/1999/xhtml"



def _family_key(page: Page) -> str:
    meta = page.leaflet.meta
    return meta.translation_of if meta.translation_of else page.leaflet.slug


def _lang(page: Page, site: Site) -> str:
    return page.leaflet.meta.lang or site.config.language


def _updated(page: Page):
    meta = page.leaflet.meta
    return max(meta.published, meta.last_reviewed)


def feed(site: Site, pages: list[Page], lang: str = "", folder: str = "") -> bytes:
    """The Atom feed of ``pages``; ``lang`` and ``folder`` (``cy/``) for another language's own
    feed, written in that language's words (its message catalogue) and marked ``xml:lang``."""
    config = site.config
    tr = catalogues.translations(lang, config.root).gettext if lang else _same
    newest = sorted(pages, key=lambda p: (_updated(p), p.leaflet.slug), reverse=True)[:FEED_ENTRIES]
    updated = _updated(newest[0]).isoformat() if newest else "1970-01-01"
    root = ET.Element("feed", xmlns="http://www.w3.org/2005/Atom")
    if lang:
        root.set("xml:lang", lang)
    home = config.base_url + quote(folder)
    _add(root, "title", tr(FEED_TITLE) % {"site": config.site_name})
    ET.SubElement(root, "link", href=_xml_text(home))
    ET.SubElement(root, "link", rel="self", href=_xml_text(f"{home}{FEED}"))
    _add(root, "id", home)
    _add(root, "updated", f"{updated}T00:00:00Z")
    _add(ET.SubElement(root, "author"), "name", config.publisher)
    for page in newest:
        _entry(root, config.base_url, page, tr)
    return _serialise(root)


FEED_TITLE = "%(site)s: new and updated leaflets"
NEW_LEAFLET = "New leaflet"
REVIEWED_ON = "Reviewed on %(date)s"
"""The feed's own words: message ids, so each language's feed is in its words (``i18n.extract``)."""


def _same(text: str) -> str:
    return text


def _entry(root: ET.Element, base: str, page: Page, tr=_same) -> None:  # type: ignore[no-untyped-def]
    meta = page.leaflet.meta
    url = _address(base, page)
    what = tr(NEW_LEAFLET) if meta.published >= meta.last_reviewed else tr(REVIEWED_ON) % {"date": meta.last_reviewed.isoformat()}
    entry = ET.SubElement(root, "entry")
    _add(entry, "title", meta.title)
    ET.SubElement(entry, "link", href=url)
    _add(entry, "id", url)
    _add(entry, "published", f"{meta.published.isoformat()}T00:00:00Z")
    _add(entry, "updated", f"{_updated(page).isoformat()}T00:00:00Z")
    _add(entry, "summary", f"{what}: {meta.summary}")


# Characters XML 1.0 cannot hold at all (section 2.2, "Char"): no escape can write them. Front
# matter and settings refuse them already (textrules); this keeps the files well-formed even so.
_NOT_XML = re.compile("[^\\t\\n\\r\\x20-\\ud7ff\\ue000-\\ufffd\\U00010000-\\U0010ffff]")


def _xml_text(text: str) -> str:
    return _NOT_XML.sub("", text)


def _add(parent: ET.Element, tag: str, text: str) -> ET.Element:
    child = ET.SubElement(parent, tag)
    child.text = _xml_text(text)
    return child


def _serialise(root: ET.Element) -> bytes:
    """Through ElementTree, which escapes every value for its place (text or attribute)."""
    ET.indent(root, space="  ")
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"
