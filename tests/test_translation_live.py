"""A translation is judged against the English that readers see (issues 13 and 16).

While new English text awaits sign-off, the approved version stays published; a translation
of that version is up to date, and one of any other text is outdated, in `check`, on the page
(with a notice linking to the English page that is live) and in the report's dashboard, which
shows the words changed from the text it was made from to the published English. Sites with a
real git history, made by the tests; messages asserted verbatim through the real CLI.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from git_helpers import commit, fp, init, page
from helpers import run_cli
from translation_helpers import translation

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs the git command")

SUMMARY = "How to look after your asthma."
V1 = "## What it is\n\nAsthma makes it hard to breathe.\n"
V2 = "## What it is\n\nAsthma makes it hard to breathe. Your airways get narrow.\n"
V3 = "## What it is\n\nAsthma makes it hard to breathe. Your airways get narrow and sore.\n"
NEW_TITLE = "Living well with asthma"
ENGLISH = "content/living-with-asthma.md"
WELSH = "content/cy/byw-gydag-asthma.md"
CHANGE = "changes:\n  - date: 2026-03-01\n    what: Said more.\n    why: A reader asked.\n"


def signed(body: str, title: str = "Living with asthma", day: str = "2026-01-03") -> list[tuple[str, str, str]]:
    return [("clinical", day, fp(SUMMARY, body, title)), ("patient", day, fp(SUMMARY, body, title))]


def english(body: str, signoffs: list[tuple[str, str, str]], title: str = "Living with asthma") -> str:
    return page(SUMMARY, body, signoffs, title=title, changes=CHANGE)


def site_with_history(root: Path, made_from: str) -> Path:
    """V1 approved and committed, then V2 approved and committed; the Welsh names ``made_from``."""
    init(root)
    (root / "content/cy").mkdir(parents=True)
    (root / ENGLISH).write_text(english(V1, signed(V1)))
    (root / WELSH).write_text(translation(source_print=made_from))
    commit(root, "Approved V1 and its Welsh", "2026-01-04")
    (root / ENGLISH).write_text(english(V2, signed(V2, day="2026-02-01")))
    commit(root, "Approved V2", "2026-02-02")
    return root


def edit_without_signoff(root: Path, body: str = V3, title: str = "Living with asthma") -> None:
    """New English text; the sign-offs still name V2, so V2 stays published."""
    (root / ENGLISH).write_text(english(body, signed(V2, day="2026-02-01"), title=title))


def findings(root: Path, source: str) -> list[dict]:
    done = run_cli("check", "--format", "json", cwd=root)
    return next(p for p in json.loads(done.out)["pages"] if p["source"] == source)["findings"]


def dashboard(root: Path) -> list[str]:
    done = run_cli("report", cwd=root)
    assert done.code == 0, done.err
    return (root / "report/translations.csv").read_text(encoding="utf-8").splitlines()[1:]


def welsh_page(root: Path) -> str:
    return (root / "output/cy/byw-gydag-asthma/index.html").read_text(encoding="utf-8")


def test_a_translation_of_the_live_version_is_not_outdated_while_new_english_awaits_sign_off(tmp_path: Path) -> None:
    root = site_with_history(tmp_path / "site", fp(SUMMARY, V2))
    edit_without_signoff(root)
    done = run_cli("build", "--no-pdf", cwd=root)
    assert done.code == 0, done.err
    assert "translation-outdated" not in done.out + done.err
    assert "notice--outdated" not in welsh_page(root)
    assert [f["code"] for f in findings(root, WELSH)] == []
    assert dashboard(root)[0] == (f"{ENGLISH},Living with asthma,cy,up to date,{WELSH},{fp(SUMMARY, V2)},{fp(SUMMARY, V3)},"
                                  f"{fp(SUMMARY, V2)},,")
    # The reviewers approve the new text: now the Welsh is behind, everywhere at once.
    (root / ENGLISH).write_text(english(V3, signed(V3, day="2026-03-02")))
    done = run_cli("build", "--no-pdf", cwd=root)
    assert done.code == 0, done.err
    assert (f"{WELSH}:7: warning: {ENGLISH} has changed since this translation was made (translated from {fp(SUMMARY, V2)}, "
            f"the text is now {fp(SUMMARY, V3)}) [translation-outdated]") in done.err
    assert "<strong>Mae'r fersiwn Saesneg o'r daflen hon wedi newid ers iddi gael ei chyfieithu.</strong>" in welsh_page(root)
    assert [f["code"] for f in findings(root, WELSH)] == ["translation-outdated"]
    row = dashboard(root)[0]
    assert row.startswith(f"{ENGLISH},Living with asthma,cy,outdated,{WELSH},{fp(SUMMARY, V2)},{fp(SUMMARY, V3)},"
                          f"{fp(SUMMARY, V3)},… hard to breathe. Your airways get [-narrow.-] {{+narrow and sore.+}},English changes since 2026-02-02")


def test_a_translation_older_than_the_live_version_is_outdated_against_it(tmp_path: Path) -> None:
    root = site_with_history(tmp_path / "site", fp(SUMMARY, V1))
    edit_without_signoff(root, title=NEW_TITLE)
    done = run_cli("build", "--no-pdf", cwd=root)
    assert done.code == 0, done.err
    assert (f"{WELSH}:7: warning: {ENGLISH} has changed since this translation was made (translated from {fp(SUMMARY, V1)}, "
            f"the English page shows the version approved on 2026-02-01, {fp(SUMMARY, V2)}) [translation-outdated] key "
            ) in done.err
    assert (f"    hint: ask the translator to update the translation (sitegen report shows what changed in the English), then "
            f"set source_fingerprint: {fp(SUMMARY, V2)} and record a new translation sign-off; newer English text "
            f"({fp(SUMMARY, V3, NEW_TITLE)}) awaits sign-off, so you may prefer to wait for it\n") in done.err
    # The notice links to the English page readers will find, under the title it has there.
    assert ('<a href="../../living-with-asthma/" hreflang="en-GB" lang="en-GB" dir="ltr">Living with asthma</a></p>'
            in welsh_page(root))
    assert NEW_TITLE not in (root / "output/living-with-asthma/index.html").read_text(encoding="utf-8")
    row = dashboard(root)[0]
    # From the text it was made from (V1) to the published English (V2), not to the new text (V3).
    assert row == (f"{ENGLISH},{NEW_TITLE},cy,outdated,{WELSH},{fp(SUMMARY, V1)},{fp(SUMMARY, V3, NEW_TITLE)},"
                   f"{fp(SUMMARY, V2)},… Asthma makes it hard to breathe. {{+Your airways get narrow.+}},"
                   "English changes since 2026-01-04 (commit " + row.split("(commit ")[1])
    assert row.endswith(") to the version approved on 2026-02-01 that stays published")


def test_a_translation_made_ahead_from_new_english_text_says_so(tmp_path: Path) -> None:
    root = site_with_history(tmp_path / "site", fp(SUMMARY, V3))
    edit_without_signoff(root)
    found = findings(root, WELSH)
    assert [(f["code"], f["severity"], f["message"], f["hint"]) for f in found] == [(
        "translation-outdated", "warning",
        f"this translation was made from the new text of {ENGLISH} ({fp(SUMMARY, V3)}), which awaits sign-off; the English "
        f"page still shows the version approved on 2026-02-01 ({fp(SUMMARY, V2)})",
        f"nothing to change in the translation: it is up to date once the English reviewers sign the new text "
        f"(see sitegen history {ENGLISH} --diff)")]


def test_outdated_against_the_live_version_can_unpublish(tmp_path: Path) -> None:
    root = site_with_history(tmp_path / "site", fp(SUMMARY, V1))
    (root / "sitegen.toml").write_text('outdated_translations = "unpublish"\n')
    edit_without_signoff(root)
    done = run_cli("build", "--no-pdf", cwd=root)
    assert done.code == 0, done.err
    assert (f"{WELSH}: not published: {ENGLISH} has changed since this translation was made (translated from "
            f"{fp(SUMMARY, V1)}, the English page shows the version approved on 2026-02-01, {fp(SUMMARY, V2)})") in done.out
    assert not (root / "output/cy").exists()
    assert (root / "output/living-with-asthma/index.html").is_file()


def test_without_any_published_english_the_translation_is_held_back(tmp_path: Path) -> None:
    root = site_with_history(tmp_path / "site", fp(SUMMARY, V2))
    shutil.rmtree(root / ".git")  # no history: no approved version can stay published
    edit_without_signoff(root)
    codes = sorted(f["code"] for f in findings(root, WELSH))
    assert codes == ["translation-outdated", "translation-source-unpublished"]


def test_an_edited_translation_keeps_its_own_approved_version_online(tmp_path: Path) -> None:
    """A translation's approved version stays live by the translation policy (a translation
    sign-off), not by the English one (clinical and patient)."""
    from translation_helpers import CY_BODY
    root = site_with_history(tmp_path / "site", fp(SUMMARY, V2))
    welsh = root / WELSH
    edited = welsh.read_text(encoding="utf-8").replace("Mae'r pibellau aer yn mynd yn gul.", "Mae'r pibellau aer yn culhau.")
    welsh.write_text(edited.replace("source_fingerprint:", "changes:\n  - date: 2026-03-01\n    what: Geiriad.\n"
                                                          "    why: Gofynnodd darllenydd.\nsource_fingerprint:", 1), encoding="utf-8")
    done = run_cli("build", "--no-pdf", cwd=root)
    assert done.code == 0, done.err
    assert ("  content/cy/byw-gydag-asthma.md: the version approved on 2026-03-12 (fingerprint "
            f"{fp('Sut i ofalu am eich asthma.', CY_BODY, 'Byw gydag asthma')}) stays published") in done.out
    html = welsh_page(root)
    assert "Mae'r pibellau aer yn mynd yn gul." in html and "culhau" not in html
