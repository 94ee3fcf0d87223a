"""One rule for the files sitegen ignores, shared by the build and the live preview's watcher.

Before, the build (source.py) and the watcher (watch.py) had a list each, and they
disagreed: Thumbs.db, desktop.ini and *.part were published as site files but never
made the preview rebuild, while .hidden.md made the preview rebuild but was never
built. Now a file is either read by the build and watched, or neither.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from helpers import leaflet, run_cli
from sitegen.config import load_config
from sitegen.devserver.watcher import Watcher, default_watch_paths
from sitegen.inputs import discover

NAMES = ["asthma.md", "images/spacer.png", "leaflets/easy-read.pdf", "notes/tips.md",
         # the names the two lists disagreed about
         "Thumbs.db", "Desktop.ini", "desktop.ini", "report.pdf.part", "video.mp4.crdownload", ".hidden.md",
         "asthma.md___jb_bak___", "images/Thumbs.db", "node_modules/x.js",
         # ignored by both before, and still
         ".asthma.md.swp", "asthma.md~", "#asthma.md#", ".#asthma.md", ".DS_Store", "4913", "x.tmp",
         ".git/config", "drafts/.hidden/a.md", "__pycache__/x.pyc"]


def test_the_build_reads_exactly_the_files_the_watcher_reports(tmp_path: Path) -> None:
    for name in NAMES:
        path = tmp_path / "content" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("x")
    pages, assets, _ = discover(load_config(tmp_path))
    built = {p.relative_to(tmp_path / "content").as_posix() for p in pages + assets}
    watcher = Watcher(default_watch_paths(tmp_path), [tmp_path / "output"], lambda paths: None)
    watched = {name for name in NAMES if watcher.wants(tmp_path / "content" / name)}
    assert built == watched == {"asthma.md", "images/spacer.png", "leaflets/easy-read.pdf", "notes/tips.md"}


def test_litter_is_never_published(site) -> None:
    root = site({"content/asthma.md": leaflet(), "content/Thumbs.db": b"\0thumbs", "content/desktop.ini": "[.ShellClassInfo]",
                 "content/report.pdf.part": b"%PDF", "content/.hidden.md": leaflet("Hidden"),
                 "templates/static/.DS_Store": b"\0", "templates/static/Thumbs.db": b"\0", "templates/static/extra.css": "p{}"})
    assert run_cli("build", "--site", str(root)).code == 0
    built = {p.relative_to(root / "output").as_posix() for p in (root / "output").rglob("*") if p.is_file()}
    assert "assets/extra.css" in built and "asthma/index.html" in built
    assert not [name for name in built if any(bad in name for bad in ("Thumbs", "desktop", ".part", "hidden", "DS_Store"))], built


@pytest.mark.parametrize("name", ["Thumbs.db", "desktop.ini", "report.pdf.part", ".hidden.md"])
def test_litter_triggers_no_rebuild(tmp_path: Path, name: str) -> None:
    (tmp_path / "content").mkdir()
    batches: list[frozenset[Path]] = []
    with Watcher([tmp_path / "content"], [], batches.append, debounce=0.1):
        time.sleep(0.1)
        (tmp_path / "content" / name).write_text("x")
        time.sleep(0.6)
        assert batches == []
        (tmp_path / "content" / "real.md").write_text("x")  # control: the watcher was working
        deadline = time.monotonic() + 15
        while not batches and time.monotonic() < deadline:
            time.sleep(0.02)
    assert batches == [frozenset({tmp_path / "content" / "real.md"})]
