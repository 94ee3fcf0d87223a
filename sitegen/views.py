"""What templates see: small, already-decided view objects built by ``render``.

Templates never reach into front matter or findings themselves, so a template
cannot show a hidden name or an unpublished link by mistake: those decisions are
made here, once, in Python.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from markupsafe import Markup


@dataclass(frozen=True, slots=True)
class SiteView:
    name: str
    lang: str
    """BCP 47 language tag for ``<html lang>``, e.g. ``en-GB``."""
    base_url: str
    """Absolute URL of the site root, ending in ``/``."""
    organisation: str
    feedback_url: str
    """``https:`` or ``mailto:`` address for feedback; may be empty."""
    feedback_text: str
    """Link text for the feedback route, e.g. ``email feedback@example.org``."""
    languages: tuple[LanguageHome, ...] = ()
    """The home pages of the site's other languages (empty on a one-language site)."""


@dataclass(frozen=True, slots=True)
class PageRef:
    """A link to a built page: ``url`` is relative to the site root (``asthma/``)."""

    title: str
    url: str
    summary: str = ""


@dataclass(frozen=True, slots=True)
class Breadcrumbs:
    """Home first, the page itself last (``navigation.breadcrumbs``); empty on the home page."""

    items: tuple[PageRef, ...]
    jsonld: Markup
    """schema.org BreadcrumbList, already safe inside <script type="application/ld+json">."""


@dataclass(frozen=True, slots=True)
class TocEntry:
    level: int
    text: str
    anchor: str


@dataclass(frozen=True, slots=True)
class CreditView:
    name: str
    """Already anonymised where ``show_name: false`` ("A patient partner")."""
    role_label: str
    """Plain label: "Patient partner", "Carer", "Clinician", ..."""
    lived_experience: bool
    how: str
    stages_label: str
    """e.g. "planning, writing and review"."""


@dataclass(frozen=True, slots=True)
class SignOffView:
    name: str
    role_label: str
    """e.g. "Clinical reviewer", "Patient reviewer"."""
    date: dt.date
    note: str


@dataclass(frozen=True, slots=True)
class SourceView:
    title: str
    publisher: str
    url: str
    date: dt.date | None


@dataclass(frozen=True, slots=True)
class DownloadView:
    """A printable version of the leaflet, as its page links to it."""

    label: str
    """"printable version", "large print version" or, in the preview, "print preview"."""
    href: str
    """A file name next to the page: ``living-with-asthma.pdf``."""
    size_text: str
    """"38 KB" (GOV.UK's attachment pattern); empty for the preview, made when asked for."""


@dataclass(frozen=True, slots=True)
class FindingView:
    code: str
    severity: str
    line: int | None
    message: str
    hint: str
    anchor: str
    """Id of the highlighted text in the body (``sg-f3``), or empty."""
    key: str = ""
    """The finding's key, for an ``accepted`` entry."""
    accepted: bool = False


@dataclass(frozen=True, slots=True)
class ReadingView:
    """The reading age and what drives it, for the preview's findings panel."""

    age: float | None
    target: int
    confidence: str
    sentences: tuple[tuple[int, str, float], ...]
    """(line, sentence opening, years it adds), biggest first."""
    words: tuple[tuple[str, float], ...]
    """(word, years it adds), biggest first."""
    sections: tuple[SectionReading, ...] = ()
    """The sections whose own age is over the target, hardest first, with what drives each."""


@dataclass(frozen=True, slots=True)
class SectionReading:
    """One section's reading age and the sentences and words that raise it most."""

    heading: str
    age: float
    sentences: tuple[tuple[int, str, float], ...]
    words: tuple[tuple[str, float], ...]


@dataclass(frozen=True, slots=True)
class ReviewView:
    """Shown only by ``sitegen serve`` (review mode); never in ``sitegen build`` output."""

    publishable: bool
    reasons: tuple[str, ...]
    """Plain-English reasons it would not be published (empty when publishable)."""
    fingerprint: str
    findings: tuple[FindingView, ...]
    source: str
    """Path of the leaflet file, e.g. ``content/asthma.md``."""
    reading: ReadingView | None = None
    broken: bool = False
    """Its front matter cannot be read: the page shows the body as far as it could be read."""
    signoff_entry: str = ""
    """A sign-off entry ready to paste under ``signoff:``, dated today, with this text's fingerprint."""
    changed: "ChangedView | None" = None
    """What changed since the last approved version, when the text changed since (``history``)."""


@dataclass(frozen=True, slots=True)
class ChangedView:
    """The preview's "What changed since the version you approved"."""

    approved_on: dt.date
    fingerprint: str
    """The approved version's fingerprint."""
    live: bool
    """The approved version stays published while this new text awaits sign-off."""
    diff_html: Markup
    """The words, with removed and added runs marked (``history.diff.as_html``)."""


@dataclass(frozen=True, slots=True)
class AlternateView:
    """The same leaflet in another language, as a page links to it."""

    lang: str
    """BCP 47 tag, for ``hreflang`` and ``lang``."""
    dir: str
    """``ltr`` or ``rtl``, for the link text's ``dir``."""
    url: str
    """Relative to the site root: ``cy/living-with-asthma/``."""
    link_text: str
    """"Darllenwch y daflen hon yn Gymraeg": written in that language."""
    language_name: str
    """The language's name in itself: "Cymraeg"."""
    title: str


