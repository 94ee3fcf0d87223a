"""HTTP for the preview: one request at a time goes through ``_Handler``; no request can stop the server.

The handler asks its ``DevServer`` for the current build (one snapshot per request),
resolves the path inside that build's folder, and adds the reload script (and the error
overlay after a failed build) to HTML as it is sent.
"""

from __future__ import annotations

import errno
import json
import os
import socket
import sys
import threading
import time
import traceback
import urllib.parse
from collections.abc import Callable, Mapping
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from dataclasses import dataclass, field
from typing import Any, Protocol

from ..addresses import NOT_FOUND
from ..console import stderr
from .pages import NOT_FOUND_PAGE, PREFIX, RELOAD_JS, error_page, host_page, inject, plain_page
from .paths import content_type, open_nofollow, resolve_request


@dataclass(frozen=True)
class Snapshot:
    """One consistent state of the preview: each request reads it once, so a response never mixes two builds."""

    token: str
    """The id the reload handshake compares: the build id, or a fresh marker after a failed build."""
    site_dir: Path | None
    errors: tuple[str, ...] | None
    """None after a good build; the messages after a failed one."""
    page_errors: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    """After a good build, the errors of single pages by address ("/asthma/"): those pages get an overlay."""

    def errors_for(self, path: str) -> tuple[str, ...] | None:
        """What the overlay on the page at `path` shows: the failed build's errors, else that page's own."""
        if self.errors is not None or not self.page_errors:
            return self.errors
        folder = path[: -len("index.html")] if path.endswith("/index.html") else path
        return self.page_errors.get(folder if folder.endswith("/") else folder + "/")


OnDemand = Callable[[str], "tuple[bytes, str] | None"]
"""Makes a file that no build writes, when it is asked for (the print preview): the
request path in, (body, content type) or None (not found) out."""


class Preview(Protocol):
    """What a request needs from the server (``server.DevServer``)."""

    host: str
    port: int
    on_demand: OnDemand | None

    def log(self, message: str) -> None: ...
    def host_allowed(self, header: str | None) -> bool: ...
    def snapshot(self) -> Snapshot: ...
    def wait_for_change(self, since: str, timeout: float) -> str: ...


LONG_POLL_SECONDS = 25.0
"""How long the reload endpoint holds a request open before answering 'no change yet'."""

MAX_TARGET_LENGTH = 2048
"""Longer request targets are refused with 414; no page of ours has a URL this long."""

MAX_WORKERS = 64
"""Requests handled at once (one thread each); more are answered 503 at once. A browser opens
at most 6 connections to one host (Chromium's HTTP/1.1 limit), so this serves a burst from
ten tabs at once, while 1,000 connections can no longer make 1,000 threads. Our own number,
needs review."""

MAX_RELOAD_POLLS = 32
"""Open live-reload polls (one per open tab); more are answered 503 and the page's script
retries more slowly. Below MAX_WORKERS so that pages still load while polls are held."""

REQUEST_SECONDS = 10.0
"""A client must send its whole request line and headers within this (slowloris: a byte every
29 s kept a thread for ever under the 30 s per-read timeout alone). Our own number, needs review."""

_BUSY_TEXT = b"The preview is busy; try again in a moment."
BUSY = (b"HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/plain; charset=utf-8\r\nRetry-After: 1\r\n"
        b"Content-Length: %d\r\nConnection: close\r\n\r\n%s" % (len(_BUSY_TEXT), _BUSY_TEXT))
"""What a request over MAX_WORKERS gets, sent by the accepting thread without reading the request."""


