"""Reading-age findings (with what drives the age) and the Easy Read profile's own rules.

The target is the site's ``reading_age_target`` unless the leaflet's ``profile`` sets
one (``children``: 9); see ``sitegen.plain.profiles`` for the sources.
"""

from __future__ import annotations

import math

from ..config import SiteConfig
from ..model import Finding, Severity
from ..plain.accepted import finding_key
from ..plain.profiles import easy_read_issues, profile
from ..plain.sentences import sentence_spans
from ..plain.types import AgeFacts, Drivers, PlainFacts
from ..source import Leaflet

_QUOTE_WORDS = 10
_SECTION_QUOTE_WORDS = 6   # a section's sentence is quoted shorter: the message names up to three
_SECTIONS = 3


def target(leaflet: Leaflet, config: SiteConfig) -> int:
    return profile(leaflet.meta.profile).reading_age_target or config.reading_age_target


def reading_age(leaflet: Leaflet, result: PlainFacts, config: SiteConfig) -> list[Finding]:
    age, goal = result.age.age, target(leaflet, config)
    if age is None or _whole(age) <= goal:
        return []
    low = " (a rough estimate: the text has fewer than 10 sentences)" if result.age.confidence == "low" else ""
    hardest = _hardest_sections(result, goal)
    where = f"; the hardest parts are: {hardest}" if hardest else ""
    return [Finding("reading-age", Severity.WARNING, leaflet.source, None,
                    f"the estimated reading age is about {age:g} (the target is {goal} or below){low}{where}",
                    drivers_text(result.age.drivers) or
                    "use shorter sentences and everyday words", key=finding_key("reading-age"))]


def _whole(age: float) -> int:
    """The age as a whole number, halves rounded up (as ``reading_age`` in the JSON)."""
    return math.floor(age + 0.5)


def drivers_text(drivers: Drivers) -> str:
    """What to change, in plain words: the sentences and words that add most years."""
    parts = []
    if drivers.sentences:
        parts.append("these sentences raise it most: " + "; ".join(
            f"line {d.line} \"{_opening(d.text)}\" (+{d.adds:g})" for d in drivers.sentences))
    if drivers.words:
        parts.append("these words raise it most: " + ", ".join(f"'{d.word}' (+{d.adds:g})" for d in drivers.words))
    if not parts:
        return ""
    return "; ".join(parts) + "; split long sentences and swap rare words for everyday ones, and the age goes down"


def sections_over(result: PlainFacts, goal: int, most: int = _SECTIONS) -> list[tuple[str, AgeFacts]]:
    """The named sections whose own age is over ``goal``, hardest first."""
    over = [(name, a) for name, a in result.section_ages if name and a.age is not None and _whole(a.age) > goal]
    over.sort(key=lambda item: -(item[1].age or 0.0))
    return over[:most]


def _hardest_sections(result: PlainFacts, goal: int) -> str:
    return "; ".join(f"'{name}' (about {a.age:g}{_section_fix(a.drivers)})" for name, a in sections_over(result, goal))


def _section_fix(drivers: Drivers) -> str:
    """The section's top sentence and top word, briefly: ': line 15 "You will have ..." +0.6, 'spirometry' +0.5'."""
    parts = [f"line {d.line} \"{_opening(d.text, _SECTION_QUOTE_WORDS)}\" +{d.adds:g}" for d in drivers.sentences[:1]]
    parts += [f"'{d.word}' +{d.adds:g}" for d in drivers.words[:1]]
    return ": " + ", ".join(parts) if parts else ""


def _opening(text: str, most: int = _QUOTE_WORDS) -> str:
    words = text.split()
    return " ".join(words[:most]) + (" ..." if len(words) > most else "")


# --------------------------------------------------------------------------- Easy Read

def easy_read(leaflet: Leaflet, result: PlainFacts) -> list[Finding]:
    if leaflet.meta.profile != "easy-read":
        return []
    sentences = [(" ".join(u.text[a:b].split()), u.line + u.text.count("\n", 0, a))
                 for u in leaflet.body.units if u.kind != "heading" for a, b in sentence_spans(u.text)]
    out = []
    for issue in easy_read_issues(sentences, result.page.words, _sections(leaflet)):
        message, hint = _EASY_READ[issue.kind]
        subject = issue.detail if issue.kind != "two-ideas" else _opening(issue.detail)
        out.append(Finding("easy-read", Severity.WARNING, leaflet.source, issue.line,
                           message.format(detail=subject, count=f"{issue.count:,}"), hint,
                           key=finding_key("easy-read", sentence=f"{issue.kind} {issue.detail}")))
    return out


_EASY_READ = {
    "too-long": ("Easy Read: this leaflet has {count} words (the most for Easy Read is 1,000)",
                 "keep only what readers need, or split it into two leaflets"),
    "two-ideas": ("Easy Read: this may be more than one idea in one sentence: \"{detail}\"",
                  "give each idea its own short sentence"),
    "different-words": ("Easy Read: use the same word for the same thing; this leaflet uses {detail}",
                        "choose one of these words and use it everywhere"),
    "no-picture": ("Easy Read: the section '{detail}' has no picture",
                   "add a picture with alt text that shows the main idea of the section"),
}


def _sections(leaflet: Leaflet) -> list[tuple[str, int, bool]]:
    """(heading, line, has a picture with alt text) for each section below the title."""
    headings = [h for h in leaflet.body.headings if h.level > 1]
    images = [link.line for link in leaflet.body.links if link.is_image and link.text.strip()]
    out = []
    for n, heading in enumerate(headings):
        end = headings[n + 1].line if n + 1 < len(headings) else 10**9
        out.append((heading.text, heading.line, any(heading.line <= line < end for line in images)))
    return out