@dataclass(frozen=True, slots=True)
class OutdatedView:
    """On a translation whose source text has changed since: where the current page is."""

    url: str
    """The source leaflet's page, relative to the site root."""
    lang: str
    dir: str
    title: str


@dataclass(frozen=True, slots=True)
class LanguageHome:
    """A language's home page, as the footer links to it."""

    lang: str
    dir: str
    url: str
    name: str
    """The language's name in itself: "Cymraeg"."""
    glossary: bool = False
    """It has its own glossary page (``content/cy/glossary.yml``): only then do its pages link to one."""


@dataclass(frozen=True, slots=True)
class LeafletView:
    slug: str
    url: str
    title: str
    summary: str
    audience: str
    topics: tuple[PageRef, ...]
    body_html: Markup
    toc: tuple[TocEntry, ...]
    """Empty when the page is short enough not to need a contents list."""
    published: dt.date
    last_reviewed: dt.date
    next_review: dt.date
    overdue: bool
    credits: tuple[CreditView, ...]
    signoffs: tuple[SignOffView, ...]
    sources: tuple[SourceView, ...]
    formats: tuple[str, ...]
    """Plain labels: "Easy Read", "Large print", "Audio"."""
    related: tuple[PageRef, ...]
    reading_age: int | None
    jsonld: Markup
    """schema.org MedicalWebPage JSON, already safe to put inside <script type="application/ld+json">."""
    review: ReviewView | None
    downloads: tuple[DownloadView, ...] = ()
    """Its PDFs, standard first; empty when PDFs are off or could not be made."""
    lang: str = ""
    """BCP 47 language of the leaflet (the site's language when it has no ``lang``)."""
    dir: str = "ltr"
    alternates: tuple[AlternateView, ...] = ()
    """The same leaflet in the site's other languages (published ones only)."""
    outdated: OutdatedView | None = None
    """Set on a translation whose English text has changed since it was made."""
    changes: tuple["ChangeView", ...] = ()
    """Its ``changes`` entries, newest first."""


@dataclass(frozen=True, slots=True)
class ChangeView:
    """One ``changes`` entry as the page shows it: "What changed in this version"."""

    date: dt.date
    what: str
    why: str
    latest: bool
    """One of the newest entries (this version's); the others are listed as earlier changes."""
    anchor: str
    """Id on the leaflet page, so "You said, we did" can link to it."""
    feedback: tuple[PageRef, ...] = ()
    """Links to the public "You said, we did" entries this change answers (only those shown there)."""


@dataclass(frozen=True, slots=True)
class TopicView:
    name: str
    slug: str
    url: str
    leaflets: tuple[PageRef, ...]
    name_lang: str = ""
    """The language of ``name`` when it is not the page's: a Welsh topic page named after its
    English source leaflet's topic says so (``lang="en-GB"``)."""


@dataclass(frozen=True, slots=True)
class AtoZEntry:
    """One line of the A to Z: a leaflet's title, or one of its index terms, as filed."""

    label: str
    """As shown and filed: "Asthma, living with"."""
    url: str
    summary: str
    """The leaflet's summary, on the entry for its title."""
    leaflet_title: str
    """On an index-term entry, the title of the leaflet it leads to; empty on a title entry."""


@dataclass(frozen=True, slots=True)
class LetterGroup:
    letter: str
    anchor: str
    entries: tuple[AtoZEntry, ...]
    """Empty for a letter with no entry: it is shown in the jump list but not linked."""


@dataclass(frozen=True, slots=True)
class GlossaryEntry:
    term: str
    explanation: str
    anchor: str


@dataclass(frozen=True, slots=True)
class CoproductionStats:
    """Aggregate evidence for the "How we make our information" page."""

    leaflets: int
    people: int
    """Distinct credited people (anonymous credits counted once per entry)."""
    lived_experience: int
    """Distinct credited people with lived experience."""
    by_role: tuple[tuple[str, int], ...]
    """(plain role label, number of people), most first."""
    reviewed_by_patients: int
    """Leaflets with a current patient sign-off."""
    reviewed_by_carers: int
    reviewed_by_clinicians: int


@dataclass(frozen=True, slots=True)
class CoproductionRow:
    leaflet: PageRef
    people: tuple[CreditView, ...]
    signoffs: tuple[SignOffView, ...]


@dataclass(frozen=True, slots=True)
class YouSaidView:
    """One item of "You said, we did": what a reader said and what was done. Never a name."""

    anchor: str
    sender: str
    """The kind of person: "A patient", "A carer" ..."""
    received: str
    """Month and year only ("October 2026")."""
    said: str
    outcome: str
    """"We changed the leaflet" or "We did not change the leaflet"."""
    response: str
    leaflets: tuple[PageRef, ...]
    changes: tuple[PageRef, ...]
    """Links to the "What changed" entries on leaflets that answer it."""


@dataclass(frozen=True, slots=True)
class FeedbackCounts:
    """For "How we make our information": totals only."""

    received: int
    acted_on: int
    """Led to a change (status changed)."""
    answered: int
    """Somebody decided what to do (any status but new)."""
    shown: int
    """How many are on the "You said, we did" page."""
