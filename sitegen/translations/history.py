"""Earlier versions of a leaflet, read from the site's git history (when it has one).

Used for two things only: to accept a ``source_fingerprint`` of an earlier English text that
no sign-off recorded, and to show the English changes since a translation was made as a word
diff. git runs locally (``log`` and ``cat-file``), never fetches, and is given a time limit;
a site that is not in git simply has no history, and nothing else depends on it.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from .. import frontmatter
from ..fingerprint import fingerprint

MAX_VERSIONS = 200
"""Commits of one file read at most: bounds the time on a long-lived site (our own choice)."""
GIT_SECONDS = 20


@dataclass(frozen=True)
class Version:
    commit: str
    date: str
    fingerprint: str
    text: str
    """Title, summary and body, as the word diff compares them."""


def words_of(title: str, summary: str, body: str) -> str:
    return "\n".join((title, summary, body))


def versions(root: Path, source: str) -> tuple[Version, ...] | None:
    """Each committed version of ``source`` (path from the site root), newest first; None without git."""
    return _versions(str(Path(root).resolve()), source)


@lru_cache(maxsize=256)
def _versions(root: str, source: str) -> tuple[Version, ...] | None:
    prefix = _git(root, "rev-parse", "--show-prefix")
    if prefix is None:
        return None
    log = _git(root, "log", f"--max-count={MAX_VERSIONS}", "--format=%H %cs", "--", source)
    if log is None:
        return None
    commits = [line.split(" ", 1) for line in log.decode().splitlines() if " " in line]
    if not commits:
        return ()
    path = prefix.decode().strip() + source
    request = "".join(f"{commit}:{path}\n" for commit, _ in commits).encode()
    blobs = _git(root, "cat-file", "--batch", stdin=request)
    if blobs is None:
        return None
    out = []
    for (commit, date), raw in zip(commits, _split_batch(blobs)):
        version = _version(commit, date, raw)
        if version is not None:
            out.append(version)
    return tuple(out)


def find(root: Path, source: str, wanted: str) -> Version | None:
    return next((v for v in versions(root, source) or () if v.fingerprint == wanted), None)


def _git(root: str, *args: str, stdin: bytes | None = None) -> bytes | None:
    try:
        done = subprocess.run(["git", "-C", root, *args], input=stdin, capture_output=True, timeout=GIT_SECONDS,
                              check=False, env={"PATH": "/usr/bin:/bin:/usr/local/bin", "GIT_TERMINAL_PROMPT": "0",
                                                "GIT_OPTIONAL_LOCKS": "0", "HOME": "/nonexistent"})
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout if done.returncode == 0 else None


def _split_batch(data: bytes) -> list[bytes | None]:
    """``git cat-file --batch`` output: "<sha> blob <size>\\n<bytes>\\n" or "<name> missing\\n" per request."""
    out: list[bytes | None] = []
    at = 0
    while at < len(data):
        end = data.index(b"\n", at)
        header = data[at:end].split()
        if len(header) == 3 and header[1] == b"blob":
            size = int(header[2])
            out.append(data[end + 1:end + 1 + size])
            at = end + 1 + size + 1
        else:
            out.append(None)
            at = end + 1
    return out


def _version(commit: str, date: str, raw: bytes | None) -> Version | None:
    if raw is None:
        return None
    problems = frontmatter.Problems("")
    text = frontmatter.decode(raw, problems)
    parts = frontmatter.split(text, problems) if text is not None else None
    if parts is None:
        return None
    try:
        data = yaml.safe_load(parts.front)
    except yaml.YAMLError:
        return None
    if not isinstance(data, dict):
        return None
    title, summary = str(data.get("title") or "").strip(), str(data.get("summary") or "").strip()
    return Version(commit, date, fingerprint(title, summary, parts.body), words_of(title, summary, parts.body))
