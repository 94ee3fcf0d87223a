"""Shared fixtures (helpers live in helpers.py so that test modules can import them)."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers import TODAY, make_site


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true", help="rewrite tests/golden/ from the current output")


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SITEGEN_TODAY", TODAY)


@pytest.fixture
def site(tmp_path: Path):
    def build_site(files: dict[str, str | bytes]) -> Path:
        return make_site(tmp_path / "site", files)
    return build_site
