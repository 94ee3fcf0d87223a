"""Translations as leaflets: published at /<lang>/<slug>/ with their own sign-off, tied to the
exact English text by source_fingerprint, and every bad input a message with file and line.
Messages are asserted verbatim, through the real CLI."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from helpers import make_site, run_cli
from sitegen.plain.accepted import finding_key
from translation_helpers import CY_BODY, EN_PRINT, OLD_PRINT, english, translation

URDU = dict(title="دمہ کے ساتھ زندگی", summary="اپنے دمہ کا خیال کیسے رکھیں۔", body="## یہ کیا ہے\n\nدمہ سے سانس لینا مشکل ہو جاتا ہے۔\n")


def build(site: Path, *args: str):
    return run_cli("build", "--site", str(site), "--no-pdf", *args)


def check_json(site: Path) -> dict:
    result = run_cli("check", "--site", str(site), "--format", "json")
    return json.loads(result.out)


def page(site: Path, source: str) -> dict:
    return next(p for p in check_json(site)["pages"] if p["source"] == source)


def test_translation_is_published_under_its_language_and_linked_both_ways(tmp_path: Path) -> None:
    site = make_site(tmp_path, {"content/living-with-asthma.md": english(), "content/cy/byw-gydag-asthma.md": translation()})
    result = build(site)
    assert result.code == 0, result.err
    welsh = (site / "output/cy/byw-gydag-asthma/index.html").read_text(encoding="utf-8")
    english_page = (site / "output/living-with-asthma/index.html").read_text(encoding="utf-8")
    assert '<html lang="cy" dir="ltr">' in welsh
    assert ('<a href="../cy/byw-gydag-asthma/" hreflang="cy" lang="cy" dir="ltr">Darllenwch y daflen hon yn Gymraeg</a>'
            in english_page)
    assert '<a href="../../living-with-asthma/" hreflang="en-GB" lang="en-GB" dir="ltr">Read this leaflet in English</a>' in welsh
    assert '<link rel="alternate" hreflang="en-GB" href="https://www.example.org/living-with-asthma/">' in welsh
    assert '<link rel="alternate" hreflang="cy" href="https://www.example.org/cy/byw-gydag-asthma/">' in english_page
    assert "notice--outdated" not in welsh
    sitemap = ET.parse(site / "output/sitemap.xml").getroot()  # written by ElementTree: compare structure, not bytes
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    row = next(u for u in sitemap.findall("s:url", ns) if u.findtext("s:loc", namespaces=ns) == "https://www.example.org/cy/byw-gydag-asthma/")
    assert row.findtext("s:lastmod", namespaces=ns) == "2026-03-10"
    assert [(link.get("hreflang"), link.get("href")) for link in row.findall("x:link", ns)] == [
        ("cy", "https://www.example.org/cy/byw-gydag-asthma/"), ("en-GB", "https://www.example.org/living-with-asthma/")]
    home = (site / "output/cy/index.html").read_text(encoding="utf-8")
    assert "<h1>Gwybodaeth iechyd yn Gymraeg</h1>" in home and 'href="../cy/byw-gydag-asthma/"' in home
    a_to_z = (site / "output/a-z/index.html").read_text(encoding="utf-8")
    assert "Byw gydag asthma" not in a_to_z, "the English A to Z lists English leaflets only"


def test_translation_needs_its_own_translation_signoff(tmp_path: Path) -> None:
    site = make_site(tmp_path, {"content/living-with-asthma.md": english(),
                                "content/cy/byw-gydag-asthma.md": translation(signed=False)})
    result = build(site)
    assert result.code == 0, result.err
    assert ("content/cy/byw-gydag-asthma.md: not published: needs a current sign-off by a translator or bilingual reviewer; "
            "Gwen Jones signed an earlier version on 2026-03-12") in result.out
    assert not (site / "output/cy/byw-gydag-asthma").exists()
    assert "Darllenwch" not in (site / "output/living-with-asthma/index.html").read_text(encoding="utf-8")


def test_clinical_signoff_does_not_publish_a_translation_by_default(tmp_path: Path) -> None:
    site = make_site(tmp_path, {"content/living-with-asthma.md": english(),
                                "content/cy/byw-gydag-asthma.md": translation(role="clinical")})
    assert build(site).code == 0
    assert not (site / "output/cy/byw-gydag-asthma").exists()


def test_translation_policy_is_a_setting(tmp_path: Path) -> None:
    site = make_site(tmp_path, {"content/living-with-asthma.md": english(),
                                "content/cy/byw-gydag-asthma.md": translation(role="clinical"),
                                "sitegen.toml": 'translation_signoffs = [["clinical", "translation"]]\n'})
    assert build(site).code == 0
    assert (site / "output/cy/byw-gydag-asthma/index.html").is_file()


def test_outdated_translation_stays_published_with_a_notice_in_its_language(tmp_path: Path) -> None:
    site = make_site(tmp_path, {"content/living-with-asthma.md": english(),
                                "content/cy/byw-gydag-asthma.md": translation(source_print=OLD_PRINT)})
    result = build(site)
    assert result.code == 0, result.err
    assert (f"content/cy/byw-gydag-asthma.md:7: warning: content/living-with-asthma.md has changed since this translation "
            f"was made (translated from {OLD_PRINT}, the text is now {EN_PRINT}) [translation-outdated] "
            f"key {finding_key('translation-outdated', term=EN_PRINT)}\n"
            f"    hint: ask the translator to update the translation (sitegen report shows what changed in the English), "
            f"then set source_fingerprint: {EN_PRINT} and record a new translation sign-off") in result.err
    welsh = (site / "output/cy/byw-gydag-asthma/index.html").read_text(encoding="utf-8")
    assert "<strong>Mae'r fersiwn Saesneg o'r daflen hon wedi newid ers iddi gael ei chyfieithu.</strong>" in welsh
    assert '<a href="../../living-with-asthma/" hreflang="en-GB" lang="en-GB" dir="ltr">Living with asthma</a></p>' in welsh


def test_outdated_translation_can_be_unpublished_by_a_setting(tmp_path: Path) -> None:
    site = make_site(tmp_path, {"content/living-with-asthma.md": english(),
                                "content/cy/byw-gydag-asthma.md": translation(source_print=OLD_PRINT),
                                "sitegen.toml": 'outdated_translations = "unpublish"\n'})
    result = build(site)
    assert result.code == 0, result.err
    assert (f"content/cy/byw-gydag-asthma.md: not published: content/living-with-asthma.md has changed since this "
            f"translation was made (translated from {OLD_PRINT}, the text is now {EN_PRINT})") in result.out
    assert not (site / "output/cy/byw-gydag-asthma").exists()


def test_editing_the_english_marks_the_translation_outdated_in_check(tmp_path: Path) -> None:
    site = make_site(tmp_path, {"content/living-with-asthma.md": english(), "content/cy/byw-gydag-asthma.md": translation()})
    assert [f["code"] for f in page(site, "content/cy/byw-gydag-asthma.md")["findings"]] == []
    source = site / "content/living-with-asthma.md"
    source.write_text(source.read_text(encoding="utf-8").replace("hard to breathe", "harder to breathe"), encoding="utf-8")
    codes = [f["code"] for f in page(site, "content/cy/byw-gydag-asthma.md")["findings"]]
    # the English needs signing again too, and until it is the Welsh is not published either
    assert sorted(codes) == ["translation-outdated", "translation-source-unpublished"]


def test_a_translation_of_an_unpublished_leaflet_is_not_published(tmp_path: Path) -> None:
    site = make_site(tmp_path, {"content/living-with-asthma.md": english().replace("status: published", "status: draft"),
                                "content/cy/byw-gydag-asthma.md": translation()})
    result = build(site)
    assert result.code == 0, result.err
    assert ("content/cy/byw-gydag-asthma.md: not published: the leaflet it translates, content/living-with-asthma.md, "
            "is not published") in result.out
    assert not (site / "output/cy").exists()


def test_right_to_left_translation_is_laid_out_right_to_left(tmp_path: Path) -> None:
    site = make_site(tmp_path, {"content/living-with-asthma.md": english(), "content/ur/asthma.md": translation("ur", **URDU)})
    assert build(site).code == 0
    urdu = (site / "output/ur/asthma/index.html").read_text(encoding="utf-8")
    assert '<html lang="ur" dir="rtl">' in urdu
    english_page = (site / "output/living-with-asthma/index.html").read_text(encoding="utf-8")
    assert '<a href="../ur/asthma/" hreflang="ur" lang="ur" dir="rtl">یہ کتابچہ اردو میں پڑھیں</a>' in english_page
    css = (site / "output/assets/style.css").read_text(encoding="utf-8")
    assert not re.search(r"^\s*(margin|padding|border)-(left|right)\b|^\s*(left|right):|text-align: (left|right)", css, re.M)


BAD = {
    "no-such-leaflet": (dict(of="living-with-asthm"),
                        "content/cy/byw-gydag-asthma.md:6: error: translation_of names 'living-with-asthm', but there is no "
                        "leaflet with that address [frontmatter]\n    hint: did you mean 'living-with-asthma'?"),
    "itself": (dict(of="byw-gydag-asthma"),
               "content/cy/byw-gydag-asthma.md:6: error: translation_of names this leaflet itself ('byw-gydag-asthma') [frontmatter]\n"
               "    hint: write the slug of the English leaflet this one translates: its file name without '.md'"),
    "invalid-lang": (dict(lang="welsh"),
                     "content/cy/byw-gydag-asthma.md:5:7: error: 'welsh' is not a language tag sitegen knows [frontmatter]\n"
                     "    hint: write a BCP 47 language tag, for example cy for Welsh, ur for Urdu, pl for Polish or en-GB for British English"),
    "unknown-fingerprint": (dict(source_print="0123456789"),
                            "content/cy/byw-gydag-asthma.md:7: error: source_fingerprint 0123456789 is not the fingerprint of any "
                            "version of content/living-with-asthma.md (not the current text, not a signed-off one, not one in the "
                            "site's history) [frontmatter]\n    hint: copy the fingerprint of the English text the translator worked "
                            f"from; the current English text is {EN_PRINT}"),
    "same-language": (dict(lang="en"),
                      "content/cy/byw-gydag-asthma.md:5: error: this translation is in the same language (en) as the leaflet it "
                      "translates [frontmatter]\n    hint: set lang: to the language it is written in, for example lang: cy for Welsh"),
    "file-name": (dict(of="living-with-asthma.md"),
                  "content/cy/byw-gydag-asthma.md:6:17: error: translation_of is 'living-with-asthma.md', a file name, not a "
                  "leaflet's address [frontmatter]\n    hint: write the slug without '.md', for example translation_of: living-with-asthma"),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_bad_translation_input_is_a_clear_error(case: str, tmp_path: Path) -> None:
    fields, expected = BAD[case]
    site = make_site(tmp_path, {"content/living-with-asthma.md": english(), "content/cy/byw-gydag-asthma.md": translation(**fields)})
    result = build(site)
    assert result.code == 1
    assert expected in result.err
    assert "Traceback" not in result.err
    assert not (site / "output").exists()


def test_a_chain_of_translations_is_an_error(tmp_path: Path) -> None:
    from sitegen.fingerprint import fingerprint
    from translation_helpers import CY_SUMMARY, CY_TITLE
    site = make_site(tmp_path, {"content/living-with-asthma.md": english(), "content/cy/byw-gydag-asthma.md": translation(),
                                "content/ur/asthma.md": translation("ur", of="cy/byw-gydag-asthma",
                                                                    source_print=fingerprint(CY_TITLE, CY_SUMMARY, CY_BODY), **URDU)})
    result = build(site)
    assert result.code == 1
    assert ("content/ur/asthma.md:6: error: translation_of names 'cy/byw-gydag-asthma', which is itself a translation "
            "(of 'living-with-asthma') [frontmatter]\n    hint: translate from the original: write translation_of: "
            "living-with-asthma, and take source_fingerprint from that leaflet") in result.err


def test_two_translations_into_one_language_is_an_error(tmp_path: Path) -> None:
    site = make_site(tmp_path, {"content/living-with-asthma.md": english(), "content/cy/byw-gydag-asthma.md": translation(),
                                "content/cy/asthma.md": translation()})
    result = build(site)
    assert result.code == 1
    assert ("content/cy/byw-gydag-asthma.md:6: error: content/cy/asthma.md is already the Welsh translation of "
            "'living-with-asthma' [frontmatter]\n    hint: keep one translation into each language: merge the two files, "
            "or delete one") in result.err


def test_required_language_reports_missing_translations(tmp_path: Path) -> None:
    site = make_site(tmp_path, {"content/living-with-asthma.md": english(), "sitegen.toml": 'required_languages = ["cy"]\n'})
    result = build(site)
    assert result.code == 0, result.err
    assert (f"content/living-with-asthma.md:2: warning: this leaflet has no current Welsh translation (there is none) "
            f"[translation-missing]\n    hint: the site requires every leaflet in Welsh: commission a translation of the text "
            f"{EN_PRINT} and add it with lang: cy, translation_of: living-with-asthma and source_fingerprint: {EN_PRINT}") in result.err
    assert run_cli("build", "--site", str(site), "--no-pdf", "--strict").code == 1


def test_language_parity_can_block(tmp_path: Path) -> None:
    site = make_site(tmp_path, {"content/living-with-asthma.md": english(),
                                "sitegen.toml": 'required_languages = ["cy"]\nlanguage_parity = "block"\n'})
    result = build(site)
    assert result.code == 0, result.err
    assert "content/living-with-asthma.md: not published: this leaflet has no current Welsh translation (there is none)" in result.out
    site2 = make_site(tmp_path / "two", {"content/living-with-asthma.md": english(), "content/cy/byw-gydag-asthma.md": translation(),
                                         "sitegen.toml": 'required_languages = ["cy"]\nlanguage_parity = "block"\n'})
    assert build(site2).code == 0
    assert (site2 / "output/living-with-asthma/index.html").is_file()


def test_an_unknown_required_language_is_a_settings_error(tmp_path: Path) -> None:
    site = make_site(tmp_path, {"content/living-with-asthma.md": english(), "sitegen.toml": 'required_languages = ["welsh"]\n'})
    result = build(site)
    assert result.code == 2
    assert ("sitegen.toml: setting 'required_languages': 'welsh' is not a BCP 47 language tag; write e.g. \"cy\" for Welsh "
            "or \"ur\" for Urdu") in result.err


def test_english_plain_english_rules_never_run_on_welsh(tmp_path: Path) -> None:
    # "Mae angen" and Welsh words would be "uncommon" English words; "haemoglobin" would be English jargon.
    body = CY_BODY + "\nMae angen i chi gymryd eich anadlydd bob dydd, hyd yn oed pan fyddwch chi'n teimlo'n iawn. Gofynnwch i'ch meddyg teulu am haemoglobin.\n"
    site = make_site(tmp_path, {"content/living-with-asthma.md": english(), "content/cy/byw-gydag-asthma.md": translation(body=body)})
    found = page(site, "content/cy/byw-gydag-asthma.md")
    assert found["findings"] == []
    assert found["reading"]["reading_age"] is None
    assert found["plain_english"] == {"lang": "cy", "checks": ["long-sentence"]}
    assert page(site, "content/living-with-asthma.md")["plain_english"]["lang"] == "en-GB"


def git(site: Path, *args: str) -> None:
    import subprocess
    subprocess.run(["git", "-C", str(site), "-c", "user.name=Test", "-c", "user.email=test@example.org", *args],
                   check=True, capture_output=True, timeout=60)


def test_dashboard_shows_each_language_by_fingerprint_with_the_english_word_diff(tmp_path: Path) -> None:
    from helpers import leaflet
    from sitegen.fingerprint import fingerprint
    site = make_site(tmp_path, {"content/living-with-asthma.md": english(), "content/cy/byw-gydag-asthma.md": translation(),
                                "content/the-flu-jab.md": leaflet("The flu jab", "## Who can have it\n\nMost adults can have it.\n"),
                                "sitegen.toml": 'required_languages = ["cy"]\n'})
    git(site, "init", "-q")
    git(site, "add", "-A")
    git(site, "commit", "-qm", "first")
    new_body = "## What it is\n\nAsthma makes it hard to breathe. Your airways get narrow.\n"
    new_print = fingerprint("Living with asthma", "How to look after your asthma.", new_body)
    source = site / "content/living-with-asthma.md"
    source.write_text(english(new_body), encoding="utf-8")
    git(site, "commit", "-qam", "second")
    result = run_cli("report", "--site", str(site))
    assert result.code == 0, result.err
    rows = (site / "report/translations.csv").read_text(encoding="utf-8").splitlines()
    assert rows[0] == "source,title,language,state,translation,translated_from,current,published,english_changes,note"
    assert rows[1].startswith(f"content/living-with-asthma.md,Living with asthma,cy,outdated,content/cy/byw-gydag-asthma.md,"
                              f"{EN_PRINT},{new_print},{new_print},… Asthma makes it hard to breathe. {{+Your airways get narrow.+}},English changes since ")
    flu = fingerprint("The flu jab", "How to look after your asthma.", "## Who can have it\n\nMost adults can have it.\n")
    assert rows[2] == f"content/the-flu-jab.md,The flu jab,cy,missing,,,{flu},{flu},,commission a translation of the text {flu}"
    page = (site / "report/index.html").read_text(encoding="utf-8")
    assert '<ins><span class="visually-hidden">added: </span>Your airways get narrow.</ins>' in page
    # the translator brings it up to date: the dashboard says so at once, whatever the dates
    welsh = site / "content/cy/byw-gydag-asthma.md"
    welsh.write_text(welsh.read_text(encoding="utf-8").replace(EN_PRINT, new_print), encoding="utf-8")
    assert run_cli("report", "--site", str(site)).code == 0
    rows = (site / "report/translations.csv").read_text(encoding="utf-8").splitlines()
    assert rows[1] == (f"content/living-with-asthma.md,Living with asthma,cy,up to date,content/cy/byw-gydag-asthma.md,"
                       f"{new_print},{new_print},{new_print},,")


def test_a_leaflet_named_like_a_language_folder_is_an_error(tmp_path: Path) -> None:
    from helpers import leaflet
    site = make_site(tmp_path, {"content/living-with-asthma.md": english(), "content/cy/byw-gydag-asthma.md": translation(),
                                "content/cy.md": leaflet("Cystic fibrosis")})
    result = build(site)
    assert result.code == 1
    assert ("content/cy.md: error: the file name content/cy.md would become /cy/, the home page of the site's Welsh "
            "leaflets [frontmatter]\n    hint: rename the file, for example after the condition it is about") in result.err


def test_a_team_can_keep_an_outdated_translation_on_purpose_until_the_english_changes_again(tmp_path: Path) -> None:
    keep = (f"accepted:\n  - code: translation-outdated\n    term: {EN_PRINT}\n    reason: The change is with our translator.\n"
            "    by: Welsh language group\n    date: 2026-11-20\n")
    site = make_site(tmp_path, {"content/living-with-asthma.md": english(),
                                "content/cy/byw-gydag-asthma.md": translation(source_print=OLD_PRINT, extra=keep)})
    found = page(site, "content/cy/byw-gydag-asthma.md")["findings"]
    assert [(f["code"], f["severity"]) for f in found] == [("translation-outdated", "info")]
    assert found[0]["message"].startswith("accepted by Welsh language group on 2026-11-20 (The change is with our translator.): ")
    assert run_cli("check", "--site", str(site), "--strict").code == 0
    source = site / "content/living-with-asthma.md"
    source.write_text(english("## What it is\n\nAsthma makes it harder to breathe.\n"), encoding="utf-8")
    found = page(site, "content/cy/byw-gydag-asthma.md")["findings"]
    assert ("translation-outdated", "warning") in [(f["code"], f["severity"]) for f in found]
