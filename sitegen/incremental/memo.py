"""The whole-build memo: when no input has changed since the last good build, skip it.

The key (``keys.build``) hashes every input a build reads. When it matches the last
good build and the output folder is still exactly what that build wrote (its manifest
digest, from ``write``), the build is already done: only its summary is printed again.
The memo is small JSON, signed with the cache's key, so it can be read without
unpickling the cache of every leaflet.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
from pathlib import Path

from ..model import Finding, Severity
from ..owned import write_new_file
from .cache import signing_key

MEMO = "last-build.json"
FORMAT = 2
"""Bumped whenever the summary's shape changes (2: unpublished as (source, reason) pairs)."""


class Memo:
    """The last good build's summary, kept in the cache folder."""

    def __init__(self, folder: Path) -> None:
        self.path = folder / MEMO

    def recall(self, key: str, output_digest: str) -> dict | None:
        """The last good build's summary, if its inputs were these and the output is untouched."""
        secret = signing_key()
        try:
            blob = self.path.read_bytes()
        except OSError:
            return None
        signature, data = blob[:64], blob[64:]
        if not secret or not hmac.compare_digest(signature, hmac.new(secret, data, hashlib.sha256).hexdigest().encode()):
            return None
        try:
            memo = json.loads(data)
        except ValueError:
            return None
        if memo.get("format") != FORMAT or memo.get("key") != key or memo.get("output") != output_digest or not memo["output"]:
            return None
        return memo

    def remember(self, key: str, output_digest: str, summary: dict) -> None:
        secret = signing_key()
        if not secret:
            return
        data = json.dumps({**summary, "format": FORMAT, "key": key, "output": output_digest}).encode()
        signature = hmac.new(secret, data, hashlib.sha256).hexdigest().encode()
        try:
            self.path.parent.mkdir(exist_ok=True)
            temporary = self.path.with_name(f"{MEMO}.tmp-{os.getpid()}")
            write_new_file(temporary, signature + data)
            os.replace(temporary, self.path)
        except OSError:
            pass


def finding_to_json(f: Finding) -> list:
    # The acceptance is not kept: a replayed build only prints findings, and the
    # decision is already in the message.
    return [f.code, f.severity.value, f.path, f.line, f.message, f.hint, f.column, f.term, f.suggestion, f.key]


def finding_from_json(row: list) -> Finding:
    code, severity, path, line, message, hint, column, term, suggestion, key = (list(row) + [None])[:10]
    return Finding(code, Severity(severity), path, line, message, hint, column, term, suggestion, key)
