"""The preview as a new writer meets it, in real Chromium through real `sitegen serve`:
a leaflet broken at start-up does not hide the healthy ones (issue 14, item 5)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import serving

REPO = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.browser
BROKEN = "---\ntitle: Knee pain: what to do\nsummary: x\n---\n\n## What it is\n\nKnee pain is common.\n"


@pytest.fixture
def preview_with_broken(tmp_path: Path):
    site = tmp_path / "site"
    shutil.copytree(REPO / "content", site / "content")
    shutil.copy(REPO / "pyproject.toml", site / "pyproject.toml")
    (site / "content" / "knee-pain.md").write_text(BROKEN, encoding="utf-8")
    with serving(site, start_timeout=90) as url:
        yield site, url


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


def test_governance_report_fits_1280_and_names_both_stale_reviewers(tmp_path: Path, browser, a11y, axe_page) -> None:
    """Item 8: at 1,280 px no table scrolls sideways, and a leaflet whose two sign-offs are stale names both reviewers."""
    site = tmp_path / "site"
    shutil.copytree(REPO / "content", site / "content")
    shutil.copy(REPO / "pyproject.toml", site / "pyproject.toml")
    flu = site / "content" / "the-flu-jab.md"
    flu.write_text(flu.read_text(encoding="utf-8").replace("## ", "## Changed: ", 1), encoding="utf-8")
    env = {**os.environ, "SITEGEN_TODAY": "2026-11-23"}
    done = subprocess.run([sys.executable, "-m", "sitegen", "report", "--site", str(site)], env=env,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    try:
        with a11y.serve_folder(site / "report") as base:
            page.goto(base)
            widths = page.evaluate("""() => [...document.querySelectorAll('[role=region]')].map(r => ({
                name: r.getAttribute('aria-label'), scroll: r.scrollWidth, client: r.clientWidth,
                right: r.querySelector('table').getBoundingClientRect().right}))""")
            for region in widths:
                assert region["scroll"] <= region["client"], f"{region['name']} scrolls sideways at 1,280 px: {region}"
                assert region["right"] <= 1280
            for header in ("Who must act next", "Fingerprint"):
                box = page.get_by_role("columnheader", name=header).bounding_box()
                assert box is not None and box["x"] + box["width"] <= 1280
            row = page.get_by_role("row").filter(has=page.get_by_role("rowheader", name="The flu jab"))
            action = row.first.locator("td").nth(1).inner_text()
            flu_front = flu.read_text(encoding="utf-8").split("signoff:", 1)[1].split("sources:", 1)[0]
            names = re.findall(r"- name: (.+)", flu_front)
            assert len(names) >= 2 and all(name.strip() in action for name in names), action
            violations = a11y.run_axe(axe_page, base)
            assert violations == [], a11y.format_violations(violations, "report")
    finally:
        context.close()


def test_show_this_in_the_leaflet_scrolls_the_highlight_into_the_middle(tmp_path: Path, browser, a11y) -> None:
    """Item 8: the highlight lands well below the top edge of the window, with words before it in view."""
    from sitegen.commands.serve import PreviewBuilder
    from sitegen.config import load_config
    site = tmp_path / "site"
    shutil.copytree(REPO / "content", site / "content")
    shutil.copy(REPO / "pyproject.toml", site / "pyproject.toml")
    leaflet = site / "content" / "sleeping-well.md"
    text = leaflet.read_text(encoding="utf-8")
    last = text.rindex("\n## ")
    leaflet.write_text(text[:last] + "\nPlease utilise the advice above.\n" + text[last:], encoding="utf-8")
    builder = PreviewBuilder(load_config(site), folder=tmp_path / "preview")
    assert builder(None).ok
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    try:
        with a11y.serve_folder(builder.site_dir) as base:
            page.goto(base + "sleeping-well/")
            finding = page.locator(".finding").filter(has_text="'utilise' may be hard to understand")
            link = finding.get_by_role("link", name=re.compile("^Show this in the leaflet"))
            target = link.get_attribute("href")
            link.focus()
            page.keyboard.press("Enter")
            page.wait_for_function("id => location.hash === id", arg=target)
            page.wait_for_timeout(300)
            top = page.evaluate("id => document.getElementById(id.slice(1)).getBoundingClientRect().top", target)
            assert 800 * 0.2 <= top <= 800 * 0.6, f"the highlight is {top:.0f} px from the top of an 800 px window"
    finally:
        context.close()
