"""The search index: built from published leaflets only, with patients' words, rebuilt only
when what is searchable changes, and never half-written."""

from __future__ import annotations

import gzip
import stat
from pathlib import Path

import pytest

from helpers import leaflet, make_site, run_cli, tree
from sitegen.build import build
from sitegen.config import load_config
from sitegen.plain import load_lexicon
from sitegen.search import index as search_index
from sitegen.search.synonyms import search_words


def test_patients_words_find_clinical_ones_and_back() -> None:
    lexicon = load_lexicon()
    assert "tummy" in search_words("The pain spreads to your abdomen.", lexicon)
    assert "abdomen" in search_words("The pain spreads to your tummy.", lexicon)
    assert "high blood pressure" in search_words("Hypertension is common.", lexicon)
    assert "hypertension" in search_words("You have high blood pressure.", lexicon)
    assert "tummy" not in search_words("Your tummy (abdomen) may hurt.", lexicon)  # already there
    assert "utilise" not in search_words("Use your inhaler.", lexicon)           # "use" is too everyday


def searchable_text(output: Path) -> str:
    """Everything in the search bundle a browser could fetch, decompressed (Pagefind gzips its files)."""
    out = []
    for path in sorted((output / "pagefind").rglob("*")):
        if path.is_file():
            data = path.read_bytes()
            out.append((gzip.decompress(data) if data[:2] == b"\x1f\x8b" else data).decode("utf-8", "replace"))
    return "\n".join(out)


def test_drafts_unpublished_leaflets_and_the_report_are_never_indexed(tmp_path: Path) -> None:
    root = make_site(tmp_path / "site", {
        "content/asthma.md": leaflet(body="## What it is\n\nAsthma makes it hard to breathe. Zephyrwort helps.\n"),
        "content/draft.md": leaflet("Draft leaflet", status="draft", body="## Draft\n\nQuokkaberry is only here.\n"),
        "content/unsigned.md": leaflet("Unsigned leaflet", signed=False, body="## Unsigned\n\nMarmalune is only here.\n"),
    })
    assert run_cli("build", "--site", str(root)).code == 0
    assert run_cli("report", "--site", str(root)).code == 0
    text = searchable_text(root / "output")
    assert "zephyrwort" in text.casefold()  # the check can see words: the published one is there
    for word in ("quokkaberry", "marmalune", "draft leaflet", "unsigned leaflet"):
        assert word not in text.casefold()
    assert not any("report" in name for name in tree(root / "output/pagefind"))


def test_search_words_are_indexed_with_the_page(tmp_path: Path) -> None:
    root = make_site(tmp_path / "site", {"content/asthma.md": leaflet(
        body="## When to get help\n\nGet help if the pain spreads to your abdomen.\n",
        extra="keep_terms: [abdomen]\nindex_terms: [wheezing]\n")})
    assert run_cli("build", "--site", str(root)).code == 0
    text = searchable_text(root / "output").casefold()
    assert "tummy" in text and "wheezing" in text


def test_index_is_made_only_when_searchable_text_changes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = make_site(tmp_path / "site", {"content/asthma.md": leaflet()})
    config = load_config(root)
    runs = []
    real = search_index.executable
    monkeypatch.setattr(search_index, "executable", lambda: runs.append(1) or real())
    assert build(config).ok and len(runs) == 1
    before = tree(root / "output/pagefind")
    (root / "templates").mkdir()
    (root / "templates" / "topic.html").write_text('{% extends "base.html" %}{% block content %}<h1>{{ topic.name }}</h1>{% endblock %}\n')
    assert build(config).ok and len(runs) == 1, "a template change must not re-index"
    assert tree(root / "output/pagefind") == before
    (root / "content" / "asthma.md").write_text(leaflet(summary="A new summary."), encoding="utf-8")
    assert build(config).ok and len(runs) == 2, "a change to the words re-indexes"


def test_a_failed_index_leaves_the_previous_site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = make_site(tmp_path / "site", {"content/asthma.md": leaflet()})
    config = load_config(root)
    assert build(config).ok
    before = tree(root / "output")
    broken = tmp_path / "pagefind"
    broken.write_text("#!/bin/sh\necho 'Error: out of cheese' >&2\nexit 3\n")
    broken.chmod(broken.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setattr(search_index, "executable", lambda: broken)
    (root / "content" / "asthma.md").write_text(leaflet(summary="A new summary."), encoding="utf-8")
    with pytest.raises(Exception) as failed:
        build(config)
    assert str(failed.value) == ("the search index could not be made: Pagefind stopped with an error\n    Error: out of cheese\n"
                                 "    hint: build again; if it keeps happening, set search = false in the site's settings and tell us")
    assert tree(root / "output") == before


def test_search_can_be_turned_off(tmp_path: Path) -> None:
    root = make_site(tmp_path / "site", {"content/asthma.md": leaflet(), "sitegen.toml": "search = false\n"})
    assert run_cli("build", "--site", str(root)).code == 0
    assert not (root / "output" / "pagefind").exists()
    home = (root / "output" / "index.html").read_text(encoding="utf-8")
    assert 'action="a-z/" method="get">' in home and "data-search-page" not in home and "site.js" not in home
