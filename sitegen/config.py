"""Site settings: read ``sitegen.toml`` (or ``[tool.sitegen]`` in ``pyproject.toml``) into a frozen SiteConfig.

Every setting has a default, so a bare ``content/`` folder builds. Unknown keys and
wrong types are errors that name the file, the key and what was expected.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import difflib
import os
import re
import tomllib
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping

from . import textrules
from .errors import ConfigError
from .filenames import PROJECT_FILE, SETTINGS_FILE
from .model import SIGNOFF_ROLES, Severity
from .pdf.formats import LARGE_PRINT_CHOICES, PAGE_SIZES


# Default severities: the contract, docs/front-matter.md, "Finding codes".
DEFAULT_SEVERITIES: Mapping[str, Severity] = {
    "frontmatter": Severity.ERROR,
    "image-alt": Severity.ERROR,
    "unsafe-link": Severity.ERROR,
    "broken-link": Severity.ERROR,
    "signoff-missing": Severity.BLOCKER,
    "signoff-stale": Severity.BLOCKER,
    "coproduction-missing": Severity.BLOCKER,
    "draft": Severity.BLOCKER,
    "sources-missing": Severity.BLOCKER,
    "link-unpublished": Severity.WARNING,
    "jargon": Severity.WARNING,
    "uncommon-word": Severity.WARNING,
    "abbreviation": Severity.WARNING,
    "reading-age": Severity.WARNING,
    "long-sentence": Severity.WARNING,
    "heading-order": Severity.WARNING,
    "raw-html": Severity.WARNING,
    "review-overdue": Severity.WARNING,
    "review-due-soon": Severity.INFO,
    # Not in the contract's table; the contract names the rule but no code:
    # "A last_reviewed date later than the newest clinical sign-off -> warning".
    "review-unsigned": Severity.WARNING,
    # Inline `<!-- sitegen: allow term -->` directives are reported so reviewers see them.
    "jargon-allowed": Severity.INFO,
    # The contract's Additions (December 2026). uncommon-word and abbreviation are the
    # plain-English check's (checks/plain_english.py); translation-outdated and
    # translation-missing are translations/checks.py's; placeholder is
    # checks/placeholders.py's; change-unexplained is history/live.py's and
    # feedback-unanswered feedback/checks.py's.
    "placeholder": Severity.BLOCKER,
    "translation-outdated": Severity.WARNING,
    "translation-missing": Severity.WARNING,
    "change-unexplained": Severity.WARNING,
    "feedback-unanswered": Severity.WARNING,
    # Not in the contract: a translation of a leaflet that is not published is not published either.
    "translation-source-unpublished": Severity.BLOCKER,
    # Not in the contract: a related: entry naming no leaflet, and content/glossary.yml's own problems.
    "related-unknown": Severity.WARNING,
    "glossary": Severity.ERROR,
    # Not in the contract: a file in feedback/ that cannot be read or breaks a rule of the log.
    "feedback-log": Severity.ERROR,
    # Not in the contract: while new text awaits sign-off, the approved version from git stays
    # published (awaiting-signoff), or cannot, and the build says why (history-unavailable).
    "awaiting-signoff": Severity.INFO,
    "history-unavailable": Severity.INFO,
    # Not in the contract: a changes entry names a feedback id with no file in feedback/.
    "feedback-missing": Severity.WARNING,
    # Not in the contract: the Easy Read profile's own rules (one idea a sentence, the same
    # word for the same thing, a picture for each section, at most 1,000 words).
    "easy-read": Severity.WARNING,
}


@dataclass(frozen=True, slots=True)
class SiteConfig:
    """All site settings. Attribute docstrings are the settings reference (see README)."""

    root: Path = Path(".")
    """The site folder (holds content/, templates/ and the config file)."""
    site_name: str = "Patient information"
    """Shown in the header of every page and in the page titles."""
    base_url: str = "https://www.example.org/"
    """Where the site will live; used for sitemap.xml, the feed and canonical links."""
    language: str = "en-GB"
    """Language of the leaflets, written into <html lang>."""
    organisation: str = ""
    """Who publishes the leaflets (defaults to site_name)."""
    feedback: str = ""
    """Feedback route shown on every leaflet: an email address or an https:// link."""
    feedback_unanswered_days: int = 60
    """Feedback still marked ``new`` this many days after it was received gets a
    feedback-unanswered warning (contract, "Additions": 60 days by default)."""
    review_cycle_years: int = 3
    """Longest gap allowed between last_reviewed and next_review. Three years is common
    practice among PIF TICK members and in the NHS page-review pattern."""
    due_soon_days: int = 90
    """A leaflet is 'due soon' this many days before next_review (contract: docs/front-matter.md)."""
    reading_age_target: int = 11
    """Highest acceptable UK reading age. NHS "How we write": "a reading age of 9 to 11";
    the Patient Information Forum (PIF TICK) recommends 9-11."""
    max_sentence_words: int = 25
    """Sentences longer than this get a long-sentence warning (contract default; GOV.UK
    content guidance "split sentences over 25 words")."""
    min_sentences: int = 3
    """Fewer sentences than this and there is no reading age (contract, "Additions": an age
    for every text of 3 sentences or more; under 10 it is given with confidence "low")."""
    toc_min_headings: int = 4
    """Show a contents list when a leaflet has at least this many section headings."""
    required_signoffs: tuple[tuple[str, ...], ...] = (("clinical",), ("patient", "carer"))
    """Sign-offs needed to publish: each group needs one current approval by any role in it."""
    require_lived_experience: bool = True
    """Publish only when at least one co-production credit has lived experience."""
    require_sources: bool = True
    """Publish only when the leaflet lists its sources."""
    publish_overdue: bool = True
    """Keep leaflets published after next_review has passed (they show a notice)."""
    severity: Mapping[str, Severity] = field(default_factory=lambda: dict(DEFAULT_SEVERITIES))
    """Severity for each finding code."""
    search: bool = True
    """Build the search index (Pagefind) into output/pagefind/. Turn it off only where the
    Pagefind program cannot run; the header's search box then leads to the A to Z."""
    jargon: Mapping[str, str] = field(default_factory=dict)
    """Site word list: term -> plainer words. Adds to or overrides the built-in list;
    an empty string removes a built-in term."""
    pdf: bool = True
    """Make a printable PDF of every published leaflet (``sitegen build --no-pdf`` skips them once)."""
    pdf_page_size: str = "A4"
    """Page size of the printable PDF: "A4" or "A5" (an A5 booklet). Large print is always A4."""
    pdf_large_print: str = "formats"
    """Large-print PDFs (18 pt): "formats" for leaflets whose formats include large-print, "all" for every leaflet."""
    translation_signoffs: tuple[tuple[str, ...], ...] = (("translation",),)
    """Sign-offs a translation needs to be published, in the same form as required_signoffs.
    By default one current approval by a qualified translator or bilingual reviewer
    (role translation); a health board may add ["clinical"] for a clinician who reads the language."""
    outdated_translations: str = "notice"
    """When the English text a translation was made from has changed: "notice" keeps the
    translation published with a notice, in its own language, linking to the current English
    page; "unpublish" takes it down until it is brought up to date and signed off again."""
    required_languages: tuple[str, ...] = ()
    """Languages every published leaflet needs a current translation into, e.g. ["cy"] for a
    Welsh NHS body. A missing or outdated one is reported (translation-missing, translation-outdated)."""
    language_parity: str = "warn"
    """"warn" reports a missing or outdated required translation; "block" also stops the English
    leaflet (missing) or the translation (outdated) from being published until it is put right."""
    source: str = ""
    """Which file the settings came from (empty when none)."""

    def signoff_groups(self, translation: bool) -> tuple[tuple[str, ...], ...]:
        """The sign-offs a leaflet needs to be published: a translation's own policy, or the site's."""
        return self.translation_signoffs if translation else self.required_signoffs

    @property
    def content_dir(self) -> Path:
        return self.root / "content"

    @property
    def templates_dir(self) -> Path:
        return self.root / "templates"

    @property
    def output_dir(self) -> Path:
        return self.root / "output"

    @property
    def publisher(self) -> str:
        return self.organisation or self.site_name


