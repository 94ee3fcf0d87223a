"""Made PDFs, kept by the key of their inputs, so an unchanged leaflet costs nothing.

One file per PDF, ``<cache folder>/pdf/<key>.pdf``, written by the worker that made it
(so PDF bytes never travel between processes or pile up in memory), and copied into
the site by the writer. A file whose bytes do not match the digest the build expects
is refused by the writer; a missing one is simply made again. Files no build uses
any more are removed after each build.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable


@dataclass(frozen=True)
class Made:
    """What the build needs to know about a made PDF, without holding its bytes."""

    digest: str
    """sha256 of the file."""
    size: int
    """Bytes, for "PDF, 38 KB" on the page."""


class Store:
    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def path(self, key: str) -> Path:
        return self.folder / f"{key}.pdf"

    def has(self, key: str) -> bool:
        return self.path(key).is_file()

    def put(self, key: str, data: bytes) -> Made:
        """Write atomically: a build killed midway leaves no half-written PDF under its key."""
        self.folder.mkdir(parents=True, exist_ok=True)
        target = self.path(key)
        temporary = target.with_suffix(f".tmp-{os.getpid()}")
        temporary.write_bytes(data)
        os.replace(temporary, target)
        return Made(hashlib.sha256(data).hexdigest(), len(data))

    def keep_only(self, keys: Iterable[str]) -> None:
        """Remove PDFs (and leftovers of killed builds) that this build did not use."""
        wanted = {f"{key}.pdf" for key in keys}
        try:
            entries = list(os.scandir(self.folder))
        except OSError:
            return
        for entry in entries:
            if entry.name not in wanted and entry.is_file(follow_symlinks=False):
                try:
                    os.unlink(entry.path)
                except OSError:
                    pass  # another process's file, or already gone: harmless
