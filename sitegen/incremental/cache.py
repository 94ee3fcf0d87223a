"""The build cache: analysed leaflets and rendered pages, keyed by content hashes.

Seventeen shards, ``.sitegen-cache/cache-NN.pickle`` (sixteen for leaflets' entries, one
for the site-wide ones), each signed with an HMAC whose key lives in the user's own cache
folder (not in the site). A cache copied from elsewhere, edited
or corrupt fails the check and is ignored and rebuilt: it is never unpickled, so it
can never run code or feed stale results into a build. Every key includes which sitegen
made it (``code``: its version, files and libraries) and a hash of the settings, so
upgrading or changing settings invalidates it.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import pickle
import secrets
import tempfile
import zlib
from pathlib import Path
from typing import Any

from ..errors import ConfigError
from ..filenames import user_folder
from ..owned import open_new_file
from . import code

FORMAT = 9
"""Bumped whenever what the cache holds changes shape (5: ReviewStatus in FrontMatter; 6: the
plain-English facts, finding keys and acceptances; 7: each entry pickled on its own, entries
grouped by leaflet in the shards; 8: a page's text kept pickled inside its entry;
9: or a reference to it in ``textstore``)."""


def signing_key() -> bytes:
    """The key that signs the cache and the memo, kept in the user's own cache folder (never in the site)."""
    home = user_folder()
    key_file = home / "cache-key"
    if os.path.lexists(key_file) and not key_file.is_file():
        raise ConfigError(f"{key_file} is not a file (it is a folder, a link to nothing or a special file), so sitegen cannot "
                          "check its cache; delete or rename it, and sitegen makes a new key at the next build")
    try:
        key = key_file.read_bytes()
    except OSError:
        key = b""
    if len(key) >= KEY_BYTES:
        return key
    try:
        home.mkdir(parents=True, exist_ok=True)
        if os.path.lexists(key_file):
            return _replace_key(key_file)  # empty or cut short (a full disk, a bad copy): make a new one
        fd = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as handle:
            handle.write(secrets.token_bytes(KEY_BYTES))
        return key_file.read_bytes()
    except FileExistsError:
        return key_file.read_bytes()
    except OSError:
        return b""  # no writable home: the cache simply stays off


KEY_BYTES = 32
"""A key shorter than this (an empty file) is replaced, never used: with an empty key the cache
silently stayed off (issue 11). 32 bytes: the size of an HMAC-SHA256 block's output (RFC 2104)."""


def _replace_key(key_file: Path) -> bytes:
    """Put a new key in place atomically and return what the file then holds: two processes
    replacing it at once end up sharing one of the keys (the other only misses the cache once)."""
    fd, temporary = tempfile.mkstemp(prefix=".cache-key.", dir=key_file.parent)
    with os.fdopen(fd, "wb") as handle:
        handle.write(secrets.token_bytes(KEY_BYTES))
    os.replace(temporary, key_file)
    return key_file.read_bytes()


LEAFLET_SHARDS = 16
"""Every leaflet's entries (its analysis, links, page and PDFs) live together in one of this
many files, so a one-leaflet edit rewrites about 1/16 of the cache."""
SITE_WIDE_KINDS = frozenset({"listing", "search", "site-check"})
"""Kinds that change with any edit (``render``'s listing pages, ``search.index``'s bundle,
the checks across leaflets in ``site``):
kept in a shard of their own so they do not make every leaflet shard dirty. Scattered among
the leaflet shards, the 38 listing pages of a site dirtied all 16, and a one-leaflet edit
re-pickled the whole cache (0.5 s of a 4.3 s edit at 1,000 leaflets, profiled)."""
SHARDS = LEAFLET_SHARDS + 1


def shard_of(entry: tuple[str, str]) -> int:
    kind, name = entry
    if kind in SITE_WIDE_KINDS:
        return LEAFLET_SHARDS
    return zlib.crc32(leaflet_group(name).encode()) % LEAFLET_SHARDS


def leaflet_group(name: str) -> str:
    """The leaflet an entry belongs to: ``content/asthma.md`` (analysis, links),
    ``asthma/index.html`` (its page) and ``asthma/asthma.pdf`` (its PDF) all give ``asthma``.
    Only where an entry is stored depends on this, never whether it is reused."""
    if name.endswith(".md"):
        return name.rsplit("/", 1)[-1][:-3].lower()
    return name.split("/", 1)[0]


