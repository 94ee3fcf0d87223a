"""The single place that writes the built site: all or nothing.

The new site is written into a sibling folder and swapped in only when it is
complete, so a failed or interrupted build leaves the previous ``output/`` exactly
as it was. Files whose bytes did not change are hard-linked from the previous build
instead of written again. sitegen only ever deletes folders it made (they carry a
marker file), never a folder it did not create.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import shutil
from pathlib import Path, PurePosixPath
from dataclasses import dataclass
from typing import Iterable, Mapping, Union

from .errors import BuildFailed, SitegenError
from .filenames import CACHE_DIR, OUTPUT_MARKER
from .owned import FOLDER_FLAGS as _FOLDER, NotOwnedFolder, check_owned_folder, not_a_folder, open_folder_at, open_owned_folder

MARKER = OUTPUT_MARKER
"""Written last into every complete build: the build's id (which names its record in
``.sitegen-cache/manifests/``), and proof sitegen made the folder."""
RECORDS = "manifests"
"""The folder in .sitegen-cache/ that holds each build's record (path, digest, size, time)."""
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


@dataclass(frozen=True)
class Placed:
    """Stands for a file a render worker has already written into the spare folder (``Spare``):
    the parent process never holds its bytes, nor receives them through a pipe."""

    digest: str


Content = Union[bytes, Unchanged, Stored, Placed]


def safe_relpath(name: str) -> str:
    """``name`` as a relative path that cannot leave the output folder (``a//./b`` gives ``a/b``,
    as ``PurePosixPath`` would), or BuildFailed. Plain string work: it runs for every file of
    every build, and pathlib's parsing took 0.1 s of a 5,000-leaflet edit (profiled)."""
    parts = [part for part in name.split("/") if part not in ("", ".")]
    if name.startswith("/") or not parts or any(p == ".." or "\\" in p or "\0" in p for p in parts):
        raise BuildFailed(f"refusing to write '{name}': it is not a plain path inside the output folder")
    return "/".join(parts)


def write_site(output: Path, files: Mapping[str, Content], copies: Iterable[tuple[Path, str]], *, trust: bool = True,
               seen: Inspection | None = None, spare: Spare | None = None) -> int:
    """Make ``output`` hold exactly ``files`` (path -> bytes) and ``copies`` (source file, path).

    Double-buffered: the previous build is kept as ``<output>.previous``. The new site is
    made by updating that spare copy (only files that differ are written) and is then
    exchanged with ``output`` in one atomic rename. Creating and deleting thousands of
    folders costs seconds on ext4 here, so reusing the spare keeps rebuilds fast.

    Neither folder is trusted: what each holds is checked against its record (size and
    modification time, then the digest of any file whose time changed), so a page deleted
    or edited by hand is put right. ``trust=False`` (``--no-cache``) rewrites every file.
    ``seen``: ``inspect(output)`` as the build already made it, under the same site lock
    (walking 5,000 folders again cost 0.1 s).
    ``spare``: the spare made ready before rendering (``Spare.ready``), into which render
    workers have already written the files that come here as ``Placed``.
    """
    output = Path(output)
    spare = spare or Spare.ready(output, trust)
    try:
        wanted = _wanted(files, copies)
        if trust and (seen or inspect(output)).intact_as({name: digest for name, (digest, _) in wanted.items()}):
            spare.leave()
            return len(wanted)  # nothing changed: leave every file as it is
        _bring_up_to_date(spare, wanted, output)
        swap_in(spare.path, output)
    except OSError as exc:
        _forget(spare.path)
        raise BuildFailed(f"could not write the site ({exc.strerror or exc}); {output.name}/ was left as it was") from exc
    except BaseException:
        _forget(spare.path)
        raise
    finally:
        spare.close()
    _prune_records(output.parent, (output, spare.path))
    return len(wanted)


