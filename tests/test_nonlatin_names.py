"""Leaflets named in any script get a readable address (issue 11, item 12).

Before, ``日本語.md`` was refused as "has no letters or digits": the address kept only the
letters a to z. Welsh, Urdu and Japanese teams need names in their own script; Latin
letters still lose their accents (Café → cafe), so existing addresses do not change.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from helpers import leaflet, run_cli
from sitegen.devserver.paths import resolve_request
from sitegen.source import slug_for


@pytest.mark.parametrize(("name", "slug"), [
    ("日本語.md", "日本語"), ("ذیابیطس کے ساتھ.md", "ذیابیطس-کے-ساتھ"), ("Діабет і ви.md", "діабет-і-ви"), ("नमस्ते.md", "नमस्ते"),
    ("が.md", "が"), ("Byw gyda Diabetes – Ŵyau.md", "byw-gyda-diabetes-wyau"), ("Café Noir.md", "cafe-noir"),
    ("Living with Asthma.md", "living-with-asthma"), ("ＡＢＣ.md", "abc"), ("Straße.md", "strasse"), ("---.md", ""),
])
def test_addresses_keep_letters_of_every_script(name: str, slug: str) -> None:
    assert slug_for(Path(name)) == slug


def test_a_leaflet_named_in_japanese_is_built_listed_and_linked(site) -> None:
    body = "## What it is\n\nAsthma makes it hard to breathe. Read [the Japanese leaflet](日本語.md).\n"
    root = site({"content/asthma.md": leaflet(body=body), "content/日本語.md": leaflet("日本語"),
                 "content/ذیابیطس.md": leaflet("ذیابیطس")})
    result = run_cli("build", "--site", str(root), "--no-pdf")
    assert result.code == 0, result.err
    out = root / "output"
    assert (out / "日本語" / "index.html").is_file() and (out / "ذیابیطس" / "index.html").is_file()
    assert 'href="../日本語/"' in (out / "asthma" / "index.html").read_text(encoding="utf-8")
    locs = [e.text for e in ET.parse(out / "sitemap.xml").getroot().iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    assert "https://www.example.org/%E6%97%A5%E6%9C%AC%E8%AA%9E/" in locs  # a sitemap holds URIs: ASCII, percent-encoded
    assert all(loc.isascii() for loc in locs)
    served = resolve_request(out, "/%E6%97%A5%E6%9C%AC%E8%AA%9E/")
    assert served.file is not None and served.file.parent.name == "日本語"
