"""Topic pages: which topics there are and which leaflets each one lists.

A topic is any word in a leaflet's ``topics``; its page is ``topics/<slug>/`` (``addresses``).
Takes the leaflets of one language, in the order they should be listed.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Iterable

from .. import addresses
from ..site import topic_slug
from ..views import PageRef, TopicView
from .atoz import capitalised, sort_key

HOME_TOPICS = 8
"""The home page lists this many topics, those with most leaflets first; the topics page lists all.
Our own choice: NHS.UK's home page shows about eight entry points; needs review with readers."""


def topic_views(leaflets: Iterable[tuple[PageRef, tuple[str, ...]]]) -> tuple[TopicView, ...]:
    """Every topic, in A to Z order, each with its leaflets in the order given."""
    grouped: dict[str, list[PageRef]] = defaultdict(list)
    names: dict[str, str] = {}
    seen: set[tuple[str, PageRef]] = set()  # a list scan here was quadratic: 0.6 s of an edit at 5,000 leaflets
    for ref, topics in leaflets:
        for topic in topics:
            slug = topic_slug(topic)
            if slug and (slug, ref) not in seen:
                seen.add((slug, ref))
                grouped[slug].append(ref)
                names.setdefault(slug, topic)
    views = [TopicView(capitalised(names[slug]), slug, f"{addresses.TOPICS}{slug}/", tuple(refs)) for slug, refs in grouped.items()]
    return tuple(sorted(views, key=lambda t: (sort_key(t.name), t.slug)))


def most_useful(topics: tuple[TopicView, ...], limit: int = HOME_TOPICS) -> tuple[TopicView, ...]:
    """The topics with most leaflets (then A to Z), shown in A to Z order."""
    chosen = sorted(topics, key=lambda t: (-len(t.leaflets), sort_key(t.name)))[:limit]
    return tuple(t for t in topics if t in chosen)
