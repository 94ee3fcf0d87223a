"""Helpers for tests: tiny sites written into tmp_path, and the real CLI run as a subprocess."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from sitegen.fingerprint import fingerprint

REPO = Path(__file__).resolve().parent.parent
TODAY = "2026-11-23"
"""Every test runs on this date, so review-date findings never drift (SITEGEN_TODAY)."""


@dataclass
class Run:
    code: int
    out: str
    err: str


def run_cli(*args: str, cwd: Path | None = None, env: dict[str, str] | None = None) -> Run:
    """Run ``python -m sitegen ARGS`` the way a user would, and capture what it prints."""
    full_env = {**os.environ, "SITEGEN_TODAY": TODAY, "PYTHONIOENCODING": "utf-8", **(env or {})}
    done = subprocess.run([sys.executable, "-m", "sitegen", *args], cwd=cwd, env=full_env,
                          capture_output=True, text=True, timeout=300)
    return Run(done.returncode, done.stdout, done.stderr)


def leaflet(title: str = "Living with asthma", body: str = "## What it is\n\nAsthma makes it hard to breathe.\n",
            *, summary: str = "How to look after your asthma.", status: str = "published", signed: bool = True,
            extra: str = "", show_name: str = "true", last_reviewed: str = "2026-03-10",
            next_review: str = "2029-03-01") -> str:
    """A complete, publishable leaflet (signed with the current fingerprint unless signed=False)."""
    print_ = fingerprint(title, summary, body) if signed else "0000000000"
    return f"""---
title: "{title}"
summary: "{summary}"
audience: Adults with asthma
topics: [asthma]
status: {status}
published: 2025-04-02
last_reviewed: {last_reviewed}
next_review: {next_review}
coproduction:
  - name: Maria Lopez
    role: patient
    lived_experience: true
    how: Wrote the tips on using an inhaler.
    stages: [writing, review]
    show_name: {show_name}
signoff:
  - name: Dr Helen Park
    role: clinical
    date: 2026-03-10
    fingerprint: {print_}
  - name: Maria Lopez
    role: patient
    date: 2026-03-10
    fingerprint: {print_}
    show_name: {show_name}
sources:
  - title: Asthma guideline
    url: https://www.example.org/asthma
{extra}---
{body}"""


def make_site(root: Path, files: dict[str, str | bytes]) -> Path:
    for name, data in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, bytes):
            path.write_bytes(data)
        else:
            path.write_text(data, encoding="utf-8", newline="")
    return root


def tree(root: Path) -> dict[str, bytes]:
    """Every file under root with its bytes, for before/after comparisons."""
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def site_tree(folder: Path) -> dict[str, bytes]:
    """A built folder's files, without its marker (which names the build)."""
    from sitegen import write
    return {name: data for name, data in tree(folder).items() if name != write.MARKER}


def clean_build(root: Path, clean: Path) -> dict[str, bytes]:
    """The site's files as a one-process build with no cache makes them, from a copy of its sources."""
    import shutil
    from sitegen.build import build
    from sitegen.config import load_config
    shutil.copytree(root, clean, ignore=shutil.ignore_patterns("output*", ".sitegen-cache"))
    assert build(load_config(clean), jobs=1, use_cache=False, pdf=False).ok
    return site_tree(clean / "output")



@contextmanager
def serving(site: Path, start_timeout: float = 60) -> Iterator[str]:
    """Run the real ``sitegen serve`` on ``site`` (port chosen by the system) and yield its
    address; stop it afterwards and check that it stopped cleanly."""
    env = {**os.environ, "SITEGEN_TODAY": "2026-11-23", "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen([sys.executable, "-m", "sitegen", "serve", "--site", str(site), "--port", "0"],
                            stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True, env=env, cwd=REPO)
    url = None
    deadline = time.monotonic() + start_timeout
    while url is None and time.monotonic() < deadline:
        line = proc.stderr.readline()
        found = re.search(r"(http://127\.0\.0\.1:\d+/)", line)
        url = found.group(1) if found and "Serving" in line else None
        if not line and proc.poll() is not None:
            break
    assert url, "sitegen serve did not start"
    try:
        yield url
    finally:
        proc.terminate()
        try:
            assert proc.wait(timeout=20) == 0
        finally:
            proc.kill() if proc.poll() is None else None