_SETTABLE = {f.name for f in dataclasses.fields(SiteConfig)} - {"root", "source"}


def load_config(root: Path) -> SiteConfig:
    """Read the site's settings; raise ConfigError listing every problem at once."""
    root = Path(root).absolute()  # so every path under it starts with it, whatever the current folder
    table, source = _read_table(root)
    problems: list[str] = []
    values: dict[str, Any] = {}
    for key, raw in table.items():
        if key not in _SETTABLE:
            problems.append(_unknown_key(source, key))
            continue
        value, problem = _coerce(key, raw)
        if problem:
            problems.append(f"{source}: setting '{key}': {problem}")
        else:
            values[key] = value
    if problems:
        raise ConfigError("\n".join(problems))
    return dataclasses.replace(SiteConfig(), root=root, source=source, **values)


def _read_table(root: Path) -> tuple[dict[str, Any], str]:
    own = root / SETTINGS_FILE
    project = root / PROJECT_FILE
    for path in (own, project):
        if os.path.lexists(path) and not path.is_file():  # a pipe would hang the read; a dangling link would be ignored
            raise ConfigError(f"{path.name}: the settings file is not an ordinary file (a folder, a named pipe, a device or a "
                              "broken link), so it cannot be read; replace it with the real file")
    if own.is_file():
        return _parse_toml(own, SETTINGS_FILE), SETTINGS_FILE
    if project.is_file():
        data = _parse_toml(project, PROJECT_FILE)
        table = data.get("tool", {}).get("sitegen", {})
        return table, f"{PROJECT_FILE} [tool.sitegen]"
    return {}, ""


