"""Split a leaflet into front matter and body, and validate the front matter.

In: the file's bytes. Out: a ``Leaflet`` source record (front matter, body and the
line where the body starts) or a list of ``frontmatter`` findings, each with the
file line, what is wrong and how to fix it. Every problem in the file is reported,
not only the first, except YAML syntax errors (the rest cannot be read reliably).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from typing import Callable, Sequence

import yaml

from . import placeholders, textrules, yamlstrict
from .frontmatter_reader import FM_FIRST_LINE, Problems, Reader, did_you_mean
from .plain.profiles import PROFILES
from .model import (
    CREDIT_ROLES, DECISIONS, SIGNOFF_ROLES, STAGES, STATUSES,
    Accepted, Change, Credit, Finding, FrontMatter, IndexTerm, ReviewStatus, SignOff, Source,
)

FIELDS = (
    "title", "summary", "audience", "topics", "status", "published", "last_reviewed",
    "next_review", "coproduction", "signoff", "sources", "keep_terms", "formats", "related",
    "profile", "accepted", "index_terms", "lang", "translation_of", "source_fingerprint", "changes",
)
REQUIRED = ("title", "summary", "audience", "published", "last_reviewed", "next_review", "sources")
CREDIT_FIELDS = ("name", "role", "lived_experience", "how", "stages", "show_name")
SIGNOFF_FIELDS = ("name", "role", "date", "fingerprint", "decision", "note", "show_name")
SOURCE_FIELDS = ("title", "publisher", "url", "date")
CHANGE_FIELDS = ("date", "what", "why", "feedback")
ACCEPTED_FIELDS = ("code", "term", "sentence", "reason", "by", "date")
ENTRY_FIELDS = {"coproduction": CREDIT_FIELDS, "signoff": SIGNOFF_FIELDS, "sources": SOURCE_FIELDS,
                "accepted": ACCEPTED_FIELDS}
# Codes an `accepted` entry may name: warnings and infos (contract, "Additions").
ACCEPTABLE_CODES = ("jargon", "uncommon-word", "abbreviation", "long-sentence", "reading-age", "easy-read",
                    "heading-order", "raw-html", "link-unpublished", "review-overdue", "review-due-soon",
                    "translation-outdated")

MAX_LEAFLET_BYTES = 1_000_000
"""A leaflet over 1 MB is refused. The longest example leaflet is under 5 KB, so this only
catches pasted-in documents or data, and it bounds the time and memory any one file costs."""
MAX_FRONT_MATTER_BYTES = 64_000
"""Front matter over 64 KB is refused: it bounds YAML parsing, whatever a file contains."""

_LINE_BREAKS = {"\u2028": "U+2028 line separator", "\u2029": "U+2029 paragraph separator",
                "\u0085": "U+0085 next-line"}


@dataclass(frozen=True, slots=True)
class SplitFile:
    """A leaflet file cut into its two parts; text is already BOM-free with \\n endings."""

    front: str
    body: str
    body_line_offset: int
    """Lines before the body: body line 0 is file line ``body_line_offset + 1``."""



# --------------------------------------------------------------------------- splitting

OPENING_FENCE = "---"
CLOSING_FENCES = ("---", "...")
"""YAML's document end marker ``...`` closes front matter too."""


def opens_front_matter(line: str) -> bool:
    """The one rule for where front matter starts: the file's first line is ``---`` (trailing spaces allowed)."""
    return line.rstrip() == OPENING_FENCE


def closing_fence(lines: Sequence[str]) -> int | None:
    """The one rule for where it ends: the index of the first later line that is ``---`` or ``...``, or None."""
    for index in range(1, len(lines)):
        if lines[index].rstrip() in CLOSING_FENCES:
            return index
    return None

def decode(raw: bytes, problems: Problems) -> str | None:
    if len(raw) > MAX_LEAFLET_BYTES:
        problems.add(None, f"this file is {len(raw) / 1_000_000:.1f} MB; sitegen accepts leaflets of up to 1 MB",
                     "a leaflet is usually under 20 KB: split it into several leaflets, or remove pasted-in material")
        return None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        problems.add(line, "the file is not saved as UTF-8 text",
                     "save the file as UTF-8 in your editor (in Word or Notepad: Save As, Encoding: UTF-8)")
        return None
    return text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


