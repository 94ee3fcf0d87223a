"""The harness checks itself: a known-good site passes, known defects are caught.

Without these, "0 violations" on our own site could just mean axe never ran (a blank page,
axe not injected, every rule filtered out). samples/ is a copy of the reference harness's
sample sites: good has 0 violations there, bad has
planted defects.
"""

from __future__ import annotations

from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

SAMPLES = Path(__file__).resolve().parent / "samples"
GOOD_PAGES = sorted(p.relative_to(SAMPLES / "good").as_posix() for p in (SAMPLES / "good").rglob("*.html"))
BAD_PAGES = sorted(p.relative_to(SAMPLES / "bad").as_posix() for p in (SAMPLES / "bad").rglob("*.html"))
# A page that is 1000 px wide whatever the viewport: it must scroll sideways at 320 px.
WIDE_PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>Too wide</title></head>
<body style="margin: 0"><main><h1>Too wide</h1><div style="width: 1000px">A fixed-width box.</div></main></body></html>"""
# A page that asks the internet for a stylesheet and an image: both must be blocked.
EXTERNAL_PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>External</title>
<link rel="stylesheet" href="https://cdn.example.org/style.css"></head>
<body><main><h1>External</h1><img src="http://images.example.org/x.png" alt="An example"></main></body></html>"""


@pytest.fixture(scope="module")
def good_url(a11y):
    with a11y.serve_folder(SAMPLES / "good") as url:
        yield url


@pytest.fixture(scope="module")
def bad_url(a11y):
    with a11y.serve_folder(SAMPLES / "bad") as url:
        yield url


def test_the_samples_are_there():
    assert len(GOOD_PAGES) == 3 and len(BAD_PAGES) == 2


@pytest.mark.parametrize("page_path", GOOD_PAGES)
def test_good_sample_has_no_violations(a11y, axe_page, good_url, page_path):
    violations = a11y.run_axe(axe_page, good_url + page_path)
    if violations:
        pytest.fail(a11y.format_violations(violations, page_path), pytrace=False)


def test_bad_sample_is_caught(a11y, axe_page, bad_url):
    found = {}
    for page_path in BAD_PAGES:
        for rule in a11y.run_axe(axe_page, bad_url + page_path):
            found.setdefault(rule["id"], rule)
    # the planted missing alt text and low contrast, plus the other planted page-level defects
    expected = {"image-alt", "color-contrast", "html-has-lang", "heading-order", "document-title"}
    assert expected <= found.keys(), f"axe found only {sorted(found)}"


def test_violations_are_formatted_for_people(a11y, axe_page, bad_url):
    message = a11y.format_violations(a11y.run_axe(axe_page, bad_url + "index.html"), "index.html")
    assert message.startswith("index.html: ")
    assert "image-alt [critical]: Images must have alternative text" in message
    assert "at img" in message  # the selector of the failing element


def test_overflow_is_measured(a11y, axe_page, good_url, tmp_path):
    (tmp_path / "wide.html").write_text(WIDE_PAGE, encoding="utf-8")
    with a11y.serve_folder(tmp_path) as url:
        assert a11y.horizontal_overflow(axe_page, url + "wide.html", 320, 1) == 1000 - 320
        assert a11y.horizontal_overflow(axe_page, url + "wide.html", 640, 2) == 1000 - 640
    assert a11y.horizontal_overflow(axe_page, good_url + "conditions/asthma.html", 320, 1) == 0


def test_requests_to_other_hosts_are_blocked(a11y, axe_page, tmp_path):
    (tmp_path / "external.html").write_text(EXTERNAL_PAGE, encoding="utf-8")
    failed = []

    def record(request) -> None:
        failed.append(request)

    axe_page.on("requestfailed", record)
    try:
        with a11y.serve_folder(tmp_path) as url:
            a11y.run_axe(axe_page, url + "external.html")
    finally:
        axe_page.remove_listener("requestfailed", record)
    # a set: Chromium may try a blocked stylesheet twice (preload scanner, then parser)
    assert {request.url for request in failed} == {
        "http://images.example.org/x.png", "https://cdn.example.org/style.css"}
    assert all("BLOCKED_BY_CLIENT" in request.failure for request in failed)
