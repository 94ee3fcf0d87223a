"""The single place that writes the built site: all or nothing.

The new site is written into a sibling folder and swapped in only when it is
complete, so a failed or interrupted build leaves the previous ``output/`` exactly
as it was. Files whose bytes did not change are hard-linked from the previous build
instead of written again. sitegen only ever deletes folders it made (they carry a
marker file), never a folder it did not create.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import hashlib
import json
import os
import shutil
import uuid
from pathlib import Path, PurePosixPath
from typing import Iterable, Mapping

from .errors import BuildFailed

MARKER = ".sitegen-output"
"""Written last into every complete build: its manifest, and proof sitegen made the folder."""
BUILDING = ".sitegen-building"
"""Written first into a folder under construction, so a killed build's leftovers can be cleared."""


def safe_relpath(name: str) -> PurePosixPath:
    """A relative path that cannot leave the output folder, or BuildFailed."""
    path = PurePosixPath(name)
    if path.is_absolute() or not path.parts or any(p in ("", ".", "..") or "\\" in p or "\0" in p for p in path.parts):
        raise BuildFailed(f"refusing to write '{name}': it is not a plain path inside the output folder")
    return path


def write_site(output: Path, files: Mapping[str, bytes], copies: Iterable[tuple[Path, str]]) -> int:
    """Write ``files`` (path -> bytes) and ``copies`` (source file, path) as the new ``output``."""
    output = Path(output)
    check_owned(output)
    clear_leftovers(output)
    staging = output.parent / f"{output.name}.building-{uuid.uuid4().hex[:8]}"
    try:
        staging.mkdir(parents=True)
        (staging / BUILDING).write_bytes(b"")
        manifest = fill(staging, output, files, copies)
        (staging / MARKER).write_text(json.dumps(manifest, sort_keys=True, indent=0), encoding="utf-8")
        (staging / BUILDING).unlink()
        swap_in(staging, output)
    except BaseException as exc:
        shutil.rmtree(staging, ignore_errors=True)
        if isinstance(exc, OSError):
            raise BuildFailed(f"could not write the site ({exc.strerror or exc}); {output.name}/ was left as it was") from exc
        raise
    return len(manifest)


def check_owned(output: Path) -> None:
    if output.is_symlink() or (output.exists() and not output.is_dir()):
        raise BuildFailed(f"{output.name} exists but is not a folder; move it away and build again")
    if output.is_dir() and any(output.iterdir()) and not (output / MARKER).is_file():
        raise BuildFailed(f"the folder {output.name}/ has files that sitegen did not make, so sitegen will not replace it; "
                          "move those files somewhere safe (or delete the folder yourself) and build again")


def clear_leftovers(output: Path) -> None:
    """Remove half-built folders from a build that was killed (they carry BUILDING or MARKER)."""
    for sibling in output.parent.glob(f"{output.name}.building-*"):
        if (sibling / BUILDING).exists() or (sibling / MARKER).exists():
            shutil.rmtree(sibling, ignore_errors=True)
    for sibling in output.parent.glob(f"{output.name}.old-*"):
        if (sibling / MARKER).exists():
            shutil.rmtree(sibling, ignore_errors=True)


def previous_manifest(output: Path) -> dict[str, str]:
    try:
        data = json.loads((output / MARKER).read_text(encoding="utf-8"))
        return data if isinstance(data, dict) else {}
    except (OSError, ValueError):
        return {}


def fill(staging: Path, output: Path, files: Mapping[str, bytes], copies: Iterable[tuple[Path, str]]) -> dict[str, str]:
    old = previous_manifest(output)
    manifest: dict[str, str] = {}
    made: set[Path] = set()
    for name, data in sorted(files.items()):
        digest = hashlib.sha256(data).hexdigest()
        place(staging, output, name, digest, old, made, lambda target: target.write_bytes(data))
        manifest[name] = digest
    for source, name in copies:
        data = source.read_bytes()
        digest = hashlib.sha256(data).hexdigest()
        place(staging, output, name, digest, old, made, lambda target: target.write_bytes(data))
        manifest[name] = digest
    return manifest


def place(staging: Path, output: Path, name: str, digest: str, old: dict[str, str], made: set[Path], write) -> None:
    rel = safe_relpath(name)
    target = staging.joinpath(*rel.parts)
    if target.parent not in made:
        target.parent.mkdir(parents=True, exist_ok=True)
        made.add(target.parent)
    if old.get(name) == digest:
        try:
            os.link(output.joinpath(*rel.parts), target)  # unchanged: no need to write the bytes again
            return
        except OSError:
            pass
    write(target)


_RENAME_EXCHANGE = 2


def _exchange(a: Path, b: Path) -> bool:
    """Atomically swap two paths (Linux renameat2). False where the system cannot."""
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd = -100
    result = renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), _RENAME_EXCHANGE)
    return result == 0


def swap_in(staging: Path, output: Path) -> None:
    if not output.exists():
        os.rename(staging, output)
        return
    if _exchange(staging, output):
        shutil.rmtree(staging)  # staging now holds the previous build
        return
    old = output.parent / f"{output.name}.old-{uuid.uuid4().hex[:8]}"
    os.rename(output, old)
    os.rename(staging, output)
    shutil.rmtree(old, ignore_errors=True)


def update_in_place(output: Path, files: Mapping[str, bytes], copies: Iterable[tuple[Path, str]]) -> int:
    """Bring a private folder (the live preview's) up to date, touching only changed files.

    Each file is replaced atomically (write aside, then rename), so the server never
    reads half a page; the preview needs no all-or-nothing swap because nobody
    publishes it, and skipping the swap keeps a one-leaflet edit fast on large sites.
    """
    output.mkdir(parents=True, exist_ok=True)
    old = previous_manifest(output)
    wanted: dict[str, bytes | Path] = {**{name: src for src, name in copies}, **dict(files)}
    manifest: dict[str, str] = {}
    for name, data in sorted(wanted.items()):
        content = data.read_bytes() if isinstance(data, Path) else data
        digest = hashlib.sha256(content).hexdigest()
        manifest[name] = digest
        if old.get(name) != digest:
            _replace_file(output.joinpath(*safe_relpath(name).parts), content)
    for name in set(old) - set(manifest):
        try:
            output.joinpath(*safe_relpath(name).parts).unlink()
        except (OSError, BuildFailed):
            pass
    (output / MARKER).write_text(json.dumps(manifest, sort_keys=True, indent=0), encoding="utf-8")
    return len(manifest)


def _replace_file(target: Path, content: bytes) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    aside = target.with_name(f".{target.name}.{uuid.uuid4().hex[:8]}.tmp")
    aside.write_bytes(content)
    os.replace(aside, target)