def split(text: str, problems: Problems) -> SplitFile | None:
    lines = text.split("\n")
    if not opens_front_matter(lines[0]):
        problems.add(1, "the file does not start with front matter",
                     "the first line must be --- on its own, then the fields (title, summary, ...), then another --- line")
        return None
    index = closing_fence(lines)
    if index is not None:
        return SplitFile("\n".join(lines[1:index]) + "\n", "\n".join(lines[index + 1:]), index + 1)
    body = guess_body_start(lines)
    where = f"before line {body + 1}, where the leaflet's text seems to start" if body else "after the last front-matter field"
    problems.add(1, "the front matter starts with '---' on line 1 but has no closing '---' line",
                 f"add a line containing only --- {where}; "
                 "nothing from this leaflet was published, because the fields would otherwise show as page text")
    return None


_HEADING = re.compile(r"^#{2,6}\s+\S")
_YAML_LIKE = re.compile(r"^(\s|-(\s|$)|#|[^\s:#][^:]*:(\s|$)|\.\.\.|$)")


def guess_body_start(lines: Sequence[str]) -> int | None:
    """Where the body seems to start when the closing --- is missing (0-based line), or None.

    A section heading (## ...) or, after a blank line, a line that cannot be a field is
    where the writer meant the front matter to end. Only used to say where the --- goes
    and to check the rest of the file in the same run."""
    for index in range(1, len(lines)):
        line = lines[index]
        if _HEADING.match(line) or (not lines[index - 1].strip() and not _YAML_LIKE.match(line)):
            return index
    return None


def split_guessing(text: str) -> SplitFile | None:
    """``split``, but when the closing --- is missing, cut where the body seems to start."""
    lines = text.split("\n")
    if not opens_front_matter(lines[0]):
        return None
    index = closing_fence(lines)
    if index is None:
        body = guess_body_start(lines)
        if body is None:
            return None
        return SplitFile("\n".join(lines[1:body]) + "\n", "\n".join(lines[body:]), body)
    return SplitFile("\n".join(lines[1:index]) + "\n", "\n".join(lines[index + 1:]), index + 1)


# --------------------------------------------------------------------------- parsing

_SUSPECT = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]|^[ ]*\t", re.MULTILINE)


def check_characters(front: str, problems: Problems) -> bool:
    """Refuse characters that YAML reads differently from how an editor shows them."""
    if not _SUSPECT.search(front):
        return True  # the usual case, found in one regex pass
    ok = True
    for number, line in enumerate(front.split("\n")):
        indent = line[: len(line) - len(line.lstrip(" \t"))]
        if "\t" in indent:
            problems.add(number + FM_FIRST_LINE, "a tab character is used to indent this line",
                         "use spaces, not tabs, to indent front matter (two spaces for each level)", indent.index("\t") + 1)
            ok = False
        for column, char in enumerate(line):
            if char in _LINE_BREAKS or (unicodedata.category(char) == "Cc" and char != "\t"):
                name = _LINE_BREAKS.get(char, f"control character U+{ord(char):04X}")
                problems.add(number + FM_FIRST_LINE, f"this line contains an invisible {name}, often pasted from a word processor",
                             "delete the end of this line and type it again", column + 1)
                ok = False
    return ok


def compose(front: str, problems: Problems) -> yaml.MappingNode | None:
    if len(front.encode("utf-8")) > MAX_FRONT_MATTER_BYTES:
        problems.add(FM_FIRST_LINE, "the front matter is longer than 64 KB",
                     "front matter holds a few dozen short fields; move long text into the body of the leaflet")
        return None
    if not check_characters(front, problems):
        return None
    return _compose_checked(front, problems)


