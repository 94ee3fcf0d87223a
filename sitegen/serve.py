"""The preview server behind ``sitegen serve``: serve the last good build, reload on change.

In: a *builder* callable that builds the preview into a folder and reports a
``BuildOutcome``. Out: a local HTTP server that serves only files inside that folder,
adds a live-reload script (and, after a failed build, an error overlay) to HTML
responses as they are sent, and rebuilds when the watcher reports edits.

Design notes (reliability.md section 2 A and E; style.md section 2.7):

* Only the standard library: ``ThreadingHTTPServer`` plus our own path resolver, Host
  check and symlink refusal, because ``http.server`` on its own follows symlinks,
  lists folders and accepts any Host header.
* Live reload is a same-origin long-poll keyed by build id (MkDocs' technique), so it
  needs no WebSocket library and a page reloads only after a rebuild has finished.
* A failed build never stops the server: the last good pages keep being served with an
  overlay that shows the errors, and the next good build clears it.
"""

from __future__ import annotations

import errno
import html
import ipaddress
import json
import os
import re
import socket
import stat
import sys
import threading
import time
import traceback
import urllib.parse
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, Protocol

__all__ = ["BuildOutcome", "Builder", "DevServer", "RELOAD_JS", "exposure_warning", "resolve_request", "serve"]

DEFAULT_HOST = "127.0.0.1"
"""Loopback only: drafts and unsigned leaflets stay on this computer (reliability.md A5)."""

LONG_POLL_SECONDS = 25.0
"""How long the reload endpoint holds a request open before answering 'no change yet'."""

BUILD_WAIT_SECONDS = 60.0
"""Longest a page request waits for a rebuild in progress before it is served anyway."""

FULL_BUILD_AFTER = 100
"""A burst with more changed files than this (a git checkout, say) gets a full build (E7)."""

MAX_TARGET_LENGTH = 2048
"""Longer request targets are refused with 414; no page of ours has a URL this long."""

PREFIX = "/__sitegen__/"
LOOPBACK_NAMES = ("localhost", "127.0.0.1", "[::1]")


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


Builder = Callable[[frozenset[Path] | None], BuildOutcome]
"""Builds the preview; the argument is the set of changed paths, or None for a full build."""


class _Startable(Protocol):
    def start(self) -> Any: ...
    def stop(self) -> Any: ...


WatcherFactory = Callable[[Callable[[frozenset[Path]], None]], _Startable]
"""Given the server's change callback, returns an object with start() and stop() (a ``Watcher``)."""


