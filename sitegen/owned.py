"""The folders sitegen owns inside a site, opened so that nothing can redirect a write.

``output/``, ``output.previous/``, ``.sitegen-cache/`` and the preview folder must be real
folders, made by sitegen, directly inside the site. A cloned repository or an unpacked
archive can bring any of them as a symbolic link to somewhere else (issue 11: a linked
``output.previous/assets`` made a build delete and overwrite files outside the site).
Each is opened with ``O_NOFOLLOW`` relative to the folder above it, one name at a time,
so a link is refused however it got there, and a link swapped in after the check is not
followed either: the write goes through the handle of the folder that was checked.
"""

from __future__ import annotations

import contextlib
import errno
import os
from pathlib import Path, PurePosixPath

from .errors import SitegenError

FOLDER_FLAGS = os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | os.O_CLOEXEC
"""How a folder sitegen owns is opened: a folder, never through a link."""
_FOLDER = FOLDER_FLAGS


class NotOwnedFolder(SitegenError):
    """A folder sitegen writes into is a link or a file."""


def not_a_folder(shown: str) -> str:
    return (f"{shown} is a symbolic link or a file, not a folder that sitegen made, so sitegen will not write "
            "through it; remove it (sitegen makes a new folder) and run sitegen again")


def open_folder_at(parent: int, name: str, shown: str, *, create: bool = True) -> int:
    """A handle on the folder ``name`` inside the folder ``parent`` (a handle), made if missing;
    NotOwnedFolder if it is a link or not a folder."""
    if create:
        try:
            os.mkdir(name, 0o777, dir_fd=parent)
        except FileExistsError:
            pass
        except OSError as exc:
            raise SitegenError(f"could not make the folder {shown} ({exc.strerror or exc})") from exc
    try:
        return os.open(name, _FOLDER, dir_fd=parent)
    except OSError as exc:
        if exc.errno in (errno.ELOOP, errno.ENOTDIR):
            raise NotOwnedFolder(not_a_folder(shown)) from None
        raise SitegenError(f"could not open the folder {shown} ({exc.strerror or exc})") from exc


def open_owned_folder(root: Path, relative: str, *, create: bool = True, shown: str = "") -> int:
    """A handle on ``root/relative`` (e.g. ``.sitegen-cache/preview``), checking every part of
    the way below ``root``. The site folder itself may be reached however the user likes.
    ``shown``: how messages name ``root`` (empty for the site folder)."""
    fd = os.open(root, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
    try:
        for part in PurePosixPath(relative).parts:
            shown += part + "/"
            inner = open_folder_at(fd, part, shown, create=create)
            os.close(fd)
            fd = inner
    except BaseException:
        os.close(fd)
        raise
    return fd


def check_owned_folder(root: Path, relative: str) -> None:
    """Refuse ``root/relative`` if any part of it is a link or a file; it may be missing."""
    try:
        os.close(open_owned_folder(root, relative, create=False))
    except NotOwnedFolder:
        raise
    except SitegenError:
        pass  # missing (or unreadable, which the write that follows reports)


def open_new_file(path: Path, mode: int = 0o644) -> int:
    """A handle on a new, empty file at ``path`` (for reading and writing), never a link's target:
    whatever had that name (a planted link, a killed build's leftover) is removed first."""
    with contextlib.suppress(FileNotFoundError):
        os.unlink(path)
    return os.open(path, os.O_RDWR | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC, mode)


def write_new_file(path: Path, data: bytes) -> None:
    """Write ``data`` into a new file at ``path`` (``open_new_file``)."""
    with os.fdopen(open_new_file(path), "wb") as handle:
        handle.write(data)
