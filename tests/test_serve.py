"""The preview server: path safety, Host and Origin checks, live reload, error overlay, robustness.

Every test talks to a real DevServer on 127.0.0.1 (port 0) over real sockets, with fake
builders that write small HTML trees into tmp_path. Raw sockets are used where a client
library would tidy the request up (traversal, malformed requests).
"""

from __future__ import annotations

import http.client
import inspect
import json
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import quote, quote_from_bytes

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sitegen.devserver import (DEFAULT_HOST, OVERLAY_FIX, OVERLAY_TITLE, BuildOutcome, DevServer, exposure_warning,
                               resolve_request, serve)
from sitegen.devserver.watcher import Watcher

REPO = Path(__file__).resolve().parent.parent
SECRETS = (b"SECRET-OUTSIDE-1", b"SECRET-LEAK-2", b"root:x:0:0")
"""Text that must never appear in a response: files next to the site, and /etc/passwd."""
ERROR = 'content/asthma.md:3:8: error: a value starts with "<script>" & breaks\n  hint: put the value in quotes'


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def page(heading: str) -> str:
    return f'<!doctype html><html lang="en"><head><title>{heading}</title></head><body><h1>{heading}</h1></body></html>'


def make_site(root: Path, heading: str = "Home v1") -> Path:
    """A small build, plus secrets beside it: ../secret.txt and a sibling site-leak/ sharing the prefix."""
    site = root / "site"
    write(site / "index.html", page(heading))
    write(site / "about" / "index.html", page("About us"))
    write(site / "café" / "index.html", page("Non-ASCII slug"))
    write(site / "style.css", "body { color: #212b32 }\n</body>\n")
    write(site / "drafts" / "unlisted-name.txt", "no index here")
    write(site / "404.html", page("Custom not found page"))
    write(root / "secret.txt", SECRETS[0].decode())
    write(root / "site-leak" / "x.html", SECRETS[1].decode())
    (site / "link.html").symlink_to(root / "secret.txt")
    (site / "linkdir").symlink_to(root)
    return site


class Builder:
    """Fake builder: each call follows the next step of ``plan`` ("ok" or "fail"; the last step repeats).

    A good build writes a fresh folder (like the real build's atomic swap) whose home page says "Home vN".
    """

    def __init__(self, root: Path, plan: tuple[str, ...] = ("ok",), delay: float = 0.0) -> None:
        self.root, self.plan, self.delay = root, plan, delay
        self.calls: list[frozenset[Path] | None] = []
        self.good: Path | None = None
        self.active = 0
        self.most_active = 0
        self._lock = threading.Lock()

    def __call__(self, changed: frozenset[Path] | None) -> BuildOutcome:
        with self._lock:
            self.active += 1
            self.most_active = max(self.most_active, self.active)
            self.calls.append(changed)
            n = len(self.calls)
        try:
            time.sleep(self.delay)
            step = self.plan[min(n, len(self.plan)) - 1]
            if step == "fail":
                return BuildOutcome(False, f"b{n}", self.good, (ERROR,))
            site = self.root / f"build-{n}"
            write(site / "index.html", page(f"Home v{n}"))
            write(site / "style.css", "body {}\n")
            self.good = site
            return BuildOutcome(True, f"b{n}", site, ())
        finally:
            with self._lock:
                self.active -= 1


@pytest.fixture
def logs() -> list[str]:
    return []


@pytest.fixture
def start(logs: list[str]) -> Iterator[Callable[..., DevServer]]:
    servers: list[DevServer] = []

    def _start(builder: Callable[[frozenset[Path] | None], BuildOutcome], **kwargs: object) -> DevServer:
        server = DevServer(builder, port=0, log=logs.append, **kwargs)  # type: ignore[arg-type]
        servers.append(server.start())
        return server

    yield _start
    for server in servers:
        server.stop()


STATIC_LOG: list[str] = []


