"""Run Pagefind over the published leaflets and hand its files to the atomic write.

``start`` hands the documents (``documents``) to the Pagefind program in service mode, on a
background thread, so it indexes while the pages are rendered; ``finish`` waits for it and
returns its files, keyed ``pagefind/...``, which ``write`` swaps in together with the pages:
a failed build never leaves half an index. Nothing goes through a temporary folder.

Indexing happens only on a real change: the documents' digest (with Pagefind's version)
keys the bundle in the cache, and while it is unchanged and the live site still has every
file, those files come back as ``Unchanged`` and Pagefind does not run. A build with no
change at all never gets here (the whole-build memo answers first).

The binary comes from the ``pagefind-bin`` wheel (PyPI), installed with sitegen: offline.
"""

from __future__ import annotations

import hashlib
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Mapping

from .. import addresses
from ..errors import BuildFailed
from ..incremental import keys
from ..incremental.cache import Cache
from ..site import Site
from ..write import Content, Unchanged
from . import service
from .documents import documents

KEEP = ("pagefind.js", "pagefind-worker.js", "pagefind-entry.json", "wasm.", "pagefind.", "index/", "fragment/", "filter/")
"""What a reader's browser may fetch. Pagefind's default UI files (pagefind-ui.js and the
like) are left out: sitegen has its own results list (theme/static/search.js)."""
CACHE_KIND = "search"
HINT = "\n    hint: build again; if it keeps happening, set search = false in the site's settings and tell us"


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
    """An index being made (``thread``), or already known (``files``)."""

    key: str
    files: dict[str, Content] = field(default_factory=dict)
    thread: threading.Thread | None = None
    made: dict[str, bytes] = field(default_factory=dict)
    failure: str = ""

    def run(self, program: Path, docs: Mapping[str, bytes]) -> None:
        try:
            self.made = service.index(program, docs)
        except service.ServiceError as exc:
            said = str(exc).strip().splitlines()[-3:] or ["(no message)"]
            self.failure = "".join(f"\n    {line}" for line in said)
        except OSError as exc:
            self.failure = f"\n    {exc.strerror or exc}"


def start(site: Site, cache: Cache | None, live: Mapping[str, str]) -> Pending:
    docs = documents(site.published_pages(), site.config.language)
    digest = hashlib.sha256()
    for url in sorted(docs):
        digest.update(url.encode() + b"\0" + hashlib.sha256(docs[url]).digest())
    key = keys.search_bundle(digest.hexdigest(), version())
    if not docs:
        return Pending(key)  # nothing published, nothing to find (Pagefind refuses an empty index)
    known = cache.get(CACHE_KIND, addresses.SEARCH_BUNDLE, key) if cache else None
    if known and all(live.get(path) == sha for path, sha in known.items()):
        return Pending(key, {path: Unchanged(sha) for path, sha in known.items()})
    pending = Pending(key)
    pending.thread = threading.Thread(target=pending.run, args=(executable(), docs), name="search index", daemon=True)
    pending.thread.start()
    return pending


def finish(pending: Pending, cache: Cache | None) -> dict[str, Content]:
    if pending.thread is None:
        return pending.files
    pending.thread.join()
    if pending.failure:
        raise BuildFailed(f"the search index could not be made: Pagefind stopped with an error{pending.failure}{HINT}")
    files = {addresses.SEARCH_BUNDLE + path: data for path, data in sorted(pending.made.items()) if path.startswith(KEEP)}
    if cache:
        cache.put(CACHE_KIND, addresses.SEARCH_BUNDLE, pending.key,
                  {path: hashlib.sha256(data).hexdigest() for path, data in files.items()})
    return dict(files)
