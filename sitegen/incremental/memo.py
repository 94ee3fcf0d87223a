"""The whole-build memo: when no input has changed since the last good build, skip it.

The key (``keys.build``) hashes every input a build reads. When it matches the last
good build and the output folder is still exactly what that build wrote (its manifest
digest, from ``write``), the build is already done: only its summary is printed again.
The memo is small JSON, signed with the cache's key, so it can be read without
unpickling the cache of every leaflet. It also keeps each input file's details
(``keys.FileRecord``), so the next key hashes only the files that changed. It keeps only
the findings the build's report prints (``messages.shortlist``); every finding is in a
second signed file, read only when a caller asks for them all (``sitegen build --verbose``).
That file is a pickle of plain rows, not JSON: at 5,000 leaflets its 31,000 findings took
0.15 s to write as JSON (8 MB) and 0.02 s as a pickle (1.4 MB, each repeated string once),
and every build writes it. Like the cache, it is unpickled only when its signature matches.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import pickle
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Mapping, Sequence

from ..messages import shortlist
from ..model import Finding, Severity
from ..owned import write_new_file
from .cache import signing_key
from .keys import FileRecord

MEMO = "last-build.json"
EVERY_FINDING = "last-build-findings.pickle"
FORMAT = 4
"""Bumped whenever the memo's shape changes (2: unpublished as (source, reason) pairs;
3: the report's shortlist and warning counts, every finding in ``EVERY_FINDING``, the input
files' record; 4: ``EVERY_FINDING`` pickled)."""


@dataclass(frozen=True)
class Remembered:
    """What an up-to-date build answers with: the last good build's summary."""

    written: int
    published: int
    unpublished: tuple[tuple[str, str], ...]
    pdfs: int
    findings: Sequence[Finding]
    """Every finding, or only the report's shortlist when ``warning_counts`` is set."""
    warning_counts: Mapping[str, int] | None = None


class Memo:
    """The last good build's summary, kept in the cache folder."""

    def __init__(self, folder: Path) -> None:
        self.path = folder / MEMO
        self.every_path = folder / EVERY_FINDING
        self._memo: dict | None = None
        self._read = False

    def _last(self) -> dict | None:
        if not self._read:
            self._memo, self._read = _read_signed(self.path), True
        return self._memo

    def file_record(self) -> FileRecord | None:
        """The last good build's record of its input files (``keys.build`` reuses it)."""
        memo = self._last()
        if memo is None:
            return None
        record = memo["record"]
        return FileRecord(record["taken_ns"], {name: tuple(row) for name, row in record["files"].items()})

    def recall(self, key: str, output_digest: str, every_finding: bool = True) -> Remembered | None:
        """The last good build's summary, if its inputs were these and the output is untouched."""
        memo = self._last()
        if not _matches(memo, key, output_digest):
            return None
        findings = [finding_from_json(row) for row in memo["shortlist"]]
        counts: dict[str, int] | None = dict(memo["warning_counts"])
        if every_finding:
            every = _read_signed(self.every_path, _from_pickle)
            if not _matches(every, key, output_digest):
                return None
            findings, counts = [finding_from_json(row) for row in every["findings"]], None
        return Remembered(memo["written"], memo["published"], tuple((source, why) for source, why in memo["unpublished"]),
                          memo["pdfs"], tuple(findings), counts)

    def refresh(self, record: FileRecord) -> None:
        """After an up-to-date build that had to hash some files again (saved, checked out or
        copied within 2 s of the last record: ``keys.RACY_NS``), keep their new details, so the
        builds after it stat them instead of hashing them again. The key matched, so every
        digest in ``record`` is the one the last good build read."""
        memo = self._last()
        if memo is not None and record.hashed:
            memo = {**memo, "record": _record_json(record)}
            if _write_signed(self.path, memo):
                self._memo = memo

    def remember(self, key: str, output_digest: str, summary: Remembered, record: FileRecord) -> None:
        """Every finding first, then the memo that refers to it: a build stopped between the two
        leaves the old memo, whose key no longer matches the new findings file, so nothing is replayed."""
        kept, counts = shortlist(summary.findings)
        stamp = {"format": FORMAT, "key": key, "output": output_digest}
        every = {**stamp, "findings": [finding_to_json(f) for f in summary.findings]}
        if _write_signed(self.every_path, every, _to_pickle):
            _write_signed(self.path, {**stamp, "written": summary.written, "published": summary.published,
                                      "unpublished": summary.unpublished, "pdfs": summary.pdfs,
                                      "shortlist": [finding_to_json(f) for f in kept], "warning_counts": counts,
                                      "record": _record_json(record)})


def _record_json(record: FileRecord) -> dict:
    return {"taken_ns": record.taken_ns, "files": record.files}


def _to_json(content: dict) -> bytes:
    return json.dumps(content).encode()


def _from_json(data: bytes) -> object:
    return json.loads(data)


def _to_pickle(content: dict) -> bytes:
    return pickle.dumps(content, protocol=pickle.HIGHEST_PROTOCOL)


def _from_pickle(data: bytes) -> object:
    return pickle.loads(data)  # signed by this user's key: see the module's note


def _read_signed(path: Path, parse: Callable[[bytes], object] = _from_json) -> dict | None:
    secret = signing_key()
    try:
        blob = path.read_bytes()
    except OSError:
        return None
    signature, data = blob[:64], blob[64:]
    if not secret or not hmac.compare_digest(signature, hmac.new(secret, data, hashlib.sha256).hexdigest().encode()):
        return None
    try:
        memo = parse(data)
    except Exception:
        return None  # signed by us but unreadable (JSON cut short, a class that changed shape): as in cache.get
    return memo if isinstance(memo, dict) and memo.get("format") == FORMAT else None


def _matches(memo: dict | None, key: str, output_digest: str) -> bool:
    return memo is not None and memo.get("key") == key and bool(output_digest) and memo.get("output") == output_digest


def _write_signed(path: Path, content: dict, dump: Callable[[dict], bytes] = _to_json) -> bool:
    secret = signing_key()
    if not secret:
        return False
    data = dump(content)
    signature = hmac.new(secret, data, hashlib.sha256).hexdigest().encode()
    try:
        path.parent.mkdir(exist_ok=True)
        temporary = path.with_name(f"{path.name}.tmp-{os.getpid()}")
        write_new_file(temporary, signature + data)
        os.replace(temporary, path)
    except OSError:
        return False
    return True


def finding_to_json(f: Finding) -> list:
    # The acceptance is not kept: a replayed build only prints findings, and the
    # decision is already in the message.
    return [f.code, f.severity.value, f.path, f.line, f.message, f.hint, f.column, f.term, f.suggestion, f.key]


def finding_from_json(row: list) -> Finding:
    code, severity, path, line, message, hint, column, term, suggestion, key = (list(row) + [None])[:10]
    return Finding(code, Severity(severity), path, line, message, hint, column, term, suggestion, key)
