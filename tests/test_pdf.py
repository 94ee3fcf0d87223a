"""The example site's PDFs, opened the way a screen reader, a printer and a phone camera would.

The site is built once with the real CLI (in a copy of the example), then every
published leaflet's PDFs are checked for structure (tags, language, title, bookmarks,
embedded fonts), content (title, review dates, fingerprint, address), type size, and
a QR code that decodes to the page's canonical address.
"""

from __future__ import annotations

import html
import re
import shutil
from pathlib import Path

import pypdfium2 as pdfium
import pytest

from helpers import REPO, run_cli
from pdf_helpers import facts, qr_codes, smallest_text_pt, text
from sitegen.build import check
from sitegen.config import load_config
from sitegen.render import longdate

BASE_URL = "https://leaflets.example.org/"
"""The example site's base_url (pyproject.toml [tool.sitegen])."""


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = tmp_path_factory.mktemp("pdf") / "example"
    shutil.copytree(REPO / "content", site / "content")
    shutil.copy(REPO / "pyproject.toml", site / "pyproject.toml")
    result = run_cli("build", cwd=site)
    assert result.code == 0, result.err
    assert "PDFs were skipped" not in result.out + result.err
    return site


@pytest.fixture(scope="module")
def published(example: Path):
    return [p.leaflet for p in check(load_config(example), use_cache=False).published_pages()]


@pytest.fixture(scope="module")
def leaflets(published):
    """The English leaflets (translations' PDFs are checked in their own language below)."""
    return [leaflet for leaflet in published if not leaflet.meta.lang]


def test_every_published_leaflet_has_a_pdf_and_large_print_where_asked(example: Path, leaflets, published) -> None:
    assert len(leaflets) == len(list((REPO / "content").glob("*.md")))  # every example leaflet is published
    assert len(published) == len(list((REPO / "content").rglob("*.md")))  # and every translation
    found = sorted(p.relative_to(example / "output").as_posix() for p in (example / "output").rglob("*.pdf"))
    expected = []
    for leaflet in published:
        name = leaflet.slug.rsplit("/", 1)[-1]  # cy/cael-sgan-uwchsain/cael-sgan-uwchsain.pdf
        expected.append(f"{leaflet.slug}/{name}.pdf")
        if "large-print" in leaflet.meta.formats:
            expected.append(f"{leaflet.slug}/{name}-large-print.pdf")
    assert found == sorted(expected)
    assert any(name.endswith("-large-print.pdf") for name in found)


def test_pdfs_are_tagged_pdf_ua_with_language_title_bookmarks_and_embedded_fonts(example: Path, leaflets) -> None:
    for leaflet in leaflets:
        for path in (example / "output" / leaflet.slug).glob("*.pdf"):
            got = facts(path)
            large = path.name.endswith("-large-print.pdf")
            assert got.tagged, path
            assert got.ua_part == "1", path
            assert got.lang == "en-GB", path
            assert got.title == leaflet.meta.title + (" (large print)" if large else ""), path
            assert got.display_title, path
            assert got.outline[0] == leaflet.meta.title
            headings = [h.text for h in leaflet.body.headings]
            assert [t for t in got.outline if t in headings] == headings, path
            assert got.fonts and all(embedded for _, embedded in got.fonts), got.fonts


def test_pdf_text_carries_what_a_paper_copy_needs(example: Path, leaflets) -> None:
    for leaflet in leaflets:
        meta = leaflet.meta
        for path in (example / "output" / leaflet.slug).glob("*.pdf"):
            words = " ".join(text(path).split())
            assert meta.title in words
            assert f"Last reviewed: {longdate(meta.last_reviewed)}" in words
            assert f"Next review due: {longdate(meta.next_review)}" in words
            assert f"Version: {leaflet.fingerprint}" in words
            approved = max(s.date for s in meta.signoff if s.approves and s.fingerprint == leaflet.fingerprint)
            assert f"Approved on: {longdate(approved)}" in words
            assert "Published by Northfield Health Partners (an example charity)" in words
            assert "leaflets@example.org" in words
            # The printed address may break onto a second line, only after a "/".
            assert re.search(re.escape(BASE_URL) + r"\s?" + re.escape(f"{leaflet.slug}/"), words), path


