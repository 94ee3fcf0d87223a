"""The theme speaks the reader's language: every string it writes comes from a gettext
catalogue (Babel), the Welsh one is complete and says where each translation came from, a
site can add a language or change a string, and dates are written in the language's words."""

from __future__ import annotations

import datetime as dt
import html
import re
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from helpers import make_site, run_cli
from sitegen.i18n import catalogues, extract, tags
from translation_helpers import english, translation

CY_PO = catalogues.THEME_LOCALE / "cy.po"


def welsh_catalogue():
    with CY_PO.open("rb") as handle:
        return read_po(handle, locale="cy")


def test_the_welsh_catalogue_has_every_message_the_theme_writes() -> None:
    wanted = {m.id for m in extract.template() if m.id}
    have = {m.id: m for m in welsh_catalogue() if m.id}
    assert sorted(str(w) for w in wanted - set(have)) == []
    empty = [m.id for m in have.values() if not (all(m.string) if isinstance(m.string, tuple) else m.string)]
    assert empty == []
    assert [m.id for m in have.values() if m.fuzzy] == []


THEME_CATALOGUES = sorted(catalogues.THEME_LOCALE.glob("*.po"))


@pytest.mark.parametrize("po", THEME_CATALOGUES, ids=[p.stem for p in THEME_CATALOGUES])
def test_every_theme_translation_says_where_it_came_from_and_fits(po: Path) -> None:
    with po.open("rb") as handle:
        catalogue = read_po(handle, locale=po.stem)
    unsourced = [m.id for m in catalogue if m.id and not any(c.startswith("Source: ") for c in m.user_comments)]
    assert unsourced == []
    assert [(m.id, errors) for m, errors in catalogue.check()] == []
    theme = {m.id for m in extract.template() if m.id}
    assert [m.id for m in catalogue if m.id and m.id not in theme] == []  # no entry for a string the theme no longer writes


def test_welsh_placeholders_and_plural_forms_are_right() -> None:
    catalogue = welsh_catalogue()
    problems = [(m.id, [str(e) for e in errors]) for m, errors in catalogue.check()]
    assert problems == []
    assert catalogue.num_plurals == 5  # CLDR's Welsh forms, through Babel
    plural = next(m for m in catalogue if m.id == ("%(num)d leaflet", "%(num)d leaflets"))
    assert len(plural.string) == 5


def test_welsh_dates_are_written_in_welsh_words() -> None:
    assert catalogues.long_date(dt.date(2026, 3, 1), "cy") == "1 Mawrth 2026"
    assert catalogues.long_date(dt.date(2025, 4, 2), "cy") == "2 Ebrill 2025"
    assert catalogues.long_date(dt.date(2026, 3, 1), "en-GB") == "1 March 2026"


def test_language_tags_and_directions() -> None:
    assert [tags.is_valid(t) for t in ("cy", "ur", "pa-Arab", "en-GB", "welsh", "xx-123", "")] == [
        True, True, True, True, False, False, False]
    assert [tags.direction(t) for t in ("cy", "ur", "ar", "he", "pa", "pa-Arab")] == ["ltr", "rtl", "rtl", "rtl", "ltr", "rtl"]
    assert tags.autonym("cy") == "Cymraeg" and tags.normalise("en-gb") == "en-GB"


def visible_text(page: str) -> str:
    page = re.sub(r"<script.*?</script>", "", page, flags=re.S)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page)).split())


def test_a_welsh_page_has_no_english_from_the_theme(tmp_path: Path) -> None:
    extra = "formats: [easy-read, large-print]\nrelated: [living-with-asthma]\n"
    body = "## Beth ydyw\n\n::: urgent\nFfoniwch 999.\n:::\n\n| Pryd | Beth |\n|---|---|\n| Bore | Anadlydd |\n"
    site = make_site(tmp_path, {"content/living-with-asthma.md": english(),
                                "content/cy/byw-gydag-asthma.md": translation(body=body, extra=extra),
                                "sitegen.toml": 'feedback = "leaflets@example.org"\n'})
    assert run_cli("build", "--site", str(site), "--no-pdf").code == 0
    page = (site / "output/cy/byw-gydag-asthma/index.html").read_text(encoding="utf-8")
    text = visible_text(page)
    theme_english = [m.id for m in welsh_catalogue() if isinstance(m.id, str) and m.id and m.string != m.id
                     and len(m.id.split()) >= 2 and "%(" not in m.id and m.id != "Read this leaflet in English"]
    assert [s for s in theme_english if s in text] == []
    for welsh in ("Cyngor brys", "Fformatau eraill", "Hawdd ei Ddeall", "Print bras", "Adolygwyd y dudalen ddiwethaf:",
                  "Cymeradwywyd ar 12 Mawrth 2026", "Cyfieithydd", "Adolygydd cyfieithu", "Taflenni cysylltiedig",
                  "anfonwch e-bost at leaflets@example.org", "Neidio i'r prif gynnwys"):
        assert welsh in text
    assert 'aria-label="Tabl 1"' in page


