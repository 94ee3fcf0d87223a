"""Every summary sitegen prints: findings and results as text for people and formats for machines.

The stages return data; this module decides how to say it (Zola's ``messages.rs``).
Text: ``path:line: severity: message [code]`` with an indented ``hint:`` (the
compiler convention editors and CI understand), then a plain-English summary.
JSON: the contract shape. GitHub: workflow commands that annotate pull requests.
"""

from __future__ import annotations

import json
from collections import Counter
from typing import TYPE_CHECKING, Iterable, Mapping

from .model import Finding, Severity

if TYPE_CHECKING:
    from .build import BuildResult
    from .site import Page, Site

GITHUB_LEVEL = {Severity.ERROR: "error", Severity.BLOCKER: "warning", Severity.WARNING: "warning", Severity.INFO: "notice"}


def finding_line(f: Finding) -> str:
    where = f.location()
    text = f"{where}: {f.severity.value}: {f.message} [{f.code}]" + (f" key {f.key}" if f.key else "")
    if f.hint:
        text += f"\n    hint: {f.hint}"
    return text


def findings_text(found: Iterable[Finding], *, show_info: bool = True) -> str:
    return "\n".join(finding_line(f) for f in found if show_info or f.severity is not Severity.INFO)


WARNINGS_SHOWN = 3
"""How many warnings of each code ``sitegen build`` prints before it only counts them (our own
choice, needs review): enough to see the pattern, few enough that 5,000 leaflets' warnings stay
a page of text rather than tens of thousands of lines."""


def build_findings_text(found: Iterable[Finding], *, verbose: bool = False,
                        warning_counts: Mapping[str, int] | None = None) -> str:
    """What ``sitegen build`` prints before its summary: every error and blocker, and the first few
    warnings of each code (all of them with ``verbose``); info is left to ``sitegen check``.
    ``warning_counts``: how many warnings each code has, when ``found`` is only a ``shortlist``."""
    shown: list[str] = []
    by_code: dict[str, list[Finding]] = {}
    for f in found:
        if f.severity is Severity.WARNING and not verbose:
            by_code.setdefault(f.code, []).append(f)
        elif f.severity is not Severity.INFO:
            shown.append(finding_line(f))
    counts = warning_counts if warning_counts is not None else {code: len(w) for code, w in by_code.items()}
    hidden = 0
    for code, warnings in sorted(by_code.items()):
        shown += [finding_line(f) for f in warnings[:WARNINGS_SHOWN]]
        more = counts.get(code, len(warnings)) - WARNINGS_SHOWN
        if more > 0:
            hidden += more
            shown.append(f"  ... and {more:,} more {code} {'warning' if more == 1 else 'warnings'}.")
    if hidden:
        shown.append(f"\nShown: the first {WARNINGS_SHOWN} warnings of each code. To see all {sum(counts.values()):,}, run "
                     "sitegen build --verbose, or sitegen check for every leaflet's findings and reading age.")
    return "\n".join(shown)


def shortlist(found: Iterable[Finding]) -> tuple[list[Finding], dict[str, int]]:
    """What a build's report needs of its findings (``build_findings_text`` without ``verbose``,
    ``build_summary``): every finding except the warnings after the first ``WARNINGS_SHOWN`` of
    each code, and how many warnings each code has. The whole-build memo keeps this, so a build
    with nothing to do does not read back tens of thousands of warnings to print a page of them."""
    kept: list[Finding] = []
    counts: Counter[str] = Counter()
    for f in found:
        if f.severity is Severity.WARNING:
            counts[f.code] += 1
            if counts[f.code] > WARNINGS_SHOWN:
                continue
        kept.append(f)
    return kept, dict(counts)


def plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def counts_by_code(found: Iterable[Finding], severity: Severity) -> str:
    return counts_text(Counter(f.code for f in found if f.severity is severity))


def counts_text(counts: Mapping[str, int]) -> str:
    """'jargon 3, long-sentence 1': each code and its count, in the codes' order."""
    return ", ".join(f"{code} {n}" for code, n in sorted(counts.items()))