def _stderr(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


# -- exposure -----------------------------------------------------------------------------------


def is_loopback(host: str) -> bool:
    """True if ``host`` names this computer only (localhost, 127.x.x.x, ::1)."""
    name = host.strip().strip("[]").lower()
    if name == "localhost" or name.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def exposure_warning(host: str) -> str | None:
    """A warning to print when ``host`` makes the preview reachable from other computers, else None."""
    if is_loopback(host):
        return None
    where = "every network this computer is on" if host.strip() in ("", "0.0.0.0", "::", "[::]") else host
    return (f"Warning: the preview is listening on {where}. Anyone on the same network (for example shared "
            "clinic, hospital or NHS Wi-Fi) can open it and read unpublished drafts and leaflets that are not "
            "signed off yet. Stop it with Ctrl+C and run it without --host unless you really mean to share it.")


# -- request paths ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Resolved:
    """Where a request path leads: a file to send, a redirect, or nothing (404)."""

    file: Path | None = None
    redirect: str | None = None


NOT_FOUND = Resolved()
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def _segments(url_path: str) -> list[str] | None:
    """Decode the path once and split it; None if it is unsafe or odd in any way (A1, A8)."""
    if "\\" in url_path or _CONTROL.search(url_path):
        return None
    try:
        decoded = urllib.parse.unquote(url_path, errors="strict")
    except UnicodeDecodeError:
        return None
    # '%' left after one decode means double encoding (%252e); ':' covers drive letters and NTFS streams.
    if any(c in decoded for c in "%\\:") or _CONTROL.search(decoded):
        return None
    parts = [p for p in decoded.split("/") if p]
    # Dot-only segments, and trailing dots or spaces, which Windows silently strips (cpython#157504).
    if any(p.strip(".") == "" or p.endswith((".", " ")) or len(p) > 255 for p in parts):
        return None
    return parts


def _lstat(path: Path) -> os.stat_result | None:
    try:
        return os.lstat(path)
    except (OSError, ValueError):
        return None


def resolve_request(site_dir: Path, url_path: str) -> Resolved:
    """Map a request path (without query) to a regular file inside ``site_dir``, never following a symlink.

    Folders are served through their index.html and never listed; ``/foo`` where foo is a
    folder redirects to ``foo/`` (relative, so it can never point to another site).
    """
    parts = _segments(url_path)
    if parts is None:
        return NOT_FOUND
    root = site_dir.resolve()
    current = root
    for part in parts:  # lstat each component: a symlink anywhere on the way is refused (A4)
        current = current / part
        info = _lstat(current)
        if info is None or stat.S_ISLNK(info.st_mode):
            return NOT_FOUND
    info = _lstat(current)
    if info is not None and stat.S_ISDIR(info.st_mode):
        if parts and not url_path.endswith("/"):
            return Resolved(redirect=urllib.parse.quote(parts[-1]) + "/")
        current = current / "index.html"
        info = _lstat(current)
    if info is None or not stat.S_ISREG(info.st_mode):
        return NOT_FOUND
    # Belt and braces: containment by path components, never by string prefix (A2).
    if not current.resolve().is_relative_to(root):
        return NOT_FOUND
    return Resolved(file=current)


def _open_nofollow(path: Path) -> int:
    """Open for reading without following a symlink swapped in since we checked."""
    return os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0))


# -- types and injection ------------------------------------------------------------------------

CONTENT_TYPES = {
    ".html": "text/html; charset=utf-8", ".htm": "text/html; charset=utf-8", ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8", ".mjs": "text/javascript; charset=utf-8",
    ".json": "application/json", ".map": "application/json", ".webmanifest": "application/manifest+json",
    ".xml": "application/xml", ".txt": "text/plain; charset=utf-8", ".svg": "image/svg+xml",
    ".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".gif": "image/gif",
    ".webp": "image/webp", ".avif": "image/avif", ".ico": "image/x-icon", ".pdf": "application/pdf",
    ".woff": "font/woff", ".woff2": "font/woff2", ".ttf": "font/ttf", ".otf": "font/otf",
}
"""A fixed table, so a page's type never depends on the machine's mime.types file."""


def content_type(path: Path) -> str:
    return CONTENT_TYPES.get(path.suffix.lower(), "application/octet-stream")


RELOAD_JS = """\
// sitegen serve: live reload. Added to pages by the preview server only; never written to disk.
// It long-polls /__sitegen__/reload?since=<build id>. The server answers once a build has
// finished with a different id, and only then does the page reload (the build-id handshake).
(function () {
  "use strict";
  var script = document.currentScript;
  var build = script ? script.getAttribute("data-build") || "" : "";
  var retry = 1000;

  function poll() {
    fetch("/__sitegen__/reload?since=" + encodeURIComponent(build), { cache: "no-store", credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) { throw new Error("status " + response.status); }
        return response.json();
      })
      .then(function (data) {
        retry = 1000;
        if (data && typeof data.build === "string" && data.build !== build) {
          window.location.reload();
        } else {
          poll();
        }
      })
      .catch(function () {
        // The server is restarting or busy: try again, more slowly each time.
        setTimeout(poll, retry);
        retry = Math.min(retry * 2, 10000);
      });
  }

  var hide = document.getElementById("sitegen-error-hide");
  if (hide) {
    hide.hidden = false;
    hide.addEventListener("click", function () {
      var overlay = document.getElementById("sitegen-error-overlay");
      if (overlay) { overlay.hidden = true; }
    });
  }
  poll();
})();
"""
"""Served from /__sitegen__/reload.js (an external file, so a strict Content-Security-Policy still allows it)."""

