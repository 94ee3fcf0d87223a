"""Each analysed leaflet's text in a file of its own, ``.sitegen-cache/text/``.

An analysed leaflet has a small part that every step across leaflets reads (front matter,
headings, links, findings) and a large part that only its own page, PDF, search entry and
reading-age report read (``site.PageText``: the rendered body and the plain-English facts).
The worker that analyses a leaflet writes the large part here and sends back only a
reference, so the parent process never holds every leaflet's body (issue 18), and the
cache's shards hold references instead of bodies: a one-leaflet edit reads and checks
smaller shards, and an unchanged leaflet's text costs a stat until its page is rendered.

A file's name is the leaflet's slot and the SHA-256 of its bytes. The reference, with that
digest, sits inside a signed cache shard, and a file is unpickled only if its bytes have
that digest: a file changed or planted by anyone else raises ``Damaged`` instead (the build
then starts again with an empty store, see ``build.py``). ``check`` and the preview keep
texts in memory (``incremental.deferred``): ``check`` writes nothing, and the preview's
long-lived cache could name files that a build in the same folder has since removed.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
from pathlib import Path
from typing import Any, Generic, Iterable, Iterator, TypeVar

from ..errors import SitegenError
from ..owned import open_owned_folder

T = TypeVar("T")

FOLDER = "text"
"""Inside the cache folder (``filenames.CACHE_DIR``)."""
SUFFIX = ".pickle"
_UNREAD = object()
FIX = "delete the folder .sitegen-cache (it is only a speed-up) and run sitegen again"
"""Shown only if starting again did not help: each command first tries once more without the text."""


class Damaged(SitegenError):
    """A stored text is missing or its bytes do not match the digest its reference names."""


def slot(source: str) -> str:
    """The leaflet's part of a file name: which leaflet it is, without its path in the name."""
    return hashlib.sha256(source.encode()).hexdigest()[:32]


def file_name(source: str, digest: str) -> str:
    return f"{slot(source)}-{digest}{SUFFIX}"


class Stored(Generic[T]):
    """A reference to a text in the store. ``value`` reads, checks and unpickles the file the
    first time it is read; pickling a ``Stored`` copies only the reference."""

    __slots__ = ("path", "digest", "_value")

    def __init__(self, path: str, digest: str) -> None:
        self.path = path
        self.digest = digest
        self._value: Any = _UNREAD

    @property
    def name(self) -> str:
        return os.path.basename(self.path)

    def present(self) -> bool:
        """Whether the file is still there (the one stat an unchanged leaflet costs)."""
        return os.path.isfile(self.path)

    @property
    def value(self) -> T:
        if self._value is _UNREAD:
            try:
                with open(self.path, "rb") as handle:
                    blob = handle.read()
            except OSError as exc:
                raise Damaged(f"the build cache's copy {self.path} could not be read ({exc.strerror or exc}); {FIX}") from None
            if hashlib.sha256(blob).hexdigest() != self.digest:
                raise Damaged(f"the build cache's copy {self.path} was changed after sitegen wrote it; {FIX}")
            self._value = pickle.loads(blob)
        return self._value

    @property
    def read(self) -> bool:
        """Whether the file has been unpickled in this process (for tests and profiles)."""
        return self._value is not _UNREAD

    def __reduce__(self) -> tuple:
        return (Stored, (self.path, self.digest))

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Stored) and self.digest == other.digest

    def __hash__(self) -> int:
        return hash(self.digest)

    def __repr__(self) -> str:
        return f"Stored({self.name})"


class Store:
    """The open store: a handle on its folder, checked so that no link redirects a write
    (``owned``). Opened by the parent before workers fork; they write through the handle."""

    def __init__(self, cache_folder: Path) -> None:
        self.path = cache_folder / FOLDER
        self.fd = open_owned_folder(cache_folder.parent, f"{cache_folder.name}/{FOLDER}")

    def write(self, source: str, value: T) -> Stored[T]:
        """``value`` pickled into the store; the file is written once per content (its name holds its digest)."""
        blob = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        digest = hashlib.sha256(blob).hexdigest()
        name = file_name(source, digest)
        if not _exists(name, self.fd):
            temporary = f".{name}.tmp-{os.getpid()}"
            with contextlib.suppress(FileNotFoundError):
                os.unlink(temporary, dir_fd=self.fd)
            flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC
            with os.fdopen(os.open(temporary, flags, 0o644, dir_fd=self.fd), "wb") as handle:
                handle.write(blob)
            os.replace(temporary, name, src_dir_fd=self.fd, dst_dir_fd=self.fd)
        stored: Stored[T] = Stored(str(self.path / name), digest)
        stored._value = value
        return stored

    def keep_only(self, names: Iterable[str]) -> None:
        """Delete every file but ``names`` (the texts the saved cache refers to), and any a killed worker left half-written."""
        keep = set(names)
        for name in os.listdir(self.fd):
            if name not in keep:
                with contextlib.suppress(OSError):
                    os.unlink(name, dir_fd=self.fd)

    def close(self) -> None:
        os.close(self.fd)


@contextlib.contextmanager
def opened(cache_folder: Path, enabled: bool) -> Iterator[Store | None]:
    """The store, open while leaflets are analysed; None when the build keeps no cache."""
    if not enabled:
        yield None
        return
    store = Store(cache_folder)
    try:
        yield store
    finally:
        store.close()


def keep_only(cache_folder: Path, names: Iterable[str]) -> None:
    """``Store.keep_only``, after the cache is saved; nothing to do if there is no store yet."""
    if not (cache_folder / FOLDER).is_dir():
        return
    with opened(cache_folder, True) as store:
        store.keep_only(names)


def _exists(name: str, folder: int) -> bool:
    try:
        os.stat(name, dir_fd=folder, follow_symlinks=False)
    except FileNotFoundError:
        return False
    return True
