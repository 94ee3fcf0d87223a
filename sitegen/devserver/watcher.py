"""Watch the source folders and report each burst of edits once.

In: the folders to watch (content/, templates/, ...), files to watch on their own
(sitegen.toml, pyproject.toml), folders to ignore (the output and preview folders)
and a callback. Out: one ``on_change(frozenset_of_paths)`` call per burst of edits,
after ``debounce`` seconds of quiet, from a single worker thread.

Why it is built this way:

* Folders are watched, never single files, and a move counts as a change to its
  destination, so an editor's atomic save (write ``x.md.tmp``, rename it over
  ``x.md``) is seen as a change to ``x.md`` (mkdocs#3972, watchexec#179).
* watchdog's handler threads only record paths. A handler that raises kills the
  observer thread silently (watchdog#427, #793), so the real work happens in our
  own worker, inside try/except, and the worker restarts an observer that died.
* Editors' swap, backup and lock files, ``.git`` and the output folder are
  ignored, so saving in vim or building into ``output/`` never loops
  (mkdocs#2519, mdBook#1160, honkit#492). The rule is the build's own
  (``sitegen.filenames``): a file the build ignores never triggers a rebuild, and a
  file the build reads always does.
* If inotify runs out of watches, we fall back to polling with a note (E6).
"""

from __future__ import annotations

import os
import threading
import time
import traceback
from collections.abc import Callable, Sequence
from pathlib import Path
from types import TracebackType

from watchdog.events import DirModifiedEvent, FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer
from watchdog.observers.polling import PollingObserver

from ..console import stderr
from ..filenames import CONFIG_NAMES, is_ignored_path

__all__ = ["Watcher", "default_watch_paths"]


def default_watch_paths(root: Path) -> list[Path]:
    """What ``sitegen serve`` should watch in a project: source folders that exist, plus config files."""
    folders = [root / name for name in ("content", "templates", "feedback") if (root / name).is_dir()]
    return folders + [root / name for name in CONFIG_NAMES]


class _Recorder(FileSystemEventHandler):
    """watchdog handler: records paths and nothing else (it runs on watchdog's thread)."""

    def __init__(self, accept: Callable[[Path], bool], record: Callable[[Path], None]) -> None:
        self._accept = accept
        self._record = record

    def on_any_event(self, event: FileSystemEvent) -> None:
        try:
            # A folder's "modified" event only says a child changed; the child has its own event,
            # and counting the folder would turn a swap-file write into a rebuild.
            if isinstance(event, DirModifiedEvent) or event.event_type in ("opened", "closed_no_write"):
                return
            for raw in (event.src_path, getattr(event, "dest_path", "")):
                if raw:
                    path = Path(os.fsdecode(raw))
                    if self._accept(path):
                        self._record(path)
        except Exception:  # never let the observer thread die (watchdog#427)
            pass


