"""Golden HTML: the minimal fixture site must build to exactly tests/golden/minimal/.

A failure prints a unified diff of the first files that differ. After an intended
change to templates or rendering, run ``pytest tests/test_golden.py --update-golden``
and review the diff of tests/golden/ like any other change.
"""

from __future__ import annotations

import difflib
import shutil
from pathlib import Path

import pytest

from helpers import tree
from sitegen.build import build
from sitegen.config import load_config

FIXTURE = Path(__file__).parent / "fixtures" / "sites" / "minimal"
GOLDEN = Path(__file__).parent / "golden" / "minimal"


def built_tree(tmp_path: Path) -> dict[str, bytes]:
    site = tmp_path / "minimal"
    shutil.copytree(FIXTURE, site)
    # PDFs off: their bytes depend on the fonts installed; tests/test_pdf.py checks them and their links.
    result = build(load_config(site), use_cache=False, pdf=False)
    assert result.ok, result.failure
    # The stylesheet is the theme's file, copied as is: compared by the copy test below, not kept twice.
    # The search index is Pagefind's binary output: tests/test_search.py searches it instead.
    return {k: v for k, v in tree(site / "output").items()
            if k != ".sitegen-output" and not k.startswith(("assets/", "pagefind/"))}


def test_minimal_site_matches_golden(tmp_path: Path, request: pytest.FixtureRequest) -> None:
    actual = built_tree(tmp_path)
    if request.config.getoption("--update-golden"):
        shutil.rmtree(GOLDEN, ignore_errors=True)
        for name, data in actual.items():
            (GOLDEN / name).parent.mkdir(parents=True, exist_ok=True)
            (GOLDEN / name).write_bytes(data)
        pytest.skip("golden files rewritten")
    expected = tree(GOLDEN)
    assert sorted(actual) == sorted(expected)
    diffs = []
    for name in sorted(expected):
        if actual[name] != expected[name]:
            diffs.append("".join(difflib.unified_diff(expected[name].decode().splitlines(True), actual[name].decode().splitlines(True),
                                                      f"golden/{name}", f"built/{name}")))
    assert not diffs, "\n".join(diffs[:3])


def test_theme_assets_are_copied_unchanged(tmp_path: Path) -> None:
    site = tmp_path / "minimal"
    shutil.copytree(FIXTURE, site)
    assert build(load_config(site), use_cache=False).ok
    theme = Path(__file__).parent.parent / "sitegen" / "theme" / "static" / "style.css"
    assert (site / "output" / "assets" / "style.css").read_bytes() == theme.read_bytes()


def test_build_is_reproducible(tmp_path: Path) -> None:
    assert built_tree(tmp_path / "one") == built_tree(tmp_path / "two")
