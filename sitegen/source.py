"""Find and read the site's source files: leaflets, the glossary and other content files.

In: the site config. Out: ``Leaflet`` records (parsed, not yet judged), asset paths
and the glossary, plus findings for anything that could not be read. Nothing here
decides whether a leaflet is published.
"""

from __future__ import annotations

import dataclasses
import errno
import hashlib
import os
import re
import stat
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from . import frontmatter, markdown, svgcheck, textrules, yamlstrict
from .config import SiteConfig
from .filenames import GLOSSARY_FILE, ContentKind, Refusal, classify, is_ignored_name, needs_svg_check
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


Discovered = tuple[list[Path], list[Path], list[Finding]]
"""What ``discover`` found: leaflet files, other content files, and the files it refused."""


def discover(config: SiteConfig) -> Discovered:
    """Leaflets and the files they need under content/, sorted, and a finding for every file
    or folder that is neither or cannot be read: such a file is never published, and never
    silently dropped. Names are judged by ``filenames.classify``; then only ordinary files
    are taken (no named pipes or devices, which would hang or harm a read), no link leading
    outside content/, and no file that also has a name outside content/ (a hard link).
    Hidden, temporary and editors' files are skipped."""
    root = config.content_dir
    pages: list[Path] = []
    assets: list[Path] = []
    problems: list[Finding] = []
    if not root.is_dir():
        return pages, assets, problems
    content_real = root.resolve()
    names: dict[tuple[int, int], list[Path]] = defaultdict(list)
    """Each file's names inside content/, to tell a hard link to a file elsewhere."""

    def refuse(path: Path, message: str, hint: str) -> None:
        problems.append(Finding("frontmatter", Severity.ERROR, rel(config, path), None, message, hint))

    def unreadable_folder(exc: OSError) -> None:
        refuse(Path(exc.filename), f"this folder cannot be read ({exc.strerror or exc}), so the leaflets in it cannot be checked or published",
               "check that the folder exists and that you have permission to open it (ls -ld shows who may)")

    taken: list[tuple[Path, ContentKind, os.stat_result]] = []
    for folder, dirs, files in os.walk(root, onerror=unreadable_folder):
        here = Path(folder)
        for name in [d for d in dirs if (here / d).is_symlink() and not is_ignored_name(d)]:
            refuse(here / name, "this folder is a link to another folder; sitegen does not follow linked folders, so nothing in it would be published",
                   "move or copy the real folder into content/ instead of linking to it")
        dirs[:] = sorted(d for d in dirs if not is_ignored_name(d) and not (here / d).is_symlink())
        for name in sorted(files):
            path = here / name
            if name == GLOSSARY_FILE and (here == root or is_language_folder(here, root)):
                continue
            kind, refusal = classify(name)
            if kind is ContentKind.IGNORED:
                _count_name(path, names)
                continue
            if refusal is not None:
                refuse(path, refusal.message, refusal.hint)
                continue
            found = _file_problem(path, content_real, probe=kind is not ContentKind.LEAFLET)  # a leaflet is read anyway
            if isinstance(found, Refusal):
                refuse(path, found.message, found.hint)
                continue
            info, link = found
            if not link:
                names[(info.st_dev, info.st_ino)].append(path)
            taken.append((path, kind, info))
    for path, kind, info in taken:
        if info.st_nlink > len(names[(info.st_dev, info.st_ino)]):
            refuse(path, "this file is a hard link: the same file also has a name outside content/, so sitegen does not publish it",
                   "replace it with an ordinary copy: copy the file to a new name, delete this one, then give the copy this name")
        else:
            (pages if kind is ContentKind.LEAFLET else assets).append(path)
    return pages, assets, problems


def _count_name(path: Path, names: dict[tuple[int, int], list[Path]]) -> None:
    try:
        info = path.lstat()
    except OSError:
        return
    if stat.S_ISREG(info.st_mode):
        names[(info.st_dev, info.st_ino)].append(path)


_KINDS = ((stat.S_ISFIFO, "a named pipe (FIFO)"), (stat.S_ISSOCK, "a socket"), (stat.S_ISCHR, "a device"),
          (stat.S_ISBLK, "a device"), (stat.S_ISDIR, "a folder"))


def _file_problem(path: Path, content_real: Path, probe: bool = True) -> tuple[os.stat_result, bool] | Refusal:
    """The file's details and whether it is a link, if sitegen may read it; else why not.
    Never opens anything but an ordinary file, and opens that without waiting (``probe``:
    files the build only copies, so an unreadable one is found now, not half-way through
    writing), so a named pipe cannot hang the build."""
    try:
        info = path.lstat()
        link = stat.S_ISLNK(info.st_mode)
        if link:
            info = path.stat()
    except OSError as exc:
        if os.path.islink(path):
            return _bad_link(exc)
        return Refusal(f"the file cannot be read ({exc.strerror or exc})", "check the file exists and that you have permission to open it")
    if link and not Path(os.path.realpath(path)).is_relative_to(content_real):
        return Refusal("this file is a link to a file outside the content folder", "copy the real file into content/ instead of linking to it")
    if not stat.S_ISREG(info.st_mode):
        what = next((label for test, label in _KINDS if test(info.st_mode)), "not an ordinary file")
        return Refusal(f"this is {what}, not an ordinary file, so sitegen does not read it",
                       "delete it, or replace it with the real file")
    if probe:
        try:
            os.close(os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0)))
        except OSError as exc:
            return Refusal(f"the file cannot be read ({exc.strerror or exc})", "check that you have permission to open it (ls -l shows who may)")
    return info, link


def _bad_link(exc: OSError) -> Refusal:
    if exc.errno == errno.ELOOP:
        return Refusal("this is a link that leads back to itself (a loop of links), so it cannot be read",
                       "delete the link, and put the real file in content/")
    if exc.errno == errno.ENOENT:
        return Refusal("this is a link to a file that does not exist", "delete the link, or put the real file in content/")
    return Refusal(f"this is a link that cannot be followed ({exc.strerror or exc})", "delete the link, and put the real file in content/")


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


def rel(config: SiteConfig, path: Path) -> str:
    return path.relative_to(config.root).as_posix()


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


def is_language_folder(folder: Path, root: Path) -> bool:
    """A folder of content/ named as a language (``content/cy/``): its glossary.yml is that
    language's glossary, not a file to publish."""
    from .i18n import tags

    return folder.parent == root and tags.is_valid(folder.name)


def language_glossary_files(config: SiteConfig) -> dict[str, Path]:
    """Folder name (``cy``) -> ``content/cy/glossary.yml``, for each language folder that has one."""
    root = config.content_dir
    if not root.is_dir():
        return {}
    # scandir's own file types, not a stat per entry: content/ of a big site holds thousands of leaflets
    with os.scandir(root) as found:
        folders = sorted(root / entry.name for entry in found if entry.is_dir(follow_symlinks=False))
    return {folder.name: folder / GLOSSARY_FILE for folder in folders
            if is_language_folder(folder, root) and os.path.lexists(folder / GLOSSARY_FILE)}


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
    found = _file_problem(path, config.content_dir.resolve())
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