OVERLAY_TITLE = "This preview is out of date: sitegen found a problem"
OVERLAY_FIX = "Fix the file and save it; this message will go away by itself."


def reload_tag(build_id: str) -> str:
    return f'<script src="{PREFIX}reload.js" data-build="{html.escape(build_id)}"></script>'


def _error_list(errors: Sequence[str]) -> str:
    shown = errors or ("The build failed without a message.",)
    return "".join(f'<pre style="white-space:pre-wrap;margin:.5em 0;padding:.5em;background:#f0f4f5;'
                   f'border-left:4px solid #d5281b;font:15px/1.4 monospace">{html.escape(e)}</pre>' for e in shown)


def overlay_html(errors: Sequence[str]) -> str:
    """The error panel shown over the last good page after a failed build (readable, and announced)."""
    return ('<div id="sitegen-error-overlay" role="alert" aria-labelledby="sitegen-error-title" '
            'style="position:fixed;top:0;left:0;right:0;max-height:85vh;overflow:auto;z-index:2147483647;'
            'box-sizing:border-box;padding:1em 1.5em;background:#fff;color:#212b32;border-bottom:6px solid #d5281b;'
            'box-shadow:0 4px 12px rgba(0,0,0,.35);font:17px/1.5 system-ui,-apple-system,Segoe UI,Arial,sans-serif">'
            f'<h2 id="sitegen-error-title" style="margin:0 0 .5em;font-size:1.3em;color:#d5281b">{OVERLAY_TITLE}</h2>'
            f'<p style="margin:0 0 .5em">{OVERLAY_FIX}</p>'
            f'{_error_list(errors)}'
            '<button type="button" id="sitegen-error-hide" hidden style="font:inherit;padding:.25em .75em">'
            'Hide this message</button></div>')


def inject(body: bytes, build_id: str, errors: Sequence[str] | None) -> bytes:
    """Add the reload script (and the overlay when ``errors`` is given) to an HTML page, at serve time only."""
    text = body.decode("utf-8", errors="surrogateescape")
    if errors is not None:
        # Right after <body> so screen readers meet the problem first; the panel is fixed on top.
        match = re.search(r"<body\b[^>]*>", text, re.IGNORECASE)
        at = match.end() if match else 0
        text = text[:at] + overlay_html(errors) + text[at:]
    tag = reload_tag(build_id)
    end = text.lower().rfind("</body>")
    text = text[:end] + tag + text[end:] if end >= 0 else text + tag
    return text.encode("utf-8", errors="surrogateescape")


def error_page(errors: Sequence[str], build_id: str) -> bytes:
    """Shown for every page while no build has succeeded yet (status 503)."""
    page = ('<!doctype html><html lang="en"><head><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            f'<title>sitegen: the preview could not be built</title></head>'
            '<body style="font:17px/1.5 system-ui,Arial,sans-serif;max-width:60em;margin:2em auto;padding:0 1em">'
            '<main><h1>sitegen could not build the preview</h1>'
            f'<p>{OVERLAY_FIX} This page will reload when the build works.</p>'
            f'{_error_list(errors)}</main></body></html>')
    return inject(page.encode(), build_id, None)


NOT_FOUND_PAGE = (b'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Page not found</title></head>'
                  b'<body><main><h1>Page not found</h1><p>There is no page at this address in the preview.</p>'
                  b'<p><a href="/">Go to the home page</a></p></main></body></html>')


# -- server state -------------------------------------------------------------------------------


