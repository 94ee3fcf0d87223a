"""Every text value is checked the same way, escapes included; settings that become links
are validated; feed.xml and sitemap.xml are always well-formed (issue 11, items 8 and 10).

Before: ``title: "Esc\\LTitle\\0nul\\x01\\e[31m\\uFFFE"`` passed the control-character
check (which looked at the file's raw text, where an escape is plain letters), made
feed.xml not well-formed and put NUL and ESC into every listing and the report;
``feedback = "javascript:alert(document.domain)"`` put a javascript: link on every page;
a base_url with ``"`` broke the hrefs in feed.xml.
"""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from types import SimpleNamespace

import pytest
from hypothesis import given, settings, strategies as st

from helpers import leaflet, run_cli
from sitegen import feeds

HINT = ("    hint: delete it; if the value is in double quotes, look for a backslash escape such as \\0, \\x01, \\e or \\uFFFE "
        "and remove it (to write a backslash itself, write \\\\)\n")


def errors(text: str) -> list[str]:
    return [line for line in text.splitlines() if ": error: " in line]


@pytest.mark.parametrize(("escape", "what"), [
    ("\\0", "an invisible control character U+0000"),
    ("\\x01", "an invisible control character U+0001"),
    ("\\e[31m", "an invisible control character U+001B"),
    ("\\N", "an invisible control character U+0085"),
    ("\\L", "an invisible line separator U+2028"),
    ("\\P", "an invisible paragraph separator U+2029"),
    ("\\uFFFE", "the Unicode non-character U+FFFE"),
    ("\\uFDD0", "the Unicode non-character U+FDD0"),
    ("\\U0001FFFF", "the Unicode non-character U+1FFFF"),
    ("\\U0010FFFF", "the Unicode non-character U+10FFFF"),
])
def test_an_escape_in_front_matter_is_refused_with_file_line_and_column(site, escape: str, what: str) -> None:
    text = leaflet().replace("audience: Adults with asthma", f'audience: "Adults {escape} with asthma"')
    root = site({"content/asthma.md": text})
    result = run_cli("build", "--site", str(root))
    assert result.code == 1, result.err
    line = f"content/asthma.md:4:11: error: this value contains {what}, which cannot be shown, printed or read aloud [frontmatter]"
    assert errors(result.err) == [line]
    assert f"{line}\n{HINT}" in result.err


def test_the_issue_title_is_refused_and_nothing_is_written(site) -> None:
    text = leaflet().replace('title: "Living with asthma"', 'title: "Esc\\LTitle\\0nul\\x01\\e[31m\\uFFFE"')
    root = site({"content/asthma.md": text})
    result = run_cli("build", "--site", str(root))
    assert result.code == 1
    assert errors(result.err) == ["content/asthma.md:2:8: error: this value contains an invisible line separator U+2028, "
                                  "which cannot be shown, printed or read aloud [frontmatter]"]
    assert not (root / "output").exists()


def test_keys_and_list_items_are_checked_too(site) -> None:
    text = leaflet().replace("topics: [asthma]", 'topics: [asthma, "wheeze\\a"]')
    root = site({"content/asthma.md": text})
    result = run_cli("check", "--site", str(root))
    assert errors(result.err + result.out) == ["content/asthma.md:5:18: error: this value contains an invisible control character U+0007, "
                                               "which cannot be shown, printed or read aloud [frontmatter]"]


def test_an_escape_in_the_glossary_is_refused(site) -> None:
    root = site({"content/asthma.md": leaflet(), "content/glossary.yml": 'inhaler: a device\nspacer: "a tube\\x1b[2J"\n'})
    result = run_cli("build", "--site", str(root))
    assert result.code == 1
    line = ("content/glossary.yml:2:9: error: this value contains an invisible control character U+001B, "
            "which cannot be shown, printed or read aloud [glossary]")
    assert errors(result.err) == [line]
    assert f"{line}\n{HINT}" in result.err


FEEDBACK = ("sitegen.toml: setting 'feedback': expected an email address (feedback@example.org) or a web address "
            "starting with https://, got {!r}; it becomes the feedback link on every leaflet")
BASE_URL = ("sitegen.toml: setting 'base_url': expected the site's full web address starting with https:// (or http://), "
            "like \"https://leaflets.example.org/\", got {!r}; it is written into every page's canonical link, sitemap.xml and feed.xml")