def test_text_copies_whole_and_reads_in_order(example: Path, leaflets) -> None:
    for leaflet in leaflets:
        words = " ".join(text(example / "output" / leaflet.slug / f"{leaflet.slug}.pdf").split())
        plain = [p for p in leaflet.body_text.split("\n\n") if re.fullmatch(r"[A-Za-z0-9 ,.'’()\n-]{40,}", p.strip())]
        assert plain, leaflet.slug
        assert " ".join(plain[0].split()) in words, leaflet.slug  # a paragraph copies out whole
        assert leaflet.meta.summary in words
        position = 0
        for mark in (leaflet.meta.title, *(h.text for h in leaflet.body.headings), "Who made this leaflet",
                     "Who checked it", "About this leaflet", BASE_URL):
            found = words.find(mark, position)
            assert found >= 0, (leaflet.slug, mark)
            position = found + len(mark)


def page_blocks(page: str) -> list[str]:
    """The text of each paragraph, list item, heading and table cell of a built page's body,
    as a reader sees it (screen-reader-only text and decorative icons left out)."""
    body = page.split('<div class="leaflet-body">', 1)[1].split("</div>\n\n<section", 1)[0]
    body = re.sub(r'<span (class="visually-hidden"|[^>]*aria-hidden="true")[^>]*>.*?</span>', "", body, flags=re.S)
    blocks = re.findall(r"<(p|li|h[1-6]|td|th)\b[^>]*>(.*?)</\1>", body, flags=re.S)
    return [" ".join(html.unescape(re.sub(r"<[^>]+>", "", inner)).split()) for _, inner in blocks]


def test_pdf_holds_the_text_of_the_published_page(example: Path, leaflets) -> None:
    """Made from the page's own view: every block of the page's body is in each PDF, word for word."""
    for leaflet in leaflets:
        folder = example / "output" / leaflet.slug
        blocks = [b for b in page_blocks((folder / "index.html").read_text(encoding="utf-8")) if b]
        assert len(blocks) > 5, leaflet.slug
        for path in folder.glob("*.pdf"):
            words = " ".join(text(path, footer_mm=24).split())
            missing = [b for b in blocks if b not in words]
            assert not missing, (path.name, missing[:3])


def test_hidden_names_stay_out_of_the_pdf(example: Path, leaflets) -> None:
    hidden = [(leaflet, credit) for leaflet in leaflets for credit in leaflet.meta.coproduction if not credit.show_name]
    assert hidden, "the example site should have a credit with show_name: false"
    for leaflet, credit in hidden:
        for path in (example / "output" / leaflet.slug).glob("*.pdf"):
            words = " ".join(text(path).split())
            assert credit.name not in words
            assert credit.display_name in words


def test_type_is_clear_print_and_large_print_sized(example: Path, leaflets) -> None:
    for leaflet in leaflets:
        folder = example / "output" / leaflet.slug
        assert smallest_text_pt(folder / f"{leaflet.slug}.pdf") >= 12 - 0.01
        large = folder / f"{leaflet.slug}-large-print.pdf"
        if large.exists():
            assert smallest_text_pt(large) >= 16 - 0.01
            assert all(size == (pytest.approx(595.28, abs=0.1), pytest.approx(841.89, abs=0.1))
                       for size in facts(large).page_sizes), "large print is always A4"


def test_qr_code_decodes_to_the_canonical_address(example: Path, leaflets) -> None:
    for leaflet in leaflets:
        for path in (example / "output" / leaflet.slug).glob("*.pdf"):
            assert qr_codes(path) == [f"{BASE_URL}{leaflet.slug}/"], path
            page = (example / "output" / leaflet.slug / "index.html").read_text(encoding="utf-8")
            assert f'<link rel="canonical" href="{BASE_URL}{leaflet.slug}/">' in page


