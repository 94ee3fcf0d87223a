"""One writer at a time (issue 11, items 1 and 5): real parallel processes on one site folder.

Before the site lock, two builds at once both said "was written" and left ``output/``
a mix of both; two ``signoff`` runs on one file lost one of the sign-offs.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from helpers import REPO, TODAY, leaflet, run_cli

HOLD = """
import sys
from pathlib import Path
from sitegen.sitelock import site_lock
with site_lock(Path(sys.argv[1]), sys.argv[2]):
    print("held", flush=True)
    sys.stdin.read()
"""


def env() -> dict[str, str]:
    return {**os.environ, "SITEGEN_TODAY": TODAY, "PYTHONIOENCODING": "utf-8"}


def sitegen(*args: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "sitegen", *args], env=env(), stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


def hold_lock(root: Path, verb: str = "build") -> subprocess.Popen:
    """Another sitegen process holding the site's lock until its stdin is closed (or it is killed)."""
    holder = subprocess.Popen([sys.executable, "-c", HOLD, str(root), verb], env=env(), cwd=REPO,
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline().strip() == "held"
    return holder


def release(holder: subprocess.Popen) -> None:
    holder.stdin.close()
    assert holder.wait(timeout=30) == 0


def matches_manifest(output: Path) -> None:
    """output/ holds exactly the files its manifest lists, with those bytes."""
    from sitegen.write import read_record
    manifest = {name: digest for name, (digest, _, _) in read_record(output).items()}
    assert manifest
    found = {p.relative_to(output).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
             for p in output.rglob("*") if p.is_file() and p.name != ".sitegen-output"}
    assert found == manifest


def many_leaflets(count: int, words: str = "Asthma makes it hard to breathe.") -> dict[str, str]:
    return {f"content/leaflet-{n:03d}.md": leaflet(f"Leaflet {n}", f"## What it is\n\n{words}\n") for n in range(count)}


def test_a_build_refuses_while_another_holds_the_folder_and_runs_once_it_has_gone(site) -> None:
    root = site({"content/asthma.md": leaflet()})
    holder = hold_lock(root)
    try:
        refused = run_cli("build", "--site", str(root), "--no-pdf")
        assert refused.code == 1, refused
        assert refused.err == (f"sitegen: error: another sitegen build is running in this folder (process {holder.pid}); "
                               "wait for it or stop it\n")
        assert not (root / "output").exists()
    finally:
        holder.kill()  # kill -9: the system drops the lock with the process; its record is left behind
        holder.wait(timeout=30)
    assert (root / ".sitegen-cache" / "lock").read_text() == f"{holder.pid} build\n"
    after = run_cli("build", "--site", str(root), "--no-pdf")
    assert after.code == 0 and "output/ was written" in after.out, after
    matches_manifest(root / "output")


def test_two_builds_at_once_never_leave_a_mixed_site(site) -> None:
    root = site(many_leaflets(40))
    for round_ in range(4):
        words = f"Round {round_} words about asthma."
        for name, text in many_leaflets(40, words).items():
            (root / name).write_text(text, encoding="utf-8")
        first, second = sitegen("build", "--site", str(root), "--no-pdf"), sitegen("build", "--site", str(root), "--no-pdf")
        results = [(p.returncode, *p.communicate(timeout=300)) for p in (first, second)]
        results = [(p.returncode, out, err) for p, (_, out, err) in zip((first, second), results)]
        codes = sorted(code for code, _, _ in results)
        assert codes[0] == 0, results
        for (code, out, err), other in zip(results, (second, first)):
            if code:  # refused, naming the build that ran
                assert err == (f"sitegen: error: another sitegen build is running in this folder (process {other.pid}); "
                               "wait for it or stop it\n")
        matches_manifest(root / "output")
        assert words in (root / "output" / "leaflet-000" / "index.html").read_text(encoding="utf-8")


def test_the_preview_waits_for_a_build_in_the_same_folder(site) -> None:
    from sitegen.commands.serve import PreviewBuilder
    from sitegen.config import load_config

    root = site({"content/asthma.md": leaflet()})
    builder = PreviewBuilder(load_config(root))
    holder = hold_lock(root)
    outcome: list = []
    rebuild = threading.Thread(target=lambda: outcome.append(builder(None)))
    rebuild.start()
    time.sleep(1.0)
    waited = not outcome
    release(holder)
    rebuild.join(timeout=60)
    assert waited, "the preview rebuilt while a build held the folder"
    assert outcome and outcome[0].ok


def signoff(root: Path, name: str) -> subprocess.Popen:
    return sitegen("signoff", "--site", str(root), "content/asthma.md", "--name", name, "--role", "patient")


def test_two_signoffs_at_once_both_keep_their_entry(site) -> None:
    root = site({"content/asthma.md": leaflet()})
    for trial in range(5):
        runs = [signoff(root, f"Reviewer {trial}a"), signoff(root, f"Reviewer {trial}b")]
        for run in runs:
            out, err = run.communicate(timeout=120)
            assert run.returncode == 0 and "recorded" in out, err
        text = (root / "content" / "asthma.md").read_text(encoding="utf-8")
        assert f'name: "Reviewer {trial}a"' in text and f'name: "Reviewer {trial}b"' in text, text
    assert run_cli("check", "--site", str(root)).code == 0


def test_signoff_waits_for_the_folder_and_names_the_holder_if_it_never_comes_free(site, monkeypatch) -> None:
    from sitegen.commands import signoff as command
    from sitegen.config import load_config
    from sitegen import sitelock

    root = site({"content/asthma.md": leaflet()})
    before = (root / "content" / "asthma.md").read_bytes()
    holder = hold_lock(root, "serve")
    try:
        monkeypatch.setattr(command, "QUICK_WAIT", 0.3)
        with pytest.raises(sitelock.SiteBusy) as busy:
            command.record_signoffs(load_config(root), [Path("content/asthma.md")], name="Ann", role="patient",
                                    date=__import__("datetime").date(2026, 11, 23), note="")
        assert str(busy.value) == (f"another sitegen serve is running in this folder (process {holder.pid}); "
                                   "wait for it or stop it")
    finally:
        release(holder)
    assert (root / "content" / "asthma.md").read_bytes() == before


def test_an_editors_save_during_signoff_is_kept(site, monkeypatch, capsys) -> None:
    """The file is read again under the lock just before it is replaced."""
    import datetime as dt

    from sitegen.commands import signoff as command
    from sitegen.config import load_config

    root = site({"content/asthma.md": leaflet()})
    page = root / "content" / "asthma.md"
    saved = leaflet(body="## What it is\n\nThe editor's new words.\n", signed=False)
    real_append = command.append_signoff

    def editor_saves_meanwhile(text, entry):
        page.write_text(saved, encoding="utf-8")
        return real_append(text, entry)

    monkeypatch.setattr(command, "append_signoff", editor_saves_meanwhile)
    code = command.record_signoffs(load_config(root), [page], name="Ann", role="patient", date=dt.date(2026, 11, 23), note="")
    assert code == 1
    assert page.read_text(encoding="utf-8") == saved
    assert capsys.readouterr().err == (
        f"{page.as_posix()}: error: could not record the sign-off: the file changed after sitegen read it "
        "(saved in an editor, or by another program), so it was not replaced and that change is kept; "
        "run sitegen signoff again\n")


def test_signoff_refuses_a_link_to_a_file_outside_the_site(site, tmp_path: Path) -> None:
    root = site({"content/asthma.md": leaflet()})
    outside = tmp_path / "elsewhere" / "asthma.md"
    outside.parent.mkdir()
    outside.write_text(leaflet(), encoding="utf-8")
    os.symlink(outside, root / "content" / "linked.md")
    result = run_cli("signoff", "--site", str(root), "content/linked.md", "--name", "Ann", "--role", "patient", cwd=root)
    assert result.code == 1
    assert result.err == ("content/linked.md: error: this is a link to a file outside the site folder, so sitegen signoff "
                          "will not change it; sign the leaflet in its own site folder, or replace the link with a copy "
                          "of the file\n")
    assert outside.read_text(encoding="utf-8") == leaflet()


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="only root can give a file to another user")
def test_signoff_run_as_root_keeps_the_leaflets_owner_and_mode(site) -> None:
    root = site({"content/asthma.md": leaflet()})
    page = root / "content" / "asthma.md"
    os.chown(page, 1234, 2345)
    page.chmod(0o640)
    result = run_cli("signoff", "--site", str(root), "content/asthma.md", "--name", "Ann", "--role", "patient")
    assert result.code == 0, result
    info = page.stat()
    assert (info.st_uid, info.st_gid, info.st_mode & 0o7777) == (1234, 2345, 0o640)
    assert 'name: "Ann"' in page.read_text(encoding="utf-8")


def test_a_command_refused_just_as_another_takes_the_lock_still_names_it(tmp_path) -> None:
    """The holder writes its record just after taking the lock; a command refused in
    that moment waits briefly for it rather than naming nobody (seen once in CI)."""
    import fcntl

    from sitegen.sitelock import SiteBusy, site_lock

    (tmp_path / ".sitegen-cache").mkdir()
    lock = tmp_path / ".sitegen-cache" / "lock"
    taker = os.open(lock, os.O_RDWR | os.O_CREAT)
    fcntl.flock(taker, fcntl.LOCK_EX)  # taken, not yet recorded
    later = threading.Timer(0.3, lambda: os.pwrite(taker, f"{os.getpid()} build\n".encode(), 0))
    later.start()
    try:
        with pytest.raises(SiteBusy) as refused, site_lock(tmp_path, "build"):
            pass
        assert str(refused.value) == (f"another sitegen build is running in this folder (process {os.getpid()}); "
                                      "wait for it or stop it")
    finally:
        later.join()
        os.close(taker)