class Spare:
    """The spare copy (``<output>.previous``), checked and opened before pages render, so
    render workers can write their own pages into it (``place``) and send back only a digest:
    at 5,000 leaflets the parent no longer receives and holds 67 MB of page bytes.

    Writing into the spare never touches ``output/``: a build that fails after workers wrote
    leaves the spare marked unknown (the next build checks each of its files by digest)."""

    def __init__(self, path: Path, have: Inspection, good: dict[str, str], fd: int) -> None:
        self.path = path
        self.have = have
        self.good = good
        """path -> sha256 of the files in the spare that are exactly as its build wrote them."""
        self.fd = fd
        self._marker = b""
        """The spare's own marker, kept while it is marked unknown (``opening``)."""

    @classmethod
    def ready(cls, output: Path, trust: bool = True) -> Spare:
        """Check both folders are sitegen's, clear an interrupted build's leftovers and read what
        the spare holds."""
        root, path = output.parent, output.parent / f"{output.name}.previous"
        check_owned(output)
        for folder in (output, path):
            check_owned_folder(root, folder.name)
        clear_leftovers(output)
        if path.is_symlink() or (path.exists() and not (path / MARKER).is_file()):
            raise BuildFailed(f"{path.name}/ exists but was not made by sitegen; move it away and build again")
        have = inspect(path) if path.is_dir() else Inspection({}, False, {})
        return cls(path, have, have.manifest if trust else {}, open_owned_folder(root, path.name))

    def opening(self) -> None:
        """Call before anything is written into the spare: from now on its marker says "unknown",
        so if the build is killed the next one checks every file."""
        if not self._marker:
            self._marker = _read_at(self.fd, MARKER) or b"{}"
            write_file(self.fd, MARKER, b"{}")

    def place(self, name: str, data: bytes) -> Placed:
        """Write ``data`` as ``name`` in the spare unless it already holds exactly that. Safe in
        forked workers after the parent's ``opening``: each opens the folders it needs and closes them."""
        digest = hashlib.sha256(data).hexdigest()
        if self.good.get(name) != digest:
            folders = {"": self.fd}
            try:
                parent, base = _folder_for(folders, safe_relpath(name), self.path)
                write_file(parent, base, data)
            finally:
                for key, handle in folders.items():
                    if key:
                        os.close(handle)
        return Placed(digest)

    def leave(self) -> None:
        """The build writes nothing: give the spare back its own marker if no worker wrote into it
        (a new file has a new inode); otherwise it stays unknown."""
        if self._marker and not self._wrote_any():
            write_file(self.fd, MARKER, self._marker)

    def _wrote_any(self) -> bool:
        found = _scan(self.fd, self.path)
        return found.keys() != self.have.found.keys() or any(
            not _same_file(info, self.have.found[name]) for name, info in found.items())

    def close(self) -> None:
        if self.fd >= 0:
            os.close(self.fd)
            self.fd = -1


def _wanted(files: Mapping[str, Content], copies: Iterable[tuple[Path, str]]) -> dict[str, tuple[str, Content]]:
    wanted: dict[str, tuple[str, Content]] = {}
    for source, name in copies:
        data = source.read_bytes()
        wanted[safe_relpath(name)] = (hashlib.sha256(data).hexdigest(), data)
    for name, data in files.items():
        digest = data.digest if isinstance(data, (Unchanged, Stored, Placed)) else hashlib.sha256(data).hexdigest()
        wanted[safe_relpath(name)] = (digest, data)
    return wanted


def _bytes(data: Content, live: Path, name: str) -> bytes:
    if isinstance(data, bytes):
        return data
    found = (data.path if isinstance(data, Stored) else live.joinpath(*PurePosixPath(name).parts)).read_bytes()
    if hashlib.sha256(found).hexdigest() != data.digest:
        raise BuildFailed(f"{live.name}/{name} changed while sitegen was building; build again")
    return found


# --------------------------------------------------------------------------- what a folder holds

Record = dict[str, tuple[str, int, int]]
"""path -> (sha256, size, mtime_ns) of each file a build wrote into a folder."""
_BUILD_ID = re.compile(r"[0-9a-f]{32}")


@dataclass(frozen=True)
class Inspection:
    """A built folder as it really is, compared with what its build recorded."""

    manifest: dict[str, str]
    """path -> sha256 of the recorded files that are still exactly as written."""
    intact: bool
    """Every recorded file is as written and the folder holds nothing else."""
    found: dict[str, os.stat_result]
    """Every regular file in the folder (the marker left out)."""
    extra: tuple[str, ...] = ()
    """Files in the folder that its build did not write (put there by hand): the next build drops them."""

    def intact_as(self, wanted: Mapping[str, str]) -> bool:
        return self.intact and self.manifest == dict(wanted)


