"""Breadcrumbs: where a page sits (Home › Topic › Leaflet), as NHS.UK shows them.

Each trail starts at the home page and ends with the page itself, which the template shows
as text with ``aria-current="page"``. The same trail goes into the page as schema.org
``BreadcrumbList`` structured data.
"""

from __future__ import annotations

import json
from typing import Any

from markupsafe import Markup

from .. import addresses
from ..views import Breadcrumbs, PageRef

HOME_LABEL = "Home"
"""The first crumb on every page (NHS.UK and GOV.UK both call it "Home")."""


def trail(base_url: str, *crumbs: PageRef, home: PageRef | None = None) -> Breadcrumbs:
    """Home, then ``crumbs`` (the last one is the page itself). ``home``: a language's own home
    page ("Hafan", ``cy/``), which starts the trail of that language's pages."""
    items = (home or PageRef(HOME_LABEL, addresses.HOME.url), *crumbs)
    return Breadcrumbs(items, jsonld(items, base_url))


def for_own_page(own: addresses.OwnPage, base_url: str) -> Breadcrumbs:
    return trail(base_url, PageRef(own.title, own.url)) if own.url else Breadcrumbs((), Markup(""))


def for_topic(name: str, url: str, base_url: str) -> Breadcrumbs:
    return trail(base_url, PageRef(addresses.TOPIC_LIST.title, addresses.TOPIC_LIST.url), PageRef(name, url))


def for_leaflet(title: str, url: str, topic: PageRef | None, base_url: str) -> Breadcrumbs:
    """Home › its first topic › the leaflet (Home › the leaflet when it has no topic)."""
    return trail(base_url, *((topic,) if topic else ()), PageRef(title, url))


def jsonld(items: tuple[PageRef, ...], base_url: str) -> Markup:
    data = {"@context": "https://schema.org", "@type": "BreadcrumbList",
            "itemListElement": [{"@type": "ListItem", "position": n, "name": item.title, "item": base_url + item.url}
                                for n, item in enumerate(items, start=1)]}
    return script_json(data)


def script_json(data: Any) -> Markup:
    """JSON that is safe inside ``<script type="application/ld+json">``: "</" or "<!--" would end
    or confuse the element, so < > & are written as JSON unicode escapes."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True)
    return Markup(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))
