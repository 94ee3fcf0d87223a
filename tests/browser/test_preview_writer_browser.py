"""The preview as a new writer meets it, in real Chromium through real `sitegen serve`:
a leaflet broken at start-up does not hide the healthy ones (issue 14, item 5)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.browser
BROKEN = "---\ntitle: Knee pain: what to do\nsummary: x\n---\n\n## What it is\n\nKnee pain is common.\n"


@pytest.fixture
def preview_with_broken(tmp_path: Path):
    site = tmp_path / "site"
    shutil.copytree(REPO / "content", site / "content")
    shutil.copy(REPO / "pyproject.toml", site / "pyproject.toml")
    (site / "content" / "knee-pain.md").write_text(BROKEN, encoding="utf-8")
    env = {**os.environ, "SITEGEN_TODAY": "2026-11-23", "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen([sys.executable, "-m", "sitegen", "serve", "--site", str(site), "--port", "0"],
                            stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True, env=env, cwd=REPO)
    url = None
    deadline = time.monotonic() + 90
    while url is None and time.monotonic() < deadline:
        line = proc.stderr.readline()
        found = re.search(r"(http://127\.0\.0\.1:\d+/)", line)
        url = found.group(1) if found and "Serving" in line else None
        if not line and proc.poll() is not None:
            break
    assert url, "sitegen serve did not start"
    yield site, url
    proc.terminate()
    try:
        assert proc.wait(timeout=20) == 0
    finally:
        proc.kill() if proc.poll() is None else None


def test_broken_at_start_up_only_its_own_page_has_the_overlay(preview_with_broken, browser) -> None:
    site, url = preview_with_broken
    page = browser.new_page()
    try:
        response = page.goto(url + "sleeping-well/")
        assert response is not None and response.status == 200
        assert page.locator("h1").inner_text() == "Sleeping well"
        assert page.get_by_role("alert").count() == 0

        response = page.goto(url + "knee-pain/")
        assert response is not None and response.status == 200
        alert = page.get_by_role("alert")
        assert "sitegen found a problem in this leaflet" in alert.inner_text()
        assert "content/knee-pain.md:2:17: error: there is a second ': ' (colon and space) on this line" in alert.inner_text()
        page.get_by_role("button", name="Hide this message").click()
        assert page.locator("h1").inner_text() == "Knee pain: what to do"
        assert "Knee pain is common." in page.locator("main").inner_text()

        page.goto(url)
        listing = page.get_by_role("region", name="Every leaflet in this preview")
        first = listing.get_by_role("listitem").first
        assert first.inner_text().startswith("Knee pain: what to do: Broken (content/knee-pain.md)")
        assert "Sleeping well: Would be published (content/sleeping-well.md)" in listing.inner_text()
        first.get_by_role("link", name="Knee pain: what to do").click()
        page.wait_for_url(url + "knee-pain/")
    finally:
        page.close()


def test_preview_home_and_a_broken_leaflet_are_accessible(tmp_path: Path, a11y, axe_page) -> None:
    from sitegen.commands.serve import PreviewBuilder
    from sitegen.config import load_config
    site = tmp_path / "site"
    shutil.copytree(REPO / "content", site / "content")
    shutil.copy(REPO / "pyproject.toml", site / "pyproject.toml")
    (site / "content" / "knee-pain.md").write_text(BROKEN, encoding="utf-8")
    builder = PreviewBuilder(load_config(site), folder=tmp_path / "preview")
    assert builder(None).ok
    with a11y.serve_folder(builder.site_dir) as base:
        for name in ("", "knee-pain/"):
            violations = a11y.run_axe(axe_page, base + name)
            assert violations == [], a11y.format_violations(violations, name or "home")


def test_copy_the_signoff_entry_by_keyboard(preview_with_broken, browser) -> None:
    """Item 7: the entry has the date and this text's fingerprint filled in, and the button works by keyboard."""
    site, url = preview_with_broken
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    try:
        page.goto(url + "sleeping-well/")
        shown = page.locator("code.fingerprint").inner_text()
        entry = page.locator("#sg-signoff-entry").inner_text()
        assert entry == ('  - name: "Your full name"\n'
                         "    role: patient        # or clinical, carer, editorial\n"
                         "    date: 2026-11-23\n"
                         f"    fingerprint: {shown}")
        button = page.get_by_role("button", name="Copy the sign-off entry")
        for _ in range(40):
            page.keyboard.press("Tab")
            if button.evaluate("b => b === document.activeElement"):
                break
        assert button.evaluate("b => b === document.activeElement"), "the copy button is not reached with Tab"
        page.keyboard.press("Enter")
        status = page.get_by_role("status").filter(has_text="Copied")
        status.wait_for(timeout=10_000)
        assert status.inner_text() == ("Copied. Paste it under signoff: in the leaflet's file, "
                                       "then write your name and role.")
        assert page.evaluate("navigator.clipboard.readText()") == entry
    finally:
        context.close()
