"""The live preview as a writer uses it: real `sitegen serve`, real Chromium, real edits.

Edit a leaflet and the open page reloads with the new words; break its front matter
and every page shows the error overlay naming the file and line; fix it and the
overlay goes away, all without restarting the server.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from helpers import serving

REPO = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.browser


@pytest.fixture
def preview(tmp_path: Path):
    site = tmp_path / "site"
    shutil.copytree(REPO / "content", site / "content")
    shutil.copy(REPO / "pyproject.toml", site / "pyproject.toml")
    with serving(site) as url:
        yield site, url


def save_atomically(path: Path, text: str) -> None:
    """Save the way many editors do: write a temporary file, then rename it over the original."""
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, path)


def test_edit_reloads_and_broken_save_shows_overlay(preview, browser) -> None:
    site, url = preview
    leaflet = site / "content" / "sleeping-well.md"
    original = leaflet.read_text(encoding="utf-8")
    page = browser.new_page()
    try:
        page.goto(url + "sleeping-well/")
        assert page.locator("h1").inner_text() == "Sleeping well"
        banner = page.locator("[aria-label='Preview status']")
        assert "This leaflet would be published" in banner.inner_text()

        save_atomically(leaflet, original.replace("title: Sleeping well", "title: Sleeping well tonight", 1))
        page.wait_for_function("document.querySelector('h1').innerText === 'Sleeping well tonight'", timeout=20_000)
        text = banner.inner_text()
        assert "This leaflet would not be published" in text
        assert "needs a current sign-off by a clinical reviewer" in text  # the title is part of the approved text

        save_atomically(leaflet, original.replace("title: Sleeping well", "title: Sleeping well: tonight", 1))
        overlay = page.get_by_role("alertdialog").or_(page.get_by_role("alert"))
        overlay.first.wait_for(timeout=20_000)
        text = overlay.first.inner_text()
        assert "content/sleeping-well.md:2:" in text and "put the whole value in double quotes" in text
        assert page.locator("h1").first.inner_text().startswith("Sleeping well")  # the last good page is still there

        save_atomically(leaflet, original)
        page.wait_for_function("document.querySelector('h1').innerText === 'Sleeping well'", timeout=20_000)
        page.wait_for_timeout(300)
        assert "content/sleeping-well.md:2:" not in page.content()
    finally:
        page.close()


def test_review_mode_pages_are_accessible(tmp_path: Path, a11y, axe_page) -> None:
    """Patient reviewers use screen readers too: banners, findings and highlights pass axe."""
    from sitegen.config import load_config
    from sitegen.commands.serve import PreviewBuilder
    site = tmp_path / "site"
    shutil.copytree(REPO / "content", site / "content")
    shutil.copy(REPO / "pyproject.toml", site / "pyproject.toml")
    leaflet = site / "content" / "sleeping-well.md"
    text = leaflet.read_text(encoding="utf-8")
    marker = "\n## "
    extra = ("\nIf you utilise a sleeping tablet, the prognosis for your insomnia may change, and you should talk to the "
             "pharmacist or your GP about how long to take it and what to do if you feel drowsy the next morning.\n")
    leaflet.write_text(text.replace(marker, extra + marker, 1), encoding="utf-8")
    builder = PreviewBuilder(load_config(site), folder=tmp_path / "preview")
    assert builder(None).ok
    page_html = (builder.site_dir / "sleeping-well" / "index.html").read_text(encoding="utf-8")
    assert 'class="sg-mark sg-mark--jargon"' in page_html and "sg-mark--long" in page_html
    with a11y.serve_folder(builder.site_dir) as base:
        for name in ("sleeping-well/", "the-flu-jab/"):
            violations = a11y.run_axe(axe_page, base + name)
            assert violations == [], a11y.format_violations(violations, name)