@pytest.fixture(scope="module")
def static(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DevServer]:
    """One read-only site and server shared by the module's request tests (it must survive them all)."""
    site = make_site(tmp_path_factory.mktemp("static"))
    with DevServer(lambda changed: BuildOutcome(True, "static-1", site, ()), port=0, log=STATIC_LOG.append) as server:
        yield server


# -- HTTP helpers -------------------------------------------------------------------------------


def raw(port: int, data: bytes, timeout: float = 20.0) -> tuple[int | None, bytes, bytes]:
    """Send bytes as-is; return (status or None, head, body) once the server closes the connection."""
    chunks: list[bytes] = []
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as sock:
        try:
            sock.sendall(data)
            sock.shutdown(socket.SHUT_WR)  # the request is complete: the server sees the end at once
            while chunk := sock.recv(65536):
                chunks.append(chunk)
        except (ConnectionResetError, BrokenPipeError):
            pass
    head, _, body = b"".join(chunks).partition(b"\r\n\r\n")
    match = re.match(rb"HTTP/1\.[01] (\d{3})", head)
    return (int(match.group(1)) if match else None), head, body


def request(port: int, target: bytes | str, method: str = "GET", host: str | None = None,
            headers: dict[str, str] | None = None) -> tuple[int | None, bytes, bytes]:
    target = target.encode("latin-1") if isinstance(target, str) else target
    host = f"127.0.0.1:{port}" if host is None else host
    lines = [f"{method} ".encode() + target + b" HTTP/1.1", f"Host: {host}".encode()]
    lines += [f"{k}: {v}".encode() for k, v in (headers or {}).items()]
    return raw(port, b"\r\n".join(lines) + b"\r\n\r\n")


def header(head: bytes, name: str) -> str | None:
    match = re.search(rb"\r\n" + name.encode() + rb": ([^\r\n]*)", head, re.IGNORECASE)
    return match.group(1).decode("latin-1") if match else None


def assert_healthy(server: DevServer) -> None:
    status, _, body = request(server.port, "/")
    assert status == 200 and b"<h1>" in body


def wait_until(predicate: Callable[[], bool], timeout: float = 15.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.02)
    return predicate()


# -- binding ----------------------------------------------------------------------------------------


def test_default_bind_address_is_loopback() -> None:
    assert DEFAULT_HOST == "127.0.0.1"
    assert inspect.signature(DevServer).parameters["host"].default == "127.0.0.1"
    assert inspect.signature(serve).parameters["host"].default == "127.0.0.1"


@pytest.mark.parametrize("host", ["0.0.0.0", "::", "192.168.1.20", "leaflets.local"])
def test_exposure_warning_for_network_hosts(host: str) -> None:
    warning = exposure_warning(host)
    assert warning is not None and "draft" in warning and "network" in warning


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost", "::1", "[::1]", "127.0.0.2"])
def test_no_exposure_warning_for_loopback(host: str) -> None:
    assert exposure_warning(host) is None


def test_serve_reports_a_busy_port(tmp_path: Path) -> None:
    site = make_site(tmp_path)
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        said: list[str] = []
        code = serve(lambda c: BuildOutcome(True, "b", site, ()), [], [], port=port, log=said.append)
    assert code == 1
    assert any("already in use" in line for line in said)


# -- serving files ------------------------------------------------------------------------------------


def test_serves_pages_with_reload_script_and_safe_headers(static: DevServer) -> None:
    status, head, body = request(static.port, "/")
    assert status == 200
    assert b"<h1>Home v1</h1>" in body
    assert b'<script src="/__sitegen__/reload.js" data-build="static-1"></script></body>' in body
    assert header(head, "Cache-Control") == "no-store"
    assert header(head, "X-Content-Type-Options") == "nosniff"
    assert header(head, "Content-Type") == "text/html; charset=utf-8"
    assert int(header(head, "Content-Length") or 0) == len(body)
    # Injection happens at serve time only: nothing on disk mentions the reload script.
    site = static.site_dir
    assert site is not None
    assert not any(b"__sitegen__" in p.read_bytes() for p in site.rglob("*") if p.is_file() and not p.is_symlink())


