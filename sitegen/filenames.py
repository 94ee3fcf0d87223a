"""The names of sitegen's own files, and the one rule for files it ignores.

A file or folder that ``is_ignored_name`` accepts is never read as a leaflet, never
published, and never makes the live preview rebuild: building and watching use this
one rule, so what the preview reacts to is exactly what a build reads. Imports
nothing of sitegen (the dev server may use it).
"""

from __future__ import annotations

import enum
import os
import re
from dataclasses import dataclass
from pathlib import Path, PurePath
from typing import Mapping

SETTINGS_FILE = "sitegen.toml"
PROJECT_FILE = "pyproject.toml"
CONFIG_NAMES = (SETTINGS_FILE, PROJECT_FILE)
"""Files a site's settings may be in (sitegen.toml first); only these names are watched in the site folder."""
GLOSSARY_FILE = "glossary.yml"
"""The site glossary, at the top of content/."""
CACHE_DIR = ".sitegen-cache"
"""The site's cache folder: analysed leaflets, the last build's summary, the preview."""
FEEDBACK_DIR = "feedback"
"""The feedback log's folder: one YAML file per piece of feedback, at the site root (outside
content/, so it is never copied or published)."""
THEME = Path(__file__).parent / "theme"
"""sitegen's own templates, static files and translations (a site overrides them in templates/)."""
OUTPUT_MARKER = ".sitegen-output"
"""Written last into every complete build: its manifest, and proof that sitegen made the folder."""


def user_folder() -> Path:
    """sitegen's folder in the user's own cache (``~/.cache/sitegen``), for what must not be in the
    site, where anyone who can commit could plant it: the cache's signing key, compiled templates,
    the compacted syllable table."""
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "sitegen"


TEMP_SUFFIXES = ("~", ".tmp", ".kate-swp", "___jb_tmp___", "___jb_old___", "___jb_bak___", ".crdownload", ".part")
"""Backups (``x~``), temporary files, Kate swap files, JetBrains safe-write files, downloads in progress."""
_VIM_SWAP = re.compile(r"\.sw[a-z]$")
"""vim's swap files: .swp, then .swo, .swn ... when one exists, and .swx (its probe)."""
OS_LITTER = frozenset({"thumbs.db", "desktop.ini", "4913"})
"""Windows' thumbnail cache and folder settings (any capitals), and vim's write-permission probe file."""
IGNORED_FOLDERS = frozenset({"__pycache__", "node_modules"})
"""Folders that are never part of a site (hidden folders such as .git are ignored as hidden files)."""


def is_ignored_name(name: str) -> bool:
    """True for a name sitegen ignores, file or folder.

    Hidden names (starting with "."): .git, .DS_Store, editors' lock and swap files
    (.#x.md, .x.md.swp, .~lock.x#), GNOME's .goutputstream-*, and a leaflet someone
    hid on purpose (.notes.md). Then editors' temporary, backup and swap files
    (Zola's ``is_temp_file`` list), emacs auto-saves (#x.md#), downloads in progress,
    and the folder litter of Windows.
    """
    if name.startswith(".") or name.endswith(TEMP_SUFFIXES) or _VIM_SWAP.search(name):
        return True
    if name.casefold() in OS_LITTER or name in IGNORED_FOLDERS:
        return True
    return len(name) > 1 and name.startswith("#") and name.endswith("#")


def is_ignored_path(relative: PurePath) -> bool:
    """True if any part of ``relative`` (a path inside a watched or built folder) is ignored."""
    return any(is_ignored_name(part) for part in relative.parts if part not in ("/", ""))


# --- What a file in content/ is -------------------------------------------------------
# A file in content/ is a leaflet (``*.md``), a file a leaflet needs (an allow-list of
# types), ignored (above), or refused with a message. Nothing else is ever published:
# a leaflet's copy or backup, a web page or a script would reach readers unapproved.

LEAFLET_SUFFIX = ".md"
"""The only ending read as a leaflet: exactly ``.md``, in lower case."""
MARKDOWN_SUFFIXES = frozenset({".md", ".markdown", ".mdown", ".mdwn", ".mkd", ".mkdn", ".mkdown", ".mdtext", ".mdtxt",
                               ".mdx", ".rmd", ".qmd", ".livemd"})
"""Endings of Markdown files (GitHub Linguist's Markdown extensions, plus MDX, R Markdown and
Quarto), compared in any capitals: a file with one of these, anywhere in its name, is a leaflet
or a copy of one."""
LEFTOVER_SUFFIXES = frozenset({".bak", ".bk", ".orig", ".rej", ".old", ".backup", ".save", ".sav", ".copy", ".previous"})
"""Backups and merge leftovers: editors' ``.bak``/``.save``, patch and git's ``.orig``/``.rej``,
hand-made ``.old``/``.copy``. Our own list, needs review. (``~`` and swap files are ignored above:
an editor makes and removes them while someone types, so reporting them would be noise.)"""
ACTIVE_SUFFIXES = frozenset({".html", ".htm", ".xhtml", ".xht", ".shtml", ".js", ".mjs", ".cjs", ".xml", ".xsl", ".xslt",
                             ".svgz", ".swf", ".php", ".wasm"})
