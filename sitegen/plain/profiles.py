"""Audience profiles (front matter ``profile:``): which plain-English rules apply, with what numbers.

In: a profile name and the page's facts. Out: the ``Profile`` (limits) and, for Easy
Read, ``EasyReadIssue``s (facts, no wording). Pure.

Sources:

* Easy Read. Department of Health, "Basic guidelines for people who commission Easy
  Read information" (2009/2010): "more than 15 words is harder to read"; each idea
  gets words and a picture. GOV.UK, "Accessible communication formats": sentences of
  10 to 15 words with one idea and one verb each; full words, not acronyms; pictures
  support the text. Mencap, "Am I making myself clear?" (2002): keep to the same word
  for the same thing. At most 1,000 words is the issue brief's figure (DH: more than
  20 pages is too long, at roughly 50 words an Easy Read page); it needs review by
  an Easy Read partner.
* Children: a reading age of 8 to 9 (target 9). The Department for Education's
  national curriculum, "English programmes of study: key stages 1 and 2" (2013),
  expects pupils to read age-appropriate books accurately and fluently by the end of
  year 4 (age 8 to 9).
* General: the site's own settings (contract defaults: reading age 11, 25 words).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable, Sequence

PROFILES = ("general", "easy-read", "children")


@dataclass(frozen=True)
class Profile:
    name: str
    max_sentence_words: int | None
    """None: use the site's setting."""
    reading_age_target: int | None
    max_words: int | None = None
    one_idea: bool = False
    same_word: bool = False
    picture_per_section: bool = False


EASY_READ = Profile("easy-read", max_sentence_words=15, reading_age_target=None, max_words=1000,
                    one_idea=True, same_word=True, picture_per_section=True)
CHILDREN = Profile("children", max_sentence_words=None, reading_age_target=9)
GENERAL = Profile("general", max_sentence_words=None, reading_age_target=None)


def profile(name: str | None) -> Profile:
    """The profile called ``name`` (None or "" is general). Unknown names raise ``KeyError``."""
    return {"general": GENERAL, "easy-read": EASY_READ, "children": CHILDREN}[name or "general"]


# Words that join two ideas in one sentence (our own list; needs review).
_JOINS = re.compile(r",?\s\b(?:and then|but|because|so that|which|although|however|whereas|unless)\b|;", re.I)

# Groups of words for the same thing; using two from one group can confuse. Our own
# list from common leaflet words; it needs review.
SAME_THING = (
    ("tablet", "tablets", "pill", "pills"),
    ("medicine", "medicines", "medication", "medications", "drug", "drugs"),
    ("injection", "injections", "jab", "jabs", "vaccination", "vaccine", "vaccines"),
    ("doctor", "doctors", "GP", "GPs"),
    ("test", "tests", "check", "checks", "check-up"),
    ("nurse", "nurses", "health worker", "health workers"),
    ("hospital", "hospitals", "clinic", "clinics"),
)


@dataclass(frozen=True)
class EasyReadIssue:
    kind: str
    """``too-long``, ``two-ideas``, ``different-words`` or ``no-picture``."""
    line: int | None
    detail: str
    """The sentence, the words used, or the section name (no wording around it)."""
    count: int = 0


def easy_read_issues(sentences: Sequence[tuple[str, int]], words: int, sections: Iterable[tuple[str, int, bool]],
                     max_words: int = EASY_READ.max_words or 0) -> list[EasyReadIssue]:
    """Easy Read rules other than sentence length and reading age.

    ``sentences``: (text, line). ``sections``: (heading, line, has a picture with alt text).
    """
    out: list[EasyReadIssue] = []
    if max_words and words > max_words:
        out.append(EasyReadIssue("too-long", None, "", words))
    for text, line in sentences:
        if len(text.split()) > 6 and _JOINS.search(text):
            out.append(EasyReadIssue("two-ideas", line, text))
    out += _different_words(sentences)
    out += [EasyReadIssue("no-picture", line, heading) for heading, line, has_picture in sections if not has_picture]
    return out


def _different_words(sentences: Sequence[tuple[str, int]]) -> list[EasyReadIssue]:
    out = []
    for group in SAME_THING:
        used: dict[str, int] = {}
        for text, line in sentences:
            for word in group:
                if word not in used and re.search(rf"(?<![\w-]){re.escape(word)}(?![\w-])", text,
                                                  0 if word.isupper() else re.I):
                    used[word] = line
        base = {w.rstrip("s") if not w.isupper() else w.rstrip("s") for w in used}
        if len(base) > 1:
            first = sorted(used, key=lambda w: used[w])
            out.append(EasyReadIssue("different-words", used[first[1]], ", ".join(first)))
    return out