def test_page_links_each_pdf_with_its_real_size(example: Path, leaflets) -> None:
    for leaflet in leaflets:
        folder = example / "output" / leaflet.slug
        page = html.unescape((folder / "index.html").read_text(encoding="utf-8"))
        for name, label in ((f"{leaflet.slug}.pdf", "Download a printable version"),
                            (f"{leaflet.slug}-large-print.pdf", "Download a large print version")):
            if not (folder / name).exists():
                assert label not in page
                continue
            kb = max(1, round((folder / name).stat().st_size / 1024))
            link = re.search(rf'<a href="{re.escape(name)}"[^>]*>{label}<span class="download__meta"> \(PDF, (\d+) KB\)</span></a>', page)
            assert link, (name, label)
            assert int(link.group(1)) == kb


def test_pdfs_do_not_change_between_identical_builds(example: Path, tmp_path: Path) -> None:
    again = tmp_path / "again"
    shutil.copytree(example / "content", again / "content")
    shutil.copy(example / "pyproject.toml", again / "pyproject.toml")
    assert run_cli("build", "--no-cache", cwd=again).code == 0
    for path in (example / "output").rglob("*.pdf"):
        assert (again / "output" / path.relative_to(example / "output")).read_bytes() == path.read_bytes(), path


def test_a_translation_prints_in_its_own_language(example: Path, published) -> None:
    welsh = next(leaflet for leaflet in published if leaflet.slug == "cy/cael-sgan-uwchsain")
    path = example / "output" / welsh.slug / "cael-sgan-uwchsain.pdf"
    got = facts(path)
    assert got.tagged and got.ua_part == "1"
    assert got.lang == "cy"
    assert got.title == welsh.meta.title
    words = " ".join(text(path).split())
    assert "Adolygwyd ddiwethaf: 9 Tachwedd 2026" in words and "Fersiwn: 881a101222" in words
    assert "Cymeradwywyd ar: 12 Tachwedd 2026" in words and "Last reviewed" not in words
    urdu = next(leaflet for leaflet in published if leaflet.meta.lang == "ur")
    printed = example / "output" / urdu.slug / "ultrasound-scan.pdf"
    assert facts(printed).lang == "ur"
    # every Urdu letter from a font that has it (Liberation Sans has no ہ or ے: empty boxes on paper)
    assert any("Noto-Naskh-Arabic" in name for name, _ in facts(printed).fonts), facts(printed).fonts
    assert urdu.meta.title in " ".join(text(printed).split())


def footer(path: Path) -> tuple[str, str]:
    """The footer's words on the first page: (left half, right half)."""
    document = pdfium.PdfDocument(path)
    page = document[0]
    width, _ = page.get_size()
    words = page.get_textpage()
    halves = (words.get_text_bounded(0, 0, width / 2, FOOTER_PT), words.get_text_bounded(width / 2, 0, width, FOOTER_PT))
    return tuple(" ".join(half.split()) for half in halves)  # type: ignore[return-value]


FOOTER_PT = 50
"""Points from the bottom edge that hold the footer (A4 margin 15 mm is about 43 pt)."""


def test_the_footer_is_in_the_leaflets_language_and_starts_on_its_side(example: Path, published) -> None:
    by_lang = {leaflet.meta.lang or "en": leaflet for leaflet in published}
    asthma = next(leaflet for leaflet in published if leaflet.slug == "living-with-asthma")
    assert footer(example / "output" / asthma.slug / "living-with-asthma.pdf") == ("Living with asthma", "Page 1 of 5")
    welsh = example / "output" / "cy/cael-sgan-uwchsain" / "cael-sgan-uwchsain.pdf"
    assert footer(welsh) == ("Cael sgan uwchsain", "Tudalen 1 o 2")
    urdu = by_lang["ur"]
    left, right = footer(example / "output" / urdu.slug / "ultrasound-scan.pdf")
    assert right == urdu.meta.title and left.startswith("صفحہ 1 از")  # right to left: the title on the right
