"""The names of sitegen's own files, and the one rule for files it ignores.

A file or folder that ``is_ignored_name`` accepts is never read as a leaflet, never
published, and never makes the live preview rebuild: building and watching use this
one rule, so what the preview reacts to is exactly what a build reads. Imports
nothing of sitegen (the dev server may use it).
"""

from __future__ import annotations

import re
from pathlib import PurePath

SETTINGS_FILE = "sitegen.toml"
PROJECT_FILE = "pyproject.toml"
CONFIG_NAMES = (SETTINGS_FILE, PROJECT_FILE)
"""Files a site's settings may be in (sitegen.toml first); only these names are watched in the site folder."""
GLOSSARY_FILE = "glossary.yml"
"""The site glossary, at the top of content/."""
CACHE_DIR = ".sitegen-cache"
"""The site's cache folder: analysed leaflets, the last build's summary, the preview."""
OUTPUT_MARKER = ".sitegen-output"
"""Written last into every complete build: its manifest, and proof that sitegen made the folder."""

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