"""Web pages, scripts and formats that can carry a script a browser runs (XML can bring its own
stylesheet; a compressed SVG cannot be checked). Refused with a message of their own."""
ASSET_SUFFIXES: Mapping[str, str] = {
    **dict.fromkeys((".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif", ".svg"), "images"),
    ".pdf": "PDF",
    **dict.fromkeys((".mp3", ".m4a", ".aac", ".oga", ".ogg", ".opus", ".wav", ".weba", ".flac"), "audio"),
    **dict.fromkeys((".mp4", ".m4v", ".webm", ".ogv", ".mov"), "video"),
    ".vtt": "captions",
    **dict.fromkeys((".doc", ".docx", ".odt", ".rtf", ".xls", ".xlsx", ".ods", ".ppt", ".pptx", ".odp"), "office documents"),
}
"""The types of file a leaflet may link to or show, compared in any capitals. Images are the
ones every current browser shows (MDN's image file type guide); audio and video those browsers
play, with WebVTT captions (WCAG 2.2 success criterion 1.2.2 asks for captions); office
documents are the Word, Excel, PowerPoint and OpenDocument formats charities hand out (GOV.UK
publishes attachments in the same ones), without their macro-enabled variants. Plain text
(.txt) and data files are left out on purpose: words belong in a leaflet, where they are
reviewed and signed off. Our own selection, needs review."""
HOST_FILES = frozenset({"CNAME"})
"""Files a web host reads from the built site, published as they are: GitHub Pages takes a
custom domain name from ``CNAME`` (docs.github.com, "Managing a custom domain for your GitHub
Pages site"). Put it in content/: a file put into output/ by hand is dropped by the next build."""
SVG_SUFFIX = ".svg"
"""Images that are documents: checked for scripts and outside references before they are published."""


class ContentKind(enum.Enum):
    LEAFLET = "leaflet"
    ASSET = "asset"
    IGNORED = "ignored"
    REFUSED = "refused"


@dataclass(frozen=True)
class Refusal:
    """Why a file in content/ is not published, and what to do about it (plain English)."""

    message: str
    hint: str


_WHAT_CONTENT_HOLDS = ("content/ holds leaflets (.md) and the files they need: images (.png, .jpg, .gif, .webp, .avif, .svg), "
                       "PDF, audio, video, captions (.vtt) and office documents (.docx, .odt, .xlsx, .pptx and similar)")


def classify(name: str) -> tuple[ContentKind, Refusal | None]:
    """What the file called ``name`` in content/ is: the one rule the build and the preview use."""
    stem, dot, _ = name.rpartition(".")
    if dot and not stem.strip(".") and name[len(stem):].casefold() in MARKDOWN_SUFFIXES:
        return ContentKind.REFUSED, Refusal(f"the file name '{name}' has nothing before '{name[len(stem):]}', so it cannot become a page address",
                                            "rename it after what the leaflet is about, for example asthma.md")
    if is_ignored_name(name):
        return ContentKind.IGNORED, None
    if name.endswith(LEAFLET_SUFFIX):
        return ContentKind.LEAFLET, None
    if name in HOST_FILES:
        return ContentKind.ASSET, None
    suffixes = [s.casefold() for s in PurePath(name).suffixes]
    last = suffixes[-1] if suffixes else ""
    if last in MARKDOWN_SUFFIXES:
        fixed = name[: -len(last)] + LEAFLET_SUFFIX
        return ContentKind.REFUSED, Refusal(f"'{name}' looks like a leaflet, but only names ending in '.md' (in small letters) are read as leaflets, so it is not published",
                                            f"if it is a leaflet, rename it to '{fixed}'; if not, move it out of content/")
    if any(s in MARKDOWN_SUFFIXES for s in suffixes):
        return ContentKind.REFUSED, Refusal(f"'{name}' looks like a copy of a leaflet, and a copy is never published (its text has not been approved)",
                                            "delete it or move it out of content/ (keep old versions in version control, not in content/); "
                                            "if it is the leaflet itself, rename it to end in '.md'")
    if last in LEFTOVER_SUFFIXES:
        return ContentKind.REFUSED, Refusal(f"'{name}' looks like a backup or a leftover from merging changes, and is never published",
                                            "delete it, or move it out of content/")
    if last in ACTIVE_SUFFIXES:
        return ContentKind.REFUSED, Refusal(f"'{name}' is a web page or script, and sitegen never publishes those from content/, because they could run code in a reader's browser",
                                            "write the text as a leaflet (.md) instead, or remove the file; "
                                            "the site's own styles and scripts belong in templates/static/")
    if last in ASSET_SUFFIXES:
        return ContentKind.ASSET, None
    what = f"files ending in '{last}'" if last else "files without a type at the end of their name (like .png or .pdf)"
    return ContentKind.REFUSED, Refusal(f"sitegen does not publish {what}, so '{name}' is not published",
                                        f"remove it or move it out of content/; {_WHAT_CONTENT_HOLDS}")


def needs_svg_check(name: str) -> bool:
    return name.casefold().endswith(SVG_SUFFIX)
