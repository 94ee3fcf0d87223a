"""The build cache and the up-to-date check: fast when nothing changed, never trusted blindly."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from helpers import TODAY, leaflet, run_cli, tree


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
    for name in [p.name for p in cache.glob("cache-*.pickle")] + ["last-build.json", "last-build-findings.pickle"]:
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


UP_TO_DATE_PROBE = """
import sys
from sitegen import cli
code = cli.main(sys.argv[1:])
heavy = sorted(m for m in ("sitegen.render", "sitegen.site", "sitegen.markdown", "sitegen.plain", "jinja2", "markdown_it", "yaml")
               if m in sys.modules)
print("exit", code, "imported", heavy)
"""


def test_an_up_to_date_build_imports_none_of_the_pipeline(site) -> None:
    """The decision "nothing to do" is made from the file list and the memo alone
    (``sitegen.inputs``, ``incremental.memo``): parsing, analysing and rendering are not even
    imported, which was most of such a build's time."""
    root = site({"content/asthma.md": leaflet()})
    assert run_cli("build", "--site", str(root), "--no-pdf").code == 0
    env = {**os.environ, "SITEGEN_TODAY": TODAY}
    probe = subprocess.run([sys.executable, "-c", UP_TO_DATE_PROBE, "build", "--site", str(root), "--no-pdf"],
                           capture_output=True, text=True, env=env, timeout=120)
    assert "output/ is up to date" in probe.stdout
    assert probe.stdout.splitlines()[-1] == "exit 0 imported []"
    (root / "content" / "asthma.md").write_text(leaflet(body="## What it is\n\nNew words.\n"), encoding="utf-8")
    edited = subprocess.run([sys.executable, "-c", UP_TO_DATE_PROBE, "build", "--site", str(root), "--no-pdf"],
                            capture_output=True, text=True, env=env, timeout=120)
    assert "output/ was written" in edited.stdout and "'sitegen.render'" in edited.stdout.splitlines()[-1]


def _details(path: Path) -> tuple[int, int, int, int, int]:
    info = path.stat()
    return (info.st_mtime_ns, info.st_ctime_ns, info.st_size, info.st_ino, info.st_dev)


def test_the_memo_key_reuses_a_recorded_digest_only_for_an_old_file_whose_details_all_match(tmp_path: Path) -> None:
    import datetime as dt

    from sitegen.incremental.keys import RACY_NS, FileRecord, build

    page = tmp_path / "asthma.md"
    page.write_text("Asthma makes it hard to breathe.\n", encoding="utf-8")
    details = _details(page)
    changed_at = max(details[0], details[1])
    planted = "f" * 64  # not the file's digest: seen only if the file was not read

    def digest_used(record: FileRecord) -> str:
        _, seen, _ = build("settings", dt.date(2026, 11, 23), False, [page], record)
        return seen[page][1]

    honest = digest_used(FileRecord(0, {}))
    assert honest != planted
    assert digest_used(FileRecord(changed_at + RACY_NS + 1, {str(page): (*details, planted)})) == planted
    assert digest_used(FileRecord(changed_at + RACY_NS - 1, {str(page): (*details, planted)})) == honest  # racily clean
    for field in range(5):  # mtime, ctime, size, inode, device: any difference means the file is read
        other = tuple(value + 1 if i == field else value for i, value in enumerate(details))
        assert digest_used(FileRecord(changed_at + RACY_NS + 1, {str(page): (*other, planted)})) == honest


