"""What the public pages may show of the changes and the feedback log.

In: leaflets' ``changes`` and the log, and which leaflets are published. Out: views for
"What changed in this version" on each leaflet and for "You said, we did". The only
gate for the log is here (contract): an item is shown only with ``show_on_site: true``,
a status of ``changed`` or ``not-changed``, and only when every leaflet it is about is
published. The log holds no names, and nothing here reads anything but the fields shown.
"""

from __future__ import annotations

from typing import Iterable, Mapping

from ..addresses import YOU_SAID
from ..model import Change, FrontMatter
from ..views import ChangeView, FeedbackCounts, PageRef, YouSaidView
from .log import ACTED_ON, FeedbackItem

YOU_SAID_URL = YOU_SAID.url
SENDER_LABELS = {"patient": "A patient", "carer": "A carer", "public": "A member of the public", "staff": "A member of staff",
                 "clinician": "A clinician", "other": "Someone"}
OUTCOMES = {"changed": "We changed the leaflet.", "not-changed": "We did not change the leaflet."}
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December")


def change_anchor(number: int) -> str:
    """Id of the n-th ``changes`` entry (oldest first, so ids stay put when new entries are added)."""
    return f"sg-change-{number}"


def item_anchor(ident: str) -> str:
    return f"sg-feedback-{ident}"


def change_views(changes: Iterable[Change], shown_ids: frozenset[str] = frozenset()) -> tuple[ChangeView, ...]:
    """Newest first; the entries of the newest date are this version's."""
    entries = list(enumerate(changes, start=1))
    newest = max((c.date for _, c in entries), default=None)
    views = [ChangeView(c.date, c.what, c.why, c.date == newest, change_anchor(n),
                        tuple(PageRef("What you said", f"{YOU_SAID_URL}#{item_anchor(i)}") for i in c.feedback if i in shown_ids))
             for n, c in entries]
    return tuple(sorted(views, key=lambda v: v.date, reverse=True))


def shown_items(items: Iterable[FeedbackItem], published: frozenset[str]) -> list[FeedbackItem]:
    """The contract's gate for "You said, we did"."""
    return [i for i in items if i.show_on_site and i.status in ACTED_ON and i.leaflets
            and all(slug in published for slug in i.leaflets)]


def counts(items: Iterable[FeedbackItem], published: frozenset[str]) -> FeedbackCounts:
    """Totals for "How we make our information": received, acted on, answered (nothing per person)."""
    items = list(items)
    return FeedbackCounts(len(items), sum(1 for i in items if i.status == "changed"), sum(1 for i in items if i.answered),
                          len(shown_items(items, published)))


def you_said_views(items: Iterable[FeedbackItem], leaflets: Mapping[str, tuple[str, FrontMatter]]) -> tuple[YouSaidView, ...]:
    """``leaflets``: published slug -> (title, the front matter on its page). Newest feedback first."""
    out = []
    for item in sorted(items, key=lambda i: (i.received, i.id), reverse=True):
        refs = tuple(PageRef(leaflets[s][0], f"{s}/") for s in item.leaflets if s in leaflets)
        changes = tuple(PageRef(f"What changed in {leaflets[s][0]}", f"{s}/#{change_anchor(n)}")
                        for s in item.leaflets if s in leaflets
                        for n, c in enumerate(leaflets[s][1].changes, start=1) if item.id in c.feedback)
        out.append(YouSaidView(item_anchor(item.id), SENDER_LABELS.get(item.sender, "Someone"),
                               f"{MONTHS[item.received.month - 1]} {item.received.year}", item.said,
                               OUTCOMES.get(item.status, ""), item.response, refs, changes))
    return tuple(out)
