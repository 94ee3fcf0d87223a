"""``sitegen report``: the evidence pack for maintainers and quality assessors.

Per leaflet, a checklist of what the front matter can evidence against the BMA
Patient Information Awards and PIF TICK criteria (each row names the criterion it
evidences), its status, fingerprint and who must act next; written as an HTML
dashboard plus CSV and JSON exports. Its translation dashboard says, per leaflet and
language, whether the translation is up to date, outdated (with the English changes as a
word diff) or missing, decided by fingerprints (``translations.status``). It is kept out of the public site, and names
hidden with show_name: false stay hidden here too.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
from dataclasses import asdict, dataclass
from pathlib import Path

import jinja2

from ..build import using_checked
from ..checks.reading import target as reading_target
from ..checks.review import describe_group
from ..evidence import folder, jobbag, reviewers
from ..evidence.jobbag import about
from ..render import THEME, longdate, site_view
from ..site import Page, Site, blocker_reasons
from ..sitelock import QUICK_WAIT, site_lock
from ..translations import status as translation_status
from .common import site_config, today

DESCRIPTION = "Write an evidence pack (HTML dashboard, CSV and JSON) into report/, separate from the public site."
TEMPLATES = THEME / "report"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--out", type=Path, default=None, metavar="DIR", help="where to write the report (default: <site>/report)")


def run(args: argparse.Namespace) -> int:
    config = site_config(args)
    out = args.out or config.root / "report"
    folder.check_replaceable(out)  # before the work, so a wrong --out is said at once
    written = using_checked(config, lambda site: write_report(site, out), today=today(args))
    print(f"Wrote the governance report to {out}/ ({', '.join(written)}). It is for maintainers and assessors, not for publishing.")
    return 0

CRITERIA = (
    ("audience", "Target readership stated", "BMA appraisal #8"),
    ("users_involved", "People with lived experience involved, and how", "BMA methodology Q2 and #19; PIF TICK 5"),
    ("clinical_signoff", "Current clinical sign-off of this exact text", "BMA methodology Q1 and #4; NHS Standard for creating health content"),
    ("patient_signoff", "Current patient or carer sign-off of this exact text", "PIF TICK 5; co-production"),
    ("sources", "Sources of evidence listed", "BMA methodology Q3; PIF TICK 4"),
    ("publication_date", "Publication date shown on the page", "BMA mandatory criterion (2013)"),
    ("review_dates", "Review dates shown and not overdue", "PIF TICK information assessments; NHS page-review pattern"),
    ("reading_level", "Reading age at or below the site target", "PIF TICK 6; NHS How we write"),
    ("feedback", "A way to give feedback", "BMA appraisal #25; PIF TICK 8"),
    ("feedback_answered", "Feedback in the log about it has all been answered", "PIF TICK 8 (a clear process for feedback)"),
    ("impact", "Impact measured: the log holds feedback about it", "PIF TICK 10 (the impact of information is measured)"),
    ("formats", "Other formats offered", "BMA appraisal #20; Accessible Information Standard"),
)


@dataclass(frozen=True)
class Row:
    source: str
    title: str
    status: str
    fingerprint: str
    last_reviewed: str
    next_review: str
    reading_age: int | None
    checks: dict[str, bool]
    next_action: str
    people: str
    signoffs: str
    decisions: str = ""
    """Findings the team accepted: code, word or sentence, who, when and why."""


def rows(site: Site) -> list[Row]:
    return [row(site, page) for page in site.pages]


def row(site: Site, page: Page) -> Row:
    meta = page.leaflet.meta
    current = page.leaflet.current_signoffs
    age = page.plain.page.reading_age
    checks = {
        "audience": bool(meta.audience),
        "users_involved": any(c.lived_experience and c.how for c in meta.coproduction),
        "clinical_signoff": any(s.role == "clinical" for s in current),
        "patient_signoff": any(s.role in ("patient", "carer") for s in current),
        "sources": bool(meta.sources),
        "publication_date": True,
        "review_dates": meta.next_review >= site.today,
        "reading_level": age is not None and age <= reading_target(page.leaflet, site.config),
        "feedback": bool(site.config.feedback),
        "feedback_answered": all(i.answered for i in about(site.feedback, page.leaflet.slug)),
        "impact": bool(about(site.feedback, page.leaflet.slug)),
        "formats": bool(meta.formats),
    }
    status = "published" if page.leaflet.slug in site.published else "not published"
    people = "; ".join(f"{c.display_name} ({c.role}{', lived experience' if c.lived_experience else ''})" for c in meta.coproduction)
    signed = "; ".join(f"{s.display_name} ({s.role}, {s.date})" for s in current)
    return Row(page.leaflet.source, meta.title, status, page.leaflet.fingerprint, meta.last_reviewed.isoformat(),
               meta.next_review.isoformat(), age, checks, next_action(site, page), people, signed, decisions(page))


def decisions(page: Page) -> str:
    """The accepted findings of a page, as decisions: what, who, when, why."""
    out = []
    for f in page.findings:
        if f.accepted is not None:
            what = f"'{f.term}'" if f.term else f"line {f.line}" if f.line else "the page"
            out.append(f"{f.code} {what} kept by {f.accepted.by} on {f.accepted.date.isoformat()}: {f.accepted.reason}")
    return "; ".join(out)


def next_action(site: Site, page: Page) -> str:
    """Every reason the leaflet is not published, so each reviewer who must act is named
    (both sign-offs stale: both reviewers), else the next review step."""
    reasons = blocker_reasons(page.findings)
    if reasons:
        return "; ".join(_sentence(reason) for reason in reasons)
    codes = {f.code: f for f in page.findings}
    for code in ("review-overdue", "review-due-soon", "review-unsigned"):
        if code in codes:
            return _sentence(codes[code].message)
    return "Nothing due"


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:]


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""A cell starting with one of these is read as a formula by Excel, LibreOffice and Google Sheets
(OWASP, "CSV Injection": the characters to neutralise)."""


