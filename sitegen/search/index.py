"""Run Pagefind over the published leaflets and hand its files to the atomic write.

``start`` writes the documents (``documents``) into a private temporary folder and starts
the Pagefind program in the background, so it indexes while the pages are rendered;
``finish`` waits for it and returns its files, keyed ``pagefind/...``, which ``write``
swaps in together with the pages: a failed build never leaves half an index.

Indexing happens only on a real change: the documents' digest (with Pagefind's version)
keys the bundle in the cache, and while it is unchanged and the live site still has every
file, those files come back as ``Unchanged`` and Pagefind does not run. A build with no
change at all never gets here (the whole-build memo answers first).

The binary comes from the ``pagefind-bin`` wheel (PyPI), installed with sitegen: offline.
"""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Mapping

from .. import addresses
from ..errors import BuildFailed
from ..incremental import keys
from ..incremental.cache import Cache
from ..site import Site
from ..write import Content, Unchanged
from .documents import documents

KEEP = ("pagefind.js", "pagefind-worker.js", "pagefind-entry.json", "wasm.", "pagefind.", "index/", "fragment/", "filter/")
"""What a reader's browser may fetch. Pagefind's default UI files (pagefind-ui.js and the
like) are left out: sitegen has its own results list (theme/static/search.js)."""
TIMEOUT_S = 1800
CACHE_KIND = "search"


def executable() -> Path:
    try:
        import pagefind_bin
    except ImportError:
        raise BuildFailed("the search index could not be made: the Pagefind program is not installed\n"
                          "    hint: reinstall sitegen (make build), or set search = false in the site's settings") from None
    return Path(pagefind_bin.get_executable())


def version() -> str:
    try:
        from importlib.metadata import version as installed
        return installed("pagefind-bin")
    except Exception:  # noqa: BLE001 - any failure only means "unknown": the index is then rebuilt
        return "unknown"


@dataclass
class Pending:
    """An index being made (``process``), or already known to be unchanged (``files``)."""

    key: str
    files: dict[str, Content] = field(default_factory=dict)
    folder: Path | None = None
    process: subprocess.Popen | None = None

    def cancel(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        if self.folder is not None:
            shutil.rmtree(self.folder, ignore_errors=True)


def start(site: Site, cache: Cache | None, live: Mapping[str, str]) -> Pending:
    docs = documents(site.published_pages(), site.config.language)
    digest = hashlib.sha256()
    for name in sorted(docs):
        digest.update(name.encode() + b"\0" + hashlib.sha256(docs[name]).digest())
    key = keys.search_bundle(digest.hexdigest(), version())
    if not docs:
        return Pending(key)  # nothing published, nothing to find (Pagefind refuses an empty site)
    known = cache.get(CACHE_KIND, addresses.SEARCH_BUNDLE, key) if cache else None
    if known and all(live.get(path) == sha for path, sha in known.items()):
        return Pending(key, {path: Unchanged(sha) for path, sha in known.items()})
    folder = Path(tempfile.mkdtemp(prefix="sitegen-search-"))
    pending = Pending(key, folder=folder)
    try:
        for name, data in docs.items():
            target = folder / "site" / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        (folder / "site").mkdir(exist_ok=True)
        pending.process = subprocess.Popen(
            [str(executable()), "--site", str(folder / "site"), "--output-path", str(folder / "bundle"), "--quiet"],
            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    except BaseException:
        pending.cancel()
        raise
    return pending


def finish(pending: Pending, cache: Cache | None) -> dict[str, Content]:
    if pending.process is None:
        return pending.files
    try:
        output, _ = pending.process.communicate(timeout=TIMEOUT_S)
        if pending.process.returncode != 0:
            said = output.decode("utf-8", "replace").strip().splitlines()[-3:]
            raise BuildFailed("the search index could not be made: Pagefind stopped with an error"
                              + "".join(f"\n    {line}" for line in said)
                              + "\n    hint: build again; if it keeps happening, set search = false in the site's settings and tell us")
        files = collect(pending.folder / "bundle")
    except subprocess.TimeoutExpired:
        raise BuildFailed(f"the search index could not be made: Pagefind took more than {TIMEOUT_S // 60} minutes") from None
    finally:
        pending.cancel()
    if cache:
        cache.put(CACHE_KIND, addresses.SEARCH_BUNDLE, pending.key,
                  {path: hashlib.sha256(data).hexdigest() for path, data in files.items()})
    return dict(files)


def collect(bundle: Path) -> dict[str, bytes]:
    """Pagefind's files that a reader may fetch, keyed by their path in the built site."""
    found = {}
    for path in sorted(bundle.rglob("*")):
        name = path.relative_to(bundle).as_posix()
        if path.is_file() and name.startswith(KEEP):
            found[addresses.SEARCH_BUNDLE + name] = path.read_bytes()
    return found
