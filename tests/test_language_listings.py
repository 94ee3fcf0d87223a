"""Each other language's own A to Z, topics, glossary, search page and feed (issues 16, 17):
built through the real CLI on a tiny site, compared as exact HTML, with bad input's messages
asserted verbatim."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from helpers import leaflet, make_site, run_cli
from sitegen.fingerprint import fingerprint
from sitegen.navigation import atoz
from test_search import searchable_text
from translation_helpers import english, translation

CY_GLOSSARY = "anadlydd: Dyfais sy'n rhoi meddyginiaeth yn syth i'ch ysgyfaint.\nasthma: Cyflwr sy'n gwneud anadlu'n anodd.\n"
SECOND_BODY = "## Spacers\n\nA spacer helps the medicine reach your lungs.\n"
SECOND_EN = leaflet("Using your inhaler", SECOND_BODY)
SECOND_PRINT = fingerprint("Using your inhaler", "How to look after your asthma.", SECOND_BODY)


def site_with_welsh(tmp_path: Path, glossary: str | None = CY_GLOSSARY, **extra: str) -> Path:
    files = {"content/living-with-asthma.md": english(),
             "content/cy/byw-gydag-asthma.md": translation(extra="topics: [cyflyrau'r ysgyfaint]\nindex_terms: [gwichian]\n"),
             **extra}
    if glossary is not None:
        files["content/cy/glossary.yml"] = glossary
    return make_site(tmp_path, files)


def main_of(path: Path) -> str:
    page = path.read_text(encoding="utf-8")
    return page[page.index("<main"):page.index("</main>")]


def build(site: Path):
    result = run_cli("build", "--site", str(site), "--no-pdf")
    assert result.code == 0, result.err
    return site / "output"


def test_welsh_a_to_z_lists_welsh_leaflets_by_title_and_index_terms_in_welsh(tmp_path: Path) -> None:
    out = build(site_with_welsh(tmp_path))
    main = main_of(out / "cy/a-z/index.html")
    assert main.startswith('<main id="main" class="main">\n<h1>Taflenni A i Y</h1>\n')
    assert ('<li><a class="az-nav__link" href="#letter-b"><span class="visually-hidden">Cofnodion sy\'n dechrau gyda </span>B</a></li>'
            in main)
    assert '<li><span class="az-nav__empty">Ch<span class="visually-hidden">: dim cofnodion</span></span></li>' in main
    assert ('<a class="az-list__link" href="../../cy/byw-gydag-asthma/">Byw gydag asthma</a>'
            '      <p class="az-list__note">Sut i ofalu am eich asthma.</p>') in main
    assert ('<a class="az-list__link" href="../../cy/byw-gydag-asthma/">Gwichian</a>'
            '      <p class="az-list__note">Yn y daflen: Byw gydag asthma</p>') in main
    assert "Living with asthma" not in main and "Asthma, living with" not in main
    english_az = (out / "a-z/index.html").read_text(encoding="utf-8")
    assert '<link rel="alternate" hreflang="cy" href="https://www.example.org/cy/a-z/">' in english_az
    welsh_az = (out / "cy/a-z/index.html").read_text(encoding="utf-8")
    assert '<link rel="alternate" hreflang="en-GB" href="https://www.example.org/a-z/">' in welsh_az


def test_welsh_filing_rules() -> None:
    """Verb-nouns are set aside (the next word keeps its letter); words that mutate the next one are not;
    Welsh two-character letters are letters of their own."""
    assert atoz.label("Cael prawf gwaed", "cy") == "Prawf gwaed, cael"
    assert atoz.label("Mynd am brawf gwaed", "cy") == "Mynd am brawf gwaed"
    assert atoz.label("Y daflen", "cy") == "Y daflen"
    assert atoz.label("Taking paracetamol", "ur") == "Taking paracetamol", "no list for Urdu: nothing set aside"
    found = atoz.entries([atoz.Listed(atoz.PageRef(t, f"{n}/")) for n, t in enumerate(["Llygaid", "Lwc", "Chwydu", "Cur pen"])], "cy")
    assert [e.label for e in found] == ["Cur pen", "Chwydu", "Lwc", "Llygaid"]
    groups = {g.letter: [e.label for e in g.entries] for g in atoz.letter_groups(found, "cy")}
    assert groups["C"] == ["Cur pen"] and groups["Ch"] == ["Chwydu"] and groups["L"] == ["Lwc"] and groups["Ll"] == ["Llygaid"]
    urdu = atoz.letter_groups(atoz.entries([atoz.Listed(atoz.PageRef("الٹراساؤنڈ اسکین", "ur/x/"))], "ur"), "ur")
    assert [(g.letter, g.anchor) for g in urdu] == [("ا", "letter-u0627")], "only the letters used, ASCII anchors"


def test_welsh_topics_come_from_the_translation_or_else_its_source_named_in_english(tmp_path: Path) -> None:
    inherited = translation(of="using-your-inhaler", source_print=SECOND_PRINT, title="Defnyddio eich anadlydd")
    out = build(site_with_welsh(tmp_path, **{"content/using-your-inhaler.md": SECOND_EN,
                                            "content/cy/defnyddio-eich-anadlydd.md": inherited}))
    main = main_of(out / "cy/topics/index.html")
    assert ('<a class="topic-list__link" href="../../cy/topics/asthma/" lang="en-GB">Asthma</a>' in main)
    assert ('<a class="topic-list__link" href="../../cy/topics/cyflyrau-r-ysgyfaint/">Cyflyrau&#39;r ysgyfaint</a>' in main)
    topic = (out / "cy/topics/cyflyrau-r-ysgyfaint/index.html").read_text(encoding="utf-8")
    assert "<h1>Cyflyrau&#39;r ysgyfaint</h1>" in topic
    assert '<a class="leaflet-list__link" href="../../../cy/byw-gydag-asthma/">Byw gydag asthma</a>' in topic
    assert '<li class="breadcrumb__item"><a class="breadcrumb__link" href="../../../cy/">Hafan</a></li>' in topic
    assert '<li class="breadcrumb__item"><a class="breadcrumb__link" href="../../../cy/topics/">Pynciau</a></li>' in topic
    borrowed = (out / "cy/topics/asthma/index.html").read_text(encoding="utf-8")
    assert '<h1 lang="en-GB">Asthma</h1>' in borrowed and "defnyddio-eich-anadlydd/" in borrowed
    assert '<link rel="alternate" hreflang="en-GB" href="https://www.example.org/topics/asthma/">' in borrowed


def test_welsh_glossary_page_and_navigation_lead_to_welsh_listings(tmp_path: Path) -> None:
    out = build(site_with_welsh(tmp_path))
    assert main_of(out / "cy/glossary/index.html") == (
        '<main id="main" class="main">\n<h1>Geirfa</h1>\n'
        "<p class=\"lead\">Beth mae rhai o'r geiriau yn ein taflenni yn ei olygu.</p>\n"
        '<dl class="glossary">\n'
        '  <dt id="term-anadlydd"><dfn>anadlydd</dfn></dt>\n'
        "  <dd>Dyfais sy&#39;n rhoi meddyginiaeth yn syth i&#39;ch ysgyfaint.</dd>\n"
        '  <dt id="term-asthma"><dfn>asthma</dfn></dt>\n'
        "  <dd>Cyflwr sy&#39;n gwneud anadlu&#39;n anodd.</dd>\n"
        "</dl>\n"
        "<p class=\"print-only print-address\">Mae'r dudalen hon ar-lein yn https://www.example.org/cy/glossary/</p>\n")
    leaflet = (out / "cy/byw-gydag-asthma/index.html").read_text(encoding="utf-8")
    nav = leaflet[leaflet.index('<nav class="site-nav"'):leaflet.index("</nav>")]
    hrefs = re.findall(r'href="([^"]+)"', nav)
    assert hrefs == ["../../cy/", "../../cy/a-z/", "../../cy/topics/", "../../cy/glossary/", "../../how-we-make-our-information/"]
    assert ('<a href="../../how-we-make-our-information/" hreflang="en-GB">Sut rydyn ni\'n gwneud ein gwybodaeth (yn Saesneg)</a>'
            in nav)
    assert ('<form class="site-search" role="search" aria-label="Gwefan" action="../../cy/a-z/" method="get"'
            ' data-search-page="../../cy/search/">') in leaflet
    assert 'type="application/atom+xml" href="../../cy/feed.xml"' in leaflet
    search = (out / "cy/search/index.html").read_text(encoding="utf-8")
    assert '<html lang="cy" dir="ltr">' in search and "<h1>Chwilio</h1>" in search


def test_without_a_welsh_glossary_there_is_no_page_and_no_link(tmp_path: Path) -> None:
    out = build(site_with_welsh(tmp_path, glossary=None))
    assert not (out / "cy/glossary").exists()
    welsh = (out / "cy/a-z/index.html").read_text(encoding="utf-8")
    assert "glossary/" not in welsh and "Geirfa" not in welsh


EN_GLOSSARY = "asthma: A condition that makes breathing hard.\n"
WELSH_MARK = ('Mae <a class="gloss" href="../../cy/glossary/#term-asthma" aria-describedby="gloss-1">asthma</a>'
              '<span class="visually-hidden" id="gloss-1">Geirfa: Cyflwr sy\'n gwneud anadlu\'n anodd.</span> yn ei gwneud')


def test_welsh_text_marks_the_terms_of_the_welsh_glossary_and_links_to_its_page(tmp_path: Path) -> None:
    out = build(site_with_welsh(tmp_path, **{"content/glossary.yml": EN_GLOSSARY}))
    welsh = (out / "cy/byw-gydag-asthma/index.html").read_text(encoding="utf-8")
    assert WELSH_MARK in welsh
    assert "A condition that makes breathing hard" not in welsh  # the English explanation stays on English pages
    english_page = (out / "living-with-asthma/index.html").read_text(encoding="utf-8")
    assert ('<a class="gloss" href="../glossary/#term-asthma" aria-describedby="gloss-1">Asthma</a>'
            '<span class="visually-hidden" id="gloss-1">Glossary: A condition that makes breathing hard.</span>') in english_page


def test_without_a_welsh_glossary_no_english_term_is_marked_in_welsh_text(tmp_path: Path) -> None:
    out = build(site_with_welsh(tmp_path, glossary=None, **{"content/glossary.yml": EN_GLOSSARY}))
    welsh = (out / "cy/byw-gydag-asthma/index.html").read_text(encoding="utf-8")
    assert 'class="gloss"' not in welsh and "glossary/" not in welsh


def test_a_changed_welsh_explanation_reaches_the_welsh_page_on_the_next_build(tmp_path: Path) -> None:
    site = site_with_welsh(tmp_path)
    page = build(site) / "cy/byw-gydag-asthma/index.html"
    (site / "content/cy/glossary.yml").write_text(CY_GLOSSARY.replace("Cyflwr sy'n", "Salwch sy'n"), encoding="utf-8")
    rebuilt = build(site) / "cy/byw-gydag-asthma/index.html"
    assert WELSH_MARK.replace("Cyflwr sy'n", "Salwch sy'n") in rebuilt.read_text(encoding="utf-8")
    cached = rebuilt.read_bytes()
    assert run_cli("build", "--site", str(site), "--no-pdf", "--no-cache").code == 0
    assert page.read_bytes() == cached  # what a clean build makes


def test_a_welsh_leaflet_links_to_the_welsh_pages_of_its_own_topics(tmp_path: Path) -> None:
    site = site_with_welsh(tmp_path, **{"content/cy/defnyddio-eich-anadlydd.md": translation(
        of="using-your-inhaler", source_print=SECOND_PRINT, title="Defnyddio eich anadlydd"),
        "content/using-your-inhaler.md": SECOND_EN})
    out = build(site)
    welsh = main_of(out / "cy/byw-gydag-asthma/index.html")
    assert ('  <h3>Pynciau</h3>\n  <ul class="link-list">\n'
            '    <li><a href="../../cy/topics/cyflyrau-r-ysgyfaint/">Cyflyrau&#39;r ysgyfaint</a></li>\n  </ul>') in welsh
    assert (out / "cy/topics/cyflyrau-r-ysgyfaint/index.html").is_file()
    borrowing = main_of(out / "cy/defnyddio-eich-anadlydd/index.html")  # no topics of its own
    assert "<h3>Pynciau</h3>" not in borrowing and "topics/" not in borrowing


def test_welsh_feed_lists_welsh_leaflets_in_welsh(tmp_path: Path) -> None:
    out = build(site_with_welsh(tmp_path))
    ns = {"a": "http://www.w3.org/2005/Atom"}
    feed = ET.parse(out / "cy/feed.xml").getroot()
    assert feed.get("{http://www.w3.org/XML/1998/namespace}lang") == "cy"
    assert feed.findtext("a:title", namespaces=ns) == "Patient information: taflenni newydd a diweddar"
    assert [e.findtext("a:link", namespaces=ns) or e.find("a:link", ns).get("href") for e in feed.findall("a:entry", ns)] == [
        "https://www.example.org/cy/byw-gydag-asthma/"]
    english_feed = (out / "feed.xml").read_text(encoding="utf-8")
    assert "byw-gydag-asthma" not in english_feed
    sitemap = (out / "sitemap.xml").read_text(encoding="utf-8")
    assert "<loc>https://www.example.org/cy/a-z/</loc>" in sitemap and "cy/search/" not in sitemap


def test_a_broken_welsh_glossary_is_a_clear_error_with_file_and_line(tmp_path: Path) -> None:
    site = site_with_welsh(tmp_path, glossary="anadlydd: Dyfais.\nasthma:\n")
    result = run_cli("build", "--site", str(site), "--no-pdf")
    assert result.code == 1
    assert ("content/cy/glossary.yml:2: error: the glossary entry 'asthma' has no explanation [glossary]\n"
            "    hint: write the term, a colon, a space and then a one-sentence explanation") in result.err


def test_a_welsh_leaflet_named_like_a_welsh_listing_is_an_error(tmp_path: Path) -> None:
    site = site_with_welsh(tmp_path, **{"content/cy/a-z.md": translation(title="A i Y")})
    result = run_cli("check", "--site", str(site))
    assert result.code == 1
    assert ("content/cy/a-z.md: error: the file name content/cy/a-z.md would become /cy/a-z/, a page sitegen makes [frontmatter]"
            in result.out + result.err)


@pytest.mark.parametrize("name", ["cy/a-z/map.png", "cy/topics/asthma.pdf", "cy/search/help.pdf"])
def test_a_file_in_a_language_folder_that_a_listing_would_overwrite_is_an_error(name: str, tmp_path: Path) -> None:
    site = site_with_welsh(tmp_path, **{f"content/{name}": "made by hand"})
    result = run_cli("check", "--site", str(site))
    assert result.code == 1
    assert (f"content/{name}: error: the file content/{name} would overwrite a page sitegen makes [frontmatter]\n"
            "    hint: rename the file or move it into a folder such as content/images/") in result.out + result.err


def test_other_files_in_a_language_folder_are_published(tmp_path: Path) -> None:
    site = site_with_welsh(tmp_path, **{"content/cy/taflen.pdf": "leaflet scan"})
    result = run_cli("build", "--site", str(site), "--no-pdf")
    assert result.code == 0, result.err
    assert (site / "output/cy/taflen.pdf").read_text() == "leaflet scan"


def test_an_unpublished_welsh_translation_is_never_indexed(tmp_path: Path) -> None:
    unsigned = translation(of="using-your-inhaler", source_print=SECOND_PRINT, title="Defnyddio eich anadlydd", signed=False,
                           body="## Beth ydyw\n\nMae cwtshlydan yn air yn y daflen hon yn unig.\n")
    out = build(site_with_welsh(tmp_path, **{"content/using-your-inhaler.md": SECOND_EN,
                                            "content/cy/defnyddio-eich-anadlydd.md": unsigned}))
    text = searchable_text(out).casefold()
    assert "pibellau" in text, "the published Welsh leaflet's words are indexed"
    assert "cwtshlydan" not in text and "defnyddio eich anadlydd" not in text
    assert not (out / "cy/defnyddio-eich-anadlydd").exists()
