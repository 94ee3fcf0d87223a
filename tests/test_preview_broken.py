"""One broken leaflet never blocks the preview: healthy pages are served as usual, each
broken one with its own overlay, and the home page lists every leaflet's state (issue 14, item 5)."""

from __future__ import annotations

import re
import urllib.request
from pathlib import Path

from helpers import leaflet, make_site

from sitegen.commands.serve import PreviewBuilder
from sitegen.config import load_config
from sitegen.devserver import OVERLAY_TITLE, DevServer
from sitegen.devserver.pages import PAGE_OVERLAY_TITLE

BROKEN = "---\ntitle: Broken: oops\nsummary: x\n---\n\n## Hello\n\nSome words. ![](nope.png)\n"


def _get(url: str) -> tuple[int, str]:
    with urllib.request.urlopen(url, timeout=30) as answer:
        return answer.status, answer.read().decode("utf-8")


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_healthy_pages_are_served_and_the_broken_one_has_its_overlay(tmp_path: Path) -> None:
    site = make_site(tmp_path / "site", {
        "content/asthma.md": leaflet(),
        "content/sleep.md": leaflet("Sleeping well", signed=False),
        "content/broken.md": BROKEN,
    })
    builder = PreviewBuilder(load_config(site), folder=tmp_path / "preview")
    logs: list[str] = []
    with DevServer(builder, port=0, log=logs.append) as server:
        status, healthy = _get(server.url + "asthma/")
        assert status == 200
        assert OVERLAY_TITLE not in healthy and PAGE_OVERLAY_TITLE not in healthy
        assert "This leaflet would be published" in healthy

        status, broken = _get(server.url + "broken/")
        assert status == 200
        assert PAGE_OVERLAY_TITLE in broken and 'role="alert"' in broken
        assert "content/broken.md:2:14: error: there is a second &#x27;: &#x27; (colon and space) on this line [frontmatter]" in broken
        assert "content/broken.md:8: error: the image &#x27;nope.png&#x27; has no description (alt text) [image-alt]" in broken
        assert "Some words." in broken  # the body as far as it could be read

        status, home = _get(server.url)
        assert status == 200 and PAGE_OVERLAY_TITLE not in home
        shown = _text(home)
        assert "Broken: oops : Broken ( content/broken.md ) line 2: there is a second" in shown
        assert "Sleeping well : Would not be published ( content/sleep.md ) needs a current sign-off by a clinical reviewer" in shown
        assert "Living with asthma : Would be published ( content/asthma.md )" in shown
    assert any(line.startswith("1 leaflet has errors; the preview shows each with its problems") for line in logs)


def test_a_file_that_cannot_be_read_at_all_is_listed_on_the_home_page(tmp_path: Path) -> None:
    site = make_site(tmp_path / "site", {"content/asthma.md": leaflet(), "content/latin1.md": b"---\ntitle: caf\xe9\n---\n"})
    builder = PreviewBuilder(load_config(site), folder=tmp_path / "preview")
    with DevServer(builder, port=0, log=lambda _: None) as server:
        assert _get(server.url + "asthma/")[0] == 200
        status, home = _get(server.url)
        assert status == 200 and PAGE_OVERLAY_TITLE in home
        assert "latin1.md: Broken ( content/latin1.md ) line 2: the file is not saved as UTF-8 text" in _text(home)


def test_a_site_wide_error_still_stops_the_preview_build(tmp_path: Path) -> None:
    site = make_site(tmp_path / "site", {"content/asthma.md": leaflet(), "content/glossary.yml": "inhaler: [a, b]\n"})
    outcome = PreviewBuilder(load_config(site), folder=tmp_path / "preview")(None)
    assert not outcome.ok and "content/glossary.yml:1" in outcome.errors[0]
