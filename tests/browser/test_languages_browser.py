"""The example site in Welsh and Urdu, tried in a real browser as a reader would.

A reader on an English leaflet follows "Darllenwch y daflen hon yn Gymraeg", lands on a page
that is Welsh from the skip link to the footer (lang="cy"), finds the notice that the English
has changed since it was translated, follows it back to the current English page, and the Urdu
page is laid out right to left. axe runs on each of these pages too (every built page is also
checked by test_site_a11y.py).
"""

from __future__ import annotations

import pytest
from babel.messages.pofile import read_po

from sitegen.i18n import catalogues
from test_site_a11y import build_example_site

pytestmark = pytest.mark.browser

OUTDATED_EN = "having-an-ultrasound-scan/"
OUTDATED_CY = "cy/cael-sgan-uwchsain/"
CURRENT_CY = "cy/cael-prawf-gwaed-canllaw-i-blant/"
URDU = "ur/ultrasound-scan/"


@pytest.fixture(scope="module")
def example_url(a11y):
    build = build_example_site()
    if build.returncode != 0:
        pytest.fail(f"the example site did not build:\n{build.log}", pytrace=False)
    with a11y.serve_folder(build.output) as url:
        yield url


@pytest.fixture(scope="module")
def reader(browser):
    """A tab of its own: the shared axe tab only lets through the origin of the last site it checked."""
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.set_default_timeout(30_000)
    yield page
    context.close()


def theme_english() -> list[str]:
    """The theme's English strings of two words or more that the Welsh catalogue translates."""
    with (catalogues.THEME_LOCALE / "cy.po").open("rb") as handle:
        catalogue = read_po(handle, locale="cy")
    return [m.id for m in catalogue if isinstance(m.id, str) and len(m.id.split()) >= 2 and "%(" not in m.id
            and "{" not in m.id and m.string != m.id and m.id != "Read this leaflet in English"]


def test_a_reader_goes_from_english_to_welsh_and_back(reader, example_url) -> None:
    page = reader
    page.goto(example_url + OUTDATED_EN)
    link = page.locator('a[hreflang="cy"]', has_text="Darllenwch y daflen hon yn Gymraeg")
    assert link.get_attribute("lang") == "cy"
    link.click()
    page.wait_for_url(example_url + OUTDATED_CY)
    assert page.evaluate("document.documentElement.lang") == "cy"
    text = page.locator("body").inner_text()
    assert [s for s in theme_english() if s in text] == []
    assert "Mae'r fersiwn Saesneg o'r daflen hon wedi newid ers iddi gael ei chyfieithu." in text
    assert "Adolygwyd y dudalen ddiwethaf: 9 Tachwedd 2026" in text
    notice = page.locator(".notice--outdated a", has_text="Having an ultrasound scan")
    assert notice.get_attribute("lang") == "en-GB"
    notice.click()
    page.wait_for_url(example_url + OUTDATED_EN)
    assert page.evaluate("document.documentElement.lang") == "en-GB"


def test_a_current_welsh_page_has_no_outdated_notice_and_links_back(reader, example_url) -> None:
    page = reader
    page.goto(example_url + CURRENT_CY)
    assert page.locator(".notice--outdated").count() == 0
    page.locator('a[hreflang="en-GB"]', has_text="Read this leaflet in English").click()
    page.wait_for_url(example_url + "having-a-blood-test-a-guide-for-children/")


@pytest.mark.parametrize("path", [OUTDATED_CY, CURRENT_CY, URDU, "cy/", "ur/"])
def test_language_pages_have_no_axe_violations(axe_page, example_url, a11y, path) -> None:
    violations = a11y.run_axe(axe_page, example_url + path)
    if violations:
        pytest.fail(a11y.format_violations(violations, path), pytrace=False)


def test_urdu_is_laid_out_right_to_left(reader, example_url) -> None:
    page = reader
    page.goto(example_url + URDU)
    assert page.evaluate("document.documentElement.dir") == "rtl"
    assert page.evaluate("getComputedStyle(document.querySelector('main')).direction") == "rtl"
    # the heading starts at the right-hand edge of the text column, as Urdu readers expect
    heading = page.evaluate("(() => { const r = document.createRange(); r.selectNodeContents(document.querySelector('h1'));"
                            " const h = r.getBoundingClientRect();"
                            " const m = document.querySelector('main').getBoundingClientRect();"
                            " return [Math.round(m.right - h.right), Math.round(h.left - m.left)]; })()")
    assert heading[0] <= 2 < heading[1]


def test_a_welsh_word_in_the_header_box_on_a_welsh_page_reaches_the_welsh_leaflet(reader, example_url) -> None:
    page = reader
    page.goto(example_url + CURRENT_CY)
    box = page.get_by_role("search", name="Gwefan").get_by_role("searchbox", name="Chwilio ein taflenni")
    box.focus()
    page.keyboard.type("uwchsain")
    page.keyboard.press("Enter")
    page.wait_for_url("**/cy/search/?q=uwchsain")
    page.wait_for_selector("#sg-search-results li")
    assert page.evaluate("document.documentElement.lang") == "cy"
    hrefs = page.locator("#sg-search-results a").evaluate_all("links => links.map(a => a.pathname)")
    assert hrefs == ["/" + OUTDATED_CY], "the Welsh index only: no English or Urdu page"
    assert page.get_by_role("status").inner_text() == "Daethpwyd o hyd i 1 daflen ar gyfer “uwchsain”"
    page.locator("#sg-search-results a").first.click()
    page.wait_for_url(example_url + OUTDATED_CY)


def test_without_javascript_the_welsh_header_box_leads_to_the_welsh_a_to_z(browser, example_url) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(example_url + CURRENT_CY)
    page.locator("#sg-header-search").fill("prawf")
    page.keyboard.press("Enter")
    page.wait_for_url("**/cy/a-z/?q=prawf")
    assert page.get_by_role("heading", level=1).inner_text() == "Taflenni A i Y"
    context.close()