def _parse_toml(path: Path, name: str) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8-sig"))
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{name}: cannot read the settings: {exc}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{name}: cannot open the settings file: {exc}") from None


def _unknown_key(source: str, key: str) -> str:
    close = difflib.get_close_matches(key, sorted(_SETTABLE), n=1)
    hint = f" (did you mean '{close[0]}'?)" if close else ""
    return f"{source}: unknown setting '{key}'{hint}"


def _coerce(key: str, raw: Any) -> tuple[Any, str | None]:
    default = getattr(SiteConfig(), key)
    if key == "severity":
        return _coerce_severity(raw)
    if key in ("required_signoffs", "translation_signoffs"):
        return _coerce_signoffs(raw)
    if key == "required_languages":
        return _coerce_languages(raw)
    if key == "jargon":
        if isinstance(raw, dict) and all(isinstance(v, str) for v in raw.values()):
            problem = next((f"{text!r}: {p}" for pair in raw.items() for text in pair if (p := _text_problem(text))), None)
            return (None, problem) if problem else ({k.lower(): v for k, v in raw.items()}, None)
        return None, "expected a table of term = \"plainer words\""
    if isinstance(default, bool):
        return (raw, None) if isinstance(raw, bool) else (None, f"expected true or false, got {raw!r}")
    if isinstance(default, int):
        ok = isinstance(raw, int) and not isinstance(raw, bool) and raw >= 0
        return (raw, None) if ok else (None, f"expected a whole number, got {raw!r}")
    if key in CHOICES and isinstance(raw, str):
        return _coerce_choice(key, raw)
    if isinstance(raw, str):
        problem = _text_problem(raw) or ADDRESS_RULES.get(key, lambda _raw: None)(raw)
        return (None, problem) if problem else (_normalise_str(key, raw), None)
    return None, f"expected text in quotes, got {raw!r}"


def _text_problem(raw: str) -> str | None:
    """The same character rule as front matter (``textrules``), TOML's escapes (\\u0000) included."""
    char = textrules.first_unprintable(raw)
    if char is None:
        return None
    return (f"the value contains {textrules.describe(char)}; delete it (if you see a backslash escape such as "
            "\\u0000 or \\u001b between the quotes, remove it)")


_EMAIL = re.compile(r"(mailto:)?[^@\s<>\"'(),;:\\]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+")
"""An email address as people write one (local part, @, a domain with a dot), optionally with mailto:.
Deliberately simpler than RFC 5322: it refuses quotes, spaces and brackets, which a feedback address never needs."""
_URL_UNSAFE = re.compile(r"[\s\"'<>`\\^{|}]")
"""Characters that are never raw in a URL (RFC 3986 section 2; they must be percent-encoded) and that would end an HTML attribute or an XML value."""


