"""Find and read the site's source files: leaflets, the glossary and other content files.

In: the site config. Out: ``Leaflet`` records (parsed, not yet judged), asset paths
and the glossary, plus findings for anything that could not be read. Nothing here
decides whether a leaflet is published.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from . import frontmatter, markdown, svgcheck, textrules, yamlstrict
from .config import SiteConfig
from .filenames import GLOSSARY_FILE, Refusal, needs_svg_check
from .inputs import file_problem, language_glossary_files, rel
from .fingerprint import fingerprint
from .model import Finding, FrontMatter, Severity, SignOff


@dataclass(frozen=True)
class Leaflet:
    source: str
    """Path relative to the site root: ``content/asthma.md``."""
    slug: str
    meta: FrontMatter
    body: markdown.BodyFacts
    fingerprint: str
    findings: tuple[Finding, ...]
    """What reading and parsing found (raw-html)."""
    body_text: str
    line_offset: int
    """Lines before the body in the file."""
    digest: str
    """sha256 of the file's bytes: the cache key for everything derived from it."""

    @property
    def current_signoffs(self) -> tuple[SignOff, ...]:
        """Only approvals of the text on the page: an earlier version's sign-off is not evidence for this one."""
        return tuple(s for s in self.meta.signoff if s.approves_text(self.fingerprint))

    def tokens(self) -> tuple:
        """The parsed body; re-parsed when this leaflet came from the cache or a worker without them."""
        if self.body.tokens or not self.body_text.strip():
            return self.body.tokens
        return markdown.parse(self.body_text, self.source, self.line_offset).tokens

    def lightened(self) -> "Leaflet":
        """A lighter copy to keep, cache or send between processes, once analysis is done.

        Tokens and prose units are only needed to analyse and render the body, which
        happens once per change; ``tokens()`` re-parses on the rare later need (preview)."""
        return dataclasses.replace(self, body=dataclasses.replace(self.body, tokens=(), units=()))


def slug_for(path: Path) -> str:
    """The page address for a leaflet file: letters, digits and hyphens, in small letters.

    Latin letters lose their accents, as always (Café → cafe, Ŵyau → wyau), so an address can
    be typed on any keyboard; letters and digits of every other script are kept (日本語,
    ذیابیطس, Діабет), because a team writing in Urdu or Japanese needs an address it can read,
    and browsers show such addresses as they are. Everything else becomes a hyphen."""
    decomposed = unicodedata.normalize("NFKD", path.stem)
    kept: list[str] = []
    for char in decomposed:
        if unicodedata.combining(char) and kept and _is_latin(kept[-1]):
            continue  # an accent on a Latin letter
        kept.append(char)
    text = unicodedata.normalize("NFC", "".join(kept)).casefold()
    slug = "".join(c if (c.isascii() and c.isalnum()) or (not c.isascii() and unicodedata.category(c)[0] in "LNM") else "-"
                   for c in text)
    return re.sub(r"-+", "-", slug).strip("-")


def _is_latin(char: str) -> bool:
    return char.isascii() or unicodedata.name(char, "").startswith("LATIN ")


def check_assets(config: SiteConfig, assets: list[Path]) -> tuple[list[Path], list[Finding]]:
    """The content files safe to publish as they are, and findings for the others: SVGs with
    scripts, event handlers, embedded web pages or outside references (``svgcheck``). An unsafe
    file is left out whatever severity the site gives the finding."""
    safe, found = [], []
    for path in assets:
        problem = None
        if needs_svg_check(path.name):
            try:
                problem = svgcheck.check(path.read_bytes())
            except OSError as exc:
                found.append(unreadable_finding(rel(config, path), exc))
                continue
        if problem is None:
            safe.append(path)
            continue
        found.append(Finding("frontmatter", Severity.ERROR, rel(config, path), problem.line,
                             f"{problem.message}, so the image is not published", problem.hint, problem.column))
    return safe, found


def unreadable_finding(source: str, exc: OSError) -> Finding:
    return Finding("frontmatter", Severity.ERROR, source, None, f"the file cannot be read ({exc.strerror or exc})",
                   "check the file exists and that you have permission to open it")


def parse_leaflet(source: str, slug: str, raw: bytes) -> tuple[Leaflet | None, list[Finding]]:
    meta, parts, problems = frontmatter.load(source, raw)
    if meta is None or parts is None:
        return None, problems
    body = markdown.parse(parts.body, source, parts.body_line_offset)
    print_ = fingerprint(meta.title, meta.summary, parts.body)
    digest = hashlib.sha256(raw).hexdigest()
    return Leaflet(source, slug, meta, body, print_, body.raw_html, parts.body, parts.body_line_offset, digest), []


def read_glossaries(config: SiteConfig) -> tuple[dict[str, dict[str, str]], list[Finding]]:
    """Each language folder's glossary (``content/cy/glossary.yml``), read and checked as the
    site glossary is, with the same messages: folder name -> term -> explanation."""
    out: dict[str, dict[str, str]] = {}
    problems: list[Finding] = []
    for name, path in language_glossary_files(config).items():
        terms, found = read_glossary(config, path)
        out[name] = terms
        problems += found
    return out, problems


def read_glossary(config: SiteConfig, path: Path | None = None) -> tuple[dict[str, str], list[Finding]]:
    """The site glossary (``content/glossary.yml``), or the one at ``path``."""
    path = path or config.content_dir / GLOSSARY_FILE
    if not os.path.lexists(path):
        return {}, []
    source = rel(config, path)
    found = file_problem(path, config.content_dir.resolve())
    if isinstance(found, Refusal):
        return {}, [Finding("frontmatter", Severity.ERROR, source, None, found.message, found.hint)]
    problems = frontmatter.Problems(source, "glossary")
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return {}, [unreadable_finding(source, exc)]
    text = frontmatter.decode(raw, problems)
    node = _compose_glossary(text, problems) if text is not None else None
    terms: dict[str, str] = {}
    for key, value in (node.value if node is not None else []):
        if not isinstance(value, yamlstrict.yaml.ScalarNode) or not value.value.strip():
            problems.add(key.start_mark.line + 1, f"the glossary entry '{key.value}' has no explanation",
                         "write the term, a colon, a space and then a one-sentence explanation")
            continue
        terms[str(key.value).strip().lower()] = value.value.strip()
    return terms, problems.items


def _compose_glossary(text: str, problems: frontmatter.Problems):
    try:
        node = yamlstrict.compose(text)
    except yamlstrict.yaml.MarkedYAMLError as exc:
        found = yamlstrict.explain(exc, text, 1)
        problems.add(found.line + 1, found.message, found.hint, found.column + 1)
        return None
    for scalar, char in yamlstrict.unprintable_values(node):
        problems.add(scalar.start_mark.line + 1, f"this value contains {textrules.describe(char)}, which cannot be shown, printed or read aloud",
                     textrules.HINT, scalar.start_mark.column + 1)
    if problems.items:
        return None
    if node is not None and not isinstance(node, yamlstrict.yaml.MappingNode):
        problems.add(1, "the glossary must be a list of 'term: explanation' lines", "write one term per line: term: explanation")
        return None
    return node