def test_non_html_is_sent_untouched(static: DevServer) -> None:
    status, head, body = request(static.port, "/style.css")
    assert status == 200
    assert body == (static.site_dir / "style.css").read_bytes()
    assert header(head, "Content-Type") == "text/css; charset=utf-8"


def test_reload_script_is_served(static: DevServer) -> None:
    status, head, body = request(static.port, "/__sitegen__/reload.js")
    assert status == 200 and b"/__sitegen__/reload?since=" in body
    assert (header(head, "Content-Type") or "").startswith("text/javascript")


@pytest.mark.parametrize("target", ["/about/", "/about/index.html", "/%61bout/", "/index.html?x=1", "/#top",
                                    "/caf%C3%A9/", "/about//"])
def test_good_paths(static: DevServer, target: str) -> None:
    assert request(static.port, target)[0] == 200


def test_folder_without_slash_redirects_relatively(static: DevServer) -> None:
    status, head, _ = request(static.port, "/about")
    assert status == 301
    assert header(head, "Location") == "about/"


def test_folder_without_index_is_not_listed(static: DevServer) -> None:
    status, _, body = request(static.port, "/drafts/")
    assert status == 404
    assert b"unlisted-name" not in body
    assert b"Custom not found page" in body


def test_unknown_path_gets_the_sites_404_page(static: DevServer) -> None:
    status, _, body = request(static.port, "/no-such-leaflet/")
    assert status == 404 and b"Custom not found page" in body and b"__sitegen__/reload.js" in body


def test_builtin_404_when_the_site_has_none(tmp_path: Path, start: Callable[..., DevServer]) -> None:
    site = write(tmp_path / "s" / "index.html", page("Home")).parent
    server = start(lambda c: BuildOutcome(True, "b", site, ()))
    status, _, body = request(server.port, "/missing")
    assert status == 404 and b"Page not found" in body


def test_symlinks_inside_the_site_are_refused(static: DevServer) -> None:
    for target in ("/link.html", "/linkdir/secret.txt", "/linkdir/site/index.html"):
        status, _, body = request(static.port, target)
        assert status == 404, target
        assert SECRETS[0] not in body


TRAVERSAL = [
    b"/../secret.txt", b"/../../../../../../../../etc/passwd", b"/%2e%2e/secret.txt", b"/%2e%2e%2fsecret.txt",
    b"/..%2fsecret.txt", b"/%2E%2E%2Fsecret.txt", b"/%252e%252e/secret.txt", b"/%252e%252e%252fsecret.txt",
    b"/..\\secret.txt", b"/%5c..%5csecret.txt", b"/..%5csecret.txt", b"/%00", b"/index.html%00.txt",
    b"/../secret.txt%00", b"/..;/secret.txt", b"/.%2e/secret.txt", b"/%2e./secret.txt", b"/..%20/secret.txt",
    b"/.../secret.txt", b"/./../secret.txt", b"/about/../../secret.txt", b"/../site-leak/x.html",
    b"/%2e%2e/site-leak/x.html", b"/..%2fsite-leak%2fx.html", b"/%2e%2e%2fsite-leak/x.html",
    b"/C:/Windows/win.ini", b"/c%3a/secret.txt", b"//evil.example/..%2f", b"//../secret.txt",
    b"http://evil/", b"http://127.0.0.1/../secret.txt", b"*", b"/%c0%ae%c0%ae/secret.txt",
    b"/%ff%fe/../secret.txt", b"/%", b"/%zz/../secret.txt", b"/" + b"a/" * 3000,
    b"/" + b"../" * 600 + b"secret.txt", b"/" + b"x" * 300 + b".html", b"/\x01../secret.txt",
    b"/linkdir/secret.txt", b"/link.html", b"/linkdir/site-leak/x.html", b"/etc/passwd",
]


@pytest.mark.parametrize("target", TRAVERSAL, ids=lambda t: t[:40].decode("latin-1"))
def test_traversal_never_leaves_the_site(static: DevServer, target: bytes) -> None:
    status, head, body = request(static.port, target)
    assert status in (400, 404, 414), (target, status)
    assert not any(secret in body for secret in SECRETS)
    location = header(head, "Location")
    assert location is None or ("//" not in location and ":" not in location)


