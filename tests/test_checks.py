"""Content checks seen through the real CLI: messages asserted verbatim."""

from __future__ import annotations

import os
import unicodedata
from pathlib import Path

import pytest

from helpers import leaflet, run_cli, tree


def test_two_files_one_page_by_case_or_unicode_form(site) -> None:
    nfc, nfd = unicodedata.normalize("NFC", "café"), unicodedata.normalize("NFD", "café")
    root = site({"content/Asthma.md": leaflet(), "content/asthma.md": leaflet(),
                 f"content/{nfc}.md": leaflet("Cafe one"), f"content/{nfd}.md": leaflet("Cafe two")})
    result = run_cli("build", "--site", str(root))
    assert result.code == 1
    assert "content/asthma.md: error: content/Asthma.md and content/asthma.md would both become the page /asthma/ [frontmatter]" in result.err
    assert "would both become the page /cafe/" in result.err


def test_heading_order_and_raw_html_warnings(site) -> None:
    body = "# Extra title\n\n## Part\n\n#### Skipped\n\nSome <b>bold</b> words.\n"
    root = site({"content/asthma.md": leaflet(body=body)})
    result = run_cli("check", "--site", str(root))
    assert result.code == 0
    assert ("content/asthma.md:31: warning: 'Extra title' is a top-level heading (#), but the title is already the page's main heading [heading-order]\n"
            "    hint: start section headings with ## (two hash signs)") in result.out
    assert "content/asthma.md:35: warning: 'Skipped' skips a heading level (h2 to h4) [heading-order]" in result.out
    assert "content/asthma.md:37: warning: raw HTML is not allowed and will be shown as text: <b> [raw-html]" in result.out
    assert run_cli("build", "--site", str(root)).code == 0
    page = (root / "output" / "asthma" / "index.html").read_text(encoding="utf-8")
    assert "&lt;b&gt;bold&lt;/b&gt;" in page


def test_site_word_list_adds_and_removes_terms(site) -> None:
    body = "## Part\n\nTake your inhaler to the clinic. The frobnication is quick. Please utilise it.\n"
    settings = '[jargon]\nfrobnication = "the quick check"\nutilise = ""\n'
    root = site({"content/asthma.md": leaflet(body=body), "sitegen.toml": settings})
    result = run_cli("check", "--site", str(root))
    assert "'frobnication' may be hard to understand; try: the quick check [jargon]" in result.out
    assert "'utilise'" not in result.out


def test_allow_directive_is_reported_with_its_reason(site) -> None:
    body = "## Part\n\n<!-- sitegen: allow prognosis; the consultant uses this word -->\nYour prognosis is good.\n"
    root = site({"content/asthma.md": leaflet(body=body)})
    result = run_cli("check", "--site", str(root))
    assert "content/asthma.md:33: info: 'prognosis' is allowed on this page because: the consultant uses this word [jargon-allowed]" in result.out
    assert "[jargon]" not in result.out


def test_explained_terms_and_keep_terms_are_not_flagged(site) -> None:
    body = "## Part\n\nYour tummy (abdomen) may hurt. Haemorrhoids (piles) are common. Use your nebuliser.\n"
    root = site({"content/asthma.md": leaflet(body=body, extra="keep_terms: [nebuliser]\n")})
    assert "[jargon]" not in run_cli("check", "--site", str(root)).out


def test_overdue_leaflet_shows_a_calm_notice_and_a_warning(site) -> None:
    root = site({"content/asthma.md": leaflet(last_reviewed="2023-03-10", next_review="2026-03-01")})
    text = leaflet(last_reviewed="2023-03-10", next_review="2026-03-01").replace("date: 2026-03-10", "date: 2023-03-10")
    (root / "content" / "asthma.md").write_text(text, encoding="utf-8")
    result = run_cli("build", "--site", str(root))
    assert result.code == 0
    assert "content/asthma.md:9: warning: this leaflet was due for review on 2026-03-01 [review-overdue]" in result.err
    page = (root / "output" / "asthma" / "index.html").read_text(encoding="utf-8")
    assert "We are reviewing this page." in page


def test_overdue_leaflets_can_be_unpublished_by_policy(site) -> None:
    text = leaflet(last_reviewed="2023-03-10", next_review="2026-03-01").replace("date: 2026-03-10", "date: 2023-03-10")
    root = site({"content/asthma.md": text, "sitegen.toml": "publish_overdue = false\n"})
    result = run_cli("build", "--site", str(root))
    assert "content/asthma.md: not published: this leaflet was due for review on 2026-03-01" in result.out
    assert not (root / "output" / "asthma").exists()


def test_review_later_than_clinical_signoff_warns(site) -> None:
    root = site({"content/asthma.md": leaflet(last_reviewed="2026-04-01")})
    result = run_cli("check", "--site", str(root))
    assert ("content/asthma.md:8: warning: last_reviewed (2026-04-01) is later than the newest clinical sign-off (2026-03-10) [review-unsigned]") in result.out


def test_symlink_out_of_content_is_refused(site, tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("private notes", encoding="utf-8")
    root = site({"content/asthma.md": leaflet()})
    os.symlink(secret, root / "content" / "notes.pdf")
    result = run_cli("build", "--site", str(root))
    assert result.code == 1
    assert "content/notes.pdf: error: this file is a link to a file outside the content folder [frontmatter]" in result.err


def test_unreadable_leaflet_is_reported(site) -> None:
    """Tests run as root, where permissions cannot make a file unreadable: a dangling link can."""
    root = site({"content/asthma.md": leaflet()})
    os.symlink("moved-away.md", root / "content" / "gone.md")
    result = run_cli("build", "--site", str(root))
    assert result.code == 1
    assert "content/gone.md: error: this is a link to a file that does not exist [frontmatter]" in result.err
    assert "    hint: delete the link, or put the real file in content/\n" in result.err


def test_exception_on_one_leaflet_leaves_output_untouched(site, monkeypatch: pytest.MonkeyPatch) -> None:
    from sitegen import site as site_module
    from sitegen.build import build
    from sitegen.config import load_config
    root = site({f"content/l{n}.md": leaflet(f"Leaflet {n}") for n in range(5)})
    assert build(load_config(root)).ok
    before = tree(root / "output")
    real, calls = site_module.analyse_leaflet, {"n": 0}

    def fail_on_third(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 3:
            raise RuntimeError("a fault inside sitegen")
        return real(*args, **kwargs)

    monkeypatch.setattr(site_module, "analyse_leaflet", fail_on_third)
    for n in range(5):
        (root / "content" / f"l{n}.md").write_text(leaflet(f"Leaflet {n} changed"), encoding="utf-8")
    with pytest.raises(RuntimeError):
        build(load_config(root), use_cache=False)
    assert tree(root / "output") == before


def test_link_to_a_leaflet_with_broken_front_matter_reports_only_the_real_problem(site) -> None:
    body = "## What it is\n\nSee [sleeping well](sleep.md).\n"
    root = site({"content/asthma.md": leaflet(body=body), "content/sleep.md": "---\ntitle: Sleep: tips\n---\n"})
    result = run_cli("build", "--site", str(root))
    assert result.code == 1
    assert "content/sleep.md:2:13: error: there is a second ': ' (colon and space) on this line [frontmatter]" in result.err
    assert "[broken-link]" not in result.err
