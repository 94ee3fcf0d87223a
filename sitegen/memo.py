"""The whole-build memo: when no input has changed since the last good build, skip it.

The key hashes every input a build reads (each source and template file's bytes,
the settings, today's date and sitegen's version). When it matches the last good
build and ``output/`` is still exactly what that build wrote, the build is already
done: only its summary is printed again. The memo is small JSON, signed like the
cache, so it can be read without unpickling the cache of every leaflet.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import hmac
import json
import os
from pathlib import Path

from . import __version__, render, source
from .cache import CACHE_DIR, _secret
from .config import SiteConfig
from .model import Finding, Severity
from .write import MARKER

MEMO = "last-build.json"


def inputs_key(config: SiteConfig, today: dt.date, strict: bool) -> tuple[str, dict[Path, tuple[tuple[int, int], str]]]:
    """The memo key, and each file's (mtime, size) and sha256, which the build then reuses
    instead of reading every leaflet a second time."""
    digest = hashlib.sha256(f"{__version__}|{today}|{strict}|{sorted(_settings(config).items())!r}".encode())
    pages, assets, _ = source.discover(config)
    files = pages + assets + [config.content_dir / source.GLOSSARY_FILE]
    for folder in (render.THEME, config.templates_dir):
        if folder.is_dir():
            files += [p for p in folder.rglob("*") if p.is_file()]
    seen: dict[Path, tuple[tuple[int, int], str]] = {}
    for path in sorted(files):
        try:
            stat = path.stat()
            one = hashlib.sha256(path.read_bytes()).hexdigest()
            seen[path] = ((stat.st_mtime_ns, stat.st_size), one)
        except OSError:
            one = "missing"
        digest.update(os.fsencode(path) + b"\0" + one.encode() + b"\0")
    return digest.hexdigest(), seen


def _settings(config: SiteConfig) -> dict:
    return {f.name: getattr(config, f.name) for f in dataclasses.fields(config) if f.name not in ("root", "source")}


def output_digest(output: Path) -> str:
    try:
        return hashlib.sha256((output / MARKER).read_bytes()).hexdigest()
    except OSError:
        return ""


def recall(config: SiteConfig, key: str) -> dict | None:
    """The last good build's summary, if its inputs were these and output/ is untouched."""
    secret = _secret()
    try:
        blob = (config.root / CACHE_DIR / MEMO).read_bytes()
    except OSError:
        return None
    signature, data = blob[:64], blob[64:]
    if not secret or not hmac.compare_digest(signature, hmac.new(secret, data, hashlib.sha256).hexdigest().encode()):
        return None
    try:
        memo = json.loads(data)
    except ValueError:
        return None
    if memo.get("key") != key or memo.get("output") != output_digest(config.output_dir) or not memo["output"]:
        return None
    return memo


def remember(config: SiteConfig, key: str, summary: dict) -> None:
    secret = _secret()
    if not secret:
        return
    data = json.dumps({**summary, "key": key, "output": output_digest(config.output_dir)}).encode()
    signature = hmac.new(secret, data, hashlib.sha256).hexdigest().encode()
    try:
        (config.root / CACHE_DIR).mkdir(exist_ok=True)
        temporary = config.root / CACHE_DIR / f"{MEMO}.tmp-{os.getpid()}"
        temporary.write_bytes(signature + data)
        os.replace(temporary, config.root / CACHE_DIR / MEMO)
    except OSError:
        pass


def finding_to_json(f: Finding) -> list:
    return [f.code, f.severity.value, f.path, f.line, f.message, f.hint, f.column, f.term, f.suggestion]


def finding_from_json(row: list) -> Finding:
    code, severity, path, line, message, hint, column, term, suggestion = row
    return Finding(code, Severity(severity), path, line, message, hint, column, term, suggestion)