def test_sibling_with_shared_prefix_is_outside(tmp_path: Path) -> None:
    site = make_site(tmp_path)
    assert resolve_request(site, "/../site-leak/x.html").file is None
    assert resolve_request(site, "/about/").file == site.resolve() / "about" / "index.html"


def test_server_survives_traversal_corpus(static: DevServer) -> None:
    for target in TRAVERSAL:
        request(static.port, target)
    assert_healthy(static)


# -- Host, methods, origin ------------------------------------------------------------------------


@pytest.mark.parametrize("host", ["evil.example", "evil.example:{port}", "localhost.evil.example",
                                  "localhost:1", "127.0.0.1:{port}0", "[::1]x", "", "10.0.0.5:{port}"])
def test_foreign_host_header_is_refused(static: DevServer, host: str) -> None:
    status, head, body = request(static.port, "/", host=host.format(port=static.port))
    assert status == 403
    assert b"Home v1" not in body
    assert header(head, "Cache-Control") == "no-store"


@pytest.mark.parametrize("host", ["localhost:{port}", "localhost", "127.0.0.1", "127.0.0.1:{port}",
                                  "[::1]:{port}", "[::1]", "LOCALHOST:{port}"])
def test_loopback_host_header_is_accepted(static: DevServer, host: str) -> None:
    assert request(static.port, "/", host=host.format(port=static.port))[0] == 200


def test_missing_host_header_is_refused(static: DevServer) -> None:
    assert raw(static.port, b"GET / HTTP/1.0\r\n\r\n")[0] == 403


def test_allowed_hosts(tmp_path: Path, start: Callable[..., DevServer]) -> None:
    site = make_site(tmp_path)
    server = start(lambda c: BuildOutcome(True, "b", site, ()), allowed_hosts=("review-laptop.local",))
    assert request(server.port, "/", host=f"review-laptop.local:{server.port}")[0] == 200
    assert request(server.port, "/", host="other.local")[0] == 403


@pytest.mark.parametrize("method", ["POST", "PUT", "DELETE", "OPTIONS", "PROPFIND", "TRACE", "FOO"])
def test_only_get_and_head(static: DevServer, method: str) -> None:
    status, head, _ = request(static.port, "/", method=method)
    assert status == 405
    assert header(head, "Allow") == "GET, HEAD"
    assert header(head, "X-Content-Type-Options") == "nosniff"


def test_head_has_no_body(static: DevServer) -> None:
    status, head, body = request(static.port, "/", method="HEAD")
    assert status == 200 and body == b"" and int(header(head, "Content-Length") or 0) > 0


@pytest.mark.parametrize("headers", [{"Origin": "https://evil.example"}, {"Origin": "null"},
                                     {"Origin": "http://localhost.evil.example"},
                                     {"Sec-Fetch-Site": "cross-site"}, {"Sec-Fetch-Site": "same-site"}])
def test_reload_refuses_cross_origin(static: DevServer, headers: dict[str, str]) -> None:
    status, _, body = request(static.port, "/__sitegen__/reload?since=old", headers=headers)
    assert status == 403 and b"static-1" not in body


def test_reload_same_origin_answers_at_once_when_behind(static: DevServer) -> None:
    origin = f"http://127.0.0.1:{static.port}"
    status, head, body = request(static.port, "/__sitegen__/reload?since=old",
                                 headers={"Origin": origin, "Sec-Fetch-Site": "same-origin"})
    assert status == 200 and json.loads(body) == {"build": "static-1"}
    assert header(head, "Access-Control-Allow-Origin") is None


