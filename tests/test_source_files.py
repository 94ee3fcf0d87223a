"""Only ordinary, readable files inside content/ are read; every other one is a plain error
(issue 11, items 7, 11 and 12).

Before: a named pipe called ``x.md`` or ``x.png`` hung the build for ever; an unreadable
folder silently dropped its leaflets (published pages removed, exit 0, "Warnings: none");
an unreadable or dangling asset and a loop of links gave "Internal error"; a hard link to
a file outside the site was published. Each case here is a tiny site built by the real CLI.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import REPO, TODAY, leaflet, make_site, run_cli, tree

NOT_ORDINARY = "delete it, or replace it with the real file"
LINK_HINT = "delete the link, and put the real file in content/"


def build_unprivileged(root: Path) -> subprocess.CompletedProcess:
    """``sitegen build`` as a user that file permissions apply to: as root, without the
    capabilities that let root read anything (so a mode-000 file is really unreadable)."""
    command = [sys.executable, "-m", "sitegen", "build", "--site", str(root)]
    if os.geteuid() == 0:
        if shutil.which("setpriv") is None:
            pytest.skip("running as root without setpriv, so file permissions cannot be tested")
        drop = "-dac_override,-dac_read_search"
        command = ["setpriv", f"--bounding-set={drop}", f"--inh-caps={drop}", *command]
    env = {**os.environ, "SITEGEN_TODAY": TODAY, "PYTHONIOENCODING": "utf-8"}
    return subprocess.run(command, capture_output=True, text=True, env=env, cwd=REPO, timeout=300)


def errors(text: str) -> list[str]:
    return [line for line in text.splitlines() if ": error: " in line]


@pytest.mark.parametrize("name", ["stuck.md", "images/stuck.png", "glossary.yml"])
def test_a_named_pipe_is_refused_not_read(site, name: str) -> None:
    root = site({"content/asthma.md": leaflet()})
    (root / "content" / name).parent.mkdir(exist_ok=True)
    os.mkfifo(root / "content" / name)
    env = {**os.environ, "SITEGEN_TODAY": TODAY, "PYTHONIOENCODING": "utf-8"}
    result = subprocess.run([sys.executable, "-m", "sitegen", "build", "--site", str(root)], capture_output=True,
                            text=True, env=env, cwd=REPO, timeout=60)  # before, it hung for ever
    assert result.returncode == 1, result.stderr
    assert errors(result.stderr) == [f"content/{name}: error: this is a named pipe (FIFO), not an ordinary file, so sitegen does not read it [frontmatter]"]
    assert f"    hint: {NOT_ORDINARY}\n" in result.stderr


def test_a_named_pipe_as_the_settings_file_is_refused(site) -> None:
    root = site({"content/asthma.md": leaflet()})
    os.mkfifo(root / "sitegen.toml")
    result = run_cli("build", "--site", str(root))
    assert result.code == 2, result.err
    assert ("sitegen.toml: the settings file is not an ordinary file (a folder, a named pipe, a device or a broken link), "
            "so it cannot be read; replace it with the real file") in result.err
    assert "Traceback" not in result.err


def test_an_unreadable_folder_is_an_error_not_a_silent_drop(site) -> None:
    root = site({"content/asthma.md": leaflet(), "content/private/sleep.md": leaflet("Sleeping well")})
    assert run_cli("build", "--site", str(root)).code == 0
    before = tree(root / "output")
    assert "sleeping-well/index.html" in before or "sleep/index.html" in before
    (root / "content" / "private").chmod(0)
    try:
        result = build_unprivileged(root)
    finally:
        (root / "content" / "private").chmod(0o755)
    assert result.returncode == 1, result.stderr
    assert errors(result.stderr) == ["content/private: error: this folder cannot be read (Permission denied), "
                                     "so the leaflets in it cannot be checked or published [frontmatter]"]
    assert "    hint: check that the folder exists and that you have permission to open it (ls -ld shows who may)\n" in result.stderr
    assert tree(root / "output") == before


@pytest.mark.parametrize("name", ["images/spacer.png", "asthma.md"])
def test_an_unreadable_file_is_an_error_with_its_path(site, name: str) -> None:
    root = site({"content/asthma.md": leaflet(), "content/images/spacer.png": b"\x89PNG\r\n\x1a\n"})
    (root / "content" / name).chmod(0)
    result = build_unprivileged(root)
    assert result.returncode == 1, result.stderr
    assert errors(result.stderr) == [f"content/{name}: error: the file cannot be read (Permission denied) [frontmatter]"]
    assert "Internal error" not in result.stderr and "Traceback" not in result.stderr


def test_an_unreadable_glossary_is_an_error(site) -> None:
    root = site({"content/asthma.md": leaflet(), "content/glossary.yml": "asthma: a condition of the airways\n"})
    (root / "content" / "glossary.yml").chmod(0)
    result = build_unprivileged(root)
    assert result.returncode == 1, result.stderr
    assert errors(result.stderr) == ["content/glossary.yml: error: the file cannot be read (Permission denied) [frontmatter]"]


@pytest.mark.parametrize(("name", "target", "message"), [
    ("logo.png", "missing.png", "this is a link to a file that does not exist"),
    ("loop.png", "loop.png", "this is a link that leads back to itself (a loop of links), so it cannot be read"),
    ("a.md", "b.md", "this is a link that leads back to itself (a loop of links), so it cannot be read"),
])
def test_a_broken_link_is_a_plain_error(site, name: str, target: str, message: str) -> None:
    root = site({"content/asthma.md": leaflet()})
    (root / "content" / name).symlink_to(target)
    if name == "a.md":
        (root / "content" / "b.md").symlink_to("a.md")
    result = run_cli("build", "--site", str(root))
    assert result.code == 1, result.err
    expected = [f"content/{name}: error: {message} [frontmatter]"]
    if name == "a.md":
        expected.append(f"content/b.md: error: {message} [frontmatter]")
    assert errors(result.err) == expected
    assert f"    hint: {LINK_HINT}\n" in result.err or "put the real file in content/" in result.err
    assert "Internal error" not in result.err and "Traceback" not in result.err


def test_a_linked_folder_is_reported_not_silently_skipped(site, tmp_path: Path) -> None:
    root = site({"content/asthma.md": leaflet()})
    (root / "content" / "again").symlink_to(".")
    elsewhere = make_site(tmp_path / "elsewhere", {"sleep.md": leaflet("Sleeping well")})
    (root / "content" / "more").symlink_to(elsewhere)
    result = run_cli("build", "--site", str(root))
    assert result.code == 1, result.err
    message = ("error: this folder is a link to another folder; sitegen does not follow linked folders, "
               "so nothing in it would be published [frontmatter]")
    assert errors(result.err) == [f"content/again: {message}", f"content/more: {message}"]


def test_a_hard_link_to_a_file_outside_the_site_is_not_published(site, tmp_path: Path) -> None:
    secret = tmp_path / "id_rsa.pdf"
    secret.write_text("-----BEGIN OPENSSH PRIVATE KEY-----")
    root = site({"content/asthma.md": leaflet()})
    os.link(secret, root / "content" / "key.pdf")
    result = run_cli("build", "--site", str(root))
    assert result.code == 1, result.err
    assert errors(result.err) == ["content/key.pdf: error: this file is a hard link: the same file also has a name outside content/, "
                                  "so sitegen does not publish it [frontmatter]"]
    assert ("    hint: replace it with an ordinary copy: copy the file to a new name, delete this one, "
            "then give the copy this name\n") in result.err
    assert not (root / "output").exists()


def test_hard_links_inside_content_are_fine(site) -> None:
    """Two names for one file, both in content/, publish nothing from outside."""
    root = site({"content/asthma.md": leaflet(), "content/images/a.png": b"\x89PNG\r\n\x1a\n"})
    os.link(root / "content" / "images" / "a.png", root / "content" / "images" / "b.png")
    result = run_cli("build", "--site", str(root))
    assert result.code == 0, result.err
    assert (root / "output" / "images" / "b.png").read_bytes() == b"\x89PNG\r\n\x1a\n"