def inspect(folder: Path) -> Inspection:
    """What ``folder`` (``output/`` or its spare) holds, checked cheaply against its record:
    size and modification time, and the digest only of a file whose time changed."""
    try:
        fd = open_owned_folder(folder.parent, folder.name, create=False)
    except SitegenError:
        return Inspection({}, False, {})
    try:
        found = _scan(fd, folder)
        record = read_record(folder)
        good = {name: digest for name, (digest, size, mtime) in record.items()
                if _still_written(fd, name, found.get(name), digest, size, mtime)}
    finally:
        os.close(fd)
    extra = tuple(sorted(name for name in found if name not in record)) if record else ()
    return Inspection(good, bool(record) and len(good) == len(record) == len(found), found, extra)


def _still_written(fd: int, name: str, info: os.stat_result | None, digest: str, size: int, mtime: int) -> bool:
    if info is None or info.st_size != size:
        return False
    return info.st_mtime_ns == mtime or _digest_at(fd, name) == digest


def _scan(fd: int, folder: Path) -> dict[str, os.stat_result]:
    """Every regular file under the folder (a handle), by relative path; refuses any symbolic link,
    which sitegen never makes, so a link planted in a built folder can never redirect a write."""
    found: dict[str, os.stat_result] = {}

    def walk(here: int, prefix: str) -> None:
        with os.scandir(here) as entries:  # scandir copies the handle; ours stays open
            for entry in entries:
                relative = prefix + entry.name
                if entry.is_symlink():
                    raise NotOwnedFolder(f"{folder.name}/{relative} is a symbolic link, which sitegen never makes, so sitegen "
                                         f"will not write through it; remove it (or the whole {folder.name}/ folder) and build again")
                if entry.is_dir(follow_symlinks=False):
                    inner = os.open(entry.name, _FOLDER, dir_fd=here)
                    try:
                        walk(inner, relative + "/")
                    finally:
                        os.close(inner)
                elif entry.is_file(follow_symlinks=False) and relative != MARKER:
                    found[relative] = entry.stat(follow_symlinks=False)

    walk(fd, "")
    return found


def _digest_at(fd: int, name: str) -> str:
    try:
        handle = os.open(name, os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC, dir_fd=fd)
    except OSError:
        return ""
    with os.fdopen(handle, "rb") as opened:
        return hashlib.file_digest(opened, "sha256").hexdigest()


def _records_folder(root: Path) -> int:
    """``.sitegen-cache/manifests/``: a build's record lives here, named by the build id in its
    folder's marker, so the published folder shows no list of its files."""
    return open_owned_folder(root, f"{CACHE_DIR}/{RECORDS}")


def _build_id(folder: Path) -> str:
    try:
        found = json.loads(_read_nofollow(folder / MARKER)).get("build", "")
    except (OSError, ValueError, AttributeError):
        return ""
    return found if isinstance(found, str) and _BUILD_ID.fullmatch(found) else ""


def _read_at(fd: int, name: str) -> bytes:
    """The file ``name`` in the folder ``fd`` (b"" when missing)."""
    try:
        handle = os.open(name, os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC, dir_fd=fd)
    except FileNotFoundError:
        return b""
    with os.fdopen(handle, "rb") as opened:
        return opened.read()


def _same_file(a: os.stat_result, b: os.stat_result) -> bool:
    return (a.st_ino, a.st_size, a.st_mtime_ns) == (b.st_ino, b.st_size, b.st_mtime_ns)


def _read_nofollow(path: Path) -> bytes:
    fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC)
    with os.fdopen(fd, "rb") as handle:
        return handle.read()


def read_record(folder: Path) -> Record:
    """What the build that made ``folder`` wrote into it ({} when unknown)."""
    build_id = _build_id(folder)
    if not build_id:
        return {}
    try:
        data = json.loads(_read_nofollow(folder.parent / CACHE_DIR / RECORDS / f"{build_id}.json"))
        return {str(name): (str(d), int(size), int(mtime)) for name, (d, size, mtime) in data["files"].items()}
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return {}


def _save_record(root: Path, record: Record) -> str:
    """Store the record; returns its build id, for the folder's marker. The id is a hash of the
    files' names and digests, so the same site always gets the same marker (reproducible
    output); two folders with the same files share a record, and one whose times then differ
    is checked by digest instead."""
    names = hashlib.sha256()
    for name, (digest, _, _) in sorted(record.items()):
        names.update(f"{name}\0{digest}\0".encode())
    build_id = names.hexdigest()[:32]
    data = json.dumps({"files": {name: list(entry) for name, entry in sorted(record.items())}}, indent=0).encode()
    fd = _records_folder(root)
    try:
        _replace_at(fd, f"{build_id}.json", data)
    finally:
        os.close(fd)
    return build_id