def test_long_poll_returns_new_id_after_rebuild(tmp_path: Path, start: Callable[..., DevServer]) -> None:
    server = start(Builder(tmp_path))
    before = server.build_id
    answer: dict[str, object] = {}

    def poll() -> None:
        conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
        conn.request("GET", f"/__sitegen__/reload?since={before}")
        answer.update(json.loads(conn.getresponse().read()))

    thread = threading.Thread(target=poll)
    thread.start()
    time.sleep(0.3)
    assert answer == {}, "the long-poll must wait while nothing changed"
    server.rebuild(None)
    thread.join(timeout=20)
    assert answer == {"build": server.build_id} and server.build_id != before
    _, _, body = request(server.port, "/")
    assert f'data-build="{server.build_id}"'.encode() in body and b"Home v2" in body


# -- failed builds ----------------------------------------------------------------------------------


def test_overlay_after_failed_build_then_cleared(tmp_path: Path, start: Callable[..., DevServer],
                                                  logs: list[str]) -> None:
    server = start(Builder(tmp_path, plan=("ok", "fail", "ok")))
    good_id = server.build_id
    server.rebuild(frozenset({tmp_path / "content" / "asthma.md"}))
    assert server.build_id != good_id, "pages must be told about the failure so they show the overlay"
    status, _, body = request(server.port, "/")
    text = body.decode()
    assert status == 200
    assert "Home v1" in text, "the last good page stays underneath"
    assert OVERLAY_TITLE in text and OVERLAY_FIX in text
    assert 'role="alert"' in text
    assert "&lt;script&gt;&quot; &amp; breaks" in text and "<script>" not in text.replace("<script src", "")
    assert "content/asthma.md:3:8" in text
    assert any("content/asthma.md:3:8: error" in line for line in logs)
    assert OVERLAY_TITLE not in request(server.port, "/style.css")[2].decode()

    server.rebuild(None)
    status, _, body = request(server.port, "/")
    assert status == 200 and b"Home v3" in body and OVERLAY_TITLE.encode() not in body
    assert any(line.startswith("Rebuilt in ") and line.endswith(" ms") for line in logs)


def test_error_page_before_first_good_build(tmp_path: Path, start: Callable[..., DevServer]) -> None:
    server = start(Builder(tmp_path, plan=("fail", "ok")))
    for target in ("/", "/about/", "/anything"):
        status, _, body = request(server.port, target)
        assert status == 503 and b"content/asthma.md:3:8" in body and b"reload.js" in body
        assert b"&lt;script&gt;" in body
    server.rebuild(None)
    status, _, body = request(server.port, "/")
    assert status == 200 and b"Home v2" in body


def test_builder_crash_keeps_serving(tmp_path: Path, start: Callable[..., DevServer], logs: list[str]) -> None:
    site = make_site(tmp_path)
    calls = []

    def builder(changed: frozenset[Path] | None) -> BuildOutcome:
        calls.append(changed)
        if len(calls) == 2:
            raise RuntimeError("boom")
        return BuildOutcome(True, f"b{len(calls)}", site, ())

    server = start(builder)
    outcome = server.rebuild(None)
    assert not outcome.ok
    status, _, body = request(server.port, "/")
    assert status == 200 and b"Home v1" in body and b"internal error" in body
    assert any("RuntimeError: boom" in line for line in logs)


def test_rebuilds_never_overlap(tmp_path: Path, start: Callable[..., DevServer]) -> None:
    builder = Builder(tmp_path, delay=0.05)
    server = start(builder)
    threads = [threading.Thread(target=server.rebuild, args=(None,)) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=20)
    assert builder.most_active == 1 and len(builder.calls) == 5


def test_requests_during_a_rebuild_wait_for_it(tmp_path: Path, start: Callable[..., DevServer]) -> None:
    """A builder that rewrites its folder in place: no request may see the half-written page (A9)."""
    site = tmp_path / "preview"
    calls: list[int] = []

    def in_place(changed: frozenset[Path] | None) -> BuildOutcome:
        calls.append(1)
        n = len(calls)
        write(site / "index.html", "<h1>half-writ")
        if n > 1:
            time.sleep(0.6)
        write(site / "index.html", page(f"Home v{n}"))
        return BuildOutcome(True, f"b{n}", site, ())

    server = start(in_place)
    rebuild = threading.Thread(target=server.rebuild, args=(None,))
    rebuild.start()
    assert wait_until(lambda: len(calls) == 2)
    status, _, body = request(server.port, "/")
    rebuild.join(timeout=20)
    assert status == 200 and b"<h1>Home v2</h1>" in body and b"half-writ" not in body


