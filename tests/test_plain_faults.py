"""Faults outside the leaflets are plain messages too, never "internal error" (issue 11, item 11).

Before: a cache key that is a folder and ``sitegen build | head`` (the reader of the
output going away) both ended in "sitegen: internal error: ...". The unreadable and
dangling assets and the loop of links are in test_source_files.py.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import REPO, TODAY, leaflet, run_cli


def test_a_cache_key_that_is_a_folder_is_a_plain_error(site, tmp_path: Path) -> None:
    root = site({"content/asthma.md": leaflet()})
    (tmp_path / "xdg" / "sitegen" / "cache-key").mkdir(parents=True)
    result = run_cli("build", "--site", str(root), env={"XDG_CACHE_HOME": str(tmp_path / "xdg")})
    assert result.code == 2, result.err
    assert result.err.strip() == (f"sitegen: error: {tmp_path}/xdg/sitegen/cache-key is not a file (it is a folder, a link to nothing "
                                  "or a special file), so sitegen cannot check its cache; delete or rename it, and sitegen makes "
                                  "a new key at the next build")


@pytest.mark.parametrize("verb", ["build", "check"])
def test_output_to_a_reader_that_went_away_stops_quietly(site, verb: str) -> None:
    """``sitegen build | head``: the pipe's reading end is closed before sitegen writes, so
    every write fails with EPIPE, deterministically."""
    root = site({"content/asthma.md": leaflet(), "content/sleep.md": leaflet("Sleeping well", signed=False)})
    read_end, write_end = os.pipe()
    os.close(read_end)
    env = {**os.environ, "SITEGEN_TODAY": TODAY, "PYTHONIOENCODING": "utf-8"}
    try:
        options = ["--no-pdf"] if verb == "build" else []
        done = subprocess.run([sys.executable, "-m", "sitegen", verb, "--site", str(root), *options],
                              stdout=write_end, stderr=subprocess.PIPE, text=True, env=env, cwd=REPO, timeout=300)
    finally:
        os.close(write_end)
    assert "internal error" not in done.stderr and "Traceback" not in done.stderr and "Broken pipe" not in done.stderr
    assert done.returncode == 1
    if verb == "build":  # build reports on stderr, which still reached the terminal, and wrote the site
        assert "not published: needs a current sign-off" in done.stderr
        assert (root / "output" / "asthma" / "index.html").is_file()