def _prune_records(root: Path, folders: Iterable[Path]) -> None:
    """Delete the records no built folder names any more."""
    keep = {f"{_build_id(folder)}.json" for folder in folders}
    try:
        fd = _records_folder(root)
    except SitegenError:
        return
    try:
        for name in os.listdir(fd):
            if name not in keep:
                with contextlib.suppress(OSError):
                    os.unlink(name, dir_fd=fd)
    finally:
        os.close(fd)


def previous_manifest(output: Path) -> dict[str, str]:
    """path -> sha256 of the files in ``output`` that are still exactly as its build wrote them."""
    return inspect(output).manifest


def manifest_digest(output: Path) -> str:
    """A hash of the last complete build's marker in ``output`` ("" when unknown): the
    up-to-date check trusts a folder only while this is unchanged (and the folder is intact)."""
    try:
        return hashlib.sha256(_read_nofollow(output / MARKER)).hexdigest()
    except OSError:
        return ""


# --------------------------------------------------------------------------- updating the spare

def _bring_up_to_date(spare: Spare, wanted: dict[str, tuple[str, Content]], live: Path) -> None:
    """Write into the spare copy only what differs from what it really holds, relative to
    folder handles opened without following links, so nothing outside it can be written.
    A ``Placed`` file is already there (a render worker wrote it)."""
    spare.opening()
    folders: dict[str, int] = {"": spare.fd}
    try:
        record: Record = {}
        for name, (digest, data) in sorted(wanted.items()):
            parent, base = _folder_for(folders, name, spare.path)
            if not isinstance(data, Placed) and spare.good.get(name) != digest:
                write_file(parent, base, _bytes(data, live, name))
            info = os.stat(base, dir_fd=parent, follow_symlinks=False)
            record[name] = (digest, info.st_size, info.st_mtime_ns)
        _remove_extra(folders, [name for name in spare.have.found if name not in wanted], spare.path)
        build_id = _save_record(spare.path.parent, record)
        write_file(spare.fd, MARKER, json.dumps({"build": build_id}).encode())
    finally:
        for key, handle in folders.items():
            if key:
                os.close(handle)


def _folder_for(folders: dict[str, int], name: str, spare: Path) -> tuple[int, str]:
    """The handle of the folder that holds ``name`` (made if missing), and its last part.
    Only the handles on the way to ``name`` stay open: keeping one per folder ran out of
    file handles on a 20,000-leaflet site (measured: "Too many open files")."""
    parts = name.split("/")  # already plain (``safe_relpath``, or found by ``_scan``)
    on_the_way = {"/".join(parts[:depth]) for depth in range(len(parts))}
    for passed in [key for key in folders if key not in on_the_way]:
        os.close(folders.pop(passed))
    key = ""
    for part in parts[:-1]:
        inner = f"{key}/{part}" if key else part
        if inner not in folders:
            folders[inner] = open_folder_at(folders[key], part, f"{spare.name}/{inner}/")
        key = inner
    return folders[key], parts[-1]


def write_file(folder: int, name: str, data: bytes) -> None:
    """Write a new file ``name`` in the folder ``folder`` (a handle)."""
    # Unlink first: never write through an inode another folder might share (a hard link),
    # nor through a link someone put there.
    with contextlib.suppress(FileNotFoundError):
        os.unlink(name, dir_fd=folder)
    _write_at(folder, name, data)


def _write_at(folder: int, name: str, data: bytes) -> None:
    fd = os.open(name, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC, 0o644, dir_fd=folder)
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)


def _remove_extra(folders: dict[str, int], extra: list[str], spare: Path) -> None:
    """Delete the files the new site does not have (any file not written for it), and folders left empty."""
    emptied: set[str] = set()
    for name in extra:
        parent, base = _folder_for(folders, name, spare)
        with contextlib.suppress(FileNotFoundError):
            os.unlink(base, dir_fd=parent)
        folder = PurePosixPath(name).parent
        while str(folder) != ".":
            emptied.add(str(folder))
            folder = folder.parent
    for folder in sorted(emptied, key=lambda f: f.count("/"), reverse=True):
        above, last = _folder_for(folders, folder, spare)
        with contextlib.suppress(OSError):  # not empty (or a link, which rmdir does not follow): kept
            os.rmdir(last, dir_fd=above)


