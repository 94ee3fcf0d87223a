"""One tiny broken site per error message: the message is asserted verbatim, exit code 1,
and a previous output/ is left byte-for-byte as it was.

Each case is a folder under tests/fixtures/invalid/<case>/ holding content/ and
expected.txt (the exact error lines, with hints, that sitegen must print).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from helpers import leaflet, make_site, run_cli, tree

CASES = sorted(p for p in (Path(__file__).parent / "fixtures" / "invalid").iterdir() if p.is_dir())


def previous_output(site: Path) -> dict[str, bytes]:
    """A stand-in for last week's good build: sitegen's marker plus a page."""
    make_site(site, {"output/.sitegen-output": "{}", "output/index.html": "<p>last good build</p>"})
    return tree(site / "output")


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_broken_site_reports_exact_message(case: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    shutil.copytree(case / "content", site / "content")
    before = previous_output(site)
    result = run_cli("build", "--site", str(site))
    expected = (case / "expected.txt").read_text(encoding="utf-8").strip()
    assert result.code == 1, result.err
    assert expected in result.err
    printed_errors = [line for line in result.err.splitlines() if ": error: " in line]
    assert printed_errors == [line for line in expected.splitlines() if ": error: " in line]
    assert "Traceback" not in result.err
    assert tree(site / "output") == before


def test_all_broken_leaflets_reported_in_one_run(tmp_path: Path) -> None:
    site = tmp_path / "site"
    for case in ("dmy-date", "tab-indent", "misspelt-key"):
        text = (Path(__file__).parent / "fixtures" / "invalid" / case / "content" / "leaflet.md").read_bytes()
        make_site(site, {f"content/{case}.md": text})
    result = run_cli("check", "--site", str(site))
    assert result.code == 1
    for case in ("dmy-date", "tab-indent", "misspelt-key"):
        assert f"content/{case}.md:" in result.out


def test_bom_and_crlf_files_load_like_plain_ones(tmp_path: Path) -> None:
    text = leaflet()
    plain = make_site(tmp_path / "plain", {"content/asthma.md": text})
    windows = make_site(tmp_path / "windows", {"content/asthma.md": b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode()})
    first = run_cli("build", "--site", str(plain))
    second = run_cli("build", "--site", str(windows))
    assert first.code == second.code == 0, second.err
    assert tree(plain / "output") == tree(windows / "output")
