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
from dataclasses import dataclass
from typing import Iterable, Mapping, Union

from .errors import BuildFailed
from .filenames import OUTPUT_MARKER

MARKER = OUTPUT_MARKER
"""Written last into every complete build: its manifest, and proof sitegen made the folder."""
BUILDING = ".sitegen-building"
"""Written first into a folder under construction, so a killed build's leftovers can be cleared."""


@dataclass(frozen=True)
class Unchanged:
    """Stands for a file's bytes when they equal those of the same path in the live folder:
    the renderer need not render it again, nor the writer hold it in memory."""

    digest: str


@dataclass(frozen=True)
class Stored:
    """Stands for a file's bytes kept in a file elsewhere (the PDF store): read only when it
    must be written, so a build never holds every PDF in memory."""

    digest: str
    path: Path


Content = Union[bytes, Unchanged, Stored]


def safe_relpath(name: str) -> PurePosixPath:
    """A relative path that cannot leave the output folder, or BuildFailed."""
    path = PurePosixPath(name)
    if path.is_absolute() or not path.parts or any(p in ("", ".", "..") or "\\" in p or "\0" in p for p in path.parts):
        raise BuildFailed(f"refusing to write '{name}': it is not a plain path inside the output folder")
    return path


def write_site(output: Path, files: Mapping[str, Content], copies: Iterable[tuple[Path, str]]) -> int:
    """Make ``output`` hold exactly ``files`` (path -> bytes) and ``copies`` (source file, path).

    Double-buffered: the previous build is kept as ``<output>.previous``. The new site is
    made by updating that spare copy (only files that differ are written) and is then
    exchanged with ``output`` in one atomic rename. Creating and deleting thousands of
    folders costs seconds on ext4 here, so reusing the spare keeps rebuilds fast.
    """
    output = Path(output)
    check_owned(output)
    clear_leftovers(output)
    wanted = _wanted(files, copies)
    if output.is_dir() and previous_manifest(output) == {name: digest for name, (digest, _) in wanted.items()}:
        return len(wanted)  # nothing changed: leave every file as it is
    spare = output.parent / f"{output.name}.previous"
    try:
        _bring_up_to_date(spare, wanted, output)
        swap_in(spare, output)
    except OSError as exc:
        _forget(spare)
        raise BuildFailed(f"could not write the site ({exc.strerror or exc}); {output.name}/ was left as it was") from exc
    except BaseException:
        _forget(spare)
        raise
    return len(wanted)


def _wanted(files: Mapping[str, Content], copies: Iterable[tuple[Path, str]]) -> dict[str, tuple[str, Content]]:
    wanted: dict[str, tuple[str, Content]] = {}
    for source, name in copies:
        data = source.read_bytes()
        wanted[str(safe_relpath(name))] = (hashlib.sha256(data).hexdigest(), data)
    for name, data in files.items():
        digest = data.digest if isinstance(data, (Unchanged, Stored)) else hashlib.sha256(data).hexdigest()
        wanted[str(safe_relpath(name))] = (digest, data)
    return wanted


def _bytes(data: Content, live: Path, name: str) -> bytes:
    if isinstance(data, bytes):
        return data
    found = (data.path if isinstance(data, Stored) else live.joinpath(*PurePosixPath(name).parts)).read_bytes()
    if hashlib.sha256(found).hexdigest() != data.digest:
        raise BuildFailed(f"{live.name}/{name} changed while sitegen was building; build again")
    return found


def _bring_up_to_date(spare: Path, wanted: dict[str, tuple[str, Content]], live: Path) -> None:
    """Write into the spare copy only what differs from what it already holds."""
    if spare.is_symlink() or (spare.exists() and not (spare / MARKER).is_file()):
        raise BuildFailed(f"{spare.name}/ exists but was not made by sitegen; move it away and build again")
    have = previous_manifest(spare) if spare.is_dir() else {}
    spare.mkdir(exist_ok=True)
    write_file(spare / MARKER, b"{}")  # if we are killed now, the spare's manifest says "unknown"
    made: set[Path] = set()
    for name, (digest, data) in sorted(wanted.items()):
        if have.get(name) != digest:
            target = spare.joinpath(*PurePosixPath(name).parts)
            if target.parent not in made:
                target.parent.mkdir(parents=True, exist_ok=True)
                made.add(target.parent)
            write_file(target, _bytes(data, live, name))
    _remove_extra(spare, wanted, have)
    manifest = {name: digest for name, (digest, _) in wanted.items()}
    write_file(spare / MARKER, json.dumps(manifest, sort_keys=True, indent=0).encode())