# -- malformed input --------------------------------------------------------------------------------

MALFORMED = [
    b"\x00\xff\xfe garbage\r\n\r\n", b"GET\r\n\r\n", b"GET / HTTP/9.9\r\n\r\n", b"GET / HTTP/1.1 extra\r\n\r\n",
    b"GET /%ff%fe HTTP/1.1\r\nHost: localhost\r\n\r\n", b"GET /%zz HTTP/1.1\r\nHost: localhost\r\n\r\n",
    b"GET /caf\xc3 HTTP/1.1\r\nHost: localhost\r\n\r\n", b"GET / HTTP/1.1\r\nHost: localhost\r\nno colon\r\n\r\n",
    b"GET / HTTP/1.1\r\nHost: \xff\xfe\r\n\r\n", b"GET / HTTP/1.1\r\nX: " + b"a" * 70000 + b"\r\n\r\n",
    b"GET / HTTP/1.1\r\n" + b"X: y\r\n" * 150 + b"\r\n", b"\r\n\r\n", b"",
    b"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03" + bytes(range(256)),
    b"GET /__sitegen__/reload?since=%ff HTTP/1.1\r\nHost: localhost\r\n\r\n",
    b"GET /__sitegen__/reload?since=" + b"x" * 500 + b" HTTP/1.1\r\nHost: localhost\r\n\r\n",
    b"GET /__sitegen__/reload?" + b"a=1&" * 20 + b" HTTP/1.1\r\nHost: localhost\r\n\r\n",
    b"POST / HTTP/1.1\r\nHost: localhost\r\nContent-Length: 5\r\n\r\nhello",
    b"GET / HTTP/1.1\r\nHost: localhost\r\nContent-Length: -1\r\n\r\n",
]


@pytest.mark.parametrize("data", MALFORMED, ids=lambda d: repr(d[:30]))
def test_malformed_request_then_healthy(static: DevServer, data: bytes) -> None:
    status, _, body = raw(static.port, data)
    assert status in (None, 200, 400, 403, 404, 405, 414, 431, 505)
    assert not any(secret in body for secret in SECRETS)
    assert_healthy(static)


def test_clients_that_hang_up_early(static: DevServer) -> None:
    for partial in (b"GET / HT", b"GET / HTTP/1.1\r\nHo", b"G"):
        with socket.create_connection(("127.0.0.1", static.port), timeout=10) as sock:
            sock.sendall(partial)
            time.sleep(0.05)
    with socket.create_connection(("127.0.0.1", static.port), timeout=10):
        pass  # connect, say nothing, leave
    # A client that reads nothing and resets the connection mid-response.
    sock = socket.create_connection(("127.0.0.1", static.port), timeout=10)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00")
    sock.sendall(f"GET /style.css HTTP/1.1\r\nHost: 127.0.0.1:{static.port}\r\n\r\n".encode())
    sock.close()
    assert_healthy(static)


def test_no_access_log_spam(static: DevServer) -> None:
    before = len(STATIC_LOG)
    for target in ("/", "/missing", "/../secret.txt"):
        request(static.port, target)
    raw(static.port, b"garbage\r\n\r\n")
    assert STATIC_LOG[before:] == []


_PIECES = st.sampled_from(["..", ".", "%2e", "%2E", "%252e", "/", "%2f", "%2F", "\\", "%5c", "%00", ";", ":",
                           "site-leak", "x.html", "secret.txt", "link.html", "linkdir", "about", "%", "%c0%ae",
                           "etc", "passwd", "~", " ", "%20", "?", "#", "index.html", "C:", "//"])