def test_an_edit_that_keeps_the_size_and_modification_time_is_still_built(site) -> None:
    """Tools such as ``cp -p`` and ``rsync -t`` keep a file's modification time; the change
    time (ctime) still moves, so the recorded details no longer match."""
    import time

    root = site({"content/asthma.md": leaflet(), "sitegen.toml": 'base_url = "https://leaflets.example.net/"\n'})
    page = root / "content" / "asthma.md"
    time.sleep(2.2)  # older than keys.RACY_NS when the first build records it, so the record is trusted
    assert "output/ was written" in run_cli("build", "--site", str(root), "--no-pdf").out
    assert "output/ is up to date" in run_cli("build", "--site", str(root), "--no-pdf").out
    before = page.stat()
    text = page.read_text(encoding="utf-8")
    page.write_text(text.replace("hard to breathe", "hard to breath!"), encoding="utf-8")
    os.utime(page, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert page.stat().st_size == before.st_size and page.stat().st_mtime_ns == before.st_mtime_ns
    rebuilt = run_cli("build", "--site", str(root), "--no-pdf")
    assert "output/ was written" in rebuilt.out and "content/asthma.md: not published" in rebuilt.out


def test_an_up_to_date_build_that_had_to_hash_a_file_keeps_its_new_details(site, monkeypatch) -> None:
    """A file touched without being changed (a checkout, a save with no edit) is hashed once
    more by the next build, which is still up to date; it then records the file's new details,
    so later builds stat it instead of hashing it every time. With nothing hashed, the memo is
    left as it is."""
    import datetime as dt
    import time

    from sitegen.build import build
    from sitegen.config import load_config
    from sitegen.incremental import keys
    from sitegen.incremental.memo import MEMO, Memo

    monkeypatch.setattr(keys, "RACY_NS", 50_000_000)  # 0.05 s, so the test need not wait 2 s
    today = dt.date.fromisoformat(TODAY)
    root = site({"content/asthma.md": leaflet(), "sitegen.toml": 'base_url = "https://leaflets.example.net/"\n'})
    page, memo_file = root / "content" / "asthma.md", root / ".sitegen-cache" / MEMO
    time.sleep(0.1)
    assert build(load_config(root), today=today, pdf=False).site is not None  # a real build
    assert build(load_config(root), today=today, pdf=False).site is None  # up to date: nothing hashed
    untouched = memo_file.stat().st_mtime_ns
    time.sleep(0.1)
    assert build(load_config(root), today=today, pdf=False).site is None
    assert memo_file.stat().st_mtime_ns == untouched

    os.utime(page)  # new times, same bytes
    time.sleep(0.1)
    assert build(load_config(root), today=today, pdf=False).site is None  # up to date, after hashing the page
    recorded = Memo(root / ".sitegen-cache").file_record()
    assert recorded is not None and tuple(recorded.files[str(page)][:5]) == _details(page)
    assert recorded.taken_ns > max(_details(page)[:2])


def test_which_sitegen_made_it_is_its_files_and_libraries(tmp_path: Path) -> None:
    """A sitegen installed from git keeps its version number; an edited or replaced file of it
    (or of a library it renders with) still changes the identity every key includes."""
    from sitegen.incremental.code import identity

    package = tmp_path / "sitegen"
    (package / "theme").mkdir(parents=True)
    (package / "render.py").write_text("old\n", encoding="utf-8")
    (package / "theme" / "base.html").write_text("<p>\n", encoding="utf-8")
    first = identity(package, ("jinja2",))
    assert identity(package, ("jinja2",)) == first
    (package / "__pycache__").mkdir()
    (package / "__pycache__" / "render.cpython-311.pyc").write_bytes(b"compiled")
    assert identity(package, ("jinja2",)) == first  # compiled copies are not sitegen's own files
    os.utime(package / "theme" / "base.html", ns=(1, 1))
    assert identity(package, ("jinja2",)) != first
    assert identity(package, ("jinja2", "nh3")) != identity(package, ("jinja2",))


def test_a_different_sitegen_rebuilds_everything(site, monkeypatch) -> None:
    """Neither the memo nor a cached analysis made by another sitegen is used."""
    import datetime as dt

    from sitegen import site as site_module
    from sitegen.build import build
    from sitegen.config import load_config
    from sitegen.incremental import code
    from sitegen.incremental.memo import MEMO

    root = site({"content/asthma.md": leaflet(), "sitegen.toml": 'base_url = "https://leaflets.example.net/"\n'})
    today = dt.date.fromisoformat(TODAY)
    analysed: list[str] = []
    real = site_module.analyse_leaflet
    monkeypatch.setattr(site_module, "analyse_leaflet", lambda leaflet, *a: analysed.append(leaflet.source) or real(leaflet, *a))
    assert build(load_config(root), today=today, pdf=False).site is not None
    assert analysed == ["content/asthma.md"]
    (root / ".sitegen-cache" / MEMO).unlink()  # a real build, by the same sitegen: the analysis is reused
    assert build(load_config(root), today=today, pdf=False, jobs=1).site is not None
    assert analysed == ["content/asthma.md"]
    monkeypatch.setattr(code, "sitegen_code", lambda: "a newer sitegen")
    assert build(load_config(root), today=today, pdf=False, jobs=1).site is not None  # the memo is not trusted
    assert analysed == ["content/asthma.md", "content/asthma.md"]  # nor the cached analysis


class _Planted:
    """A pickle that, if it were ever loaded, would leave a file behind."""

    def __init__(self, path: str) -> None:
        self.path = path

    def __reduce__(self):  # type: ignore[no-untyped-def]
        return (Path.touch, (Path(self.path),))


def test_an_unsigned_findings_file_is_never_unpickled(tmp_path: Path) -> None:
    """``--verbose`` reads every finding from a pickle; one this user's key did not sign (copied in,
    or planted) is ignored unread, and one that is signed but is not a pickle is ignored too."""
    import hashlib
    import hmac
    import pickle

    from sitegen.incremental.cache import signing_key
    from sitegen.incremental.keys import FileRecord
    from sitegen.incremental.memo import EVERY_FINDING, Memo, Remembered

    folder, planted = tmp_path / "cache", tmp_path / "ran"
    Memo(folder).remember("key", "output", Remembered(1, 1, (), 0, ()), FileRecord(0, {}))
    assert Memo(folder).recall("key", "output") is not None
    data = pickle.dumps(_Planted(str(planted)))
    (folder / EVERY_FINDING).write_bytes(b"0" * 64 + data)
    assert Memo(folder).recall("key", "output") is None and not planted.exists()
    garbage = b"\x80\x05not a pickle"
    (folder / EVERY_FINDING).write_bytes(hmac.new(signing_key(), garbage, hashlib.sha256).hexdigest().encode() + garbage)
    assert Memo(folder).recall("key", "output") is None
    assert Memo(folder).recall("key", "output", every_finding=False) is not None  # the report's shortlist is still there
