"""Real-browser accessibility checks: Debian's Chromium (driven by playwright) with axe-core.

What is here:
  * ``browser``: one headless Chromium for the whole session (launching costs ~1.5 s);
  * ``axe_page``: one reused tab at 1280x800 (a fresh tab costs a renderer start, ~0.5 s/page);
  * ``serve_folder``: a tiny stdlib HTTP server, because axe and relative links need http://;
  * ``run_axe``, ``horizontal_overflow`` and ``format_violations``: plain helpers, handed to the
    test modules through the ``a11y`` fixture (pytest advises against importing conftest).

Needs /usr/bin/chromium (``apt-get install chromium``) and axe-core from package-lock.json
(``make test`` runs ``npm ci --ignore-scripts --no-audit --no-fund --prefix tests/browser``).
Without them the tests are skipped, or fail when the environment variable CI is set, so a
CI machine that lacks them cannot pass silently.
"""

from __future__ import annotations

import functools
import http.server
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import urlsplit

import pytest

HERE = Path(__file__).resolve().parent
CHROMIUM = Path("/usr/bin/chromium")
AXE_JS = HERE / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM_ARGS = [
    # the same flags as the reference site-check harness: no sandbox (containers), no GPU,
    # and no background traffic, so a run is offline and repeatable
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run", "--disable-quic",
]
AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]},
    "resultTypes": ["violations"],
}
DESKTOP = {"width": 1280, "height": 800}
TIMEOUT_MS = 30_000
INSTALL_HELP = ("install Debian's browser with `apt-get install chromium`, and axe-core with `make test` "
                "(it runs `npm ci --ignore-scripts --no-audit --no-fund --prefix tests/browser`)")


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "browser: runs headless Chromium (Debian's) with axe-core")


# ---------------------------------------------------------------- prerequisites

def missing_prerequisites() -> list[str]:
    """What is missing to run the browser tests (empty when all is there)."""
    missing = []
    if not os.access(CHROMIUM, os.X_OK):
        missing.append(f"no Chromium at {CHROMIUM}")
    if not AXE_JS.is_file():
        missing.append(f"no axe-core at {AXE_JS.relative_to(HERE.parent.parent)}")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        missing.append("the python package playwright is not installed (pip install -e '.[test]')")
    return missing


def skip_or_fail(reason: str) -> None:
    """On CI a missing tool is a failure, so the a11y tests can never be skipped by accident."""
    message = f"browser tests cannot run: {reason}; {INSTALL_HELP}"
    if os.environ.get("CI"):
        pytest.fail(message, pytrace=False)
    pytest.skip(message)


@pytest.fixture(scope="session")
def browser():
    missing = missing_prerequisites()
    if missing:
        skip_or_fail("; ".join(missing))
    from playwright.sync_api import Error, sync_playwright

    with sync_playwright() as playwright:
        try:
            chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, timeout=60_000)
        except Error as error:
            skip_or_fail(f"Chromium would not start: {str(error).splitlines()[0]}")
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def axe_page(browser):
    """One desktop-sized tab reused for every axe run (reuse is ~3x faster than a tab per page)."""
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    yield page
    context.close()


# ---------------------------------------------------------------- local HTTP server

class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the stdlib's name
        pass  # one line per request would bury pytest's output


@contextmanager
def serve_folder(folder: Path) -> Iterator[str]:
    """Serve ``folder`` on 127.0.0.1 at a free port (port 0) in a thread; yields the base URL."""
    handler = functools.partial(QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, name=f"serve {folder}", daemon=True)
    thread.start()
    try:
        host, port = server.server_address[:2]
        yield f"http://{host}:{port}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


# ---------------------------------------------------------------- helpers

def origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def allow_only_origin(page, url: str) -> None:
    """Abort every request that is not to the server of ``url``: the check stays offline and
    repeatable, and a page cannot pass only because a CDN happened to answer."""
    allowed = origin(url)

    def decide(route) -> None:
        if origin(route.request.url) == allowed:
            route.continue_()
        else:
            route.abort("blockedbyclient")

    page.unroute("**/*")  # the tab is reused, and each site has its own port
    page.route("**/*", decide)


@functools.cache
def axe_source() -> str:
    # "void 0" so the script's value is not sent back over the wire
    return AXE_JS.read_text(encoding="utf-8") + "\n;void 0"


def run_axe(page, url: str) -> list[dict]:
    """Load ``url`` in ``page`` and return axe's violations (the rule dicts axe.run reports)."""
    allow_only_origin(page, url)
    response = page.goto(url, wait_until="load")
    assert response is not None and response.ok, f"{url} answered {response.status if response else 'nothing'}"
    # evaluate() rather than a <script> tag: it is not subject to the page's Content-Security-Policy;
    # axe is injected into every frame so that axe.run also covers same-origin iframes
    for frame in page.frames:
        frame.evaluate(axe_source())
    return page.evaluate("options => axe.run(document, options).then(result => result.violations)", AXE_OPTIONS)


def horizontal_overflow(page, url: str, width: int, zoom: float, screenshot: Path | None = None) -> int:
    """How many CSS px ``url`` scrolls sideways in a ``width`` CSS px wide viewport at scale ``zoom``.

    A viewport keeps the 1280x800 window's shape, so ``(320, 1)`` is the WCAG 1.4.10 reflow
    width and ``(640, 2)`` is a 1280x800 window at 200% browser zoom (640x400 CSS px at device
    scale factor 2). The device scale factor can only be set per context, so this opens a short-
    lived context in ``page``'s browser; it is not "mobile", so a missing <meta name=viewport>
    cannot hide the overflow behind a 980 px layout viewport.
    """
    viewport = {"width": width, "height": round(width * DESKTOP["height"] / DESKTOP["width"])}
    context = page.context.browser.new_context(viewport=viewport, device_scale_factor=zoom)
    try:
        sized_page = context.new_page()
        sized_page.set_default_timeout(TIMEOUT_MS)
        allow_only_origin(sized_page, url)
        sized_page.goto(url, wait_until="load")
        overflow = sized_page.evaluate(
            "() => document.documentElement.scrollWidth - document.documentElement.clientWidth")
        if screenshot is not None:
            sized_page.screenshot(path=str(screenshot), full_page=True, animations="disabled")
        return max(0, overflow)
    finally:
        context.close()


def format_violations(violations: list[dict], page_path: str) -> str:
    """One readable paragraph per violated rule, for assertion messages."""
    if not violations:
        return f"{page_path}: no axe violations"
    lines = [f"{page_path}: {len(violations)} axe rule(s) violated"]
    for rule in violations:
        nodes = rule.get("nodes", [])
        targets = [" ".join(map(str, node.get("target", []))) for node in nodes[:3]]
        more = f" (+{len(nodes) - 3} more)" if len(nodes) > 3 else ""
        lines.append(f"  {rule['id']} [{rule.get('impact')}]: {rule.get('help')}")
        lines.append(f"      at {', '.join(targets) or '(no element)'}{more}")
        lines.append(f"      see {rule.get('helpUrl')}")
    return "\n".join(lines)


@pytest.fixture(scope="session")
def a11y():
    """The helpers above, for test modules: ``a11y.run_axe(page, url)`` etc."""
    return SimpleNamespace(run_axe=run_axe, horizontal_overflow=horizontal_overflow,
                           format_violations=format_violations, serve_folder=serve_folder)
