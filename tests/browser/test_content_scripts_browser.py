"""No script from content/ runs in a reader's browser (issue 11, item 3), shown in Chromium.

First the attack files are shown to be live: served as they are, each one runs its script
in Chromium (so the detector below can see a script run). Then the same files are put in a
site's content/: the build refuses every one of them by name; once they are removed as the
messages say, every built page and every built content file is opened in Chromium and no
script from content runs (the leaflet's own raw HTML is shown as text).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import TODAY, leaflet

REPO = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.browser

SVG_HEAD = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">'
ATTACKS = {
    "help.html": "<!doctype html><title>Help</title><script>alert('content ran')</script>",
    "images/script.svg": f"{SVG_HEAD}<script>alert('content ran')</script></svg>",
    "images/onload.svg": '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(\'content ran\')"><rect width="1" height="1"/></svg>',
    "images/foreign.svg": (f'{SVG_HEAD}<foreignObject width="10" height="10"><img xmlns="http://www.w3.org/1999/xhtml" '
                           "src=\"missing.png\" onerror=\"alert('content ran')\"/></foreignObject></svg>"),
    "images/iframe.svg": (f'{SVG_HEAD}<foreignObject width="10" height="10"><iframe xmlns="http://www.w3.org/1999/xhtml" '
                          "srcdoc=\"&lt;script&gt;parent.alert('content ran')&lt;/script&gt;\"></iframe></foreignObject></svg>"),
}
BODY = ("## What it is\n\nAsthma makes it hard to breathe.\n\n![A circle](images/circle.svg)\n\n"
        "<script>alert('content ran')</script>\n\n<img src=x onerror=\"alert('content ran')\">\n")
SAFE_SVG = f'{SVG_HEAD}<title>A circle</title><circle cx="5" cy="5" r="4" fill="#005eb8"/></svg>'


def scripts_run(page, url: str) -> list[str]:
    """Open ``url`` and return the messages of every alert() a script on it raised."""
    seen: list[str] = []

    def on_dialog(dialog) -> None:
        seen.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    try:
        page.goto(url, wait_until="load")
        page.wait_for_timeout(150)  # onerror and srcdoc frames run just after load
    finally:
        page.remove_listener("dialog", on_dialog)
    return seen


def write(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def test_the_attack_files_do_run_their_scripts_when_published_raw(tmp_path: Path, browser, a11y) -> None:
    write(tmp_path, ATTACKS)
    page = browser.new_page()
    try:
        with a11y.serve_folder(tmp_path) as base:
            for name in ATTACKS:
                assert scripts_run(page, base + name) == ["content ran"], name
    finally:
        page.close()


def test_no_script_from_content_runs_on_the_built_site(tmp_path: Path, browser, a11y) -> None:
    site = tmp_path / "site"
    site.mkdir()
    shutil.copy(REPO / "pyproject.toml", site / "pyproject.toml")
    write(site / "content", {"asthma.md": leaflet(body=BODY), "images/circle.svg": SAFE_SVG, **ATTACKS})
    env = {"SITEGEN_TODAY": TODAY, "PYTHONIOENCODING": "utf-8", "PATH": "/usr/bin:/bin"}
    command = [sys.executable, "-m", "sitegen", "build", "--site", str(site)]
    refused = subprocess.run(command, capture_output=True, text=True, env=env, cwd=REPO, timeout=300)
    assert refused.returncode == 1
    assert sorted(line.split(":", 1)[0] for line in refused.stderr.splitlines() if ": error: " in line) == \
        sorted(f"content/{name}" for name in ATTACKS)
    assert not (site / "output").exists()

    for name in ATTACKS:
        (site / "content" / name).unlink()
    built = subprocess.run(command, capture_output=True, text=True, env=env, cwd=REPO, timeout=300)
    assert built.returncode == 0, built.stderr
    output = site / "output"
    pages = sorted(p.relative_to(output).as_posix() for p in output.rglob("*") if p.suffix in (".html", ".svg"))
    assert "asthma/index.html" in pages and "images/circle.svg" in pages
    page = browser.new_page()
    try:
        with a11y.serve_folder(output) as base:
            page.route("**/*", lambda route: route.continue_() if route.request.url.startswith(base) else route.abort())
            ran = {name: found for name in pages if (found := scripts_run(page, base + name))}
            assert ran == {}
            page.goto(base + "asthma/")
            assert "<script>alert('content ran')</script>" in page.inner_text("main")
    finally:
        page.close()