class Cache:
    """Maps (kind, name) to (key, value); a lookup hits only when the stored key matches.

    Each entry is pickled on its own inside its signed shard, and unpickled only when a build
    asks for it with the right key: an entry nobody asks for costs a dict lookup, not an
    unpickle. Saving a shard reuses the stored bytes of entries that did not change, so a
    one-leaflet edit pickles that leaflet's entries, not the whole cache."""

    def __init__(self, folder: Path, salt: str, enabled: bool = True) -> None:
        self.folder = folder
        self.salt = f"{FORMAT}|{code.sitegen_code()}|{salt}"
        self.secret = signing_key() if enabled else b""
        self.enabled = enabled and bool(self.secret)
        self.packed: dict[tuple[str, str], tuple[str, bytes]] = {}
        """Entries as read from the shards, still pickled."""
        self.entries: dict[tuple[str, str], tuple[str, Any]] = {}
        """Entries unpickled by ``get`` or stored by ``put``."""
        self.changed: set[tuple[str, str]] = set()
        """Entries ``put`` since the last save, whose bytes on disk (if any) are out of date."""
        self.loaded = [0] * SHARDS
        if self.enabled:
            for shard in range(SHARDS):
                found = self._load(shard)
                self.loaded[shard] = len(found)
                self.packed.update(found)
        self.used: set[tuple[str, str]] = set()
        self.dirty: set[int] = set()
        self.stats: dict[Path, tuple[tuple[int, int], str]] = {}
        """In-memory only (a long-running preview): path -> ((mtime_ns, size), sha256)."""

    def key(self, *parts: object) -> str:
        digest = hashlib.sha256(self.salt.encode())
        for part in parts:
            digest.update(b"\x1f" + (part if isinstance(part, bytes) else repr(part).encode()))
        return digest.hexdigest()

    def get(self, kind: str, name: str, key: str) -> Any | None:
        entry = (kind, name)
        found = self.entries.get(entry)
        if found is None:
            packed = self.packed.get(entry)
            if packed is None or packed[0] != key:
                return None
            try:
                found = (key, pickle.loads(packed[1]))
            except Exception:
                return None  # signed by us but unreadable (a class that changed shape): rebuilt
            del self.packed[entry]
            self.entries[entry] = found
        elif found[0] != key:
            return None
        self.used.add(entry)
        return found[1]

    def put(self, kind: str, name: str, key: str, value: Any) -> None:
        if not self.enabled:
            return
        entry = (kind, name)
        self.entries[entry] = (key, value)
        self.packed.pop(entry, None)
        self.changed.add(entry)
        self.used.add(entry)
        self.dirty.add(shard_of(entry))

    def save(self) -> None:
        """Rewrite the shards that changed, keeping only entries this build used (so the cache never grows stale)."""
        if not self.enabled:
            return
        shards: list[list[tuple[str, str]]] = [[] for _ in range(SHARDS)]
        for entry in self.used:
            shards[shard_of(entry)].append(entry)
        for number, kept in enumerate(shards):
            if number in self.dirty or len(kept) != self.loaded[number]:
                self._save(number, self._packed_shard(number, kept))
                self.loaded[number] = len(kept)
                self.changed.difference_update(kept)
        self.dirty.clear()

    def _packed_shard(self, number: int, kept: list[tuple[str, str]]) -> dict:
        """The shard's entries, pickled: unchanged ones keep the bytes already on disk."""
        on_disk = self._load(number) if any(entry not in self.changed for entry in kept) else {}
        out = {}
        for entry in sorted(kept):
            key, value = self.entries[entry]
            stored = on_disk.get(entry)
            if entry in self.changed or stored is None or stored[0] != key:
                stored = (key, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
            out[entry] = stored
        return out

    def _path(self, shard: int) -> Path:
        return self.folder / f"cache-{shard:02d}.pickle"

    def _save(self, shard: int, kept: dict) -> None:
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            temporary = self._path(shard).with_suffix(f".tmp-{os.getpid()}")
            with os.fdopen(open_new_file(temporary), "w+b") as handle:
                handle.write(b"\0" * 32)  # room for the signature, written once the data is known
                pickle.dump(kept, handle, protocol=pickle.HIGHEST_PROTOCOL)
                handle.seek(32)
                signer = hmac.new(self.secret, digestmod=hashlib.sha256)
                for chunk in iter(lambda: handle.read(1 << 20), b""):
                    signer.update(chunk)
                handle.seek(0)
                handle.write(signer.digest())
            os.replace(temporary, self._path(shard))
        except OSError:
            pass  # a cache that cannot be saved only makes the next build slower

    def _load(self, shard: int) -> dict:
        try:
            blob = self._path(shard).read_bytes()
        except OSError:
            return {}
        signature, data = blob[:32], blob[32:]
        if len(blob) < 32 or not hmac.compare_digest(signature, hmac.new(self.secret, data, hashlib.sha256).digest()):
            return {}
        try:
            entries = pickle.loads(data)
        except Exception:
            return {}
        if not isinstance(entries, dict):
            return {}
        return {entry: value for entry, value in entries.items()
                if isinstance(value, tuple) and len(value) == 2 and isinstance(value[1], bytes)}