def spreadsheet_safe(cell: object) -> object:
    """OWASP's advice: prefix such a text cell with a single quote, so it is shown as text, never run."""
    return f"'{cell}" if isinstance(cell, str) and cell.startswith(FORMULA_STARTS) else cell


def to_csv(table: list[Row]) -> str:
    out = io.StringIO()
    writer = _SafeWriter(csv.writer(out, lineterminator="\n"))
    writer.writerow(["source", "title", "status", "fingerprint", "last_reviewed", "next_review", "reading_age",
                     *[c[0] for c in CRITERIA], "next_action", "coproduction", "current_signoffs", "decisions"])
    for r in table:
        writer.writerow([r.source, r.title, r.status, r.fingerprint, r.last_reviewed, r.next_review,
                         "" if r.reading_age is None else r.reading_age,
                         *["yes" if r.checks[c[0]] else "no" for c in CRITERIA], r.next_action, r.people, r.signoffs,
                         r.decisions])
    return out.getvalue()


class _SafeWriter:
    """A csv writer whose every text cell passes ``spreadsheet_safe`` (the csv module quotes the rest)."""

    def __init__(self, writer) -> None:
        self._writer = writer

    def writerow(self, row: list[object]) -> None:
        self._writer.writerow([spreadsheet_safe(cell) for cell in row])


def to_json(site: Site, table: list[Row], languages: list | None = None) -> str:
    criteria = [{"key": k, "label": label, "source": source} for k, label, source in CRITERIA]
    return json.dumps({"site": site.config.site_name, "date": site.today.isoformat(), "criteria": criteria,
                       "leaflets": [asdict(r) for r in table],
                       "translations": [translation_json(t) for t in languages or ()]}, indent=2, ensure_ascii=False)


def translation_json(entry: translation_status.Status) -> dict:
    data = asdict(entry)
    data["changes"] = [asdict(c) for c in entry.changes]
    data["diff"] = entry.diff_text()
    return data


def translations_csv(languages: list) -> str:
    """The translation dashboard, one row per leaflet and language (the diff as [-removed-]{+added+})."""
    out = io.StringIO()
    writer = _SafeWriter(csv.writer(out, lineterminator="\n"))
    writer.writerow(["source", "title", "language", "state", "translation", "translated_from", "current", "published", "english_changes", "note"])
    for t in languages:
        writer.writerow([t.source, t.title, t.lang, t.state, t.translation, t.translated_from, t.current, t.published, t.diff_text(), t.note])
    return out.getvalue()


def to_html(site: Site, table: list[Row], languages: list | None = None) -> str:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(TEMPLATES)),
                             autoescape=True, undefined=jinja2.StrictUndefined)
    env.filters["longdate"] = longdate
    published = sum(1 for p in site.pages if p.leaflet.slug in site.published)
    return env.get_template("report.html").render(site=site_view(site.config), today=site.today, rows=table,
                                                  criteria=CRITERIA, published=published, target=site.config.reading_age_target,
                                                  required=[describe_group(g) for g in site.config.required_signoffs],
                                                  translations=languages or [],
                                                  translation_languages=translation_status.languages(site))


def write_report(site: Site, out: Path) -> list[str]:
    table = rows(site)
    languages = translation_status.dashboard(site)
    files = {"index.html": to_html(site, table, languages), "leaflets.csv": to_csv(table), "leaflets.json": to_json(site, table, languages)}
    if languages:
        files["translations.csv"] = translations_csv(languages)
    files.update(reviewers.files(site))
    with site_lock(site.config.root, "report", wait=QUICK_WAIT):  # two reports at once: one after the other
        folder.replace_folder(out, {**files, **jobbag.files(site)})
    return list(files) + ["job-bags/"]
