"""Nothing from content can run in a reader's browser, and a failed build changes nothing.

The XSS corpus mixes markdown-it-py's xss fixtures with OWASP-style vectors: raw
tags, event handlers, script URLs in every link form and letter case, data: URLs.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import time
from html.parser import HTMLParser
from pathlib import Path

import pytest

from helpers import REPO, TODAY, leaflet, make_site, run_cli, tree

BODY_VECTORS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '<a href="javascript:alert(1)">x</a>',
    "<iframe src=javascript:alert(1)></iframe>",
    "<svg onload=alert(1)>",
    "<details open ontoggle=alert(1)>",
    "[a](javascript:alert(1))",
    "[a](JAVASCRIPT:alert(1))",
    "[a](  javascript:alert(1))",
    "[a](java\nscript:alert(1))",
    "[a](&#74;avascript:alert(1))",
    "[a](&#x6A;avascript:alert(1))",
    "[a](javascript&colon;alert(1))",
    "[a](vbscript:msgbox(1))",
    "[a](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "![a](data:text/html,<script>alert(1)</script>)",
    "<javascript:alert(1)>",
    "[ref]\n\n[ref]: javascript:alert(1)",
    "[a](\"onmouseover=alert(1))",
    '<a href="x" onmouseover="alert(1)">x</a>',
    "<style>body{background:url(javascript:alert(1))}</style>",
    "<object data=javascript:alert(1)>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
]
DANGEROUS_TAGS = {"script", "iframe", "object", "embed", "svg", "math", "style", "details", "form", "base", "meta", "link"}
SAFE_URL = re.compile(r"^(https?:|mailto:|tel:|[^:]*$)", re.IGNORECASE)


class Dangers(HTMLParser):
    """Real elements and attributes only: escaped text such as '&lt;script&gt;' is harmless."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag in DANGEROUS_TAGS and not (tag == "script" and values.get("type") == "application/ld+json") \
                and not (tag in ("meta", "link") and "http-equiv" not in values) and not own_search(tag, values):
            self.found.append(f"<{tag}>")
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(f"{tag} {name}=")
            if name in ("href", "src", "action", "formaction", "data") and value and not SAFE_URL.match(value.strip()):
                self.found.append(f"{tag} {name}={value}")


SITEGEN_SCRIPTS = re.compile(r"^(/([\w.-]+/)*|(\.\./)*)assets/(site|search)\.js$")
"""sitegen's own script files (theme/static/): the only scripts a page may load."""


def own_search(tag: str, values: dict[str, str | None]) -> bool:
    """The theme's search: its script files and its GET search forms, leading to its own pages."""
    if tag == "script":
        return bool(SITEGEN_SCRIPTS.match(values.get("src") or ""))
    return tag == "form" and values.get("role") == "search" and values.get("method") == "get" \
        and bool(re.match(r"^(/([\w.-]+/)*|(\.\./)*|\./)([a-z-]+/)?$", values.get("action") or ""))


def dangers(html: str) -> list[str]:
    parser = Dangers()
    parser.feed(html)
    return parser.found


def published_dangers(root: Path) -> list[str]:
    return [d for p in (root / "output").rglob("*.html") for d in dangers(p.read_text(encoding="utf-8"))]


@pytest.mark.parametrize("vector", BODY_VECTORS)
def test_body_vector_never_reaches_a_page(site, vector: str) -> None:
    root = site({"content/asthma.md": leaflet(body=f"## What it is\n\n{vector}\n")})
    result = run_cli("build", "--site", str(root))
    if result.code == 0:
        assert published_dangers(root) == []
    else:
        assert "[unsafe-link]" in result.err or "[broken-link]" in result.err
        assert not (root / "output").exists()


def test_preview_render_of_vectors_is_safe() -> None:
    """The same corpus rendered straight through the renderer, as the preview does."""
    from sitegen.htmlrender import RenderContext, render
    from sitegen.markdown import parse
    body = "\n\n".join(BODY_VECTORS)
    facts = parse(body, "content/x.md", 0)
    html = render(facts.tokens, RenderContext({link.target: None for link in facts.links}))
    assert dangers(html) == [], html


def test_front_matter_values_are_escaped(site) -> None:
    text = leaflet("<img src=x onerror=alert(1)> & 'quotes'", summary="</script><script>alert(1)</script>")
    root = site({"content/asthma.md": text})
    result = run_cli("build", "--site", str(root))
    assert result.code == 0, result.err
    page = (root / "output" / "asthma" / "index.html").read_text(encoding="utf-8")
    assert "<img src=x" not in page and "</script><script>" not in page
    assert "&lt;img src=x onerror=alert(1)&gt; &amp; &#39;quotes&#39;" in page
    assert published_dangers(root) == []