@dataclass(frozen=True)
class _State:
    """One consistent snapshot: each request reads it once, so a response never mixes two builds."""

    token: str
    """The id the reload handshake compares: the build id, or a fresh marker after a failed build."""
    site_dir: Path | None
    errors: tuple[str, ...] | None
    """None after a good build; the messages after a failed one."""


class DevServer:
    """Serve the latest good preview build on ``host:port`` and rebuild on request or on change.

    ``start()`` runs the first build and starts serving in a background thread;
    ``rebuild(changed)`` runs the builder (one at a time) and wakes waiting pages;
    ``stop()`` shuts everything down. ``port=0`` picks a free port (see ``.port``).
    """

    def __init__(self, builder: Builder, host: str = DEFAULT_HOST, port: int = 8000,
                 allowed_hosts: Sequence[str] = (), watcher_factory: WatcherFactory | None = None,
                 log: Callable[[str], None] = _stderr) -> None:
        self.builder = builder
        self.host = host
        self.port = port
        self.log = log
        self.allowed_hosts = frozenset(h.strip().lower() for h in allowed_hosts if h.strip())
        self.watcher_factory = watcher_factory
        self._build_lock = threading.Lock()
        self._cond = threading.Condition()
        self._state = _State("", None, ("The preview has not been built yet.",))
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
        if bare in ("", "0.0.0.0", "::"):
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

    @property
    def last_build_ok(self) -> bool:
        return self._state.errors is None

    def start(self) -> DevServer:
        """Bind (so a busy port fails fast), build once, then serve and watch in background threads."""
        warning = exposure_warning(self.host)
        if warning:
            self.log(warning)
        self._httpd = _make_httpd(self)
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

    def _publish(self, outcome: BuildOutcome) -> _State:
        previous = self._state
        site_dir = outcome.site_dir if outcome.site_dir is not None else previous.site_dir
        if outcome.ok:
            state = _State(outcome.build_id or f"build-{time.monotonic_ns()}", site_dir, None)
        else:
            # A fresh token, so open pages reload and show the overlay (and each new failure refreshes it).
            self._failures += 1
            state = _State(f"{outcome.build_id or 'none'}~failed-{self._failures}", site_dir, outcome.errors)
        with self._cond:
            self._state = state
            self._cond.notify_all()
        return state

    def _report(self, state: _State, elapsed_ms: float, first: bool) -> None:
        if state.errors is None:
            self.log(f"{'Built' if first else 'Rebuilt'} in {elapsed_ms:.0f} ms")
            return
        still = ("The preview shows these problems until you fix them."
                 if state.site_dir is None else "The preview still shows the last good build.")
        self.log(f"The build failed. {still}\n" + "\n\n".join(state.errors or ("(no message)",)))

    def snapshot(self) -> _State:
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
        """DNS-rebinding guard (A6): the Host header must name this computer, or be explicitly allowed."""
        if not header:
            return False
        value = header.strip().lower()
        if value in self.allowed_hosts:
            return True
        name, port = _split_host(value)
        if port not in ("", str(self.port)):
            return False
        # An explicit bind address is allowed as a Host too: an IP literal cannot be DNS-rebound.
        bare = self.host.strip("[]").lower()
        explicit = () if bare in ("", "0.0.0.0", "::") else (bare, f"[{bare}]")
        return name in LOOPBACK_NAMES or name in self.allowed_hosts or name in explicit


def _split_host(value: str) -> tuple[str, str]:
    if value.startswith("["):
        name, _, rest = value.partition("]")
        return name + "]", rest[1:] if rest.startswith(":") else ("-" if rest else "")
    name, _, port = value.partition(":")
    return name, port


# -- HTTP -----------------------------------------------------------------------------------------


