"""The build cache: analysed leaflets and rendered pages, keyed by content hashes.

Sixteen shards, ``.sitegen-cache/cache-NN.pickle``, each signed with an HMAC whose key lives in
the user's own cache folder (not in the site). A cache copied from elsewhere, edited
or corrupt fails the check and is ignored and rebuilt: it is never unpickled, so it
can never run code or feed stale results into a build. Every key includes sitegen's
version and a hash of the settings, so upgrading or changing settings invalidates it.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import pickle
import secrets
import zlib
from pathlib import Path
from typing import Any

from .. import __version__

FORMAT = 6
"""Bumped whenever what the cache holds changes shape (5: ReviewStatus in FrontMatter; 6: the
plain-English facts, finding keys and acceptances)."""


def signing_key() -> bytes:
    """The key that signs the cache and the memo, kept in the user's own cache folder (never in the site)."""
    home = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "sitegen"
    key_file = home / "cache-key"
    try:
        return key_file.read_bytes()
    except OSError:
        pass
    try:
        home.mkdir(parents=True, exist_ok=True)
        key = secrets.token_bytes(32)
        fd = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as handle:
            handle.write(key)
        return key
    except FileExistsError:
        return key_file.read_bytes()
    except OSError:
        return b""  # no writable home: the cache simply stays off


SHARDS = 16
"""The cache is split into this many files so a one-leaflet edit rewrites about 1/16 of it."""


def shard_of(entry: tuple[str, str]) -> int:
    return zlib.crc32(f"{entry[0]}\0{entry[1]}".encode()) % SHARDS


class Cache:
    """Maps (kind, name) to (key, value); a lookup hits only when the stored key matches."""

    def __init__(self, folder: Path, salt: str, enabled: bool = True) -> None:
        self.folder = folder
        self.salt = f"{FORMAT}|{__version__}|{salt}"
        self.secret = signing_key() if enabled else b""
        self.enabled = enabled and bool(self.secret)
        self.entries: dict[tuple[str, str], tuple[str, Any]] = {}
        self.loaded = [0] * SHARDS
        if self.enabled:
            for shard in range(SHARDS):
                found = self._load(shard)
                self.loaded[shard] = len(found)
                self.entries.update(found)
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
        found = self.entries.get((kind, name))
        if found is None or found[0] != key:
            return None
        self.used.add((kind, name))
        return found[1]

    def put(self, kind: str, name: str, key: str, value: Any) -> None:
        if not self.enabled:
            return
        self.entries[(kind, name)] = (key, value)
        self.used.add((kind, name))
        self.dirty.add(shard_of((kind, name)))

    def save(self) -> None:
        """Rewrite the shards that changed, keeping only entries this build used (so the cache never grows stale)."""
        if not self.enabled:
            return
        shards: list[dict] = [{} for _ in range(SHARDS)]
        for entry, value in self.entries.items():
            if entry in self.used:
                shards[shard_of(entry)][entry] = value
        for number, kept in enumerate(shards):
            if number in self.dirty or len(kept) != self.loaded[number]:
                self._save(number, kept)
                self.loaded[number] = len(kept)
        self.dirty.clear()

    def _path(self, shard: int) -> Path:
        return self.folder / f"cache-{shard:02d}.pickle"

    def _save(self, shard: int, kept: dict) -> None:
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            temporary = self._path(shard).with_suffix(f".tmp-{os.getpid()}")
            with open(temporary, "w+b") as handle:
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
        return entries if isinstance(entries, dict) else {}