class Watcher:
    """Calls ``on_change(paths)`` once per burst of edits under ``paths``, never concurrently.

    ``paths`` holds folders (watched recursively) and files (their folder is watched
    non-recursively, and only events for those file names count). Anything under
    ``ignore`` is dropped, as are editors' temp files and version-control folders.
    """

    def __init__(self, paths: Sequence[Path], ignore: Sequence[Path], on_change: Callable[[frozenset[Path]], None],
                 debounce: float = 0.15, *, log: Callable[[str], None] = stderr,
                 supervise_every: float = 2.0) -> None:
        self.debounce = debounce
        self._on_change = on_change
        self._log = log
        self._supervise_every = supervise_every
        self._dirs, self._files = self._split_targets(paths)
        self._ignore = self._ignore_forms(ignore)
        self._lock = threading.Lock()
        self._pending: set[Path] = set()
        self._last_event = 0.0
        self._wake = threading.Event()
        self._stopping = threading.Event()
        self._observer: Observer | PollingObserver | None = None
        self._worker: threading.Thread | None = None
        self.polling = False
        """True once we fell back to polling (inotify limit reached, or the platform refused)."""

    # -- setup -------------------------------------------------------------------------------

    @staticmethod
    def _split_targets(paths: Sequence[Path]) -> tuple[list[Path], dict[Path, set[str]]]:
        """Folders to watch recursively, and folder -> file names to watch on their own."""
        dirs: list[Path] = []
        files: dict[Path, set[str]] = {}
        for path in (Path(p).absolute() for p in paths):
            if path.is_dir():
                dirs.append(path)
            elif path.parent.is_dir():  # a config file, maybe not created yet
                files.setdefault(path.parent, set()).add(path.name)
        return dirs, files

    @staticmethod
    def _ignore_forms(ignore: Sequence[Path]) -> tuple[Path, ...]:
        """Each ignored folder as given (absolute) and resolved, so symlinked temp dirs still match."""
        forms: set[Path] = set()
        for path in ignore:
            forms.add(Path(path).absolute())
            forms.add(Path(path).resolve())
        return tuple(forms)

    def _ignored(self, path: Path, folder: Path) -> bool:
        inside = path.relative_to(folder) if path.is_relative_to(folder) else Path(path.name)
        if is_ignored_path(inside):
            return True
        candidates = (path, path.resolve()) if self._ignore else ()
        return any(c.is_relative_to(ig) for c in candidates for ig in self._ignore)

    def _accept_in(self, folder: Path, names: set[str] | None) -> Callable[[Path], bool]:
        def accept(path: Path) -> bool:
            if names is not None and path.name not in names:
                return False
            return not self._ignored(path, folder)
        return accept

    def wants(self, path: Path) -> bool:
        """True if an edit to ``path`` is reported as a change (the rule the build uses, plus ``ignore``)."""
        path = Path(path).absolute()
        for folder in self._dirs:
            if path.is_relative_to(folder):
                return self._accept_in(folder, None)(path)
        names = self._files.get(path.parent)
        return names is not None and self._accept_in(path.parent, names)(path)

    def _record(self, path: Path) -> None:
        with self._lock:
            self._pending.add(path)
            self._last_event = time.monotonic()
            self._wake.set()

    def _new_observer(self, polling: bool) -> Observer | PollingObserver:
        observer = PollingObserver(timeout=0.5) if polling else Observer()
        for folder in self._dirs:
            observer.schedule(_Recorder(self._accept_in(folder, None), self._record), str(folder), recursive=True)
        for folder, names in self._files.items():
            observer.schedule(_Recorder(self._accept_in(folder, names), self._record), str(folder), recursive=False)
        observer.daemon = True
        observer.start()
        return observer

    def _start_observer(self) -> None:
        if not self.polling:
            try:
                self._observer = self._new_observer(polling=False)
                return
            except OSError as error:  # e.g. ENOSPC: the inotify watch limit is reached
                self._log(f"Could not watch for changes the fast way ({error.strerror or error}); "
                          "checking for changes every half second instead.")
                self.polling = True
        self._observer = self._new_observer(polling=True)

    # -- running -----------------------------------------------------------------------------

    def start(self) -> Watcher:
        self._stopping.clear()
        self._start_observer()
        self._worker = threading.Thread(target=self._run, name="sitegen-watch", daemon=True)
        self._worker.start()
        return self

    def stop(self) -> None:
        self._stopping.set()
        self._wake.set()
        observer, self._observer = self._observer, None
        if observer is not None:
            observer.stop()
            observer.join(timeout=5)
        if self._worker is not None and self._worker is not threading.current_thread():
            self._worker.join(timeout=5)

    def __enter__(self) -> Watcher:
        return self.start()

    def __exit__(self, kind: type[BaseException] | None, value: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.stop()

    def _run(self) -> None:
        while not self._stopping.is_set():
            if not self._wake.wait(timeout=self._supervise_every):
                self._supervise()
                continue
            if self._wait_for_quiet():
                self._deliver()

    def _wait_for_quiet(self) -> bool:
        """Sleep until ``debounce`` seconds pass with no new event; False if we are stopping."""
        while True:
            with self._lock:
                remaining = self._last_event + self.debounce - time.monotonic()
            if remaining <= 0:
                return not self._stopping.is_set()
            if self._stopping.wait(remaining):
                return False

    def _deliver(self) -> None:
        with self._lock:
            batch = frozenset(self._pending)
            self._pending.clear()
            self._wake.clear()
        if not batch:
            return
        try:
            self._on_change(batch)
        except Exception:  # a failing rebuild must not stop the watching
            self._log("sitegen hit an internal error while handling a change (it keeps watching):\n"
                      + traceback.format_exc().rstrip())

    def _supervise(self) -> None:
        """Restart an observer thread that died (watchdog#663, #829) so edits are not silently missed."""
        observer = self._observer
        if observer is None or observer.is_alive() or self._stopping.is_set():
            return
        self._log("The file watcher stopped unexpectedly; restarting it.")
        try:
            self._start_observer()
        except Exception as error:
            self._log(f"Could not restart the file watcher ({error}); restart sitegen serve to see new edits.")
