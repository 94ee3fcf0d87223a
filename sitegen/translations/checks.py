"""Judge translations across the site: what each names, whether it is current, what is missing.

Runs once every leaflet has been read and checked on its own (``site.load_site``), because
each rule needs two leaflets: the translation and the one it translates.

Errors (``frontmatter``, the build stops): ``translation_of`` naming no leaflet or itself, a
translation of a translation, a translation in its source's own language, two translations of
one leaflet into one language, a ``source_fingerprint`` of no version that ever existed.
Per leaflet: ``translation-missing`` (a language the site requires has no current translation),
``translation-outdated`` (the English that readers see differs from the text it was made from)
and ``translation-source-unpublished`` (a translation is never published without its source).
The last two come second (``check_versions``), once the site knows which approved English
versions stay published while newer text awaits sign-off (``history.live``).
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Mapping

from ..checks import decisions
from ..config import SiteConfig
from ..history.approved import Approved
from ..i18n import tags
from ..model import Finding, Severity
from ..plain.accepted import finding_key
from ..source import Leaflet
from . import history

if TYPE_CHECKING:
    from ..site import Page


@dataclass(frozen=True)
class Named:
    """What the checks that need no history found: the first half of the judgement."""

    errors: tuple[Finding, ...]
    """Site-level errors, reported on the translation's file and line."""
    extra: Mapping[str, tuple[Finding, ...]]
    """Leaflet source -> findings to add to that page (``translation-missing`` on the English)."""
    pairs: Mapping[str, str]
    """Translation source -> the slug of the leaflet it translates, for each well-named translation."""


def language_of(leaflet: Leaflet, config: SiteConfig) -> str:
    return leaflet.meta.lang or config.language


def check_names(pages: Iterable["Page"], config: SiteConfig, unreadable: Iterable[str] = ()) -> Named:
    """What each translation names, whether its source_fingerprint is of a real version, and
    which required languages are missing. Runs before the approved versions are known
    (``history.live``), because a missing required translation can hold back the English."""
    pages = sorted(pages, key=lambda p: p.leaflet.source)
    by_slug = {p.leaflet.slug: p for p in pages}
    unreadable_slugs = {Path(s).stem.casefold() for s in unreadable}
    errors: list[Finding] = []
    good: list[tuple["Page", "Page"]] = []
    for page in pages:
        meta = page.leaflet.meta
        if not meta.is_translation:
            continue
        source = by_slug.get(meta.translation_of)
        problem = _naming_problem(page, source, by_slug, unreadable_slugs, config)
        if problem is not None:
            errors.append(problem)
        elif source is not None:
            good.append((page, source))
    errors += _duplicates(good, config)
    errors += _language_folders(pages, config)
    fresh: list[tuple["Page", "Page"]] = []
    for page, source in good:
        problem = _unknown_fingerprint(page, source, config)
        if problem is not None:
            errors.append(problem)
        else:
            fresh.append((page, source))
    extra = {k: tuple(v) for k, v in _missing(pages, fresh, config).items() if v}
    return Named(tuple(errors), extra, {page.leaflet.source: source.leaflet.slug for page, source in fresh})


def check_versions(pages: Iterable["Page"], pairs: Mapping[str, str], config: SiteConfig, live: Mapping[str, "Page"],
                   approved: Mapping[str, Approved], today: dt.date | None = None) -> dict[str, tuple[Finding, ...]]:
    """Per translation: ``translation-outdated`` against the English readers see, and
    ``translation-source-unpublished`` when they see none. ``live`` and ``approved`` are the
    English leaflets' approved versions that stay published (``history.live``)."""
    by_slug = {p.leaflet.slug: p for p in pages}
    out: dict[str, tuple[Finding, ...]] = {}
    for page in pages:
        slug = pairs.get(page.leaflet.source)
        if slug is not None:
            found = version_findings(page.leaflet, by_slug[slug], config, live, approved, today)
            if found:
                out[page.leaflet.source] = tuple(found)
    return out


def published_english(source: "Page", live: Mapping[str, "Page"]) -> Leaflet:
    """The one rule for which English text a translation is judged against: the version that
    is published. That is the approved version while newer English text awaits sign-off
    (issue 13), else the text now (also when nothing is published: the text that will be)."""
    kept = live.get(source.leaflet.slug)
    return kept.leaflet if kept is not None else source.leaflet


def source_published(source: "Page", live: Mapping[str, "Page"]) -> bool:
    return not source.blocked or source.leaflet.slug in live