def _forget(spare: Path) -> None:
    """After a failure the spare holds an unknown mix: say so, so the next build checks every file."""
    try:
        if (spare / MARKER).is_file() and not spare.is_symlink():
            fd = open_owned_folder(spare.parent, spare.name, create=False)
            try:
                write_file(fd, MARKER, b"{}")
            finally:
                os.close(fd)
    except (OSError, SitegenError):
        pass


def check_owned(output: Path) -> None:
    if output.is_symlink():
        raise NotOwnedFolder(not_a_folder(f"{output.name}/"))
    if output.exists() and not output.is_dir():
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
            if sibling.is_symlink():
                continue  # not made by sitegen: never followed, never deleted
            if (sibling / BUILDING).exists() or (sibling / MARKER).exists():
                shutil.rmtree(sibling, ignore_errors=True)


_RENAME_EXCHANGE = 2


def _exchange(a: Path, b: Path) -> bool:
    """Atomically swap two paths (Linux renameat2). False where the system cannot."""
    import ctypes.util  # here, not at the top: a build with nothing to do never swaps

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
    (target / BUILDING).write_bytes(b"")
    for folder, dirs, files in os.walk(source):
        here = target / Path(folder).relative_to(source)
        for name in dirs:
            (here / name).mkdir()
        for name in files:
            if name == MARKER:
                (here / name).write_bytes((Path(folder) / name).read_bytes())
            else:
                os.link(Path(folder) / name, here / name, follow_symlinks=False)
    (target / BUILDING).unlink()


def swap_in(spare: Path, output: Path) -> None:
    """Make the spare the live output; the previous output becomes the next build's spare."""
    if not output.exists():
        # First build: publish a hard-linked twin of the spare, so the next build has a
        # spare to update instead of a whole tree to create. Safe because sitegen never
        # writes into an existing file (write_file unlinks first).
        twin = output.parent / f"{output.name}.building-{os.urandom(4).hex()}"
        _link_tree(spare, twin)
        os.rename(twin, output)
        return
    if _exchange(spare, output):
        return
    parked = output.parent / f"{output.name}.old-{os.urandom(4).hex()}"
    os.rename(output, parked)
    os.rename(spare, output)
    os.rename(parked, spare)


def update_in_place(output: Path, files: Mapping[str, Content], copies: Iterable[tuple[Path, str]], shown: str = "") -> int:
    """Bring a private folder (the live preview's) up to date, touching only changed files.

    Each file is replaced atomically (write aside, then rename), so the server never
    reads half a page; the preview needs no all-or-nothing swap because nobody
    publishes it, and skipping the swap keeps a one-leaflet edit fast on large sites.
    Written relative to folder handles, never through a link (``owned``); ``shown`` names
    the folder that holds ``output`` in messages.
    """
    fd = open_owned_folder(output.parent, output.name, shown=shown)
    folders: dict[str, int] = {"": fd}
    try:
        old = preview_manifest(output)
        manifest: dict[str, str] = {}
        for name, (digest, data) in sorted(_wanted(files, copies).items()):
            manifest[name] = digest
            if old.get(name) != digest:
                parent, base = _folder_for(folders, name, output)
                _replace_at(parent, base, _bytes(data, output, name))
        for name in set(old) - set(manifest):
            try:
                parent, base = _folder_for(folders, safe_relpath(name), output)
                os.unlink(base, dir_fd=parent)
            except (OSError, SitegenError):
                pass
        _replace_at(fd, MARKER, json.dumps(manifest, sort_keys=True, indent=0).encode())
    finally:
        for handle in folders.values():
            os.close(handle)
    return len(manifest)


def preview_manifest(folder: Path) -> dict[str, str]:
    """path -> sha256 of the preview folder's files, from its marker ({} when unknown)."""
    try:
        data = json.loads(_read_nofollow(folder / MARKER))
    except (OSError, ValueError):
        return {}
    return {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}


def _replace_at(folder: int, name: str, content: bytes) -> None:
    aside = f".{name}.{os.urandom(4).hex()}.tmp"
    _write_at(folder, aside, content)
    os.replace(aside, name, src_dir_fd=folder, dst_dir_fd=folder)