class _Handler(BaseHTTPRequestHandler):
    """One request. Everything goes through ``_guarded`` so no request can stop the server (A3)."""

    server_version = "sitegen-preview"
    timeout = 30  # a client that sends half a request and stalls is dropped
    dev: DevServer  # set on the subclass made for each server

    def do_GET(self) -> None:
        self._guarded(send_body=True)

    def do_HEAD(self) -> None:
        self._guarded(send_body=False)

    def __getattr__(self, name: str) -> Any:
        # Every other method (POST, PUT, PROPFIND, anything) gets 405, not the stdlib's 501.
        if name.startswith("do_"):
            return self._method_not_allowed
        raise AttributeError(name)

    def _method_not_allowed(self) -> None:
        self._guarded(send_body=self.command != "HEAD", status=HTTPStatus.METHOD_NOT_ALLOWED)

    def version_string(self) -> str:
        return self.server_version

    def log_message(self, format: str, *args: Any) -> None:
        pass  # quiet: no per-request lines in the terminal

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Referrer-Policy", "no-referrer")
        super().end_headers()

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        # The stdlib's error page would echo parts of the request; ours says only the status.
        try:
            self._send(code, _plain_page(code), "text/html; charset=utf-8", send_body=self.command != "HEAD")
        except OSError:
            pass

    # -- plumbing ---

    def _guarded(self, send_body: bool, status: HTTPStatus | None = None) -> None:
        self._sent = False
        try:
            if status is not None:
                self._send(status, _plain_page(status), "text/html; charset=utf-8", send_body,
                           extra={"Allow": "GET, HEAD"})
            else:
                self._route(send_body)
        except (ConnectionError, TimeoutError):
            self.close_connection = True  # the client went away; nothing to answer
        except Exception:
            self.close_connection = True
            self.dev.log("Preview server error (it keeps running):\n" + traceback.format_exc().rstrip())
            if not self._sent:
                try:
                    self._send(500, _plain_page(500), "text/html; charset=utf-8", send_body)
                except OSError:
                    pass

    def _send(self, status: int, body: bytes, ctype: str, send_body: bool,
              extra: dict[str, str] | None = None) -> None:
        self._sent = True
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for key, value in (extra or {}).items():
            self.send_header(key, value)
        self.end_headers()
        if send_body:
            self.wfile.write(body)

    def _route(self, send_body: bool) -> None:
        target = self.path
        if len(target) > MAX_TARGET_LENGTH:
            return self._send(414, _plain_page(414), "text/html; charset=utf-8", send_body)
        if not target.startswith("/") or target.startswith("//"):
            # Absolute-form (GET http://evil/ ...), '*', or a scheme-relative path: not for us (A8).
            return self._send(400, _plain_page(400), "text/html; charset=utf-8", send_body)
        if not self.dev.host_allowed(self.headers.get("Host")):
            return self._send(403, _host_page(), "text/html; charset=utf-8", send_body)
        path, _, query = target.partition("#")[0].partition("?")
        if path.startswith(PREFIX):
            return self._internal(path[len(PREFIX):], query, send_body)
        self._page(path, send_body)

    def _internal(self, name: str, query: str, send_body: bool) -> None:
        if name == "reload.js":
            return self._send(200, RELOAD_JS.encode(), "text/javascript; charset=utf-8", send_body)
        if name == "reload":
            return self._reload(query, send_body)
        self._send(404, _plain_page(404), "text/html; charset=utf-8", send_body)

    def _same_origin(self) -> bool:
        """Cross-site pages must not use the reload channel (A7: CVE-2018-14732, CVE-2025-24010)."""
        origin = self.headers.get("Origin")
        if origin is not None and origin.strip().lower() != "http://" + (self.headers.get("Host") or "").lower():
            return False
        fetch_site = self.headers.get("Sec-Fetch-Site")
        return fetch_site is None or fetch_site.strip().lower() == "same-origin"

    def _reload(self, query: str, send_body: bool) -> None:
        if not self._same_origin():
            return self._send(403, _plain_page(403), "text/html; charset=utf-8", send_body)
        try:
            values = urllib.parse.parse_qs(query, errors="strict", max_num_fields=4).get("since", [""])
        except (UnicodeDecodeError, ValueError):
            values = None
        if values is None or len(values[0]) > 200:
            return self._send(400, _plain_page(400), "text/html; charset=utf-8", send_body)
        token = self.dev.wait_for_change(values[0], LONG_POLL_SECONDS)
        self._send(200, json.dumps({"build": token}).encode(), "application/json", send_body)

    def _page(self, path: str, send_body: bool) -> None:
        state = self.dev.snapshot()
        if state.site_dir is None:
            return self._send(503, error_page(state.errors or (), state.token), "text/html; charset=utf-8", send_body)
        found = resolve_request(state.site_dir, path)
        if found.redirect is not None:
            return self._send(301, b"", "text/plain; charset=utf-8", send_body, extra={"Location": found.redirect})
        status, file = 200, found.file
        if file is None:
            status, file = 404, resolve_request(state.site_dir, "/404.html").file
        if file is None:
            return self._send(404, inject(NOT_FOUND_PAGE, state.token, state.errors), "text/html; charset=utf-8",
                              send_body)
        self._file(status, file, state, send_body)

    def _file(self, status: int, file: Path, state: _State, send_body: bool) -> None:
        try:
            fd = _open_nofollow(file)
        except OSError as error:
            if error.errno in (errno.ELOOP, errno.ENOENT, errno.ENOTDIR, errno.EACCES):
                return self._send(404, inject(NOT_FOUND_PAGE, state.token, state.errors),
                                  "text/html; charset=utf-8", send_body)
            raise
        with os.fdopen(fd, "rb") as handle:
            body = handle.read()
        ctype = content_type(file)
        if ctype.startswith("text/html"):
            body = inject(body, state.token, state.errors)
        self._send(status, body, ctype, send_body)


