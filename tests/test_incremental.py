"""Incremental work must give exactly what a clean, full build gives.

Random edits (body text, titles, sign-offs, glossary, templates, deletions and new
leaflets) are applied one after another; after each, a build that reuses the cache
(and the live preview's in-place update) must equal a clean build with no cache.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from helpers import leaflet, make_site, tree
from sitegen.build import build
from sitegen.config import load_config
from sitegen.commands.serve import PreviewBuilder

FIXTURE = Path(__file__).parent / "fixtures" / "sites" / "minimal"
EDITS = st.sampled_from(["body", "title", "unsign", "glossary", "template", "delete", "add", "touch", "related"])
CROSS_EDITS = st.sampled_from(["body", "title", "delete", "add", "index-clash", "index-term", "topic-clash", "related-missing"])
"""Edits that change what the checks across leaflets read (A to Z entries, topics, related
entries), some making errors: the cached build must find exactly what a clean build finds."""


def apply(site: Path, edit: str, number: int) -> None:
    content = site / "content"
    asthma = content / "asthma.md"
    if edit == "body" and asthma.exists():
        asthma.write_text(asthma.read_text(encoding="utf-8").replace("narrow", f"narrow ({number})", 1), encoding="utf-8")
    elif edit == "title" and (content / "inhalers.md").exists():
        (content / "inhalers.md").write_text(leaflet(f"Inhalers {number}", "## Using a spacer\n\nShake it.\n"), encoding="utf-8")
    elif edit == "unsign" and asthma.exists():
        asthma.write_text(asthma.read_text(encoding="utf-8").replace("fingerprint: ", "fingerprint: 0", 1), encoding="utf-8")
    elif edit == "glossary":
        (content / "glossary.yml").write_text(f"inhaler: A device number {number}.\n", encoding="utf-8")
    elif edit == "template":
        make_site(site, {"templates/404.html": f'{{% extends "base.html" %}}{{% block content %}}<h1>Lost {number}</h1>{{% endblock %}}\n'})
    elif edit == "delete" and (content / "sleep.md").exists():
        (content / "sleep.md").unlink()
        if asthma.exists():  # the asthma leaflet links to it: a dangling link would (rightly) stop the build
            asthma.write_text(asthma.read_text(encoding="utf-8").replace("[sleeping well](sleep.md)", "sleeping well"), encoding="utf-8")
    elif edit == "add":
        (content / f"extra-{number}.md").write_text(leaflet(f"Extra {number}", "## Part\n\nWords.\n"), encoding="utf-8")
    elif edit == "related" and (content / "inhalers.md").exists():
        text = (content / "inhalers.md").read_text(encoding="utf-8")
        (content / "inhalers.md").write_text(text.replace("status: published", "status: draft"), encoding="utf-8")
    elif edit == "index-clash":  # the asthma leaflet's title as another leaflet's A to Z entry: an error
        toggle(content / "inhalers.md", "index_terms:", "index_terms: [Living with asthma]")
    elif edit == "index-term":
        toggle(content / "sleep.md", "index_terms:", f"index_terms: [Bedtime {number}]")
    elif edit == "topic-clash" and (content / "sleep.md").exists():  # a topic named like a leaflet: an error
        text = (content / "sleep.md").read_text(encoding="utf-8")
        plain, clash = "topics: [asthma]\n", "topics: [asthma, using your inhaler]\n"
        (content / "sleep.md").write_text(text.replace(clash, plain) if clash in text else text.replace(plain, clash), encoding="utf-8")
    elif edit == "related-missing":  # a warning
        toggle(content / "sleep.md", "related:", "related: [nowhere]")


def toggle(path: Path, key: str, line: str) -> None:
    """Take the front-matter line starting with ``key`` out, or put ``line`` in after the topics
    (so the topics line, which the navigation check reports, stays where it was)."""
    if not path.exists():
        return
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    kept = [one for one in lines if not one.startswith(key)]
    if len(kept) == len(lines):
        at = next(n for n, one in enumerate(lines) if one.startswith("topics:")) + 1
        kept = lines[:at] + [line + "\n"] + lines[at:]
    path.write_text("".join(kept), encoding="utf-8")


def clean_build(site: Path, scratch: Path, preview: bool = False) -> dict[str, bytes]:
    shutil.rmtree(scratch, ignore_errors=True)
    shutil.copytree(site, scratch, ignore=shutil.ignore_patterns("output", ".sitegen-cache"))
    if preview:
        builder = PreviewBuilder(load_config(scratch), folder=scratch.parent / "preview-clean")
        assert builder(None).ok
        return without_marker(tree(builder.site_dir))
    assert build(load_config(scratch), use_cache=False).ok
    return without_marker(tree(scratch / "output"))


def without_marker(files: dict[str, bytes]) -> dict[str, bytes]:
    return {k: v for k, v in files.items() if k != ".sitegen-output"}


def builds_after_each_edit(base: Path, edits: list[str]):
    """The fixture site in ``base/site``, built once, then edited and built (with the cache) per edit:
    yields (site, base, that build's result)."""
    site = base / "site"
    shutil.copytree(FIXTURE, site)
    assert build(load_config(site)).ok
    for number, edit in enumerate(edits):
        apply(site, edit, number)
        yield site, base, build(load_config(site))


@settings(max_examples=6, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.lists(EDITS, min_size=1, max_size=5))
def test_cached_build_equals_clean_build(tmp_path_factory, edits: list[str]) -> None:
    for site, base, result in builds_after_each_edit(tmp_path_factory.mktemp("inc"), edits):
        assert result.ok, result.failure
        assert without_marker(tree(site / "output")) == clean_build(site, base / "clean")


@settings(max_examples=6, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.lists(CROSS_EDITS, min_size=1, max_size=6))
@example(["index-clash", "index-term", "index-clash"])
@example(["topic-clash", "title", "related-missing", "delete"])
def test_cached_checks_across_leaflets_equal_clean_ones(tmp_path_factory, edits: list[str]) -> None:
    """The navigation and related checks are reused from the cache while what they read is
    unchanged: after every edit, the findings (errors included) and the output must be a clean build's."""
    for site, base, result in builds_after_each_edit(tmp_path_factory.mktemp("cross"), edits):
        shutil.rmtree(base / "clean", ignore_errors=True)
        shutil.copytree(site, base / "clean", ignore=shutil.ignore_patterns("output", ".sitegen-cache"))
        clean = build(load_config(base / "clean"), use_cache=False)
        assert (result.ok, result.findings) == (clean.ok, clean.findings)
        if clean.ok:
            assert without_marker(tree(site / "output")) == without_marker(tree(base / "clean" / "output"))


@settings(max_examples=5, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.lists(EDITS, min_size=1, max_size=5))
def test_preview_rebuild_equals_fresh_preview(tmp_path_factory, edits: list[str]) -> None:
    base = tmp_path_factory.mktemp("prev")
    site = base / "site"
    shutil.copytree(FIXTURE, site)
    builder = PreviewBuilder(load_config(site), folder=base / "preview")
    assert builder(None).ok
    for number, edit in enumerate(edits):
        apply(site, edit, number)
        outcome = builder(frozenset({site / "content"}))
        assert outcome.ok, outcome.errors
        assert without_marker(tree(builder.site_dir)) == clean_build(site, base / "clean", preview=True)


def test_preview_shows_a_broken_save_on_its_own_page(tmp_path: Path) -> None:
    """A leaflet broken by a save is shown with its errors; the other pages stay as they were (issue 14)."""
    site = tmp_path / "site"
    shutil.copytree(FIXTURE, site)
    builder = PreviewBuilder(load_config(site), folder=tmp_path / "preview")
    first = builder(None)
    assert first.ok
    before = tree(builder.site_dir)
    (site / "content" / "asthma.md").write_text("---\ntitle: Broken: oops\n---\n", encoding="utf-8")
    broken = builder(frozenset({site / "content" / "asthma.md"}))
    assert broken.ok and broken.site_dir == first.site_dir
    assert broken.page_errors == {"/asthma/": (
        "content/asthma.md:2:14: error: there is a second ': ' (colon and space) on this line [frontmatter]\n"
        '    hint: if a value contains ": ", put the whole value in double quotes, for example: '
        'title: "Asthma: what you need to know"',)}
    after = tree(builder.site_dir)
    assert after["sleep/index.html"] == before["sleep/index.html"]
    assert after["asthma/index.html"] != before["asthma/index.html"]


def test_preview_shows_every_leaflet_with_review_notes(tmp_path: Path) -> None:
    site = tmp_path / "site"
    shutil.copytree(FIXTURE, site)
    builder = PreviewBuilder(load_config(site), folder=tmp_path / "preview")
    assert builder(None).ok
    page = (builder.site_dir / "sleep" / "index.html").read_text(encoding="utf-8")
    assert "needs a current sign-off by a clinical reviewer" in page
    built = build(load_config(site))
    assert built.ok
    assert not (site / "output" / "sleep").exists()
    published = "\n".join(p.read_text(encoding="utf-8") for p in (site / "output").rglob("*.html"))
    assert "sg-mark" not in published and "__sitegen__" not in published and "fingerprint" not in published.lower()