@pytest.mark.parametrize(("setting", "message"), [
    ('feedback = "javascript:alert(document.domain)"', FEEDBACK.format("javascript:alert(document.domain)")),
    ('feedback = "http://example.org/form"', FEEDBACK.format("http://example.org/form")),
    ('feedback = "data:text/html,<script>alert(1)</script>"', FEEDBACK.format("data:text/html,<script>alert(1)</script>")),
    ('feedback = "us at example.org"', FEEDBACK.format("us at example.org")),
    ("base_url = 'https://example.org/\"onmouseover=\"alert(1)'", BASE_URL.format('https://example.org/"onmouseover="alert(1)')),
    ('base_url = "/leaflets/"', BASE_URL.format("/leaflets/")),
    ('base_url = "javascript://example.org/%0aalert(1)"', BASE_URL.format("javascript://example.org/%0aalert(1)")),
    ('base_url = "https://example.org/?page=1"', BASE_URL.format("https://example.org/?page=1")),
    ('site_name = "Our \\u001b[31mleaflets"', "sitegen.toml: setting 'site_name': the value contains an invisible control character U+001B; "
     "delete it (if you see a backslash escape such as \\u0000 or \\u001b between the quotes, remove it)"),
    ('organisation = "NUL\\u0000"', "sitegen.toml: setting 'organisation': the value contains an invisible control character U+0000; "
     "delete it (if you see a backslash escape such as \\u0000 or \\u001b between the quotes, remove it)"),
])
def test_settings_are_validated_like_front_matter(site, setting: str, message: str) -> None:
    root = site({"content/asthma.md": leaflet(), "sitegen.toml": setting + "\n"})
    result = run_cli("build", "--site", str(root))
    assert result.code == 2, result.err
    assert message in result.err
    assert "Traceback" not in result.err
    assert not (root / "output").exists()


@pytest.mark.parametrize("setting", ['feedback = "leaflets@example.org"', 'feedback = "mailto:leaflets@example.org"',
                                     'feedback = "https://example.org/feedback?from=leaflet"', 'base_url = "http://localhost:8000/leaflets"',
                                     'base_url = "https://leaflets.example.org"', 'site_name = "Gwybodaeth i gleifion — Cymru"'])
def test_good_settings_still_build(site, setting: str) -> None:
    root = site({"content/asthma.md": leaflet(), "sitegen.toml": setting + "\n"})
    result = run_cli("build", "--site", str(root), "--no-pdf")
    assert result.code == 0, result.err
    ET.parse(root / "output" / "feed.xml")
    ET.parse(root / "output" / "sitemap.xml")


def _page(slug: str, title: str, summary: str) -> SimpleNamespace:
    meta = SimpleNamespace(title=title, summary=summary, published=dt.date(2025, 1, 2), last_reviewed=dt.date(2026, 3, 4),
                           translation_of=None, lang=None)
    return SimpleNamespace(leaflet=SimpleNamespace(slug=slug, meta=meta))


@settings(max_examples=200, deadline=None)
@given(title=st.text(), summary=st.text(), name=st.text(), base=st.text())
def test_feed_and_sitemap_are_always_well_formed(title: str, summary: str, name: str, base: str) -> None:
    """Whatever reaches the XML writer, ElementTree escapes it and the files parse; the text of
    every value XML can hold comes back unchanged."""
    config = SimpleNamespace(site_name=name, base_url=f"https://example.org/{base}/", publisher=name)
    site = SimpleNamespace(config=config, preview=False)
    page = _page("asthma", title, summary)
    feed = ET.fromstring(feeds.feed(site, [page]))
    ET.fromstring(feeds.sitemap(site, [page]))
    atom = "{http://www.w3.org/2005/Atom}"
    legal = feeds._xml_text(title)
    if "\r" not in legal:  # an XML parser reads a raw CR as a line break (XML 1.0 section 2.11)
        assert (feed.find(f"{atom}entry/{atom}title").text or "") == legal


@pytest.mark.parametrize(("setting", "link"), [
    ("leaflets@example.org", '<a href="mailto:leaflets@example.org">email leaflets@example.org</a>'),
    ("mailto:leaflets@example.org", '<a href="mailto:leaflets@example.org">email leaflets@example.org</a>'),
    ("https://example.org/feedback", '<a href="https://example.org/feedback">use our feedback form</a>'),
])
def test_the_feedback_link_on_every_leaflet(site, setting: str, link: str) -> None:
    root = site({"content/asthma.md": leaflet(), "sitegen.toml": f'feedback = "{setting}"\n'})
    assert run_cli("build", "--site", str(root), "--no-pdf").code == 0
    assert link in (root / "output" / "asthma" / "index.html").read_text(encoding="utf-8")


def _sitemap_through_elementtree(rows: list[feeds.SitemapRow], xhtml: bool) -> bytes:
    """How sitemap.xml was written before it was written as text: the oracle for ``sitemap_xml``."""
    root = ET.Element("urlset", xmlns=feeds.SITEMAP_NS)
    if xhtml:
        root.set("xmlns:xhtml", feeds.XHTML_NS)
    for loc, lastmod, alternates in rows:
        url = ET.SubElement(root, "url")
        ET.SubElement(url, "loc").text = loc
        if lastmod:
            ET.SubElement(url, "lastmod").text = lastmod
        for lang, href in alternates:
            ET.SubElement(url, "xhtml:link", rel="alternate", hreflang=lang, href=href)
    ET.indent(root, space="  ")
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"


_legal_text = st.text().map(feeds._xml_text)


@settings(max_examples=300, deadline=None)
@given(rows=st.lists(st.tuples(_legal_text, _legal_text, st.lists(st.tuples(_legal_text, _legal_text), max_size=3).map(tuple)),
                     min_size=1, max_size=5),
       xhtml=st.booleans())
def test_the_sitemap_is_written_byte_for_byte_as_elementtree_would(rows: list[feeds.SitemapRow], xhtml: bool) -> None:
    assert feeds.sitemap_xml(rows, xhtml) == _sitemap_through_elementtree(rows, xhtml)
