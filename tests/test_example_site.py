"""The bundled example site builds the way `make build` builds it: in its own folder, no --site."""

from __future__ import annotations

import shutil
from pathlib import Path

from helpers import REPO, run_cli


def test_example_site_builds_cleanly_from_its_folder(tmp_path: Path) -> None:
    site = tmp_path / "example"
    shutil.copytree(REPO / "content", site / "content")
    shutil.copytree(REPO / "feedback", site / "feedback")
    shutil.copy(REPO / "pyproject.toml", site / "pyproject.toml")
    result = run_cli("build", cwd=site)
    assert result.code == 0, result.err
    leaflets = len(list((REPO / "content").rglob("*.md")))  # translations too (content/cy/, content/ur/)
    assert f"including {leaflets} leaflet pages." in result.out
    assert "Warnings: none." in result.out and "not published" not in result.out
    check = run_cli("check", "--strict", cwd=site)
    assert check.code == 0, check.out
