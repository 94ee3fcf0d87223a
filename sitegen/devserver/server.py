"""The preview server behind ``sitegen serve``: serve the last good build, reload on change.

In: a *builder* callable that builds the preview into a folder and reports a
``BuildOutcome``. Out: a local HTTP server that serves only files inside that folder,
adds a live-reload script (and, after a failed build, an error overlay) to HTML
responses as they are sent, and rebuilds when the watcher reports edits.

Why it is built this way:

* Only the standard library: ``ThreadingHTTPServer`` plus our own path resolver, Host
  check and symlink refusal, because ``http.server`` on its own follows symlinks,
  lists folders and accepts any Host header.
* Live reload is a same-origin long-poll keyed by build id (MkDocs' technique), so it
  needs no WebSocket library and a page reloads only after a rebuild has finished.
* A failed build never stops the server: the last good pages keep being served with an
  overlay that shows the errors, and the next good build clears it.
* This package imports nothing of the build pipeline: it is given a builder
  (``tests/test_devserver_imports.py`` holds it to that).
"""

from __future__ import annotations

import errno
import threading
import time
import traceback
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from http.server import ThreadingHTTPServer
from pathlib import Path
from typing import Any, Protocol

from ..console import stderr
from .handler import OnDemand, Snapshot, make_httpd
from .hosts import WILDCARDS, exposure_warning, host_allowed

DEFAULT_HOST = "127.0.0.1"
"""Loopback only: drafts and unsigned leaflets stay on this computer."""

BUILD_WAIT_SECONDS = 60.0
"""Longest a page request waits for a rebuild in progress before it is served anyway."""

FULL_BUILD_AFTER = 100
"""A burst with more changed files than this (a git checkout, say) gets a full build."""


@dataclass(frozen=True)
class BuildOutcome:
    """What one build reports to the server."""

    ok: bool
    """True if the build succeeded and ``site_dir`` holds its output."""
    build_id: str
    """Changes on every successful build; the reload handshake compares it."""
    site_dir: Path | None
    """Folder holding the complete preview build to serve (the last good one); None before the first good build."""
    errors: tuple[str, ...] = ()
    """Plain-English messages like ``content/asthma.md:3:8: error: ...\\n  hint: ...``, for the overlay and terminal."""
    page_errors: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    """After a good build: the errors of single pages, by their address ("/asthma/"). The rest of
    the site is served as usual; each of these pages gets its own overlay."""


Builder = Callable[[frozenset[Path] | None], BuildOutcome]
"""Builds the preview; the argument is the set of changed paths, or None for a full build."""


class _Startable(Protocol):
    def start(self) -> Any: ...
    def stop(self) -> Any: ...


WatcherFactory = Callable[[Callable[[frozenset[Path]], None]], _Startable]
"""Given the server's change callback, returns an object with start() and stop() (a ``Watcher``)."""


