"""Machine-readable files: sitemap.xml, the Atom feed of new and re-reviewed leaflets, robots.txt.

Dates come from front matter, never from the clock, so the same content always
gives the same bytes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterable, Mapping
from xml.sax.saxutils import escape

from .addresses import FEED, ROBOTS, SITEMAP

if TYPE_CHECKING:
    from .site import Page, Site

FEED_ENTRIES = 50


def files(site: Site, pages: list[Page], families: Mapping[str, list[Page]] | None = None,
          homes: Iterable[object] = ()) -> dict[str, bytes]:
    """``pages``: the site language's leaflets (the feed lists these); ``families``: every shown
    leaflet by the leaflet it translates, for the sitemap's rows and language alternates."""
    if site.preview:
        return {}
    return {SITEMAP: sitemap(site, pages, families, homes), FEED: feed(site, pages),
            ROBOTS: f"User-agent: *\nAllow: /\nSitemap: {site.config.base_url}{SITEMAP}\n".encode()}


def sitemap(site: Site, pages: list[Page], families: Mapping[str, list[Page]] | None = None,
            homes: Iterable[object] = ()) -> bytes:
    """One row per page; a page in several languages names each of them, itself included, as an
    ``xhtml:link`` alternate (Google Search Central, "Localized versions of your pages": sitemap method)."""
    base = site.config.base_url
    rows = [f"  <url><loc>{escape(base)}</loc></url>"]
    rows += [f"  <url><loc>{escape(base + home.url)}</loc></url>" for home in homes]  # type: ignore[attr-defined]
    every = [p for family in families.values() for p in family] if families else list(pages)
    for page in sorted(every, key=lambda p: p.leaflet.slug):
        loc = escape(f"{base}{page.leaflet.slug}/")
        family = (families or {}).get(_family_key(page), [])
        links = "".join(f'<xhtml:link rel="alternate" hreflang="{escape(_lang(p, site))}" href="{escape(base + p.leaflet.slug)}/"/>'
                        for p in sorted(family, key=lambda p: p.leaflet.slug)) if len(family) > 1 else ""
        rows.append(f"  <url><loc>{loc}</loc><lastmod>{page.leaflet.meta.last_reviewed.isoformat()}</lastmod>{links}</url>")
    body = "\n".join(rows)
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'
            f'{XHTML if families and any(len(f) > 1 for f in families.values()) else ""}>\n{body}\n</urlset>\n').encode()


XHTML = ' xmlns:xhtml="http://www.w3.org/1999/xhtml"'


def _family_key(page: Page) -> str:
    meta = page.leaflet.meta
    return meta.translation_of if meta.translation_of else page.leaflet.slug


def _lang(page: Page, site: Site) -> str:
    return page.leaflet.meta.lang or site.config.language


def _updated(page: Page):
    meta = page.leaflet.meta
    return max(meta.published, meta.last_reviewed)


def feed(site: Site, pages: list[Page]) -> bytes:
    config = site.config
    newest = sorted(pages, key=lambda p: (_updated(p), p.leaflet.slug), reverse=True)[:FEED_ENTRIES]
    updated = _updated(newest[0]).isoformat() if newest else "1970-01-01"
    entries = "".join(_entry(config.base_url, page) for page in newest)
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">\n'
        f"  <title>{escape(config.site_name)}: new and updated leaflets</title>\n"
        f'  <link href="{escape(config.base_url)}"/>\n  <link rel="self" href="{escape(config.base_url)}{FEED}"/>\n'
        f"  <id>{escape(config.base_url)}</id>\n  <updated>{updated}T00:00:00Z</updated>\n"
        f"  <author><name>{escape(config.publisher)}</name></author>\n{entries}</feed>\n"
    ).encode()


def _entry(base: str, page: Page) -> str:
    meta = page.leaflet.meta
    url = escape(f"{base}{page.leaflet.slug}/")
    what = "New leaflet" if meta.published >= meta.last_reviewed else f"Reviewed on {meta.last_reviewed.isoformat()}"
    return (
        f"  <entry>\n    <title>{escape(meta.title)}</title>\n    <link href=\"{url}\"/>\n    <id>{url}</id>\n"
        f"    <published>{meta.published.isoformat()}T00:00:00Z</published>\n"
        f"    <updated>{_updated(page).isoformat()}T00:00:00Z</updated>\n"
        f"    <summary>{escape(what)}: {escape(meta.summary)}</summary>\n  </entry>\n"
    )
