"""The file watcher: atomic saves, debouncing, ignored files, and surviving a failing callback.

These use a real watchdog observer on tmp_path. Waits poll with generous limits, so a
loaded machine makes them slower, not flaky; "no call" checks wait a fixed quiet period.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from sitegen.devserver.watcher import Watcher, default_watch_paths
from sitegen.filenames import is_ignored_name, is_ignored_path

DEBOUNCE = 0.2
QUIET = 0.8
"""How long we wait to be sure no (further) call comes: five debounce periods."""


class Calls:
    """Records on_change calls; optionally raises on chosen calls."""

    def __init__(self, fail_on: tuple[int, ...] = ()) -> None:
        self.batches: list[frozenset[Path]] = []
        self.fail_on = fail_on
        self.overlap = False
        self._busy = threading.Lock()

    def __call__(self, paths: frozenset[Path]) -> None:
        if not self._busy.acquire(blocking=False):
            self.overlap = True
            return
        try:
            self.batches.append(frozenset(p.resolve() for p in paths))
            if len(self.batches) in self.fail_on:
                raise RuntimeError("rebuild exploded")
        finally:
            self._busy.release()

    def wait_for(self, count: int, timeout: float = 15.0) -> bool:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and len(self.batches) < count:
            time.sleep(0.02)
        return len(self.batches) >= count


@pytest.fixture
def project(tmp_path: Path) -> Path:
    for folder in ("content", "templates", "output", ".git"):
        (tmp_path / folder).mkdir()
    (tmp_path / "content" / "asthma.md").write_text("v1")
    (tmp_path / "sitegen.toml").write_text('site_name = "x"\n')
    return tmp_path


@pytest.fixture
def watch(project: Path) -> Iterator[Callable[..., Calls]]:
    watchers: list[Watcher] = []
    logged: list[str] = []

    def _watch(calls: Calls | None = None, paths: list[Path] | None = None) -> Calls:
        calls = calls or Calls()
        watcher = Watcher(paths or [project], [project / "output"], calls, debounce=DEBOUNCE, log=logged.append)
        watchers.append(watcher.start())
        time.sleep(0.1)  # inotify watches are in place once start() returns; this is only a margin
        return calls

    yield _watch
    for watcher in watchers:
        watcher.stop()


def test_atomic_save_by_rename_is_one_change_to_the_final_file(project: Path, watch: Callable[..., Calls]) -> None:
    calls = watch()
    final = project / "content" / "asthma.md"
    temp = project / "content" / "asthma.md.tmp"
    temp.write_text("v2")
    os.replace(temp, final)
    assert calls.wait_for(1)
    time.sleep(QUIET)
    assert calls.batches == [frozenset({final.resolve()})]


def test_vim_style_save_counts_once(project: Path, watch: Callable[..., Calls]) -> None:
    """vim with backupcopy=no: 4913 probe, rename to backup~, write anew, delete the backup."""
    calls = watch()
    folder = project / "content"
    (folder / "4913").write_text("")
    (folder / "4913").unlink()
    os.replace(folder / "asthma.md", folder / "asthma.md~")
    (folder / "asthma.md").write_text("v2")
    (folder / "asthma.md~").unlink()
    assert calls.wait_for(1)
    time.sleep(QUIET)
    assert calls.batches == [frozenset({(folder / "asthma.md").resolve()})]


def test_burst_of_writes_is_one_call(project: Path, watch: Callable[..., Calls]) -> None:
    calls = watch()
    for i in range(20):
        (project / "content" / f"leaflet-{i % 5}.md").write_text(f"edit {i}")
    assert calls.wait_for(1)
    time.sleep(QUIET)
    assert len(calls.batches) == 1
    assert calls.batches[0] == {(project / "content" / f"leaflet-{i}.md").resolve() for i in range(5)}
    assert not calls.overlap


TEMP_NAMES = [".asthma.md.swp", ".asthma.md.swx", ".asthma.md.swo", "4913", "asthma.md~", "#asthma.md#",
              ".#asthma.md", "asthma.md___jb_tmp___", "asthma.md___jb_old___", "asthma.md.kate-swp", ".DS_Store",
              "asthma.tmp", ".goutputstream-X1Y2Z3", ".~lock.asthma.md#"]


@pytest.mark.parametrize("name", TEMP_NAMES)
def test_temp_file_names(name: str) -> None:
    assert is_ignored_name(name)


@pytest.mark.parametrize("name", ["asthma.md", "templates.html", "style.css", "sitegen.toml", "#1-tip.md",
                                  "logo.png", "swp.md", "tmp.md"])
def test_real_file_names(name: str) -> None:
    assert not is_ignored_name(name)


def test_version_control_folders_are_ignored() -> None:
    assert is_ignored_path(Path("/site/.git/index"))
    assert is_ignored_path(Path("/site/content/node_modules/x.js"))
    assert not is_ignored_path(Path("/site/content/git/notes.md"))


def test_temp_files_and_output_trigger_nothing(project: Path, watch: Callable[..., Calls]) -> None:
    calls = watch()
    for name in TEMP_NAMES:
        (project / "content" / name).write_text("x")
    (project / "output" / "index.html").write_text("<p>built</p>")
    (project / "output" / "leaflets").mkdir()
    (project / "output" / "leaflets" / "asthma.html").write_text("<p>built</p>")
    (project / ".git" / "index").write_text("git")
    (project / "content" / "asthma.md").read_text()  # reading a file (as the build does) is not a change
    time.sleep(QUIET)
    assert calls.batches == []
    # Control: the watcher was working all along.
    (project / "content" / "real.md").write_text("x")
    assert calls.wait_for(1)
    assert calls.batches == [frozenset({(project / "content" / "real.md").resolve()})]


def test_exception_in_on_change_does_not_stop_watching(project: Path, watch: Callable[..., Calls]) -> None:
    calls = watch(Calls(fail_on=(1,)))
    (project / "content" / "asthma.md").write_text("v2")
    assert calls.wait_for(1)
    time.sleep(DEBOUNCE * 2)
    (project / "content" / "asthma.md").write_text("v3")
    assert calls.wait_for(2)


def test_config_file_is_watched_alone(project: Path, watch: Callable[..., Calls]) -> None:
    """The project folder is watched non-recursively for the config file names only."""
    calls = watch(paths=[project / "content", project / "sitegen.toml", project / "pyproject.toml"])
    (project / "notes.txt").write_text("not part of the site")
    (project / "output" / "index.html").write_text("x")
    time.sleep(QUIET)
    assert calls.batches == []
    temp = project / "sitegen.toml.tmp"  # an atomic save of the config (mkdocs#3972)
    temp.write_text('site_name = "y"\n')
    os.replace(temp, project / "sitegen.toml")
    assert calls.wait_for(1)
    (project / "pyproject.toml").write_text("[tool.sitegen]\n")  # created after the watch began
    assert calls.wait_for(2)
    assert calls.batches == [frozenset({(project / "sitegen.toml").resolve()}),
                             frozenset({(project / "pyproject.toml").resolve()})]


def test_context_manager_and_missing_folders(project: Path) -> None:
    calls = Calls()
    with Watcher([project / "content", project / "static-not-there"], [], calls, debounce=DEBOUNCE):
        (project / "content" / "new.md").write_text("x")
        assert calls.wait_for(1)


def test_default_watch_paths(project: Path) -> None:
    paths = default_watch_paths(project)
    assert project / "content" in paths and project / "templates" in paths
    assert project / "sitegen.toml" in paths and project / "pyproject.toml" in paths
    assert project / "output" not in paths and project / "static" not in paths


def test_dead_observer_is_restarted(project: Path) -> None:
    calls, logged = Calls(), []
    watcher = Watcher([project / "content"], [], calls, debounce=DEBOUNCE, log=logged.append, supervise_every=0.1)
    with watcher:
        assert watcher._observer is not None
        watcher._observer.stop()  # as if it had died (watchdog#663, #829)
        watcher._observer.join(timeout=5)
        deadline = time.monotonic() + 15
        while not any("restarting" in line for line in logged) and time.monotonic() < deadline:
            time.sleep(0.02)
        time.sleep(0.1)
        (project / "content" / "after.md").write_text("x")
        assert calls.wait_for(1)
    assert any("restarting" in line for line in logged)


def test_falls_back_to_polling_when_inotify_is_full(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import errno

    import sitegen.devserver.watcher as watch_module

    class FullObserver(watch_module.Observer):  # type: ignore[misc, valid-type]
        def start(self) -> None:
            raise OSError(errno.ENOSPC, "inotify watch limit reached")

    monkeypatch.setattr(watch_module, "Observer", FullObserver)
    calls, logged = Calls(), []
    with Watcher([project / "content"], [], calls, debounce=DEBOUNCE, log=logged.append) as watcher:
        assert watcher.polling
        time.sleep(0.6)  # the polling observer's first snapshot
        (project / "content" / "polled.md").write_text("x")
        assert calls.wait_for(1)
    assert any("instead" in line for line in logged)
