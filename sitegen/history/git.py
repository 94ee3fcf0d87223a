"""Read a file's past versions with the ``git`` command.

In: the site folder and a path in it. Out: ``Version`` records, newest first, each with
its commit, date and the file's bytes then; or a ``NoHistory`` saying in plain English why
none could be read (no git, not a repository, a shallow clone, an unreadable history).
Nothing here touches the network: every call forbids git's transports, so a partial clone
cannot fetch a missing object behind the user's back.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

GIT_TIMEOUT_SECONDS = 60
"""A local log or object read takes milliseconds; a minute means something is wrong (our own figure)."""
_SAFE = ("-c", "protocol.allow=never", "-c", "core.quotepath=off", "--no-pager")


@dataclass(frozen=True)
class Version:
    commit: str
    date: dt.date
    """The commit's date (committer date, in the committer's time zone)."""
    raw: bytes


@dataclass(frozen=True)
class NoHistory:
    reason: str
    """Plain English: why no earlier version can be read."""


class GitFailed(Exception):
    pass


def _run(root: Path, *args: str, stdin: bytes | None = None) -> bytes:
    env = {**os.environ, "GIT_TERMINAL_PROMPT": "0", "LC_ALL": "C", "GIT_OPTIONAL_LOCKS": "0"}
    try:
        done = subprocess.run(["git", *_SAFE, *args], cwd=root, input=stdin, capture_output=True,
                              timeout=GIT_TIMEOUT_SECONDS, env=env, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise GitFailed(str(exc)) from None
    if done.returncode != 0:
        first = (done.stderr.decode("utf-8", "replace").strip().splitlines() or ["no message"])[0]
        raise GitFailed(first)
    return done.stdout


def repository(root: Path) -> NoHistory | None:
    """None when ``root`` is in a git repository whose whole history can be read; else why not."""
    if shutil.which("git") is None:
        return NoHistory("git is not installed on this computer, so earlier versions cannot be read")
    try:
        inside = _run(root, "rev-parse", "--is-inside-work-tree").strip()
    except GitFailed as exc:
        if "not a git repository" in str(exc):
            return NoHistory("the site is not in a git repository, so there are no earlier versions to read")
        return NoHistory(f"git could not read the site's history ({exc})")
    if inside != b"true":
        return NoHistory("the site is not in a git work tree, so there are no earlier versions to read")
    try:
        shallow = _run(root, "rev-parse", "--is-shallow-repository").strip() == b"true"
        _run(root, "rev-parse", "--verify", "--quiet", "HEAD")
    except GitFailed as exc:
        return NoHistory(f"the git repository has no commits yet, or its history cannot be read ({exc})")
    if shallow:
        return NoHistory("this is a shallow clone, so earlier versions are missing; fetch the whole history "
                         "(git fetch --unshallow, or fetch-depth: 0 in GitHub Actions)")
    return None


def head(root: Path) -> str:
    """The current commit, or "" when there is none (part of the build memo's key)."""
    if shutil.which("git") is None:
        return ""
    try:
        return _run(root, "rev-parse", "--verify", "--quiet", "HEAD").decode().strip()
    except GitFailed:
        return ""


def versions(root: Path, path: str) -> list[Version]:
    """Every committed version of ``path`` (relative to ``root``), newest first; raises GitFailed."""
    log = _run(root, "log", "--format=%H %cs", "--", path).decode("ascii", "replace").split()
    pairs = list(zip(log[::2], log[1::2]))
    if not pairs:
        return []
    prefix = _run(root, "rev-parse", "--show-prefix").decode().strip()
    request = "".join(f"{commit}:{prefix}{path}\n" for commit, _ in pairs).encode()
    out = _run(root, "cat-file", "--batch", stdin=request)
    found: list[Version] = []
    at = 0
    for commit, day in pairs:
        header_end = out.index(b"\n", at)
        header = out[at:header_end].split()
        at = header_end + 1
        if len(header) < 3 or header[1] != b"blob":  # deleted in that commit: "<name> missing"
            continue
        size = int(header[2])
        found.append(Version(commit, dt.date.fromisoformat(day), out[at:at + size]))
        at += size + 1
    return found