def test_failed_build_leaves_output_untouched(site) -> None:
    root = site({"content/asthma.md": leaflet()})
    assert run_cli("build", "--site", str(root)).code == 0
    before = tree(root / "output")
    (root / "content" / "broken.md").write_text("---\ntitle: Broken: oops\n---\n", encoding="utf-8")
    assert run_cli("build", "--site", str(root)).code == 1
    assert tree(root / "output") == before


def test_refuses_to_replace_a_folder_it_did_not_make(site) -> None:
    root = site({"content/asthma.md": leaflet(), "output/notes.txt": "my own notes"})
    result = run_cli("build", "--site", str(root))
    assert result.code == 1
    assert "has files that sitegen did not make" in result.err
    assert (root / "output" / "notes.txt").read_text() == "my own notes"


def test_write_failure_midway_leaves_output_untouched(site, monkeypatch: pytest.MonkeyPatch) -> None:
    from sitegen import write
    from sitegen.build import build
    from sitegen.config import load_config
    root = site({"content/asthma.md": leaflet(), "content/sleep.md": leaflet("Sleeping well")})
    assert build(load_config(root)).ok
    before = tree(root / "output")
    calls = {"n": 0}
    real = write.write_file

    def failing_write(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 3:
            raise OSError(28, "No space left on device")
        return real(*args, **kwargs)

    monkeypatch.setattr(write, "write_file", failing_write)
    (root / "content" / "asthma.md").write_text(leaflet(body="## New\n\nNew words.\n"), encoding="utf-8")
    with pytest.raises(Exception, match="No space left on device"):
        build(load_config(root))
    assert tree(root / "output") == before
    monkeypatch.setattr(write, "write_file", real)
    assert build(load_config(root)).ok  # the half-updated spare is detected and put right
    assert b"New words." in (root / "output" / "asthma" / "index.html").read_bytes()


def test_killed_build_leaves_output_untouched(tmp_path: Path) -> None:
    """SIGKILL at many moments during a build: output/ is always the old site, complete."""
    root = tmp_path / "site"
    pages = {f"content/leaflet-{n:03d}.md": leaflet(f"Leaflet {n}", body=f"## Part\n\nText number {n}.\n" * 20) for n in range(150)}
    make_site(root, pages)
    # --no-pdf keeps the kill moments on the write (150 PDFs would take the whole second);
    # PDFs are written into their store atomically, before any of this happens.
    assert run_cli("build", "--site", str(root), "--no-pdf").code == 0
    old = tree(root / "output")
    for name in list(pages)[:10]:
        (root / name).write_text(leaflet("Changed", body="## New\n\nNew words.\n"), encoding="utf-8")
    # The whole new site, built cleanly from a copy: search index files are named by their
    # content, so "the new site" is only known by building it.
    fresh = tmp_path / "fresh"
    shutil.copytree(root / "content", fresh / "content")
    for extra in root.iterdir():
        if extra.is_file():
            shutil.copy2(extra, fresh / extra.name)
    assert run_cli("build", "--site", str(fresh), "--no-pdf", "--no-cache").code == 0
    new = tree(fresh / "output")
    assert new != old
    env = {**os.environ, "SITEGEN_TODAY": TODAY}
    for delay in (0.3, 0.6, 0.9, 1.2):
        proc = subprocess.Popen([sys.executable, "-m", "sitegen", "build", "--site", str(root), "--no-pdf"], env=env,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=REPO)
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        assert tree(root / "output") in (old, new)  # the old site, complete, or the whole new one


def test_a_killed_builds_leftovers_are_cleared_but_nothing_else(site) -> None:
    """A first build publishes a hard-linked twin (output.building-*), and where folders cannot be
    exchanged atomically the old output is parked (output.old-*): a build killed at that moment
    leaves one behind, and the next build clears it. A folder sitegen did not make stays."""
    root = site({"content/asthma.md": leaflet()})
    assert run_cli("build", "--site", str(root)).code == 0
    twin, parked, foreign = root / "output.building-1a2b3c4d", root / "output.old-5e6f7a8b", root / "output.old-mine"
    for folder in (twin, parked, foreign):
        folder.mkdir()
    (twin / ".sitegen-building").write_text("")
    (parked / ".sitegen-output").write_text("{}")
    (foreign / "notes.txt").write_text("my notes")
    assert run_cli("build", "--site", str(root), "--no-cache").code == 0
    assert not twin.exists() and not parked.exists()
    assert (foreign / "notes.txt").read_text() == "my notes"
