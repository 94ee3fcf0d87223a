"""Map a request path to a file inside the built preview, and nothing else.

``http.server`` on its own follows symlinks, lists folders and decodes paths loosely;
this resolver refuses every path that is odd in any way: traversal in any encoding,
symlinks, folders without an index, names Windows would silently change.
"""

from __future__ import annotations

import os
import re
import stat
import urllib.parse
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Resolved:
    """Where a request path leads: a file to send, a redirect, or nothing (404)."""

    file: Path | None = None
    redirect: str | None = None


NOT_FOUND = Resolved()
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def _segments(url_path: str) -> list[str] | None:
    """Decode the path once and split it; None if it is unsafe or odd in any way (A1, A8)."""
    if "\\" in url_path or _CONTROL.search(url_path):
        return None
    try:
        decoded = urllib.parse.unquote(url_path, errors="strict")
    except UnicodeDecodeError:
        return None
    # '%' left after one decode means double encoding (%252e); ':' covers drive letters and NTFS streams.
    if any(c in decoded for c in "%\\:") or _CONTROL.search(decoded):
        return None
    parts = [p for p in decoded.split("/") if p]
    # Dot-only segments, and trailing dots or spaces, which Windows silently strips (cpython#157504).
    # Hidden names (a leading dot) too: the built site has none but the build's own marker.
    if any(p.startswith(".") or p.endswith((".", " ")) or len(p) > 255 for p in parts):
        return None
    return parts


def _lstat(path: Path) -> os.stat_result | None:
    try:
        return os.lstat(path)
    except (OSError, ValueError):
        return None


def resolve_request(site_dir: Path, url_path: str) -> Resolved:
    """Map a request path (without query) to a regular file inside ``site_dir``, never following a symlink.

    Folders are served through their index.html and never listed; ``/foo`` where foo is a
    folder redirects to ``foo/`` (relative, so it can never point to another site).
    """
    parts = _segments(url_path)
    if parts is None:
        return NOT_FOUND
    root = site_dir.resolve()
    current = root
    for part in parts:  # lstat each component: a symlink anywhere on the way is refused (A4)
        current = current / part
        info = _lstat(current)
        if info is None or stat.S_ISLNK(info.st_mode):
            return NOT_FOUND
    info = _lstat(current)
    if info is not None and stat.S_ISDIR(info.st_mode):
        if parts and not url_path.endswith("/"):
            return Resolved(redirect=urllib.parse.quote(parts[-1]) + "/")
        current = current / "index.html"
        info = _lstat(current)
    if info is None or not stat.S_ISREG(info.st_mode):
        return NOT_FOUND
    # Belt and braces: containment by path components, never by string prefix (A2).
    if not current.resolve().is_relative_to(root):
        return NOT_FOUND
    return Resolved(file=current)


def open_nofollow(path: Path) -> int:
    """Open for reading without following a symlink swapped in since we checked."""
    return os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0))


CONTENT_TYPES = {
    ".html": "text/html; charset=utf-8", ".htm": "text/html; charset=utf-8", ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8", ".mjs": "text/javascript; charset=utf-8",
    ".json": "application/json", ".map": "application/json", ".webmanifest": "application/manifest+json",
    ".xml": "application/xml", ".txt": "text/plain; charset=utf-8", ".svg": "image/svg+xml",
    ".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".gif": "image/gif",
    ".webp": "image/webp", ".avif": "image/avif", ".ico": "image/x-icon", ".pdf": "application/pdf",
    ".woff": "font/woff", ".woff2": "font/woff2", ".ttf": "font/ttf", ".otf": "font/otf",
}
"""A fixed table, so a page's type never depends on the machine's mime.types file."""


def content_type(path: Path) -> str:
    return CONTENT_TYPES.get(path.suffix.lower(), "application/octet-stream")
