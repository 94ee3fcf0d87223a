"""Test sites with a real git history: commits of edits and sign-offs, made with the git command."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from sitegen.fingerprint import fingerprint

ENV = {"GIT_AUTHOR_NAME": "Editor", "GIT_AUTHOR_EMAIL": "editor@example.org", "GIT_COMMITTER_NAME": "Editor",
       "GIT_COMMITTER_EMAIL": "editor@example.org", "GIT_CONFIG_NOSYSTEM": "1", "HOME": "/nonexistent"}


def git(root: Path, *args: str, date: str = "2026-01-01") -> str:
    env = {**os.environ, **ENV, "GIT_AUTHOR_DATE": f"{date}T12:00:00+00:00", "GIT_COMMITTER_DATE": f"{date}T12:00:00+00:00"}
    done = subprocess.run(["git", "-c", "init.defaultBranch=main", "-c", "commit.gpgsign=false", *args], cwd=root, env=env,
                          capture_output=True, text=True, check=True)
    return done.stdout


def init(root: Path) -> None:
    root.mkdir(parents=True, exist_ok=True)
    git(root, "init", "-q")


def commit(root: Path, message: str, date: str) -> None:
    git(root, "add", "-A", date=date)
    git(root, "commit", "-q", "--allow-empty", "-m", message, date=date)


def page(summary: str, body: str, signoffs: list[tuple[str, str, str]], *, status: str = "published",
         title: str = "Living with asthma", changes: str = "", related: str = "") -> str:
    """A leaflet whose sign-offs are (role, date, fingerprint) rows, exactly as written."""
    rows = "".join(f"  - name: Reviewer {n}\n    role: {role}\n    date: {day}\n    fingerprint: {fp}\n"
                   for n, (role, day, fp) in enumerate(signoffs, start=1))
    return f"""---
title: {title}
summary: {summary}
audience: Adults with asthma
status: {status}
published: 2025-04-02
last_reviewed: 2026-01-01
next_review: 2028-12-01
coproduction:
  - name: Maria Lopez
    role: patient
    lived_experience: true
    how: Wrote the tips.
signoff:{"" if rows else " []"}
{rows}sources:
  - title: Asthma guideline
{changes}{related}---
{body}"""


def fp(summary: str, body: str, title: str = "Living with asthma") -> str:
    return fingerprint(title, summary, body)
