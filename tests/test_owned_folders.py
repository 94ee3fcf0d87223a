"""The folders sitegen owns (issue 11, items 4 and 6): checked, never trusted, never followed.

``output/`` is compared with the record of the build that made it, so a page deleted or
edited by hand is put right; ``output/``, ``output.previous/``, ``.sitegen-cache/`` and the
preview folder are refused when they are links, so a prepared folder (a cloned repository,
an unpacked archive) cannot make sitegen delete, write or serve anything outside the site.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from helpers import leaflet, run_cli, tree

FILLED_IN = 'base_url = "https://leaflets.example.org/"\nfeedback = "leaflets@example.org"\n'
"""Settings a real site has, so that build prints no warning about example settings (sitegen init)."""


def build(root: Path, *extra: str):
    return run_cli("build", "--site", str(root), "--no-pdf", *extra)


def outside_folder(tmp_path: Path) -> tuple[Path, dict[str, bytes]]:
    """A folder outside the site with files that must survive every build."""
    outside = tmp_path / "outside"
    outside.mkdir()
    files = {"id_rsa": b"PRIVATE KEY", "site.css": b"my own stylesheet", "index.html": b"<p>my page</p>"}
    for name, data in files.items():
        (outside / name).write_bytes(data)
    return outside, files


def test_a_page_deleted_and_a_page_edited_by_hand_are_put_right(site) -> None:
    root = site({"content/asthma.md": leaflet()})
    assert build(root).code == 0
    clean = tree(root / "output")
    (root / "output" / "asthma" / "index.html").unlink()
    with open(root / "output" / "index.html", "a", encoding="utf-8") as page:
        page.write("<p>edited by hand</p>")
    again = build(root)
    assert again.code == 0 and "output/ was written" in again.out, again
    assert tree(root / "output") == clean
    assert "output/ is up to date" in build(root).out


def test_an_edit_that_keeps_the_size_is_found_by_its_digest(site) -> None:
    root = site({"content/asthma.md": leaflet()})
    assert build(root).code == 0
    clean = tree(root / "output")
    page = root / "output" / "index.html"
    data = page.read_bytes()
    page.write_bytes(data.replace(b"<html", b"<HTML", 1))
    assert build(root).code == 0
    assert tree(root / "output") == clean


def test_no_cache_rewrites_every_file_even_one_whose_size_and_time_were_kept(site) -> None:
    root = site({"content/asthma.md": leaflet()})
    assert build(root).code == 0
    clean = tree(root / "output")
    page = root / "output" / "index.html"
    info = page.stat()
    page.write_bytes(page.read_bytes().replace(b"<html", b"<HTML", 1))
    os.utime(page, ns=(info.st_atime_ns, info.st_mtime_ns))  # a change the cheap check cannot see
    result = build(root, "--no-cache")
    assert result.code == 0 and "output/ was written" in result.out
    assert tree(root / "output") == clean


def test_a_hand_edit_in_the_spare_copy_is_never_published(site) -> None:
    """output.previous/ becomes output/ at the next build: what it holds is checked too."""
    root = site({"content/asthma.md": leaflet(), "content/sleep.md": leaflet("Sleeping well")})
    assert build(root).code == 0
    (root / "content" / "sleep.md").write_text(leaflet("Sleeping well", "## Tips\n\nGo to bed at the same time.\n"),
                                               encoding="utf-8")
    assert build(root).code == 0  # output.previous/ now holds the first build
    stylesheet = root / "output.previous" / "assets" / "style.css"
    theme = (root / "output" / "assets" / "style.css").read_bytes()
    stylesheet.write_bytes(b"body { display: none }")
    (root / "content" / "sleep.md").write_text(leaflet("Sleeping well"), encoding="utf-8")
    assert build(root).code == 0
    assert (root / "output" / "assets" / "style.css").read_bytes() == theme


def test_the_published_marker_lists_no_files(site) -> None:
    root = site({"content/asthma.md": leaflet()})
    assert build(root).code == 0
    marker = json.loads((root / "output" / ".sitegen-output").read_text(encoding="utf-8"))
    assert list(marker) == ["build"] and len(marker["build"]) == 32


def test_a_linked_folder_in_the_spare_copy_with_a_forged_manifest_touches_nothing_outside(site, tmp_path: Path) -> None:
    root = site({"content/asthma.md": leaflet()})
    assert build(root).code == 0
    outside, files = outside_folder(tmp_path)
    spare = root / "output.previous"
    for path in sorted((spare / "assets").rglob("*"), reverse=True):
        path.unlink() if path.is_file() else path.rmdir()
    (spare / "assets").rmdir()
    (spare / "assets").symlink_to(outside, target_is_directory=True)
    forged = {"assets/id_rsa": "0" * 64, "assets/index.html": "0" * 64, "index.html": "0" * 64}
    (spare / ".sitegen-output").write_text(json.dumps(forged), encoding="utf-8")
    (root / "content" / "asthma.md").write_text(leaflet(body="## What it is\n\nNew words.\n"), encoding="utf-8")
    result = build(root)
    assert result.code == 1
    assert result.err == ("sitegen: error: output.previous/assets is a symbolic link, which sitegen never makes, so sitegen "
                          "will not write through it; remove it (or the whole output.previous/ folder) and build again\n")
    assert tree(outside) == files


def test_a_spare_copy_that_is_a_link_is_refused(site, tmp_path: Path) -> None:
    root = site({"content/asthma.md": leaflet()})
    outside, files = outside_folder(tmp_path)
    (outside / ".sitegen-output").write_text("{}")
    (root / "output.previous").symlink_to(outside, target_is_directory=True)
    result = build(root)
    assert result.code == 1
    assert result.err == ("sitegen: error: output.previous/ is a symbolic link or a file, not a folder that sitegen made, "
                          "so sitegen will not write through it; remove it (sitegen makes a new folder) and run sitegen again\n")
    assert tree(outside) == {**files, ".sitegen-output": b"{}"}


def test_a_cache_folder_that_is_a_link_is_refused(site, tmp_path: Path) -> None:
    root = site({"content/asthma.md": leaflet()})
    outside, files = outside_folder(tmp_path)
    (root / ".sitegen-cache").symlink_to(outside, target_is_directory=True)
    result = build(root)
    assert result.code == 1
    assert result.err == ("sitegen: error: .sitegen-cache/ is a symbolic link or a file, not a folder that sitegen made, "
                          "so sitegen will not write through it; remove it (sitegen makes a new folder) and run sitegen again\n")
    assert tree(outside) == files and not (root / "output").exists()


def test_a_linked_preview_folder_is_neither_written_nor_served(site, tmp_path: Path) -> None:
    from sitegen.commands.serve import PreviewBuilder
    from sitegen.config import load_config

    root = site({"content/asthma.md": leaflet()})
    outside, files = outside_folder(tmp_path)
    (root / ".sitegen-cache" / "preview").mkdir(parents=True)
    (root / ".sitegen-cache" / "preview" / "site").symlink_to(outside, target_is_directory=True)
    outcome = PreviewBuilder(load_config(root))(None)
    assert not outcome.ok and outcome.site_dir is None
    assert outcome.errors == ("settings: error: .sitegen-cache/preview/site/ is a symbolic link or a file, not a folder "
                              "that sitegen made, so sitegen will not write through it; remove it (sitegen makes a new "
                              "folder) and run sitegen again",)
    assert tree(outside) == files


def test_the_dev_server_never_serves_a_hidden_file(tmp_path: Path) -> None:
    from sitegen.devserver.paths import NOT_FOUND, resolve_request

    (tmp_path / ".sitegen-output").write_text("{}")
    (tmp_path / "index.html").write_text("<h1>x</h1>")
    assert resolve_request(tmp_path, "/.sitegen-output") == NOT_FOUND
    assert resolve_request(tmp_path, "/").file == tmp_path / "index.html"


def test_an_empty_cache_key_is_replaced_and_the_cache_stays_on(site, tmp_path: Path) -> None:
    root = site({"content/asthma.md": leaflet()})
    key = tmp_path / "home-cache" / "sitegen" / "cache-key"
    key.parent.mkdir(parents=True)
    key.write_bytes(b"")
    home = {"XDG_CACHE_HOME": str(tmp_path / "home-cache")}
    assert run_cli("build", "--site", str(root), "--no-pdf", env=home).code == 0
    again = run_cli("build", "--site", str(root), "--no-pdf", env=home)
    assert again.code == 0 and "output/ is up to date" in again.out, again
    assert len(key.read_bytes()) == 32 and key.stat().st_mode & 0o777 == 0o600


def test_a_file_put_into_output_by_hand_is_dropped_once_with_a_note_and_never_comes_back(site) -> None:
    """output/ holds only what sitegen builds; content/CNAME is the way to publish a custom domain."""
    root = site({"content/asthma.md": leaflet(), "sitegen.toml": FILLED_IN})
    assert build(root).code == 0
    (root / "output" / "CNAME").write_text("leaflets.example.org\n")
    dropped = build(root)
    assert dropped.code == 0 and "output/ was written" in dropped.out
    assert dropped.err == ("output/CNAME was not made by sitegen, so this build does not publish it; put files you want "
                           "published in content/ (for example content/CNAME for a custom domain name)\n")
    assert not (root / "output" / "CNAME").exists()
    (root / "content" / "asthma.md").write_text(leaflet(body="## What it is\n\nNew words.\n"), encoding="utf-8")
    assert build(root).code == 0  # output.previous/ held the hand-made file: it must not come back
    assert not (root / "output" / "CNAME").exists() and not (root / "output.previous" / "CNAME").exists()


def test_content_cname_is_published_at_every_build(site) -> None:
    root = site({"content/asthma.md": leaflet(), "content/CNAME": "leaflets.example.org\n", "sitegen.toml": FILLED_IN})
    for step in range(3):
        if step == 1:
            (root / "content" / "asthma.md").write_text(leaflet(body="## What it is\n\nNew words.\n"), encoding="utf-8")
        result = build(root)
        assert result.code == 0 and result.err == "", result
        assert (root / "output" / "CNAME").read_text() == "leaflets.example.org\n"


def test_a_linked_pdf_store_is_refused_before_anything_there_is_deleted(site, tmp_path: Path) -> None:
    root = site({"content/asthma.md": leaflet()})
    outside, files = outside_folder(tmp_path)
    (root / ".sitegen-cache").mkdir()
    (root / ".sitegen-cache" / "pdf").symlink_to(outside, target_is_directory=True)
    result = run_cli("build", "--site", str(root))
    assert result.code == 1
    assert result.err == ("sitegen: error: .sitegen-cache/pdf/ is a symbolic link or a file, not a folder that sitegen "
                          "made, so sitegen will not write through it; remove it (sitegen makes a new folder) and run "
                          "sitegen again\n")
    assert tree(outside) == files


def test_a_link_planted_where_the_cache_writes_aside_is_replaced_not_followed(site, tmp_path: Path) -> None:
    from sitegen.incremental.keys import FileRecord
    from sitegen.incremental.memo import Memo, Remembered

    root = site({"content/asthma.md": leaflet()})
    outside, files = outside_folder(tmp_path)
    (root / ".sitegen-cache").mkdir()
    for name in ("last-build.json", "last-build-findings.pickle"):
        (root / ".sitegen-cache" / f"{name}.tmp-{os.getpid()}").symlink_to(outside / "id_rsa")
    Memo(root / ".sitegen-cache").remember("key", "output", Remembered(1, 1, (), 0, ()), FileRecord(0, {}))
    assert tree(outside) == files
    assert (root / ".sitegen-cache" / "last-build.json").is_file()
    assert (root / ".sitegen-cache" / "last-build-findings.pickle").is_file()