def version_findings(translation: Leaflet, source: "Page", config: SiteConfig, live: Mapping[str, "Page"],
                     approved: Mapping[str, Approved], today: dt.date | None = None) -> list[Finding]:
    """The findings about one text of a translation (the text now, or an approved earlier one
    that would stay published) that depend on the English."""
    found: list[Finding] = []
    against = published_english(source, live)
    if is_outdated(translation, against):
        kept = approved.get(source.leaflet.source) if against is not source.leaflet else None
        finding = _outdated(translation, source.leaflet, against, kept, config)
        if finding.severity is Severity.WARNING and today is not None:  # a team may keep it, with a reason
            finding = decisions.apply(translation, [finding], today)[0]
        found.append(finding)
    if not source_published(source, live):
        found.append(_source_unpublished(translation, source.leaflet))
    return found


def is_outdated(translation: Leaflet, against: Leaflet) -> bool:
    """``against``: the English text readers see (``published_english``)."""
    return translation.meta.source_fingerprint != against.fingerprint


def _error(leaflet: Leaflet, field: str, message: str, hint: str) -> Finding:
    return Finding("frontmatter", Severity.ERROR, leaflet.source, leaflet.meta.lines.get(field), message, hint)


def _naming_problem(page: "Page", source: "Page | None", by_slug: Mapping[str, "Page"], unreadable: set[str],
                    config: SiteConfig) -> Finding | None:
    leaflet, meta = page.leaflet, page.leaflet.meta
    named = meta.translation_of
    own = leaflet.slug.rsplit("/", 1)[-1]
    if named in (leaflet.slug, own) and (source is None or source.leaflet is leaflet):
        return _error(leaflet, "translation_of", f"translation_of names this leaflet itself ('{named}')",
                      "write the slug of the English leaflet this one translates: its file name without '.md'")
    if source is None:
        if named.casefold() in unreadable:
            return None  # that leaflet's own error says why it cannot be read
        originals = sorted(s for s, p in by_slug.items() if not p.leaflet.meta.is_translation)
        close = difflib.get_close_matches(named, originals, n=1)
        hint = f"did you mean '{close[0]}'?" if close else "write the slug of the leaflet this one translates: its file name without '.md'"
        return _error(leaflet, "translation_of", f"translation_of names '{named}', but there is no leaflet with that address", hint)
    if source.leaflet.meta.is_translation:
        return _error(leaflet, "translation_of",
                      f"translation_of names '{named}', which is itself a translation (of '{source.leaflet.meta.translation_of}')",
                      f"translate from the original: write translation_of: {source.leaflet.meta.translation_of}, "
                      "and take source_fingerprint from that leaflet")
    if tags.same_language(language_of(leaflet, config), language_of(source.leaflet, config)):
        return _error(leaflet, "lang", f"this translation is in the same language ({language_of(leaflet, config)}) as the leaflet it translates",
                      "set lang: to the language it is written in, for example lang: cy for Welsh")
    return None


def _duplicates(good: list[tuple["Page", "Page"]], config: SiteConfig) -> list[Finding]:
    first: dict[tuple[str, str], Leaflet] = {}
    found = []
    for page, source in good:
        leaflet = page.leaflet
        key = (source.leaflet.slug, tags.normalise(language_of(leaflet, config)).casefold())
        earlier = first.setdefault(key, leaflet)
        if earlier is not leaflet:
            found.append(_error(leaflet, "translation_of",
                                f"{earlier.source} is already the {tags.english_name(key[1])} translation of '{source.leaflet.slug}'",
                                "keep one translation into each language: merge the two files, or delete one"))
    return found


def _language_folders(pages: list["Page"], config: SiteConfig) -> list[Finding]:
    """A leaflet named like a language (``content/cy.md``) would take that language's home page, ``/cy/``."""
    languages = {tags.url_segment(language_of(p.leaflet, config)): language_of(p.leaflet, config) for p in pages
                 if not tags.same_language(language_of(p.leaflet, config), config.language)}
    languages.update({tags.url_segment(lang): lang for lang in config.required_languages})
    return [Finding("frontmatter", Severity.ERROR, p.leaflet.source, None,
                    f"the file name {p.leaflet.source} would become /{p.leaflet.slug}/, the home page of the site's "
                    f"{tags.english_name(languages[p.leaflet.slug])} leaflets",
                    "rename the file, for example after the condition it is about")
            for p in pages if p.leaflet.slug in languages]


def known_fingerprints(source: Leaflet) -> set[str]:
    """Texts of the source that are on record without git: the current one and every one signed off."""
    return {source.fingerprint} | {s.fingerprint for s in source.meta.signoff if s.fingerprint}


