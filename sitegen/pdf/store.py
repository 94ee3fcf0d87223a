"""Made PDFs, kept by the key of their inputs, so an unchanged leaflet costs nothing.

One file per PDF, ``<cache folder>/pdf/<key>.pdf``, written by the worker that made it
(so PDF bytes never travel between processes or pile up in memory), and copied into
the site by the writer. A file whose bytes do not match the digest the build expects
is refused by the writer; a missing one is simply made again. After each build the
store keeps the PDFs of that build and of the one before, so undoing an edit (or a
leaflet that is unpublished for one build) does not make its PDFs again.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from ..owned import write_new_file


@dataclass(frozen=True)
class Made:
    """What the build needs to know about a made PDF, without holding its bytes."""

    digest: str
    """sha256 of the file."""
    size: int
    """Bytes, for "PDF, 38 KB" on the page."""


USED = "used.json"
"""The keys the last build used."""


class Store:
    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def path(self, key: str) -> Path:
        return self.folder / f"{key}.pdf"

    def find(self, key: str) -> Made | None:
        """The stored PDF for these inputs, if there is one (read and hashed: no cache entry needed)."""
        try:
            data = self.path(key).read_bytes()
        except OSError:
            return None
        return Made(hashlib.sha256(data).hexdigest(), len(data))

    def put(self, key: str, data: bytes) -> Made:
        """Write atomically: a build killed midway leaves no half-written PDF under its key."""
        self.folder.mkdir(parents=True, exist_ok=True)
        target = self.path(key)
        temporary = target.with_suffix(f".tmp-{os.getpid()}")
        write_new_file(temporary, data)
        os.replace(temporary, target)
        return Made(hashlib.sha256(data).hexdigest(), len(data))

    def keep_only(self, keys: Iterable[str]) -> None:
        """Remove PDFs (and leftovers of killed builds) that neither this build nor the one before used."""
        now = sorted(set(keys))
        used = self.folder / USED
        try:
            before = json.loads(used.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            before = []
        wanted = {f"{key}.pdf" for key in [*now, *(k for k in before if isinstance(k, str))]} | {USED}
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            temporary = used.with_name(f"{USED}.tmp-{os.getpid()}")
            write_new_file(temporary, json.dumps(now).encode("utf-8"))
            os.replace(temporary, used)
        except OSError:
            return  # cannot record what is in use: remove nothing
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