def _compose_checked(front: str, problems: Problems) -> yaml.MappingNode | None:
    try:
        node = yamlstrict.compose(front)
    except yaml.MarkedYAMLError as exc:
        found = yamlstrict.explain(exc, front, FM_FIRST_LINE)
        problems.add(found.line + FM_FIRST_LINE, found.message, found.hint, found.column + 1)
        return None
    except (yaml.YAMLError, RecursionError) as exc:
        problems.add(FM_FIRST_LINE, "the front matter cannot be read", f"check the front matter for stray characters ({type(exc).__name__})")
        return None
    if not printable(node, problems):
        return None
    if node is None:
        problems.add(FM_FIRST_LINE, "the front matter is empty", "add the fields title, summary, audience, dates and sources")
        return None
    if not isinstance(node, yaml.MappingNode):
        problems.at(node, "the front matter must be a list of 'field: value' lines", "start each line with a field name, e.g. title: Living with asthma")
        return None
    return node


def printable(node: yaml.Node | None, problems: Problems) -> bool:
    """Refuse values that hold a control or non-character once escapes are read ("\\0", "\\e", "\\uFFFE")."""
    found = yamlstrict.unprintable_values(node)
    for scalar, char in found:
        problems.at(scalar, f"this value contains {textrules.describe(char)}, which cannot be shown, printed or read aloud", textrules.HINT)
    return not found


# --------------------------------------------------------------------------- building FrontMatter

def read_credit(reader: Reader, node: yaml.Node) -> Credit | None:
    fields = reader.mapping(node, CREDIT_FIELDS, "a coproduction entry")
    if fields is None:
        return None
    _require(reader, node, fields, ("name", "role"), "coproduction entry")
    stages = reader.texts(fields.get("stages"), "stages")
    for stage_node in reader_items_nodes(fields.get("stages")):
        if stage_node.value not in STAGES:
            reader.problems.at(stage_node, f"unknown stage '{stage_node.value}'", did_you_mean(stage_node.value, STAGES, plain=True))
    return Credit(
        name=reader.text(fields.get("name"), "name"),
        role=reader.choice(fields.get("role"), "role", CREDIT_ROLES, "other"),
        lived_experience=reader.boolean(fields.get("lived_experience"), "lived_experience", False),
        how=reader.text(fields.get("how"), "how"),
        stages=tuple(s for s in stages if s in STAGES),
        show_name=reader.boolean(fields.get("show_name"), "show_name", True),
        line=node.start_mark.line + FM_FIRST_LINE,
    )


def reader_items_nodes(node: yaml.Node | None) -> list[yaml.ScalarNode]:
    if isinstance(node, yaml.SequenceNode):
        return [n for n in node.value if isinstance(n, yaml.ScalarNode)]
    return []


def read_signoff(reader: Reader, node: yaml.Node) -> SignOff | None:
    fields = reader.mapping(node, SIGNOFF_FIELDS, "a signoff entry")
    if fields is None:
        return None
    _require(reader, node, fields, ("name", "role", "date"), "signoff entry")
    date = reader.date(fields.get("date"), "date", required=True)
    return SignOff(
        name=reader.text(fields.get("name"), "name"),
        role=reader.choice(fields.get("role"), "role", SIGNOFF_ROLES, "editorial"),
        date=date or dt.date.min,
        fingerprint=reader.text(fields.get("fingerprint"), "fingerprint").lower(),
        decision=reader.choice(fields.get("decision"), "decision", DECISIONS, "approved"),
        note=reader.text(fields.get("note"), "note"),
        show_name=reader.boolean(fields.get("show_name"), "show_name", True),
        line=node.start_mark.line + FM_FIRST_LINE,
        fingerprint_line=fields["fingerprint"].start_mark.line + FM_FIRST_LINE if "fingerprint" in fields else 0,
    )