def _unknown_fingerprint(page: "Page", source: "Page", config: SiteConfig) -> Finding | None:
    wanted = page.leaflet.meta.source_fingerprint
    if wanted in known_fingerprints(source.leaflet) or history.find(config.root, source.leaflet.source, wanted):
        return None
    return _error(page.leaflet, "source_fingerprint",
                  f"source_fingerprint {wanted} is not the fingerprint of any version of {source.leaflet.source} "
                  "(not the current text, not a signed-off one, not one in the site's history)",
                  f"copy the fingerprint of the English text the translator worked from; the current English text is {source.leaflet.fingerprint}")


def _outdated(translation: Leaflet, source: Leaflet, against: Leaflet, kept: Approved | None, config: SiteConfig) -> Finding:
    required = any(tags.same_language(translation.meta.lang, lang) for lang in config.required_languages)
    blocks = config.outdated_translations == "unpublish" or (required and config.language_parity == "block")
    prefix = "not published: " if blocks else ""
    made_from = translation.meta.source_fingerprint
    if kept is None:
        message = (f"{source.source} has changed since this translation was made "
                   f"(translated from {made_from}, the text is now {source.fingerprint})")
        hint = (f"ask the translator to update the translation (sitegen report shows what changed in the English), then set "
                f"source_fingerprint: {source.fingerprint} and record a new translation sign-off")
    elif made_from == source.fingerprint:
        message = (f"this translation was made from the new text of {source.source} ({made_from}), which awaits sign-off; "
                   f"the English page still shows the version approved on {kept.approved_on} ({against.fingerprint})")
        hint = ("nothing to change in the translation: it is up to date once the English reviewers sign the new text "
                f"(see sitegen history {source.source} --diff)")
    else:
        message = (f"{source.source} has changed since this translation was made (translated from {made_from}, the "
                   f"English page shows the version approved on {kept.approved_on}, {against.fingerprint})")
        hint = (f"ask the translator to update the translation (sitegen report shows what changed in the English), then set "
                f"source_fingerprint: {against.fingerprint} and record a new translation sign-off; newer English text "
                f"({source.fingerprint}) awaits sign-off, so you may prefer to wait for it")
    # Keyed on the English text's fingerprint: accepting it (accepted: with term: <that fingerprint>)
    # covers this English text only, and the next change to the English brings the warning back.
    return Finding("translation-outdated", Severity.BLOCKER if blocks else Severity.WARNING, translation.source,
                   translation.meta.lines.get("source_fingerprint"), prefix + message, hint,
                   key=finding_key("translation-outdated", term=against.fingerprint))


def _missing(pages: list["Page"], fresh: list[tuple["Page", "Page"]], config: SiteConfig) -> dict[str, list[Finding]]:
    if not config.required_languages:
        return {}
    translations: dict[tuple[str, str], "Page"] = {}
    for page, source in fresh:
        translations[(source.leaflet.source, tags.primary(language_of(page.leaflet, config)))] = page
    blocks = config.language_parity == "block"
    out: dict[str, list[Finding]] = defaultdict(list)
    for page in pages:
        leaflet = page.leaflet
        if leaflet.meta.is_translation or page.blocked:
            continue
        for lang in config.required_languages:
            if tags.same_language(lang, language_of(leaflet, config)):
                continue
            have = translations.get((leaflet.source, tags.primary(lang)))
            reason = _why_missing(have)
            if reason:
                out[leaflet.source].append(Finding(
                    "translation-missing", Severity.BLOCKER if blocks else Severity.WARNING, leaflet.source,
                    leaflet.meta.lines.get("title"),
                    f"{'not published: ' if blocks else ''}this leaflet has no current {tags.english_name(lang)} translation ({reason})",
                    f"the site requires every leaflet in {tags.english_name(lang)}: commission a translation of the text "
                    f"{leaflet.fingerprint} and add it with lang: {lang}, translation_of: {leaflet.slug} and source_fingerprint: {leaflet.fingerprint}"))
    return out


def _why_missing(have: "Page | None") -> str:
    if have is None:
        return "there is none"
    if have.blocked:
        return f"{have.leaflet.source} is not published yet"
    return ""  # an outdated one is reported on the translation itself (translation-outdated)


def _source_unpublished(translation: Leaflet, source: Leaflet) -> Finding:
    return Finding("translation-source-unpublished", Severity.BLOCKER, translation.source,
                   translation.meta.lines.get("translation_of"),
                   f"not published: the leaflet it translates, {source.source}, is not published",
                   "a translation is published only while the leaflet it translates is; see that leaflet's own findings")