class DevServer:
    """Serve the latest good preview build on ``host:port`` and rebuild on request or on change.

    ``start()`` runs the first build and starts serving in a background thread;
    ``rebuild(changed)`` runs the builder (one at a time) and wakes waiting pages;
    ``stop()`` shuts everything down. ``port=0`` picks a free port (see ``.port``).
    """

    def __init__(self, builder: Builder, host: str = DEFAULT_HOST, port: int = 8000,
                 allowed_hosts: Sequence[str] = (), watcher_factory: WatcherFactory | None = None,
                 log: Callable[[str], None] = stderr, on_demand: OnDemand | None = None) -> None:
        self.builder = builder
        self.host = host
        self.port = port
        self.log = log
        self.allowed_hosts = frozenset(h.strip().lower() for h in allowed_hosts if h.strip())
        self.watcher_factory = watcher_factory
        self.on_demand = on_demand
        self._build_lock = threading.Lock()
        self._cond = threading.Condition()
        self._state = Snapshot("", None, ("The preview has not been built yet.",))
        self._failures = 0
        self._building = False
        self._stopping = False
        self._httpd: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None
        self._watcher: _Startable | None = None

    # -- lifecycle ---

    @property
    def url(self) -> str:
        """Where to open the preview (a wildcard bind is shown as 127.0.0.1)."""
        bare = self.host.strip("[]")
        if bare in WILDCARDS:
            bare = "127.0.0.1"
        return f"http://{f'[{bare}]' if ':' in bare else bare}:{self.port}/"

    @property
    def build_id(self) -> str:
        """The id pages were last told about (changes after every build, good or failed)."""
        return self._state.token

    @property
    def site_dir(self) -> Path | None:
        """The folder being served (the last good build), or None before the first good build."""
        return self._state.site_dir

    def start(self) -> DevServer:
        """Bind (so a busy port fails fast), build once, then serve and watch in background threads."""
        warning = exposure_warning(self.host)
        if warning:
            self.log(warning)
        self._httpd = make_httpd(self)
        self.port = self._httpd.server_address[1]
        if self.watcher_factory is not None:  # before the first build, so edits made during it are not lost
            self._watcher = self.watcher_factory(self._on_change)
            self._watcher.start()
        self.rebuild(None)
        self._thread = threading.Thread(target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05},
                                        name="sitegen-serve", daemon=True)
        self._thread.start()
        self.log(f"Serving the preview at {self.url} (press Ctrl+C to stop)")
        return self

    def stop(self) -> None:
        with self._cond:
            self._stopping = True
            self._cond.notify_all()  # release long-polls so their threads end promptly
        if self._watcher is not None:
            self._watcher.stop()
            self._watcher = None
        if self._thread is not None:  # shutdown() would wait forever if serve_forever never ran
            assert self._httpd is not None
            self._httpd.shutdown()
            self._thread.join(timeout=5)
            self._thread = None
        if self._httpd is not None:
            self._httpd.server_close()
            self._httpd = None

    def __enter__(self) -> DevServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # -- building ---

    def _on_change(self, changed: frozenset[Path]) -> None:
        self.rebuild(None if len(changed) > FULL_BUILD_AFTER else changed)

    def rebuild(self, changed: frozenset[Path] | None = None) -> BuildOutcome:
        """Run the builder (never two at once), publish its outcome to pages, and report it in the terminal."""
        with self._build_lock:
            first = self._state.token == ""
            self._set_building(True)
            try:
                started = time.perf_counter()
                outcome = self._run_builder(changed)
                elapsed_ms = (time.perf_counter() - started) * 1000
                self._report(self._publish(outcome), elapsed_ms, first)
            finally:
                self._set_building(False)
        return outcome

    def _set_building(self, building: bool) -> None:
        with self._cond:
            self._building = building
            self._cond.notify_all()

    def _run_builder(self, changed: frozenset[Path] | None) -> BuildOutcome:
        previous = self._state
        try:
            outcome = self.builder(changed)
        except Exception as error:  # a crashing build must not take the server down (E4)
            self.log(traceback.format_exc().rstrip())
            return BuildOutcome(False, previous.token, previous.site_dir,
                                (f"sitegen stopped with an internal error while building: {error!r}\n"
                                 "  hint: this is a bug in sitegen, not in your leaflet; "
                                 "the details are in the terminal",))
        if outcome.ok and outcome.site_dir is None:
            return BuildOutcome(False, outcome.build_id, previous.site_dir,
                                ("the build reported success but gave no folder to serve",))
        return outcome

    def _publish(self, outcome: BuildOutcome) -> Snapshot:
        previous = self._state
        site_dir = outcome.site_dir if outcome.site_dir is not None else previous.site_dir
        if outcome.ok:
            state = Snapshot(outcome.build_id or f"build-{time.monotonic_ns()}", site_dir, None,
                             dict(outcome.page_errors))
        else:
            # A fresh token, so open pages reload and show the overlay (and each new failure refreshes it).
            self._failures += 1
            state = Snapshot(f"{outcome.build_id or 'none'}~failed-{self._failures}", site_dir, outcome.errors)
        with self._cond:
            self._state = state
            self._cond.notify_all()
        return state

    def _report(self, state: Snapshot, elapsed_ms: float, first: bool) -> None:
        if state.errors is None:
            self.log(f"{'Built' if first else 'Rebuilt'} in {elapsed_ms:.0f} ms")
            if state.page_errors:
                self.log(page_errors_report(state.page_errors))
            return
        still = ("The preview shows these problems until you fix them."
                 if state.site_dir is None else "The preview still shows the last good build.")
        self.log(f"The build failed. {still}\n" + "\n\n".join(state.errors or ("(no message)",)))

    def snapshot(self) -> Snapshot:
        """The build state for one request, read once so a response never mixes two builds.

        A builder may update its folder in place, so while a rebuild runs, page requests wait
        for it to finish (MkDocs does the same) rather than risk a half-written site (A9).
        """
        with self._cond:
            self._cond.wait_for(lambda: not self._building or self._stopping, timeout=BUILD_WAIT_SECONDS)
            return self._state

    def wait_for_change(self, since: str, timeout: float) -> str:
        """Block until the build token differs from ``since`` (or timeout/stop); return the current token."""
        with self._cond:
            self._cond.wait_for(lambda: self._state.token != since or self._stopping, timeout=timeout)
            return self._state.token

    # -- request checks ---

    def host_allowed(self, header: str | None) -> bool:
        """DNS-rebinding guard: the Host header must name this computer, or be explicitly allowed."""
        return host_allowed(header, self.host, self.port, self.allowed_hosts)


def page_errors_report(page_errors: Mapping[str, tuple[str, ...]]) -> str:
    count = len(page_errors)
    which = "1 leaflet has" if count == 1 else f"{count} leaflets have"
    return (f"{which} errors; the preview shows each with its problems, and the rest of the site as usual:\n"
            + "\n\n".join(e for found in page_errors.values() for e in found))


def serve(builder: Builder, watch_paths: Sequence[Path], ignore_paths: Sequence[Path], host: str = DEFAULT_HOST,
          port: int = 8000, log: Callable[[str], None] = stderr, allowed_hosts: Sequence[str] = (),
          debounce: float = 0.15, on_demand: OnDemand | None = None) -> int:
    """Build, serve and watch until Ctrl+C; return the exit code (0 after Ctrl+C, 1 if the port is busy)."""
    from .watcher import Watcher

    def watcher_factory(on_change: Callable[[frozenset[Path]], None]) -> Watcher:
        return Watcher(watch_paths, ignore_paths, on_change, debounce, log=log)

    server = DevServer(builder, host, port, allowed_hosts, watcher_factory, log, on_demand)
    try:
        server.start()
        while True:
            time.sleep(0.5)
    except KeyboardInterrupt:
        log("Stopping the preview server.")
    except OSError as error:
        log(_bind_failure(error, host, port))
        return 1
    finally:
        server.stop()
    return 0


def _bind_failure(error: OSError, host: str, port: int) -> str:
    if error.errno == errno.EADDRINUSE:
        return f"Port {port} is already in use (is another sitegen serve running?). Try --port {port + 1}."
    return f"Could not start the preview server on {host}:{port}: {error.strerror or error}"