def _plain_page(status: int) -> bytes:
    try:
        phrase = HTTPStatus(status).phrase
    except ValueError:
        phrase = "Error"
    return (f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{status} {phrase}</title></head>'
            f'<body><h1>{status} {phrase}</h1></body></html>').encode()


def _host_page() -> bytes:
    return ('<!doctype html><html lang="en"><head><meta charset="utf-8"><title>403 Forbidden</title></head><body>'
            '<h1>This address is not allowed</h1><p>Open the preview at http://localhost (with its port), or start '
            'sitegen serve with --allowed-host for this name.</p></body></html>').encode()


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 128  # a browser opens several connections at once; the load test opens 50
    log: Callable[[str], None] = _stderr

    def handle_error(self, request: Any, client_address: Any) -> None:
        # Errors outside our handler (a reset during the request line, say): one line, not a traceback.
        kind = sys.exc_info()[0]
        if kind is not None and not issubclass(kind, (ConnectionError, TimeoutError)):
            self.log(f"Preview server: dropped a bad request ({kind.__name__}); still serving.")


class _Server6(_Server):
    address_family = socket.AF_INET6


def _make_httpd(dev: DevServer) -> ThreadingHTTPServer:
    handler = type("Handler", (_Handler,), {"dev": dev})
    server_class = _Server6 if ":" in dev.host else _Server
    httpd = server_class((dev.host.strip("[]"), dev.port), handler)
    httpd.log = dev.log  # type: ignore[method-assign]
    return httpd


# -- the blocking entry point -----------------------------------------------------------------


def serve(builder: Builder, watch_paths: Sequence[Path], ignore_paths: Sequence[Path], host: str = DEFAULT_HOST,
          port: int = 8000, log: Callable[[str], None] = _stderr, allowed_hosts: Sequence[str] = (),
          debounce: float = 0.15) -> int:
    """Build, serve and watch until Ctrl+C; return the exit code (0 after Ctrl+C, 1 if the port is busy)."""
    from .watch import Watcher

    def watcher_factory(on_change: Callable[[frozenset[Path]], None]) -> Watcher:
        return Watcher(watch_paths, ignore_paths, on_change, debounce, log=log)

    server = DevServer(builder, host, port, allowed_hosts, watcher_factory, log)
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
