"""The approved version stays live: tried as a new user would, on sites with a real git history."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from git_helpers import commit, fp, git, init, page
from helpers import run_cli

from sitegen import render
from sitegen.config import load_config
from sitegen.site import load_site

SUMMARY = "How to look after your asthma."
BODY = "## What it is\n\nAsthma makes it hard to breathe. See [using an inhaler](using-your-inhaler.md).\n"
TYPO = "How to look after your asthma day by day."
OTHER = "## Using it\n\nShake the inhaler. Read about [asthma](living-with-asthma.md).\n"
CHANGE = "changes:\n  - date: 2026-03-01\n    what: Said day by day.\n    why: A reader asked.\n"

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs the git command")


def signed(summary: str = SUMMARY, body: str = BODY) -> list[tuple[str, str, str]]:
    return [("clinical", "2026-01-02", fp(summary, body)), ("patient", "2026-01-03", fp(summary, body))]


def approved_site(root: Path) -> Path:
    """Two approved leaflets, committed; then the asthma summary gets a typo fix (not committed)."""
    init(root)
    (root / "content").mkdir()
    (root / "content/living-with-asthma.md").write_text(page(SUMMARY, BODY, signed()))
    other = fp(SUMMARY, OTHER, "Using your inhaler")
    (root / "content/using-your-inhaler.md").write_text(page(SUMMARY, OTHER, [("clinical", "2026-01-02", other), ("patient", "2026-01-02", other)],
                                                             title="Using your inhaler"))
    commit(root, "Approved leaflets", "2026-01-04")
    (root / "content/living-with-asthma.md").write_text(page(TYPO, BODY, signed(), changes=CHANGE))
    return root


def built(root: Path, name: str = "living-with-asthma") -> str:
    return (root / f"output/{name}/index.html").read_text()


def test_fixing_a_typo_keeps_the_approved_page_online(tmp_path: Path) -> None:
    root = approved_site(tmp_path / "site")
    done = run_cli("build", "--no-pdf", cwd=root)
    assert done.code == 0, done.err
    assert ("1 leaflet kept online in the approved version while new text awaits sign-off:\n"
            f"  content/living-with-asthma.md: the version approved on 2026-01-03 (fingerprint {fp(SUMMARY, BODY)}) stays published") in done.out
    assert "not published:" not in done.out.split("output/")[1]
    html = built(root)
    assert SUMMARY in html and TYPO not in html
    assert "Said day by day" not in html  # the approved version's own changes, not the new text's
    assert 'href="../living-with-asthma/"' in built(root, "using-your-inhaler")  # the link from the other leaflet stays
    assert ("content/living-with-asthma.md:15: blocker: the new text is not published yet: needs a current sign-off by a clinical reviewer; "
            "Reviewer 1 signed an earlier version on 2026-01-02 [signoff-stale]") in done.out + done.err


def test_signing_the_new_text_makes_it_live(tmp_path: Path) -> None:
    root = approved_site(tmp_path / "site")
    assert run_cli("build", "--no-pdf", cwd=root).code == 0
    for role in ("clinical", "patient"):
        done = run_cli("signoff", "content/living-with-asthma.md", "--name", "Dr Helen Park", "--role", role, cwd=root)
        assert done.code == 0, done.err
    done = run_cli("build", "--no-pdf", cwd=root)
    assert done.code == 0 and "kept online" not in done.out
    assert TYPO in built(root) and "Said day by day" in built(root)


@pytest.mark.parametrize("status", ["draft", "withdrawn"])
def test_a_draft_or_withdrawn_leaflet_is_never_published_from_history(tmp_path: Path, status: str) -> None:
    root = approved_site(tmp_path / "site")
    (root / "content/living-with-asthma.md").write_text(page(TYPO, BODY, signed(), status=status, changes=CHANGE))
    done = run_cli("build", "--no-pdf", cwd=root)
    assert done.code == 0
    assert not (root / "output/living-with-asthma").exists()
    assert f"content/living-with-asthma.md: not published: the status is '{status}'" in done.out


def test_without_git_the_leaflet_is_held_back_and_the_build_says_why(tmp_path: Path) -> None:
    root = approved_site(tmp_path / "site")
    shutil.rmtree(root / ".git")
    done = run_cli("build", "--no-pdf", cwd=root)
    assert done.code == 0
    assert not (root / "output/living-with-asthma").exists()
    assert ("on 2026-01-03; no approved version can stay published instead: "
            "the site is not in a git repository, so there are no earlier versions to read\n") in done.out


def test_a_shallow_clone_says_what_to_fetch(tmp_path: Path) -> None:
    origin = approved_site(tmp_path / "origin")
    commit(origin, "Typo fix, awaiting sign-off", "2026-03-01")
    git(tmp_path, "clone", "-q", "--depth", "1", (origin.as_uri()), "clone")
    done = run_cli("build", "--no-pdf", cwd=tmp_path / "clone")
    assert done.code == 0
    assert not (tmp_path / "clone/output/living-with-asthma").exists()
    assert ("no approved version can stay published instead: this is a shallow clone, so earlier versions are missing; "
            "fetch the whole history (git fetch --unshallow, or fetch-depth: 0 in GitHub Actions)\n") in done.out


def test_no_approved_version_in_history(tmp_path: Path) -> None:
    root = approved_site(tmp_path / "site")
    git(root, "rm", "-q", "--cached", "content/living-with-asthma.md")
    commit(root, "forget it", "2026-01-05")
    shutil.rmtree(root / ".git")
    init(root)
    commit(root, "History rewritten: only the typo-fixed text", "2026-03-01")
    done = run_cli("build", "--no-pdf", cwd=root)
    assert not (root / "output/living-with-asthma").exists()
    assert "no approved version can stay published instead: no earlier version in the git history has every required sign-off\n" in done.out


def test_new_text_without_a_new_changes_entry_is_unexplained(tmp_path: Path) -> None:
    root = approved_site(tmp_path / "site")
    (root / "content/living-with-asthma.md").write_text(page(TYPO, BODY, signed()))
    done = run_cli("check", cwd=root)
    assert ("content/living-with-asthma.md:15: warning: the text has changed since the version approved on 2026-01-03, and no new changes entry "
            "says what changed and why [change-unexplained]") in done.out
    (root / "content/living-with-asthma.md").write_text(page(TYPO, BODY, signed(), changes=CHANGE))
    assert "change-unexplained" not in run_cli("check", cwd=root).out


def test_history_lists_versions_and_shows_a_word_diff(tmp_path: Path) -> None:
    root = approved_site(tmp_path / "site")
    done = run_cli("history", "content/living-with-asthma.md", cwd=root)
    assert done.code == 0, done.err
    head = git(root, "log", "--format=%H", "-1").strip()[:10]
    assert done.out.splitlines() == [
        "content/living-with-asthma.md: 2 versions of the words, newest first",
        f"   now  not committed  fingerprint {fp(TYPO, BODY)}  not fully approved",
        f"     1  2026-01-04 commit {head}  fingerprint {fp(SUMMARY, BODY)}  approved; signed by Reviewer 1 (clinical, 2026-01-02), "
        "Reviewer 2 (patient, 2026-01-03)",
        "To see what changed since the last approved version: sitegen history content/living-with-asthma.md --diff",
    ]
    diff = run_cli("history", "content/living-with-asthma.md", "--diff", cwd=root)
    assert diff.out.splitlines()[1:] == ["How to look after your [-asthma.-]{+asthma day by day.+}"]
    same = run_cli("history", "content/living-with-asthma.md", "--diff", "1", "1", cwd=root)
    assert same.out.splitlines()[1:] == ["The words are the same."]
    assert run_cli("history", "content/living-with-asthma.md", "--diff", "7", "now", cwd=root).err.strip() == (
        "sitegen: error: there is no version '7' of content/living-with-asthma.md; run sitegen history content/living-with-asthma.md to list them")


def test_the_preview_shows_the_reviewer_what_changed(tmp_path: Path) -> None:
    root = approved_site(tmp_path / "site")
    site = load_site(load_config(root), dt.date(2026, 11, 23), preview=True)
    html = render.render_site(site)["living-with-asthma/index.html"].decode()
    assert '<h2 id="sg-changed-since">What changed since the version you approved</h2>' in html
    assert ('<div class="word-diff"><p>How to look after your <del class="diff-removed"><span class="visually-hidden">[removed: </span>asthma.'
            '<span class="visually-hidden">]</span></del><ins class="diff-added"><span class="visually-hidden">[added: </span>asthma day by day.'
            '<span class="visually-hidden">]</span></ins></p></div>') in html
    assert TYPO in html  # the preview shows the new text
    stale = next(f for f in site.findings if f.code == "signoff-stale")
    assert ('ask Reviewer 1 to read "What changed since the version you approved" in the preview '
            "(or run: sitegen history content/living-with-asthma.md --diff)") in (stale.hint or "")