def write_file(target: Path, data: bytes) -> None:
    # Unlink first: never write through an inode another folder might share (a hard link).
    target.unlink(missing_ok=True)
    target.write_bytes(data)


def _remove_extra(spare: Path, wanted: Mapping[str, object], have: Mapping[str, str]) -> None:
    """Delete files the new site does not have (all unknown files, if the spare's manifest was lost)."""
    if have:
        extra = [spare.joinpath(*PurePosixPath(n).parts) for n in have if n not in wanted]
    else:
        extra = [p for p in spare.rglob("*") if p.is_file() and p.relative_to(spare).as_posix() not in wanted and p.name != MARKER]
    for path in extra:
        path.unlink(missing_ok=True)
        for folder in path.parents:
            if folder == spare or any(folder.iterdir()):
                break
            folder.rmdir()


def _forget(spare: Path) -> None:
    """After a failure the spare holds an unknown mix: say so, so the next build checks every file."""
    try:
        if (spare / MARKER).is_file():
            write_file(spare / MARKER, b"{}")
    except OSError:
        pass


def check_owned(output: Path) -> None:
    if output.is_symlink() or (output.exists() and not output.is_dir()):
        raise BuildFailed(f"{output.name} exists but is not a folder; move it away and build again")
    if output.is_dir() and any(output.iterdir()) and not (output / MARKER).is_file():
        raise BuildFailed(f"the folder {output.name}/ has files that sitegen did not make, so sitegen will not replace it; "
                          "move those files somewhere safe (or delete the folder yourself) and build again")


def clear_leftovers(output: Path) -> None:
    """Remove folders an interrupted build left beside the output (they carry BUILDING or MARKER):
    a first build's hard-linked twin (``<output>.building-*``) and, where the system cannot
    exchange two folders atomically, the parked previous output (``<output>.old-*``)."""
    for pattern in (f"{output.name}.building-*", f"{output.name}.old-*"):
        for sibling in output.parent.glob(pattern):
            if (sibling / BUILDING).exists() or (sibling / MARKER).exists():
                shutil.rmtree(sibling, ignore_errors=True)


def manifest_digest(output: Path) -> str:
    """A hash of what the last complete build wrote into ``output`` ("" when unknown):
    the up-to-date check trusts a folder only while this is unchanged."""
    try:
        return hashlib.sha256((output / MARKER).read_bytes()).hexdigest()
    except OSError:
        return ""


def previous_manifest(output: Path) -> dict[str, str]:
    try:
        data = json.loads((output / MARKER).read_text(encoding="utf-8"))
        return data if isinstance(data, dict) else {}
    except (OSError, ValueError):
        return {}


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


def _link_tree(source: Path, target: Path) -> None:
    target.mkdir()
    write_file(target / BUILDING, b"")
    for folder, dirs, files in os.walk(source):
        here = target / Path(folder).relative_to(source)
        for name in dirs:
            (here / name).mkdir()
        for name in files:
            if name == MARKER:
                write_file(here / name, (Path(folder) / name).read_bytes())
            else:
                os.link(Path(folder) / name, here / name)
    (target / BUILDING).unlink()


def swap_in(spare: Path, output: Path) -> None:
    """Make the spare the live output; the previous output becomes the next build's spare."""
    if not output.exists():
        # First build: publish a hard-linked twin of the spare, so the next build has a
        # spare to update instead of a whole tree to create. Safe because sitegen never
        # writes into an existing file (write_file unlinks first).
        twin = output.parent / f"{output.name}.building-{uuid.uuid4().hex[:8]}"
        _link_tree(spare, twin)
        os.rename(twin, output)
        return
    if _exchange(spare, output):
        return
    parked = output.parent / f"{output.name}.old-{uuid.uuid4().hex[:8]}"
    os.rename(output, parked)
    os.rename(spare, output)
    os.rename(parked, spare)


def update_in_place(output: Path, files: Mapping[str, Content], copies: Iterable[tuple[Path, str]]) -> int:
    """Bring a private folder (the live preview's) up to date, touching only changed files.

    Each file is replaced atomically (write aside, then rename), so the server never
    reads half a page; the preview needs no all-or-nothing swap because nobody
    publishes it, and skipping the swap keeps a one-leaflet edit fast on large sites.
    """
    output.mkdir(parents=True, exist_ok=True)
    old = previous_manifest(output)
    manifest: dict[str, str] = {}
    for name, (digest, data) in sorted(_wanted(files, copies).items()):
        manifest[name] = digest
        if old.get(name) != digest:
            _replace_file(output.joinpath(*safe_relpath(name).parts), _bytes(data, output, name))
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