def page_summary(site: Site, page: Page) -> str:
    leaflet = page.leaflet
    status = "published" if leaflet.slug in site.published else "NOT published"
    if leaflet.slug in site.live:
        status = "published in its approved version (the new text awaits sign-off)"
    found_age = page.plain.age.age
    goal = reading_target(site, page)
    lang = leaflet.meta.lang or site.config.language
    if not lang.casefold().startswith("en"):
        from .i18n.plain_rules import describe
        age = f"in {lang}: {describe(lang)}"
    elif found_age is None:
        age = "too little text to estimate a reading age (fewer than 3 sentences)"
    else:
        verdict = "within" if page.plain.page.reading_age is not None and page.plain.page.reading_age <= goal else "above"
        rough = ", a rough estimate" if page.plain.age.confidence == "low" else ""
        age = f"reading age about {found_age:g} ({verdict} the target of {goal}{rough})"
    problems = summary_counts(site.findings_for(leaflet.source))
    return f"{leaflet.source} ({leaflet.meta.title}): {status}; {age}; {problems}; fingerprint {leaflet.fingerprint}."


def summary_counts(found: Iterable[Finding]) -> str:
    """'1 broken-link error, 2 jargon findings': every error, then the three commonest warnings."""
    found = list(found)
    errors = Counter(f.code for f in found if f.severity is Severity.ERROR)
    warnings = Counter(f.code for f in found if f.severity is Severity.WARNING)
    parts = [f"{n} {code} error{'' if n == 1 else 's'}" for code, n in errors.most_common()]
    parts += [f"{n} {code} finding{'' if n == 1 else 's'}" for code, n in warnings.most_common(3)]
    return ", ".join(parts) or "no warnings"


def reading_target(site: Site, page: Page) -> int:
    from .checks.reading import target

    return target(page.leaflet, site.config)


def check_text(site: Site) -> str:
    """What ``sitegen check`` prints: every finding, a line per leaflet, then the site's totals."""
    lines = []
    found = findings_text(site.findings)
    if found:
        lines.append(found + "\n")
    lines += [page_summary(site, page) for page in site.pages]
    lines += [f"{source}: could not be read; see the errors above." for source in site.unreadable]
    lines.append("\n" + site_summary(site))
    return "\n".join(lines)


def build_summary(result: BuildResult, output_name: str) -> str:
    """What a good ``sitegen build`` prints: files written, leaflets not published and why, warnings, time."""
    state = "is up to date" if result.site is None else "was written"
    lines = [f"\n{output_name}/ {state}: {plural(result.written, 'file')}, "
             f"including {plural(result.published, 'leaflet page')}."]
    if result.pdfs:
        lines.append(pdf_line(result.pdfs, result.pdfs_made if result.site is not None else 0))
    if result.unpublished:
        lines.append(f"{plural(len(result.unpublished), 'leaflet')} not published:")
        lines += [f"  {source}: not published: {reason}" for source, reason in result.unpublished]
    kept = [f for f in result.findings if f.code == "awaiting-signoff"]
    if kept:
        lines.append(f"{plural(len(kept), 'leaflet')} kept online in the approved version while new text awaits sign-off:")
        lines += [f"  {f.path}: {f.message.removeprefix('the new text awaits sign-off, so ')}" for f in kept]
    warnings = counts_text(result.warnings_by_code())
    lines.append(f"Warnings: {warnings}." if warnings else "Warnings: none.")
    lines.append(f"Done in {result.seconds:.2f} s.")
    return "\n".join(lines)


def pdf_line(total: int, made: int) -> str:
    if made == total:
        return f"PDFs: {total} made."
    return f"PDFs: {made} made, {total - made} unchanged." if made else f"PDFs: {total}, all unchanged."


def site_summary(site: Site) -> str:
    total = len(site.pages) + len(site.unreadable)
    lines = [f"{plural(total, 'leaflet')}: {len(site.published)} published, {total - len(site.published)} not published."]
    for severity in (Severity.ERROR, Severity.BLOCKER, Severity.WARNING, Severity.INFO):
        found = [f for f in site.findings if f.severity is severity]
        if found:
            lines.append(f"{plural(len(found), severity.value)} ({counts_by_code(found, severity)}).")
    return " ".join(lines)




def reading_json(page: Page | None) -> dict:
    if page is None:
        return {"reading_age": None, "reading_age_exact": None, "confidence": "low", "smog": None,
                "flesch_reading_ease": None, "flesch_kincaid_grade": None, "words": 0, "sentences": 0,
                "enough_text": False, "drivers": drivers_json(None), "sections": []}
    data = scores_json(page.plain.page, page.plain.age)
    ages = dict(page.plain.section_ages)
    data["sections"] = [{"section": name, **scores_json(r, ages.get(name))} for name, r in page.plain.sections]
    return data


