"""Property tests (hypothesis) for the parsers, paths and renderer.

Run longer as a fuzzer with: ``SITEGEN_FUZZ=1 .venv/bin/python -m pytest tests/test_properties.py``
(the ``fuzz`` profile: 20,000 examples per property). Any failing example hypothesis
finds is printed; add it to the ``@example`` list of that test so it stays fixed.
"""

from __future__ import annotations

import os
import re
import unicodedata
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath

import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from helpers import leaflet
from sitegen import yamlstrict
from sitegen.errors import BuildFailed
from sitegen.htmlrender import ALLOWED_ATTRIBUTES, ALLOWED_TAGS, RenderContext, render
from sitegen.markdown import parse
from sitegen.source import parse_leaflet, slug_for
from sitegen.write import safe_relpath

settings.register_profile("default", max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("fuzz", max_examples=20_000, deadline=None, suppress_health_check=list(HealthCheck))
settings.load_profile("fuzz" if os.environ.get("SITEGEN_FUZZ") else "default")

TRAPS = st.sampled_from(["NO", "no", "yes", "on", "off", "~", "null", "2024-03-01", "10:00", "01234", "1.10", "0x1F",
                         ".nan", "Asthma: a guide", "Step #1", "@nhs", "Don't panic", "“smart”", "\u00a0", "true", "1e3",
                         "- item", "[a, b]", "{a: b}", "!tag", "&anchor", "*alias", "|", ">", "'quoted'", '"double"'])
VALUES = st.one_of(TRAPS, st.text(st.characters(blacklist_categories=("Cs",)), max_size=40))
KEYS = st.from_regex(r"[a-z][a-z0-9_]{0,15}", fullmatch=True)
VALID = leaflet()


LINE_BREAKS = ("\x85", "\u2028", "\u2029")


@given(st.dictionaries(KEYS, VALUES.filter(lambda v: not any(c in v for c in LINE_BREAKS)), max_size=8))
def test_strings_stay_strings(data: dict[str, str]) -> None:
    """(YAML folds U+0085/U+2028/U+2029 into spaces; front matter refuses them with a located
    error before parsing: see test_editor_mutations_are_reported_on_the_right_line.)"""
    node = yamlstrict.compose(yaml.safe_dump(data, allow_unicode=True))
    got = {k.value: v.value for k, v in node.value} if node is not None else {}
    assert got == {k: v for k, v in data.items()}


@given(st.binary(max_size=600))
@example(b"---\n---\n")
@example(b"---\ntitle: [\n---\n")
@example(b"\xef\xbb\xbf---\r\n\t- x\r\n---\r\n")
@example(b"---\na: &a [*a]\n---\n")
def test_any_bytes_give_a_page_or_located_errors(raw: bytes) -> None:
    found_leaflet, problems = parse_leaflet("content/x.md", "x", raw)
    if found_leaflet is None:
        assert problems
        lines = raw.count(b"\n") + 2
        for problem in problems:
            assert problem.code == "frontmatter" and problem.message and problem.hint
            assert problem.line is None or 1 <= problem.line <= lines


@given(st.text(max_size=400))
def test_any_text_after_front_matter_parses(body: str) -> None:
    raw = (VALID.split("---\n", 2)[0] + "---\n" + VALID.split("---\n", 2)[1] + "---\n" + body).encode()
    found_leaflet, problems = parse_leaflet("content/x.md", "x", raw)
    assert found_leaflet is not None, problems


def front_lines() -> list[int]:
    """0-based indexes of the front-matter lines of VALID that start with a key."""
    lines = VALID.split("\n")
    close = lines.index("---", 1)
    return [i for i in range(1, close) if lines[i].strip()]


@given(st.sampled_from(front_lines()), st.sampled_from(["tab", "duplicate", "separator", "nel"]))
def test_editor_mutations_are_reported_on_the_right_line(index: int, mutation: str) -> None:
    lines = VALID.split("\n")
    line = lines[index]
    if mutation == "tab":
        lines[index] = "\t" + line.lstrip(" ")
    elif mutation == "duplicate":
        lines.insert(index + 1, line)
    elif mutation == "separator":
        lines[index] = line + "\u2028x"
    else:
        lines[index] = line + "\u0085x"
    found_leaflet, problems = parse_leaflet("content/x.md", "x", "\n".join(lines).encode())
    if mutation == "duplicate" and line.startswith("  "):
        return  # a repeated field inside a list item may be a valid new item or a duplicate; either way no crash
    assert found_leaflet is None
    assert any(p.line is not None and abs(p.line - (index + 1 + (mutation == "duplicate"))) <= 1 for p in problems), problems


@given(st.sampled_from(["crlf", "bom", "both", "cr"]))
def test_benign_mutations_load_identically(mutation: str) -> None:
    text = VALID.replace("\n", "\r\n") if mutation in ("crlf", "both") else VALID.replace("\n", "\r") if mutation == "cr" else VALID
    raw = (b"\xef\xbb\xbf" if mutation in ("bom", "both") else b"") + text.encode()
    mutated, problems = parse_leaflet("content/x.md", "x", raw)
    original, _ = parse_leaflet("content/x.md", "x", VALID.encode())
    assert mutated is not None, problems
    assert mutated.meta == original.meta and mutated.fingerprint == original.fingerprint


def test_missing_closing_line_is_reported_on_line_one() -> None:
    text = VALID.replace("\n---\n", "\n\n", 1)
    found_leaflet, problems = parse_leaflet("content/x.md", "x", text.encode())
    assert found_leaflet is None and problems[0].line == 1


@given(st.text(max_size=60))
def test_slugs_are_plain(name: str) -> None:
    """Words of letters, digits and marks joined by single hyphens: a to z and 0 to 9 for Latin
    text (accents dropped), and the letters of any other script as they are (issue 11: 日本語.md)."""
    slug = slug_for(Path(name.replace("/", "_").replace("\0", "") + ".md")) if name.replace("/", "_").replace("\0", "") else ""
    assert slug == "" or all(part and all(_slug_character(c) for c in part) for part in slug.split("-"))


def _slug_character(char: str) -> bool:
    if char.isascii():
        return char in "abcdefghijklmnopqrstuvwxyz0123456789"
    latin_with_accent = unicodedata.name(char, "").startswith("LATIN ") and unicodedata.normalize("NFKD", char) != char
    return unicodedata.category(char)[0] in "LNM" and not latin_with_accent


@given(st.text(max_size=80))
@example("../../etc/passwd")
@example("/etc/passwd")
@example("a/../../b")
@example("a\\..\\b")
def test_output_paths_stay_inside_output(name: str) -> None:
    root = Path("/srv/site/output")
    try:
        rel = safe_relpath(name)
    except BuildFailed:
        return
    target = root.joinpath(*rel.split("/"))
    assert target.resolve().is_relative_to(root.resolve()) and target != root
    assert ".." not in PurePosixPath(name).parts


@given(st.text(alphabet="ab/.\\\0", max_size=20) | st.text(max_size=40))
@example("a//./b/")
@example("./a")
@example("//a")
def test_output_paths_are_what_pathlib_makes_of_them(name: str) -> None:
    """The plain-string ``safe_relpath`` refuses and normalises exactly as its pathlib form did."""
    path = PurePosixPath(name)
    refused = path.is_absolute() or not path.parts or any(p in ("", ".", "..") or "\\" in p or "\0" in p for p in path.parts)
    try:
        rel = safe_relpath(name)
    except BuildFailed:
        assert refused
        return
    assert not refused and rel == str(path)


MARKDOWN = st.lists(st.sampled_from(list("<>[]()!#*_`-:/\\\"'= \n&;") + ["javascript:", "JaVaScRiPt:", "data:text/html,", "onerror=",
                                                                           "<script>", "<img src=x ", "http://", "::: urgent\n",
                                                                           ":::\n", "| a | b |\n|---|---|\n", "vbscript:", "&#x6A;"]),
                    max_size=60).map("".join)
SAFE_URL = re.compile(r"^(https?:|mailto:|tel:|[^:]*$)", re.IGNORECASE)


class _Audit(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.bad: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in ALLOWED_TAGS:
            self.bad.append(tag)
        allowed = ALLOWED_ATTRIBUTES["*"] | ALLOWED_ATTRIBUTES.get(tag, set())
        for name, value in attrs:
            if name not in allowed:
                self.bad.append(f"{tag}[{name}]")
            if name in ("href", "src") and value is not None and not SAFE_URL.match(value.strip()):
                self.bad.append(f"{tag}[{name}={value}]")


@given(MARKDOWN)
@example(">::: urgent\n>")  # found by the fuzz profile: an IndexError inside mdit-py-plugins' container rule
@settings(suppress_health_check=list(HealthCheck))
def test_rendered_html_is_allow_listed(markdown: str) -> None:
    facts = parse(markdown, "content/x.md", 0)
    # The worst case: every link kept exactly as written, as if the link check had passed it.
    html = render(facts.tokens, RenderContext({link.target: link.target for link in facts.links}))
    audit = _Audit()
    audit.feed(html)
    assert audit.bad == [], html