def test_a_site_can_change_a_string_and_add_a_language(tmp_path: Path) -> None:
    override = ('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
                '# Source: checked by our Welsh Language Officer.\nmsgid "Page last reviewed:"\nmsgstr "Dyddiad adolygu:"\n')
    polish = ('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
              'msgid "Read this leaflet in English"\nmsgstr "Przeczytaj tę ulotkę po polsku"\n\n'
              'msgid "Page last reviewed:"\nmsgstr "Ostatni przegląd strony:"\n')
    site = make_site(tmp_path, {"content/living-with-asthma.md": english(),
                                "content/cy/byw-gydag-asthma.md": translation(),
                                "content/pl/astma.md": translation("pl", title="Życie z astmą", summary="Jak dbać o astmę.",
                                                                   body="## Co to jest\n\nAstma utrudnia oddychanie.\n"),
                                "templates/locale/cy.po": override, "templates/locale/pl.po": polish})
    assert run_cli("build", "--site", str(site), "--no-pdf").code == 0
    welsh = (site / "output/cy/byw-gydag-asthma/index.html").read_text(encoding="utf-8")
    assert "Dyddiad adolygu:" in welsh and "Adolygiad nesaf:" in welsh  # the rest still from the theme
    polish_page = (site / "output/pl/astma/index.html").read_text(encoding="utf-8")
    assert "Ostatni przegląd strony:" in polish_page and '<html lang="pl" dir="ltr">' in polish_page
    english_page = (site / "output/living-with-asthma/index.html").read_text(encoding="utf-8")
    assert ">Przeczytaj tę ulotkę po polsku</a>" in english_page


def test_a_broken_site_catalogue_is_a_clear_error(tmp_path: Path) -> None:
    site = make_site(tmp_path, {"content/living-with-asthma.md": english(), "content/cy/byw-gydag-asthma.md": translation(),
                                "templates/locale/cy.po": 'msgid "Home"\nmsgstr "Hafan\n'})
    result = run_cli("build", "--site", str(site), "--no-pdf")
    assert result.code == 1
    assert ("templates/locale/cy.po:2: error: the message catalogue cannot be read: this line's text is not between two "
            "double quotes [catalogue]") in result.err
    assert "Traceback" not in result.err


def test_the_message_template_lists_every_string_for_translators() -> None:
    done = subprocess.run([sys.executable, "-m", "sitegen.i18n.extract"], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert 'msgid "Page last reviewed:"' in done.stdout and 'msgid "Urgent advice"' in done.stdout
    assert 'msgid_plural "%(num)d leaflets"' in done.stdout


def test_a_site_translation_with_a_wrong_placeholder_is_a_clear_error(tmp_path: Path) -> None:
    wrong = ('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
             '#, python-format\nmsgid "Approved on %(date)s"\nmsgstr "Cymeradwywyd ar %(dyddiad)s"\n')
    site = make_site(tmp_path, {"content/living-with-asthma.md": english(), "content/cy/byw-gydag-asthma.md": translation(),
                                "templates/locale/cy.po": wrong})
    result = run_cli("build", "--site", str(site), "--no-pdf")
    assert result.code == 1
    assert ("templates/locale/cy.po:6: error: the translation of 'Approved on %(date)s' does not fit: unknown named "
            "placeholder 'dyddiad' [catalogue]\n    hint: keep every %(name)s of the msgid, spelled the same, in the msgstr") in result.err
    assert "Traceback" not in result.err and not (site / "output").exists()