def scores_json(r, age=None) -> dict:  # type: ignore[no-untyped-def]
    """The named formulas beside sitegen's reading age (``age``: ``plain.types.AgeFacts``)."""
    exact = age.age if age is not None else None
    return {"reading_age": r.reading_age, "reading_age_exact": exact,
            "confidence": age.confidence if age is not None else "low",
            "smog": _round(r.smog), "flesch_reading_ease": _round(r.flesch_reading_ease),
            "flesch_kincaid_grade": _round(r.flesch_kincaid_grade), "words": r.words, "sentences": r.sentences,
            "enough_text": r.enough_text, "drivers": drivers_json(age.drivers if age is not None else None)}


def drivers_json(drivers) -> dict:  # type: ignore[no-untyped-def]
    """What pushes the reading age up: sentences and words, each with the years it adds."""
    if drivers is None:
        return {"sentences": [], "words": []}
    return {"sentences": [{"line": d.line, "section": d.section, "text": d.text, "words": d.words, "adds": d.adds,
                           "hard_words": list(d.hard_words)} for d in drivers.sentences],
            "words": [{"word": d.word, "count": d.count, "adds": d.adds} for d in drivers.words]}


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 1)


def finding_json(f: Finding) -> dict:
    data = {"code": f.code, "severity": f.severity.value, "line": f.line, "column": f.column, "message": f.message,
            "hint": f.hint, "key": f.key}
    if f.code in ("jargon", "uncommon-word", "abbreviation"):
        data.update(term=f.term, suggestion=f.suggestion or "")
    if f.accepted is not None:
        data["accepted"] = {"by": f.accepted.by, "reason": f.accepted.reason, "date": f.accepted.date.isoformat()}
    return data


def plain_english_json(page: Page, site: Site) -> dict:
    """Which plain-English checks ran on this page, decided by its language (``i18n.plain_rules``)."""
    from .i18n.plain_rules import rules_for

    lang = page.leaflet.meta.lang or site.config.language
    return {"lang": lang, "checks": list(rules_for(lang))}


def check_json(site: Site) -> str:
    by_path: dict[str, list[Finding]] = {}
    for f in site.findings:
        by_path.setdefault(f.path, []).append(f)
    pages = [{"source": p.leaflet.source, "title": p.leaflet.meta.title, "fingerprint": p.leaflet.fingerprint,
              "published": p.leaflet.slug in site.published, "reading": reading_json(p),
              "plain_english": plain_english_json(p, site),
              "findings": [finding_json(f) for f in by_path.get(p.leaflet.source, [])]} for p in site.pages]
    pages += [{"source": s, "title": None, "fingerprint": None, "published": False, "reading": reading_json(None),
               "findings": [finding_json(f) for f in by_path.get(s, [])]} for s in site.unreadable]
    feedback = [{"source": s, "findings": [finding_json(f) for f in by_path.get(s, [])]} for s in site.feedback_sources]
    known = {p["source"] for p in pages} | set(site.feedback_sources)
    other = [finding_json(f) | {"path": f.path} for f in site.findings if f.path not in known]
    summary = {"leaflets": len(pages), "published": len(site.published),
               "errors": len(site.by_code(Severity.ERROR)), "blockers": len(site.by_code(Severity.BLOCKER)),
               "warnings": len(site.by_code(Severity.WARNING)), "info": len(site.by_code(Severity.INFO)),
               "by_code": dict(sorted(Counter(f.code for f in site.findings).items())), "other_findings": other,
               "reading_age_target": site.config.reading_age_target}
    return json.dumps({"pages": sorted(pages, key=lambda p: p["source"]), "feedback": feedback, "summary": summary},
                      indent=2, ensure_ascii=False)


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def github_lines(site: Site) -> str:
    out = []
    for f in site.findings:
        props = [f"file={_escape_property(f.path)}"]
        if f.line:
            props.append(f"line={f.line}")
        if f.column:
            props.append(f"col={f.column}")
        props.append(f"title={_escape_property(f.code)}")
        message = f.message + (f" (hint: {f.hint})" if f.hint else "")
        out.append(f"::{GITHUB_LEVEL[f.severity]} {','.join(props)}::{_escape_data(message)}")
    return "\n".join(out)
