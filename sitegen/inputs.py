"""Every file a build reads, found without reading any of them.

The whole-build memo's key (``incremental.keys.build``) and the build itself use one list,
so a build with nothing to do is decided here and in the memo, before the modules that
parse, analyse and render a leaflet are even imported (``sitegen build`` with no change
costs a directory walk, a stat per file, a hash of each file whose details changed, and a
small signed JSON file).
"""

from __future__ import annotations

import errno
import os
import stat
from collections import defaultdict
from pathlib import Path

from .config import SiteConfig
from .filenames import FEEDBACK_DIR, GLOSSARY_FILE, THEME, ContentKind, Refusal, classify, is_ignored_name, is_ignored_path
from .model import Finding, Severity


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
            found = file_problem(path, content_real, probe=kind is not ContentKind.LEAFLET)  # a leaflet is read anyway
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


def file_problem(path: Path, content_real: Path, probe: bool = True) -> tuple[os.stat_result, bool] | Refusal:
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


def input_files(config: SiteConfig, found: Discovered | None = None) -> list[Path]:
    """Every file a build reads: leaflets, content files, the glossary, theme and site templates.
    ``found``: ``discover(config)`` if the caller already has it."""
    pages, assets, _ = found or discover(config)
    files = pages + assets + [config.content_dir / GLOSSARY_FILE] + log_files(config.root)
    files += language_glossary_files(config).values()  # content/cy/glossary.yml
    for folder in (THEME, config.templates_dir):
        files += files_under(folder)
    return files


def files_under(folder: Path) -> list[Path]:
    """The files in ``folder`` and its subfolders that a build reads: hidden, temporary and
    editors' files are skipped, as in content/ (``filenames.is_ignored_path``)."""
    if not folder.is_dir():
        return []
    return [p for p in sorted(folder.rglob("*")) if p.is_file() and not is_ignored_path(p.relative_to(folder))]


def log_files(root: Path) -> list[Path]:
    """The files of the feedback log, sorted; hidden and editors' temporary files are skipped."""
    folder = root / FEEDBACK_DIR
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.is_file() and not is_ignored_name(p.name))


def rel(config: SiteConfig, path: Path) -> str:
    return path.relative_to(config.root).as_posix()