_GRAMMAR = st.lists(_PIECES, max_size=12).map(lambda parts: "/" + "".join(parts))
_TEXT = st.text(max_size=80).map(lambda t: "/" + quote(t, safe="/%.\\;:?#"))
_BINARY = st.binary(max_size=80).map(lambda b: "/" + quote_from_bytes(b, safe="/%.\\;:"))
_RAW = st.binary(max_size=80).map(lambda b: b"/" + b.replace(b" ", b"").replace(b"\r", b"").replace(b"\n", b""))


def test_fuzzed_paths_never_leave_the_site(static: DevServer) -> None:
    @settings(max_examples=250, deadline=None, database=None,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
    @given(st.one_of(_GRAMMAR, _TEXT, _BINARY, _RAW))
    def check(target: str | bytes) -> None:
        status, _, body = request(static.port, target)
        assert not any(secret in body for secret in SECRETS), target
        assert status in (None, 200, 301, 400, 404, 414), (target, status)

    check()
    assert_healthy(static)


# -- watching and Ctrl+C --------------------------------------------------------------------------


def test_watcher_triggers_rebuild_and_reload(tmp_path: Path, start: Callable[..., DevServer]) -> None:
    content = write(tmp_path / "content" / "asthma.md", "first").parent
    builder = Builder(tmp_path)
    server = start(builder, watcher_factory=lambda on_change: Watcher([content], [tmp_path / "output"], on_change,
                                                                       debounce=0.1))
    before = server.build_id
    time.sleep(0.2)  # let the observer settle before the edit
    write(content / "asthma.md", "second")
    assert wait_until(lambda: len(builder.calls) >= 2)
    assert (content / "asthma.md") in (builder.calls[1] or frozenset())
    assert wait_until(lambda: server.build_id != before)
    assert b"Home v2" in request(server.port, "/")[2]


SERVE_SCRIPT = """
import sys
from pathlib import Path
from sitegen.devserver import BuildOutcome, serve
site = Path(sys.argv[1])
sys.exit(serve(lambda changed: BuildOutcome(True, "b1", site, ()), [site.parent / "content"], [site],
               port=0, log=lambda message: print(message, flush=True)))
"""


@pytest.mark.skipif(sys.platform == "win32", reason="SIGINT delivery differs on Windows")
def test_ctrl_c_stops_cleanly(tmp_path: Path) -> None:
    site = make_site(tmp_path)
    (tmp_path / "content").mkdir()
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    # Ctrl+C as in a terminal, however this suite was started: a shell running it in the
    # background (`make test &`) ignores SIGINT, children inherit that, and Python then never
    # turns SIGINT into KeyboardInterrupt.
    proc = subprocess.Popen([sys.executable, "-c", SERVE_SCRIPT, str(site)], stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True, env=env,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    try:
        assert proc.stdout is not None
        lines = []
        while not any("Serving the preview at" in line for line in lines):
            line = proc.stdout.readline()
            assert line, "".join(lines)
            lines.append(line)
        port = int(re.search(r":(\d+)/", lines[-1]).group(1))  # type: ignore[union-attr]
        assert request(port, "/")[0] == 200
        proc.send_signal(signal.SIGINT)
        out, _ = proc.communicate(timeout=20)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 0, out
    assert "Stopping the preview server." in out and "Traceback" not in out


def test_unexpected_handler_error_gives_500_and_keeps_serving(static: DevServer,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    import sitegen.devserver.handler as handler_module

    def broken(site_dir: Path, url_path: str) -> object:
        raise RuntimeError("resolver bug")

    monkeypatch.setattr(handler_module, "resolve_request", broken)
    status, head, body = request(static.port, "/")
    assert status == 500 and b"resolver bug" not in body
    assert header(head, "Cache-Control") == "no-store"
    assert any("resolver bug" in line for line in STATIC_LOG)
    monkeypatch.undo()
    assert_healthy(static)


# The whole loop in a real browser (edit -> reload, broken save -> overlay -> fixed) is
# tests/browser/test_preview_browser.py, which drives the real `sitegen serve`; it shares
# the suite's one Playwright instance (two sync instances cannot run in one thread).
