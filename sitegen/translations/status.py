"""The translation dashboard: per leaflet and language, up to date, outdated or missing.

Decided by fingerprints, never by dates (Lunaria, the best-known tracker, compares commit dates,
so fixing a link in a translation marks it up to date): a translation is up to date exactly when
its ``source_fingerprint`` is the fingerprint of the English that readers see, which is the
approved earlier version while newer English text awaits sign-off (``checks.published_english``).
For an outdated one the dashboard shows, as a word diff, the English changes from the text it
was made from to the published English, when that text can be found (now, a kept approved
version, or the site's git history).
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..i18n import tags
from . import history
from .checks import is_outdated, language_of, published_english

if TYPE_CHECKING:
    from ..site import Page, Site

UP_TO_DATE, OUTDATED, MISSING, UNPUBLISHED = "up to date", "outdated", "missing", "not published"
CONTEXT_WORDS = 6
"""Unchanged words kept on each side of a change in the word diff (our own choice: enough to find the place)."""


@dataclass(frozen=True)
class Change:
    """One run of the word diff: ``equal``, ``delete``, ``insert`` or ``gap`` (unchanged words left out)."""

    kind: str
    text: str


@dataclass(frozen=True)
class Status:
    source: str
    """The English leaflet's file."""
    title: str
    lang: str
    language: str
    """The language's name in English ("Welsh"), for the maintainers reading the report."""
    state: str
    translation: str
    """The translation's file (empty when missing)."""
    translated_from: str
    current: str
    """The English text's fingerprint now."""
    published: str = ""
    """The fingerprint of the English that readers see: ``current``, or the approved version that
    stays published while the text now awaits sign-off."""
    changes: tuple[Change, ...] = ()
    note: str = ""
    """Why there is no word diff for an outdated translation, or what to do next."""

    def diff_text(self) -> str:
        """The word diff in the notation of ``git diff --word-diff``: [-removed-]{+added+}."""
        marks = {"delete": "[-{}-]", "insert": "{{+{}+}}", "gap": "{}", "equal": "{}"}
        return " ".join(marks[c.kind].format(c.text) for c in self.changes)


def languages(site: "Site") -> list[str]:
    """The languages the dashboard has a column for: those required, then any with a translation."""
    found = list(site.config.required_languages)
    for page in site.pages:
        lang = page.leaflet.meta.lang
        if page.leaflet.meta.is_translation and lang and not any(tags.same_language(lang, l) for l in found):
            found.append(lang)
    return found


def dashboard(site: "Site") -> list[Status]:
    originals = [p for p in site.pages if not p.leaflet.meta.is_translation
                 and tags.same_language(language_of(p.leaflet, site.config), site.config.language)]
    by_source: dict[tuple[str, str], "Page"] = {}
    for page in site.pages:
        meta = page.leaflet.meta
        if meta.is_translation:
            by_source[(meta.translation_of, tags.primary(meta.lang))] = page
    out = []
    for original in sorted(originals, key=lambda p: p.leaflet.source):
        for lang in languages(site):
            out.append(status(site, original, by_source.get((original.leaflet.slug, tags.primary(lang))), lang))
    return out


def status(site: "Site", original: "Page", translation: "Page | None", lang: str) -> Status:
    source = original.leaflet
    english = published_english(original, site.live)
    base = dict(source=source.source, title=source.meta.title, lang=lang, language=tags.english_name(lang),
                current=source.fingerprint, published=english.fingerprint)
    if translation is None:
        return Status(state=MISSING, translation="", translated_from="", **base,
                      note=f"commission a translation of the text {english.fingerprint}")
    shown = site.live.get(translation.leaflet.slug, translation) if translation.blocked else translation
    leaflet = shown.leaflet
    made_from = leaflet.meta.source_fingerprint
    if is_outdated(leaflet, english):
        changes, note = word_changes(site, original, made_from)
        return Status(state=OUTDATED, translation=leaflet.source, translated_from=made_from, changes=changes, note=note, **base)
    state = UP_TO_DATE if leaflet.slug in site.published else UNPUBLISHED
    note = "" if state == UP_TO_DATE else "the translation is up to date with the English but is not published (see its findings)"
    return Status(state=state, translation=leaflet.source, translated_from=made_from, note=note, **base)


def word_changes(site: "Site", original: "Page", made_from: str) -> tuple[tuple[Change, ...], str]:
    """The English words changed from the text ``made_from`` to the English that readers see."""
    english = published_english(original, site.live)
    kept = english is not original.leaflet
    new = history.words_of(english.meta.title, english.meta.summary, english.body_text)
    to = (f"to the version approved on {site.approved[original.leaflet.source].approved_on} that stays published"
          if kept and original.leaflet.source in site.approved else "")
    if made_from == original.leaflet.fingerprint:  # translated ahead, from new English awaiting sign-off
        now = original.leaflet
        old_text = history.words_of(now.meta.title, now.meta.summary, now.body_text)
        return word_diff(old_text, new), f"made from the English text now, which awaits sign-off; shown: from it {to}"
    old = history.find(site.config.root, original.leaflet.source, made_from)
    if old is None:
        return (), "the English text it was made from is not in the site's git history, so the changes cannot be shown"
    since = f"English changes since {old.date} (commit {old.commit[:8]})"
    return word_diff(old.text, new), f"{since} {to}" if to else since


def word_diff(old: str, new: str, context: int = CONTEXT_WORDS) -> tuple[Change, ...]:
    """Words removed and added, with a few unchanged words around each change ("…" for the rest)."""
    a, b = _words(old), _words(new)
    codes = difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
    out: list[Change] = []
    for n, (op, i1, i2, j1, j2) in enumerate(codes):
        if op == "equal":
            out += _kept(a[i1:i2], context, first=n == 0, last=n == len(codes) - 1)
            continue
        if op in ("delete", "replace"):
            out.append(Change("delete", " ".join(a[i1:i2])))
        if op in ("insert", "replace"):
            out.append(Change("insert", " ".join(b[j1:j2])))
    return tuple(out)


def _kept(same: list[str], context: int, first: bool, last: bool) -> list[Change]:
    """An unchanged run: only the words next to a change, the rest as a gap."""
    head = [] if first else same[:context]
    tail = [] if last else same[-context:]
    if len(head) + len(tail) >= len(same):
        return [Change("equal", " ".join(same))]
    out = [Change("equal", " ".join(head))] if head else []
    out.append(Change("gap", "…"))
    return out + ([Change("equal", " ".join(tail))] if tail else [])


def _words(text: str) -> list[str]:
    return re.findall(r"\S+", text)