def read_source(reader: Reader, node: yaml.Node) -> Source | None:
    if isinstance(node, yaml.ScalarNode):
        title = reader.text(node, "sources")
        return Source(title, "", "", None) if title else None
    fields = reader.mapping(node, SOURCE_FIELDS, "a sources entry")
    if fields is None:
        return None
    _require(reader, node, fields, ("title",), "sources entry")
    url = reader.text(fields.get("url"), "url")
    if url and not re.match(r"^https?://[^\s/]+", url, re.IGNORECASE):
        reader.problems.at(fields["url"], f"the source link must start with https:// or http://, got '{url}'",
                           "copy the full web address from your browser's address bar")
        url = ""
    return Source(reader.text(fields.get("title"), "title"), reader.text(fields.get("publisher"), "publisher"),
                  url, reader.date(fields.get("date"), "date"))


def read_accepted(reader: Reader, node: yaml.Node) -> Accepted | None:
    fields = reader.mapping(node, ACCEPTED_FIELDS, "an accepted entry")
    if fields is None:
        return None
    _require(reader, node, fields, ("code", "reason", "by", "date"), "accepted entry")
    code = reader.text(fields.get("code"), "code")
    if "code" in fields and code not in ACCEPTABLE_CODES:
        reader.problems.at(fields["code"], f"'{code}' is not a finding code that can be accepted",
                           did_you_mean(code, ACCEPTABLE_CODES, plain=True)
                           or "use the code in square brackets that sitegen check printed, e.g. jargon")
    if "term" not in fields and "sentence" not in fields:
        reader.problems.at(node, "this accepted entry names neither a 'term' nor a 'sentence'",
                           "add 'term: the word' for word findings, or 'sentence: the key sitegen check printed'")
    return Accepted(code=code, term=reader.text(fields.get("term"), "term"),
                    sentence=reader.text(fields.get("sentence"), "sentence"),
                    reason=reader.text(fields.get("reason"), "reason"), by=reader.text(fields.get("by"), "by"),
                    date=reader.date(fields.get("date"), "date", required=True) or dt.date.min,
                    line=node.start_mark.line + FM_FIRST_LINE)


def read_change(reader: Reader, node: yaml.Node) -> Change | None:
    fields = reader.mapping(node, CHANGE_FIELDS, "a changes entry")
    if fields is None:
        return None
    _require(reader, node, fields, ("date", "what", "why"), "changes entry")
    ids = [n for n in reader.items(fields.get("feedback"), "feedback")] if isinstance(fields.get("feedback"), yaml.SequenceNode) \
        else ([fields["feedback"]] if "feedback" in fields else [])
    feedback = [(reader.text(n, "feedback"), n.start_mark.line + FM_FIRST_LINE) for n in ids]
    return Change(date=reader.date(fields.get("date"), "date", required=True) or dt.date.min,
                  what=reader.text(fields.get("what"), "what", required=True),
                  why=reader.text(fields.get("why"), "why", required=True),
                  feedback=tuple(i for i, _ in feedback if i), line=node.start_mark.line + FM_FIRST_LINE,
                  feedback_lines=tuple(line for i, line in feedback if i))


def read_index_terms(reader: Reader, node: yaml.Node | None, title: str) -> tuple[IndexTerm, ...]:
    """Extra A to Z entries. Within one file: none empty, none repeating the title or each other
    (collisions with other leaflets are the site's check, ``checks/index_terms``)."""
    if isinstance(node, yaml.ScalarNode) and node.value.strip():
        items = [node]
    else:
        items = reader.items(node, "index_terms")
    seen: dict[str, int] = {a_to_z_key(title): 0} if title else {}
    terms = []
    for item in items:
        text = reader.text(item, "index_terms")
        line = item.start_mark.line + FM_FIRST_LINE
        if not text and isinstance(item, yaml.ScalarNode):
            reader.problems.at(item, "this index_terms entry is empty",
                               "write a condition, symptom or treatment after the '- ', or delete the line")
            continue
        key = a_to_z_key(text)
        if key in seen:
            where = "the title" if seen[key] == 0 else f"the entry on line {seen[key]}"
            reader.problems.at(item, f"the index_terms entry '{text}' repeats {where}",
                               "the title is always in the A to Z: delete this entry, or write a different word people use")
            continue
        seen[key] = line
        terms.append(IndexTerm(text, line))
    return tuple(terms)


