"""One job bag per leaflet: ``job-bags/<slug>/`` with ``approved.md`` and ``record.json``/``record.md``.

In: the judged site. Out: ``{relative path: text}``. The approved text is the text on the
page when it is approved now, else the last approved version from git, else none (and the
record says so). Names follow ``show_name``; the log contributes what was said and done,
never a file's channel or anything beyond it.
"""

from __future__ import annotations

import json
from typing import Any

from ..feedback.log import FeedbackItem
from ..history.approved import fully_approved
from ..site import Page, Site


def approved_text(site: Site, page: Page) -> tuple[str, str]:
    """(the approved title, summary and body as Markdown, where it came from)."""
    leaflet = page.leaflet
    if fully_approved(leaflet.meta.signoff, leaflet.fingerprint, site.config.signoff_groups(leaflet.meta.is_translation)):
        chosen, origin = leaflet, f"the text now (fingerprint {leaflet.fingerprint})"
    elif leaflet.source in site.approved:
        version = site.approved[leaflet.source]
        chosen = version.leaflet
        origin = f"the version in commit {version.version.commit[:10]} of {version.version.date} (fingerprint {version.fingerprint})"
    else:
        return "", "no approved version: the text now has not been approved, and no approved version was found in the git history"
    return f"# {chosen.meta.title}\n\n{chosen.meta.summary}\n\n{chosen.body_text.strip()}\n", origin


def about(items: tuple[FeedbackItem, ...], slug: str) -> list[FeedbackItem]:
    return [i for i in items if slug in i.leaflets]


def record(site: Site, page: Page) -> dict[str, Any]:
    leaflet, meta = page.leaflet, page.leaflet.meta
    text, origin = approved_text(site, page)
    reading = page.plain.page
    return {
        "source": leaflet.source, "title": meta.title, "status": meta.status.value,
        "published": "the approved version (new text awaits sign-off)" if leaflet.slug in site.live
        else ("yes" if leaflet.slug in site.published else "no"),
        "fingerprint_now": leaflet.fingerprint, "approved_text": "approved.md" if text else None, "approved_text_note": origin,
        "audience": meta.audience, "first_published": meta.published.isoformat(),
        "last_reviewed": meta.last_reviewed.isoformat(), "next_review": meta.next_review.isoformat(),
        "credits": [{"name": c.display_name, "role": c.role, "lived_experience": c.lived_experience, "how": c.how,
                     "stages": list(c.stages)} for c in meta.coproduction],
        "signoffs": [{"name": s.display_name, "role": s.role, "date": s.date.isoformat(), "fingerprint": s.fingerprint,
                      "decision": s.decision, "note": s.note, "of_the_text_now": s.fingerprint == leaflet.fingerprint}
                     for s in meta.signoff],
        "sources": [{"title": s.title, "publisher": s.publisher, "url": s.url, "date": s.date.isoformat() if s.date else None}
                    for s in meta.sources],
        "reading": {"reading_age": reading.reading_age, "smog": reading.smog, "flesch_reading_ease": reading.flesch_reading_ease,
                    "flesch_kincaid_grade": reading.flesch_kincaid_grade, "words": reading.words, "sentences": reading.sentences,
                    "target": site.config.reading_age_target},
        "changes": [{"date": c.date.isoformat(), "what": c.what, "why": c.why, "feedback": list(c.feedback)} for c in meta.changes],
        "feedback": [{"id": i.id, "received": i.received.isoformat(), "from": i.sender, "said": i.said, "status": i.status,
                      "response": i.response, "responded": i.responded.isoformat() if i.responded else None,
                      "changes": [c.date.isoformat() for c in meta.changes if i.id in c.feedback]}
                     for i in about(site.feedback, leaflet.slug)],
    }


def as_markdown(data: dict[str, Any]) -> str:
    lines = [f"# Job bag: {data['title']}", "", f"- File: {data['source']}", f"- Status: {data['status']}; published: {data['published']}",
             f"- Fingerprint of the text now: {data['fingerprint_now']}", f"- Approved text (approved.md): {data['approved_text_note']}",
             f"- For: {data['audience']}", f"- First published {data['first_published']}; last reviewed {data['last_reviewed']}; "
             f"next review {data['next_review']}", "", "## Who made it"]
    lines += [f"- {c['name']} ({c['role']}{', lived experience' if c['lived_experience'] else ''}): {c['how']}" for c in data["credits"]] or ["- nobody credited"]
    lines += ["", "## Sign-offs"]
    lines += [f"- {s['name']} ({s['role']}), {s['date']}, {s['decision']}, fingerprint {s['fingerprint'] or 'none'}"
              f"{' (the text now)' if s['of_the_text_now'] else ' (an earlier text)'}{': ' + s['note'] if s['note'] else ''}"
              for s in data["signoffs"]] or ["- none"]
    lines += ["", "## Sources"] + ([f"- {s['title']}{', ' + s['publisher'] if s['publisher'] else ''}{', ' + s['url'] if s['url'] else ''}"
                                    for s in data["sources"]] or ["- none"])
    r = data["reading"]
    lines += ["", "## Reading scores", f"- Reading age {r['reading_age']} (target {r['target']}); SMOG {r['smog']}; "
              f"Flesch reading ease {r['flesch_reading_ease']}; Flesch-Kincaid grade {r['flesch_kincaid_grade']}; "
              f"{r['words']} words, {r['sentences']} sentences"]
    lines += ["", "## Changes"] + ([f"- {c['date']}: {c['what']} Why: {c['why']}"
                                    f"{' (answers feedback ' + ', '.join(c['feedback']) + ')' if c['feedback'] else ''}"
                                    for c in data["changes"]] or ["- none recorded"])
    lines += ["", "## Feedback and what we did"] + ([f"- {f['id']} ({f['received']}, from a {f['from']}): {f['said']} "
                                                    f"Status: {f['status']}.{' ' + f['response'] if f['response'] else ''}"
                                                    for f in data["feedback"]] or ["- none in the log"])
    return "\n".join(lines) + "\n"


def files(site: Site) -> dict[str, str]:
    out: dict[str, str] = {}
    for page in site.pages:
        folder = f"job-bags/{page.leaflet.slug}"
        data = record(site, page)
        text, _origin = approved_text(site, page)
        out[f"{folder}/record.json"] = json.dumps(data, indent=2, ensure_ascii=False) + "\n"
        out[f"{folder}/record.md"] = as_markdown(data)
        if text:
            out[f"{folder}/approved.md"] = text
    return out
