"""Search, the A to Z and topics on the built example site, as a patient uses them:
keyboard only, in Debian's Chromium, with axe on the pages as they are after a search."""

from __future__ import annotations

import pytest

from test_site_a11y import build_example_site

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def example(a11y):
    build = build_example_site()
    assert build.returncode == 0, build.log
    with a11y.serve_folder(build.output) as url:
        yield url


@pytest.fixture()
def tab(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.set_default_timeout(30_000)
    yield page
    context.close()


def tab_to(page, selector: str, limit: int = 40) -> None:
    """Press Tab until ``selector`` has the focus, as a keyboard user would."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement && document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"{selector} never got the keyboard focus")


def search_from_header(page, url: str, words: str) -> None:
    page.goto(url)
    tab_to(page, "#sg-header-search")
    page.keyboard.type(words)
    page.keyboard.press("Enter")
    page.wait_for_selector("#sg-search-results li")


def test_tummy_in_the_header_reaches_the_leaflet_that_says_abdomen(tab, example) -> None:
    search_from_header(tab, example, "tummy")
    assert tab.url.endswith("/search/?q=tummy")
    titles = tab.locator("#sg-search-results h2 a").all_text_contents()
    assert "Having an ultrasound scan" in titles
    tab_to(tab, '#sg-search-results a[href$="/having-an-ultrasound-scan/"]')
    tab.keyboard.press("Enter")
    tab.wait_for_url("**/having-an-ultrasound-scan/")
    body = tab.locator(".leaflet-body").inner_text()
    assert "abdomen" in body and "tummy" not in body.casefold()


def test_search_box_and_results_have_names_and_the_count_is_announced(tab, example) -> None:
    tab.goto(example)
    header = tab.get_by_role("search", name="Site")
    assert header.get_by_role("searchbox", name="Search our leaflets").count() == 1
    assert header.get_by_role("button", name="Search").count() == 1
    search_from_header(tab, example, "inhaler")
    status = tab.get_by_role("status")
    assert status.get_attribute("aria-live") == "polite"
    links = tab.get_by_role("list").filter(has=tab.locator(".search-results__item")).get_by_role("link")
    titles = links.all_text_contents()
    assert status.inner_text() == f"{len(titles)} leaflets found for “inhaler”" and len(titles) >= 2
    assert titles[0] == "Using your inhaler", "a leaflet with the word in its title comes first"
    assert tab.get_by_role("searchbox", name="Search our leaflets").input_value() == "inhaler"
    tab.get_by_role("searchbox").fill("zzzzqqq")
    tab.keyboard.press("Enter")
    tab.wait_for_function("document.getElementById('sg-search-status').textContent.startsWith('No leaflets')")


def test_axe_finds_nothing_on_search_results_a_to_z_and_topics(a11y, tab, example) -> None:
    search_from_header(tab, example, "asthma")
    tab.evaluate(a11y_source())
    from conftest import AXE_OPTIONS
    violations = tab.evaluate("options => axe.run(document, options).then(r => r.violations)", AXE_OPTIONS)
    assert not violations, a11y.format_violations(violations, "search/?q=asthma")
    for path in ("a-z/", "topics/", "topics/asthma/"):
        violations = a11y.run_axe(tab, example + path)
        assert not violations, a11y.format_violations(violations, path)


def a11y_source() -> str:
    from conftest import axe_source
    return axe_source()


def test_every_example_leaflet_is_found_by_a_lay_word_the_a_to_z_and_a_topic(tab, example) -> None:
    lay_words = {"living-with-asthma": "wheezing", "using-your-inhaler": "spacer", "the-flu-jab": "flu",
                 "taking-paracetamol-safely": "painkiller", "managing-a-cold-at-home": "runny nose",
                 "chest-pain-when-to-get-help": "heart attack", "diabetes-looking-after-your-feet": "feet",
                 "sleeping-well": "sleep", "having-a-blood-test-a-guide-for-children": "needle",
                 "going-for-a-blood-test-easy-read": "blood test", "having-an-ultrasound-scan": "tummy"}
    for slug, words in lay_words.items():
        search_from_header(tab, example, words)
        hrefs = tab.locator("#sg-search-results a").evaluate_all("links => links.map(a => a.pathname)")
        assert f"/{slug}/" in hrefs, f"searching '{words}' does not find {slug}: {hrefs}"
    tab.goto(example + "a-z/")
    a_to_z = tab.locator(".az-list a").evaluate_all("links => links.map(a => a.pathname)")
    tab.goto(example + "topics/")
    topic_pages = tab.locator(".topic-list a").evaluate_all("links => links.map(a => a.href)")
    in_topics = set()
    for page in topic_pages:
        tab.goto(page)
        in_topics |= set(tab.locator(".leaflet-list a").evaluate_all("links => links.map(a => a.pathname)"))
    for slug in lay_words:
        assert f"/{slug}/" in a_to_z and f"/{slug}/" in in_topics, slug


def test_without_javascript_the_header_search_leads_to_the_a_to_z(browser, example) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(example)
    tab_to(page, "#sg-header-search")
    page.keyboard.type("asthma")
    page.keyboard.press("Enter")
    page.wait_for_url("**/a-z/?q=asthma")
    assert page.get_by_role("heading", level=1).inner_text() == "Leaflets A to Z"
    page.goto(example + "search/")
    assert "Search needs JavaScript" in page.locator("#sg-search-fallback").inner_text()
    context.close()