def a_to_z_key(text: str) -> str:
    """Two entries are the same A to Z entry when they differ only in capitals, accents and spacing."""
    if text.isascii():  # nothing to take off: most titles and terms (and 0.2 s of an A to Z of 5,000)
        return " ".join(text.casefold().split())
    plain = unicodedata.normalize("NFKD", text)
    return " ".join("".join(c for c in plain if not unicodedata.combining(c)).casefold().split())


def read_translation_fields(reader: Reader, fields: dict[str, yaml.Node]) -> dict[str, str]:
    """``lang``, ``translation_of`` and ``source_fingerprint`` (contract, "Additions"), each checked
    on its own line; whether the leaflet named exists is the site's check (``translations.checks``)."""
    from .i18n import tags

    lang = reader.text(fields.get("lang"), "lang")
    if lang and not tags.is_valid(lang):
        reader.problems.at(fields["lang"], f"'{lang}' is not a language tag sitegen knows",
                           "write a BCP 47 language tag, for example cy for Welsh, ur for Urdu, pl for Polish or en-GB for British English")
        lang = ""
    of = reader.text(fields.get("translation_of"), "translation_of")
    if of.endswith(".md"):
        reader.problems.at(fields["translation_of"], f"translation_of is '{of}', a file name, not a leaflet's address",
                           f"write the slug without '.md', for example translation_of: {of.removesuffix('.md').rsplit('/', 1)[-1]}")
    source_print = reader.text(fields.get("source_fingerprint"), "source_fingerprint").lower()
    if source_print and not _HEX_PRINT.match(source_print):
        reader.problems.at(fields["source_fingerprint"], f"source_fingerprint '{source_print}' is not a fingerprint",
                           "a fingerprint is 8 to 12 letters a-f and digits: copy it from sitegen check or the preview of the English leaflet")
    if of and "source_fingerprint" not in fields:
        reader.problems.at(fields["translation_of"], "this translation has no source_fingerprint, so nobody can tell which English text it translates",
                           "add source_fingerprint: with the fingerprint of the English text the translator worked from (sitegen check shows it)")
    if source_print and not of:
        reader.problems.at(fields["source_fingerprint"], "source_fingerprint is set but translation_of is not",
                           "add translation_of: with the slug of the leaflet this one translates, or delete source_fingerprint")
    if of and "lang" not in fields:
        reader.problems.at(fields["translation_of"], "this translation does not say which language it is in",
                           "add lang: with its language tag, for example lang: cy for Welsh")
    return {"lang": tags.normalise(lang) if lang else "", "translation_of": of, "source_fingerprint": source_print}


_HEX_PRINT = re.compile(r"^[0-9a-f]{8,12}$")


def _require(reader: Reader, node: yaml.Node, fields: dict[str, yaml.Node], names: tuple[str, ...], what: str) -> None:
    for name in names:
        if name not in fields:
            reader.problems.at(node, f"this {what} has no '{name}'", f"add a line '{name}: ...' to this entry")


def _entries(reader: Reader, node: yaml.Node | None, field: str, read: Callable) -> tuple:
    return tuple(x for x in (read(reader, item) for item in reader.items(node, field)) if x is not None)


