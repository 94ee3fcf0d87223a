"""The build cache and the up-to-date check: fast when nothing changed, never trusted blindly."""

from __future__ import annotations

from pathlib import Path

from helpers import leaflet, run_cli, tree


def test_second_build_is_up_to_date_and_an_edit_rebuilds(site) -> None:
    root = site({"content/asthma.md": leaflet()})
    assert "output/ was written" in run_cli("build", "--site", str(root)).out
    again = run_cli("build", "--site", str(root))
    assert again.code == 0 and "output/ is up to date: " in again.out
    (root / "content" / "asthma.md").write_text(leaflet(body="## What it is\n\nNew words.\n", signed=False), encoding="utf-8")
    edited = run_cli("build", "--site", str(root))
    assert "output/ was written" in edited.out and "content/asthma.md: not published" in edited.out
    assert not (root / "output" / "asthma").exists()


def test_up_to_date_build_repeats_its_findings(site) -> None:
    root = site({"content/asthma.md": leaflet(body="## What it is\n\nPlease utilise your inhaler.\n")})
    first = run_cli("build", "--site", str(root))
    second = run_cli("build", "--site", str(root))
    assert "output/ is up to date" in second.out
    assert "[jargon]" in first.err and first.err == second.err


def test_strict_is_not_skipped_by_the_up_to_date_check(site) -> None:
    root = site({"content/asthma.md": leaflet(body="## What it is\n\nPlease utilise your inhaler.\n")})
    assert run_cli("build", "--site", str(root)).code == 0
    assert run_cli("build", "--site", str(root), "--strict").code == 1


def test_corrupt_or_foreign_cache_is_ignored(site, tmp_path: Path) -> None:
    root = site({"content/asthma.md": leaflet()})
    assert run_cli("build", "--site", str(root)).code == 0
    expected = tree(root / "output")
    cache = root / ".sitegen-cache"
    for name in [p.name for p in cache.glob("cache-*.pickle")] + ["last-build.json"]:
        (cache / name).write_bytes(b"\x00garbage" * 10)
    (root / "output" / ".sitegen-output").write_text("{}", encoding="utf-8")  # force real work, not the up-to-date path
    result = run_cli("build", "--site", str(root))
    assert result.code == 0 and "was written" in result.out
    assert {k: v for k, v in tree(root / "output").items() if k != ".sitegen-output"} == \
        {k: v for k, v in expected.items() if k != ".sitegen-output"}
    foreign = run_cli("build", "--site", str(root), env={"XDG_CACHE_HOME": str(tmp_path / "someone-else")})
    assert foreign.code == 0 and "was written" in foreign.out  # signed with another key: not trusted


def test_no_cache_flag_rebuilds(site) -> None:
    root = site({"content/asthma.md": leaflet()})
    run_cli("build", "--site", str(root))
    result = run_cli("build", "--site", str(root), "--no-cache")
    assert result.code == 0 and "was written" in result.out


def test_an_edit_reads_no_other_leaflets_text(site) -> None:
    """The cross-page steps read front matter and findings only: an unchanged leaflet's
    plain-English facts and body stay in the text store (``incremental.textstore``) unless its page is made."""
    from sitegen.build import build
    from sitegen.config import load_config
    from sitegen.incremental.textstore import Stored

    # Search off: an edit to searchable words re-indexes every leaflet, which does read them all.
    root = site({"content/asthma.md": leaflet(), "content/eczema.md": leaflet(title="Living with eczema"),
                 "sitegen.toml": 'site_name = "Test"\nsearch = false\n'})
    assert build(load_config(root)).ok
    (root / "content" / "eczema.md").write_text(leaflet(title="Living with eczema", body="## What it is\n\nNew words.\n"),
                                                encoding="utf-8")
    result = build(load_config(root))
    assert result.ok and result.site is not None
    kept = {p.leaflet.source: p for p in result.site.pages}["content/asthma.md"]
    assert isinstance(kept.text, Stored) and not kept.text.read
    assert kept.plain.page.words > 0 and kept.text.read  # still there, read on first use


def test_check_json_reads_every_reading_age_from_the_cache(site) -> None:
    import json

    root = site({"content/asthma.md": leaflet(), "content/eczema.md": leaflet(title="Living with eczema")})
    first = json.loads(run_cli("check", "--site", str(root), "--format", "json").out)
    assert run_cli("build", "--site", str(root)).code == 0  # the cache now holds both pages
    second = json.loads(run_cli("check", "--site", str(root), "--format", "json").out)
    assert first == second