def _is_web_address(raw: str, schemes: tuple[str, ...]) -> bool:
    parts = urllib.parse.urlsplit(raw)
    if parts.scheme.lower() not in schemes or not parts.netloc or _URL_UNSAFE.search(raw):
        return False
    try:
        return bool(parts.hostname) and (parts.port is None or parts.port > 0)
    except ValueError:  # a port that is not a number, or out of range
        return False


def _feedback_problem(raw: str) -> str | None:
    if not raw.strip() or _EMAIL.fullmatch(raw.strip()):
        return None
    if _is_web_address(raw.strip(), ("https",)):
        return None
    return (f"expected an email address (feedback@example.org) or a web address starting with https://, got {raw!r}; "
            "it becomes the feedback link on every leaflet")


def _base_url_problem(raw: str) -> str | None:
    parts = urllib.parse.urlsplit(raw)
    if _is_web_address(raw, ("https", "http")) and not parts.query and not parts.fragment:
        return None
    return (f"expected the site's full web address starting with https:// (or http://), like \"https://leaflets.example.org/\", "
            f"got {raw!r}; it is written into every page's canonical link, sitemap.xml and feed.xml")


ADDRESS_RULES = {"feedback": _feedback_problem, "base_url": _base_url_problem}
"""Settings that become links on every page: a bad value must stop the build, not reach a reader."""


CHOICES: Mapping[str, tuple[str, ...]] = {"pdf_page_size": PAGE_SIZES, "pdf_large_print": LARGE_PRINT_CHOICES,
                                          "outdated_translations": ("notice", "unpublish"), "language_parity": ("warn", "block")}
"""Settings that take one of a few words."""


def _coerce_choice(key: str, raw: str) -> tuple[Any, str | None]:
    allowed = CHOICES[key]
    found = next((choice for choice in allowed if choice.casefold() == raw.strip().casefold()), None)
    if found is None:
        return None, f"expected {' or '.join(repr(c) for c in allowed)}, got {raw!r}"
    return found, None


def _normalise_str(key: str, raw: str) -> str:
    if key == "base_url" and raw and not raw.endswith("/"):
        return raw + "/"
    return raw


def _coerce_severity(raw: Any) -> tuple[Any, str | None]:
    if not isinstance(raw, dict):
        return None, "expected a table of code = \"error|blocker|warning|info\""
    merged = dict(DEFAULT_SEVERITIES)
    names = [s.value for s in Severity]
    for code, level in raw.items():
        if code not in DEFAULT_SEVERITIES:
            close = difflib.get_close_matches(code, list(DEFAULT_SEVERITIES), n=1)
            hint = f" (did you mean '{close[0]}'?)" if close else ""
            return None, f"unknown finding code '{code}'{hint}"
        if level not in names:
            return None, f"'{code}' must be one of {', '.join(names)}, got {level!r}"
        merged[code] = Severity(level)
    return merged, None


def _coerce_signoffs(raw: Any) -> tuple[Any, str | None]:
    expected = f"expected a list of role groups, e.g. [[\"clinical\"], [\"patient\", \"carer\"]]; roles are {', '.join(SIGNOFF_ROLES)}"
    if not isinstance(raw, list) or not all(isinstance(g, list) and g for g in raw):
        return None, expected
    groups = tuple(tuple(g) for g in raw)
    if any(r not in SIGNOFF_ROLES for g in groups for r in g):
        return None, expected
    return groups, None


def _coerce_languages(raw: Any) -> tuple[Any, str | None]:
    from .i18n import tags

    if not isinstance(raw, list) or not all(isinstance(t, str) for t in raw):
        return None, 'expected a list of language tags, e.g. ["cy"]'
    bad = [t for t in raw if not tags.is_valid(t)]
    if bad:
        return None, f"'{bad[0]}' is not a BCP 47 language tag; write e.g. \"cy\" for Welsh or \"ur\" for Urdu"
    return tuple(tags.normalise(t) for t in raw), None


def today_from_env() -> dt.date:
    """Today's date, or SITEGEN_TODAY (YYYY-MM-DD) so tests and rebuilds of old sites are repeatable."""
    fixed = os.environ.get("SITEGEN_TODAY", "").strip()
    return dt.date.fromisoformat(fixed) if fixed else dt.date.today()