def read_front_matter(node: yaml.MappingNode, problems: Problems, *, best_effort: bool = False) -> FrontMatter | None:
    """The validated front matter, or None with any problem (``best_effort``: whatever could be read)."""
    reader = Reader(problems)
    fields = reader.mapping(node, FIELDS, "the front matter", ENTRY_FIELDS)
    if fields is None:
        return None
    for name in REQUIRED:
        if name not in fields:
            problems.add(FM_FIRST_LINE - 1, f"the required field '{name}' is missing", f"add a line '{name}: ...' to the front matter")
    before = len(problems.items)
    title = reader.text(fields.get("title"), "title", required=True)
    meta = FrontMatter(
        title=title,
        summary=reader.text(fields.get("summary"), "summary", required=True),
        audience=reader.text(fields.get("audience"), "audience", required=True),
        topics=reader.texts(fields.get("topics"), "topics"),
        status=ReviewStatus(reader.choice(fields.get("status"), "status", STATUSES, ReviewStatus.PUBLISHED.value)),
        published=reader.date(fields.get("published"), "published", True) or dt.date.min,
        last_reviewed=reader.date(fields.get("last_reviewed"), "last_reviewed", True) or dt.date.min,
        next_review=reader.date(fields.get("next_review"), "next_review", True) or dt.date.min,
        coproduction=_entries(reader, fields.get("coproduction"), "coproduction", read_credit),
        signoff=_entries(reader, fields.get("signoff"), "signoff", read_signoff),
        sources=_entries(reader, fields.get("sources"), "sources", read_source),
        keep_terms=reader.texts(fields.get("keep_terms"), "keep_terms"),
        formats=reader.texts(fields.get("formats"), "formats"),
        related=reader.texts(fields.get("related"), "related"),
        lines={k: v.start_mark.line + FM_FIRST_LINE for k, v in fields.items()},
        profile=reader.choice(fields.get("profile"), "profile", PROFILES, "general"),
        accepted=_entries(reader, fields.get("accepted"), "accepted", read_accepted),
        index_terms=read_index_terms(reader, fields.get("index_terms"), title),
        placeholders=placeholders.in_front_matter(node, FM_FIRST_LINE),
        **read_translation_fields(reader, fields),
        changes=_entries(reader, fields.get("changes"), "changes", read_change),
    )
    return meta if best_effort or len(problems.items) == before and not problems.items else None


def load(path: str, raw: bytes) -> tuple[FrontMatter | None, SplitFile | None, list[Finding]]:
    """Read one leaflet: (front matter, split file, problems). Front matter is None if any problem.

    After a missing closing --- or a tab, the fields are still read (cut where the body
    seems to start; tabs as spaces) so that their problems come in the same run."""
    problems = Problems(path)
    text = decode(raw, problems)
    parts = split(text, problems) if text is not None else None
    if parts is None:
        guessed = split_guessing(text) if text is not None else None
        if guessed is not None:
            _read_anyway(guessed.front, problems)
        return None, None, problems.items
    before = len(problems.items)
    node = compose(parts.front, problems)
    if node is None and len(problems.items) > before and all("tab character" in f.message for f in problems.items[before:]):
        _read_anyway(parts.front, problems)
        return None, parts, problems.items
    meta = read_front_matter(node, problems) if node is not None else None
    return meta, parts, problems.items


TAB_WIDTHS = (2, 4, 8)
"""Tab widths tried when front matter is indented with tabs: two spaces per level is what
our docs ask for; 4 and 8 are what editors commonly show."""


def untabbed(front: str) -> list[str]:
    """The front matter with indenting tabs read as spaces, for each likely tab width."""
    if "\t" not in front:
        return [front]
    return [re.sub(r"^[ \t]+", lambda m: m.group(0).expandtabs(width), front, flags=re.MULTILINE) for width in TAB_WIDTHS]


def _read_anyway(front: str, problems: Problems) -> None:
    """Add the problems of front matter that already has one reported problem (a missing
    closing --- or a tab), so that they all come in one run.

    With tabs, each likely width is tried and the reading with the fewest problems kept
    (a wrong width shows up as fields in the wrong place); readings that YAML refuses are
    dropped, since the tab, not the writer, may have caused them."""
    found = Problems(problems.path)
    clean = check_characters(front, found)
    tabs_only = all("tab character" in f.message for f in found.items)
    best: list[Finding] | None = None
    for attempt in [front] if clean else untabbed(front) if tabs_only else []:
        trial = Problems(problems.path)
        node = _compose_checked(attempt, trial)
        if node is None and not clean:
            continue
        if node is not None:
            read_front_matter(node, trial)
        if best is None or len(trial.items) < len(best):
            best = trial.items
    known = {(f.line, f.message) for f in problems.items}
    problems.items.extend(f for f in found.items + (best or []) if (f.line, f.message) not in known)