class _Handler(BaseHTTPRequestHandler):
    """One request. Everything goes through ``_guarded`` so no request can stop the server (A3)."""

    server_version = "sitegen-preview"
    timeout = 30  # a client that sends half a request and stalls is dropped
    dev: Preview  # set on the subclass made for each server

    def handle_one_request(self) -> None:
        self.server.watchdog.expect_request(self.connection)  # type: ignore[attr-defined]
        super().handle_one_request()

    def parse_request(self) -> bool:
        parsed = super().parse_request()  # reads the headers: still under the deadline
        self.server.watchdog.request_read(self.connection)  # type: ignore[attr-defined]
        return parsed

    def finish(self) -> None:
        self.server.watchdog.request_read(self.connection)  # type: ignore[attr-defined]
        super().finish()

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
            self._send(code, plain_page(code), "text/html; charset=utf-8", send_body=self.command != "HEAD")
        except OSError:
            pass

    # -- plumbing ---

    def _guarded(self, send_body: bool, status: HTTPStatus | None = None) -> None:
        self._sent = False
        try:
            if status is not None:
                self._send(status, plain_page(status), "text/html; charset=utf-8", send_body,
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
                    self._send(500, plain_page(500), "text/html; charset=utf-8", send_body)
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
            return self._send(414, plain_page(414), "text/html; charset=utf-8", send_body)
        if not target.startswith("/") or target.startswith("//"):
            # Absolute-form (GET http://evil/ ...), '*', or a scheme-relative path: not for us (A8).
            return self._send(400, plain_page(400), "text/html; charset=utf-8", send_body)
        if not self.dev.host_allowed(self.headers.get("Host")):
            return self._send(403, host_page(), "text/html; charset=utf-8", send_body)
        path, _, query = target.partition("#")[0].partition("?")
        if path.startswith(PREFIX):
            return self._internal(path[len(PREFIX):], query, send_body)
        self._page(path, send_body)

    def _internal(self, name: str, query: str, send_body: bool) -> None:
        if name == "reload.js":
            return self._send(200, RELOAD_JS.encode(), "text/javascript; charset=utf-8", send_body)
        if name == "reload":
            return self._reload(query, send_body)
        self._send(404, plain_page(404), "text/html; charset=utf-8", send_body)

    def _same_origin(self) -> bool:
        """Cross-site pages must not use the reload channel (A7: CVE-2018-14732, CVE-2025-24010)."""
        origin = self.headers.get("Origin")
        if origin is not None and origin.strip().lower() != "http://" + (self.headers.get("Host") or "").lower():
            return False
        fetch_site = self.headers.get("Sec-Fetch-Site")
        return fetch_site is None or fetch_site.strip().lower() == "same-origin"

    def _reload(self, query: str, send_body: bool) -> None:
        if not self._same_origin():
            return self._send(403, plain_page(403), "text/html; charset=utf-8", send_body)
        try:
            values = urllib.parse.parse_qs(query, errors="strict", max_num_fields=4).get("since", [""])
        except (UnicodeDecodeError, ValueError):
            values = None
        if values is None or len(values[0]) > 200:
            return self._send(400, plain_page(400), "text/html; charset=utf-8", send_body)
        polls = self.server.polls  # type: ignore[attr-defined]
        if not polls.acquire(blocking=False):
            return self._send(503, plain_page(503), "text/html; charset=utf-8", send_body, extra={"Retry-After": "5"})
        try:
            token = self.dev.wait_for_change(values[0], LONG_POLL_SECONDS)
        finally:
            polls.release()
        self._send(200, json.dumps({"build": token}).encode(), "application/json", send_body)

    def _page(self, path: str, send_body: bool) -> None:
        state = self.dev.snapshot()
        if state.site_dir is None:
            return self._send(503, error_page(state.errors or (), state.token), "text/html; charset=utf-8", send_body)
        found = resolve_request(state.site_dir, path)
        if found.redirect is not None:
            return self._send(301, b"", "text/plain; charset=utf-8", send_body, extra={"Location": found.redirect})
        status, file = 200, found.file
        made = self.dev.on_demand(path) if file is None and self.dev.on_demand is not None else None
        if made is not None:
            return self._send(200, made[0], made[1], send_body)
        if file is None:
            status, file = 404, resolve_request(state.site_dir, "/" + NOT_FOUND.file).file
        if file is None:
            return self._send(404, inject(NOT_FOUND_PAGE, state.token, state.errors), "text/html; charset=utf-8",
                              send_body)
        self._file(status, file, state, send_body)

    def _file(self, status: int, file: Path, state: Snapshot, send_body: bool) -> None:
        try:
            fd = open_nofollow(file)
        except OSError as error:
            if error.errno in (errno.ELOOP, errno.ENOENT, errno.ENOTDIR, errno.EACCES):
                return self._send(404, inject(NOT_FOUND_PAGE, state.token, state.errors),
                                  "text/html; charset=utf-8", send_body)
            raise
        with os.fdopen(fd, "rb") as handle:
            body = handle.read()
        ctype = content_type(file)
        if ctype.startswith("text/html"):
            errors = state.errors_for(urllib.parse.unquote(self.path.partition("#")[0].partition("?")[0]))
            body = inject(body, state.token, errors, own=state.errors is None)
        self._send(status, body, ctype, send_body)


class _Watchdog:
    """Closes connections that take longer than REQUEST_SECONDS to send a request: one thread
    for the whole server, instead of a timer per connection."""

    def __init__(self, seconds: float | None = None) -> None:
        self.seconds = REQUEST_SECONDS if seconds is None else seconds
        self._deadlines: dict[socket.socket, float] = {}
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="preview watchdog", daemon=True)
        self._thread.start()

    def expect_request(self, connection: socket.socket) -> None:
        with self._lock:
            self._deadlines[connection] = time.monotonic() + self.seconds

    def request_read(self, connection: socket.socket) -> None:
        with self._lock:
            self._deadlines.pop(connection, None)

    def stop(self) -> None:
        self._stop.set()

    def _run(self) -> None:
        while not self._stop.wait(0.25):
            now = time.monotonic()
            with self._lock:
                late = [c for c, deadline in self._deadlines.items() if deadline < now]
                for connection in late:
                    del self._deadlines[connection]
            for connection in late:
                try:
                    connection.shutdown(socket.SHUT_RDWR)  # the handler's blocked read returns at once
                except OSError:
                    pass


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 128  # a browser opens several connections at once; the load test opens 50
    log: Callable[[str], None] = staticmethod(stderr)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self.workers = threading.BoundedSemaphore(MAX_WORKERS)
        self.polls = threading.BoundedSemaphore(MAX_RELOAD_POLLS)
        self.watchdog = _Watchdog()
        super().__init__(*args, **kwargs)

    def process_request(self, request: Any, client_address: Any) -> None:
        if not self.workers.acquire(blocking=False):
            self._refuse(request)
            return
        try:
            super().process_request(request, client_address)
        except BaseException:
            self.workers.release()
            raise

    def process_request_thread(self, request: Any, client_address: Any) -> None:
        try:
            super().process_request_thread(request, client_address)
        finally:
            self.workers.release()

    def _refuse(self, request: socket.socket) -> None:
        """Answer 503 from the accepting thread without ever waiting on the client."""
        try:
            request.setblocking(False)
            request.send(BUSY)
        except OSError:
            pass
        self.shutdown_request(request)

    def server_close(self) -> None:
        self.watchdog.stop()
        super().server_close()

    def handle_error(self, request: Any, client_address: Any) -> None:
        # Errors outside our handler (a reset during the request line, say): one line, not a traceback.
        kind = sys.exc_info()[0]
        if kind is not None and not issubclass(kind, (ConnectionError, TimeoutError)):
            self.log(f"Preview server: dropped a bad request ({kind.__name__}); still serving.")


class _Server6(_Server):
    address_family = socket.AF_INET6


def make_httpd(dev: Preview) -> ThreadingHTTPServer:
    handler = type("Handler", (_Handler,), {"dev": dev})
    server_class = _Server6 if ":" in dev.host else _Server
    httpd = server_class((dev.host.strip("[]"), dev.port), handler)
    httpd.log = dev.log  # type: ignore[method-assign]
    return httpd
