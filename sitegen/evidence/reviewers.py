"""Per reviewer: the leaflets they approved and what became of each since (reviewers ask to be told).

In: the judged site. Out: ``reviewers.json`` and ``reviewers.md``. A reviewer hidden with
``show_name: false`` is listed by role and leaflet only, so two hidden people are never merged
under one name and no hidden name is written.
"""

from __future__ import annotations

import json
from collections import defaultdict
from typing import Any

from ..history.approved import fully_approved
from ..model import SignOff
from ..site import Page, Site


def who(entry: SignOff, page: Page) -> str:
    if entry.show_name and entry.name:
        return entry.name
    return f"{entry.display_name} of {page.leaflet.source}"


def outcome(site: Site, page: Page, entry: SignOff) -> str:
    leaflet = page.leaflet
    if not leaflet.meta.status.is_publishable():
        return f"the leaflet's status is now '{leaflet.meta.status.value}', so it is not published"
    if entry.fingerprint == leaflet.fingerprint:
        return "the text you approved is the text now" + (" and it is published" if not page.blocked else
                                                            ", but it is not published yet: it still needs other sign-offs or fixes")
    live = site.live.get(leaflet.slug)
    if live is not None and live.leaflet.fingerprint == entry.fingerprint:
        return "the words have changed since; the new text awaits sign-off, and the text you approved stays published meanwhile"
    current = leaflet.current_signoffs
    if fully_approved(leaflet.meta.signoff, leaflet.fingerprint, site.config.signoff_groups(leaflet.meta.is_translation)):
        return f"the words have changed since, and the new text was approved on {max(s.date for s in current)}"
    return "the words have changed since; the new text awaits sign-off and is not published"


def entries(site: Site) -> dict[str, list[dict[str, Any]]]:
    by_reviewer: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for page in site.pages:
        meta = page.leaflet.meta
        for entry in meta.signoff:
            if not entry.approves or not entry.fingerprint:
                continue
            since = [f"{c.date}: {c.what} Why: {c.why}" for c in meta.changes if c.date > entry.date]
            by_reviewer[who(entry, page)].append({
                "leaflet": meta.title, "source": page.leaflet.source, "role": entry.role, "approved_on": entry.date.isoformat(),
                "fingerprint": entry.fingerprint, "since": outcome(site, page, entry), "changes_since": since})
    return dict(sorted(by_reviewer.items()))


def files(site: Site) -> dict[str, str]:
    data = entries(site)
    lines = ["# What became of the leaflets each reviewer approved", ""]
    for name, rows in data.items():
        lines += [f"## {name}", ""]
        for r in rows:
            lines.append(f"- {r['leaflet']} ({r['source']}), approved as {r['role']} reviewer on {r['approved_on']} "
                         f"(fingerprint {r['fingerprint']}): {r['since']}.")
            lines += [f"  - changed since: {c}" for c in r["changes_since"]]
        lines.append("")
    return {"reviewers.json": json.dumps(data, indent=2, ensure_ascii=False) + "\n", "reviewers.md": "\n".join(lines)}
