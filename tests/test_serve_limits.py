"""The preview server is bounded (issue 11, item 12).

Before: 1,000 open reload polls made 1,607 threads, and a slow client held a thread for
34 s and more (a byte every 29 s passes a 30 s per-read timeout for ever). Now requests
handled at once, open reload polls and the time to send a request are all capped; the
excess is answered 503 at once. Real sockets against a real DevServer on 127.0.0.1.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from sitegen.devserver import BuildOutcome, DevServer
from sitegen.devserver import handler


@pytest.fixture
def server(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[DevServer]:
    monkeypatch.setattr(handler, "REQUEST_SECONDS", 1.5)  # read when the server starts
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("<!doctype html><title>Home</title><h1>Home</h1>", encoding="utf-8")
    with DevServer(lambda changed: BuildOutcome(True, "b1", site, ()), port=0, log=lambda message: None) as dev:
        yield dev


def connect(port: int) -> socket.socket:
    return socket.create_connection(("127.0.0.1", port), timeout=20)


def get(port: int, target: str, headers: str = "") -> tuple[int, bytes]:
    with connect(port) as sock:
        sock.sendall(f"GET {target} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n{headers}Connection: close\r\n\r\n".encode())
        data = b""
        while chunk := sock.recv(65536):
            data += chunk
    return int(data.split(b" ", 2)[1]), data


def start_poll(port: int) -> socket.socket:
    """A reload poll as the page's script sends it; the server holds it open (the build has not changed)."""
    sock = connect(port)
    sock.sendall(f"GET /__sitegen__/reload?since=b1 HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n".encode())
    return sock


def closed_by_server(sock: socket.socket, within: float) -> bool:
    sock.settimeout(within)
    try:
        while sock.recv(65536):
            pass
        return True
    except (ConnectionResetError, BrokenPipeError):
        return True
    except TimeoutError:
        return False


def test_reload_polls_are_capped_and_pages_still_load(server: DevServer) -> None:
    polls = [start_poll(server.port) for _ in range(handler.MAX_RELOAD_POLLS)]
    try:
        time.sleep(0.5)  # every poll is now held by the server
        status, data = get(server.port, "/__sitegen__/reload?since=b1")
        assert status == 503 and b"\r\nRetry-After: 5\r\n" in data
        assert get(server.port, "/")[0] == 200
    finally:
        for sock in polls:
            sock.close()


def test_requests_over_the_worker_cap_get_503_at_once_and_threads_stay_bounded(server: DevServer) -> None:
    before = threading.active_count()
    idle = [connect(server.port) for _ in range(handler.MAX_WORKERS + 40)]  # connected, sending nothing
    try:
        time.sleep(0.5)
        assert threading.active_count() <= before + handler.MAX_WORKERS + 2
        started = time.monotonic()
        status, data = get(server.port, "/")
        assert status == 503 and data.endswith(b"The preview is busy; try again in a moment.")
        assert time.monotonic() - started < 1.0
    finally:
        for sock in idle:
            sock.close()


def test_a_client_that_never_finishes_its_request_is_dropped(server: DevServer) -> None:
    """Slowloris: one header byte every 0.3 s keeps every single read under any per-read
    timeout, but the whole request must arrive within REQUEST_SECONDS (1.5 s here)."""
    sock = connect(server.port)
    sock.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ")
    started = time.monotonic()
    dropped = False
    try:
        while time.monotonic() - started < 6:
            try:
                sock.sendall(b"a")
            except (BrokenPipeError, ConnectionResetError):
                dropped = True
                break
            if closed_by_server(sock, 0.3):
                dropped = True
                break
        assert dropped and time.monotonic() - started < 4
    finally:
        sock.close()
    assert get(server.port, "/")[0] == 200
