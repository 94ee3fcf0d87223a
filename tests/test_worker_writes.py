"""Render workers write the leaflet pages they render straight into the spare copy of the
site (``write.Spare``) and send back only digests, so the parent never holds every page's
bytes. These tests use sites big enough for the pages to be rendered in forked workers
(``parallel.MIN_ITEMS``) and check that every promise still holds: the same bytes as a
one-process build with no cache, and a failed build that leaves ``output/`` as it was.
"""

from __future__ import annotations

import hashlib
import subprocess
import sys
from pathlib import Path

from helpers import TODAY, clean_build, leaflet, make_site, run_cli, site_tree, tree
from sitegen import render, write
from sitegen.build import build, check
from sitegen.config import load_config
from sitegen.incremental import parallel
from sitegen.render import THEME

COUNT = parallel.MIN_ITEMS + 6
"""Enough leaflets that their pages are rendered in worker processes."""
FAILING = "Leaflet 40"
"""The one leaflet the broken template below cannot render."""
BROKEN_MESSAGE = ("templates/leaflet.html:14: error: the template could not be used: 'no_such_thing' is undefined [template]\n"
                  "    hint: check the template's {{ }} and {% %} tags; a site template overrides the theme's file of the same name\n")


def big_site(root: Path) -> Path:
    files = {f"content/leaflet-{n:02d}.md": leaflet(f"Leaflet {n:02d}", f"## Part {n}\n\nWords about part {n}.\n")
             for n in range(COUNT)}
    return make_site(root, files)


def test_pages_rendered_in_workers_come_back_as_digests_of_what_is_in_the_spare(tmp_path: Path) -> None:
    root = big_site(tmp_path / "site")
    config = load_config(root)
    site = check(config, use_cache=False)
    spare = write.Spare.ready(config.output_dir)
    try:
        files = render.render_site(site, None, 2, {}, None, spare)
    finally:
        spare.close()
    pages = {name: data for name, data in files.items() if name.startswith("leaflet-")}
    assert len(pages) == COUNT
    assert all(isinstance(data, write.Placed) for data in pages.values())
    for name, data in pages.items():
        assert hashlib.sha256((root / "output.previous" / name).read_bytes()).hexdigest() == data.digest
    assert not (root / "output").exists()  # nothing is published until write_site swaps the spare in


def test_a_build_in_workers_equals_a_one_process_build_with_no_cache(tmp_path: Path) -> None:
    root = big_site(tmp_path / "site")
    assert build(load_config(root), jobs=2, pdf=False).ok
    text = (root / "content" / "leaflet-03.md").read_text(encoding="utf-8")
    (root / "content" / "leaflet-03.md").write_text(text.replace("Words about", "More words about"), encoding="utf-8")
    assert build(load_config(root), jobs=2, pdf=False).ok  # the spare is the first build, updated by workers
    assert site_tree(root / "output") == clean_build(root, tmp_path / "clean")


def test_a_page_that_fails_to_render_in_a_worker_leaves_output_as_it_was(tmp_path: Path) -> None:
    root = big_site(tmp_path / "site")
    assert build(load_config(root), jobs=2, pdf=False).ok
    before = tree(root / "output")
    theme = (THEME / "templates" / "leaflet.html").read_text(encoding="utf-8")
    broken = theme.replace("{% block content %}", "{% block content %}{% if page_title == '" + FAILING
                           + "' %}{{ no_such_thing.at_all }}{% endif %}", 1)
    make_site(root, {"templates/leaflet.html": broken})
    for number in range(COUNT):  # every page must render again, in the workers
        path = root / "content" / f"leaflet-{number:02d}.md"
        path.write_text(leaflet(f"Leaflet {number:02d}", f"## Part {number}\n\nNew words.\n"), encoding="utf-8")
    result = run_cli("build", "--jobs", "2", "--no-pdf", cwd=root)
    assert (result.code, result.err) == (1, BROKEN_MESSAGE)
    assert tree(root / "output") == before
    (root / "templates" / "leaflet.html").unlink()
    assert build(load_config(root), jobs=2, pdf=False).ok
    assert site_tree(root / "output") == clean_build(root, tmp_path / "clean")


def test_a_spare_nothing_was_written_into_gets_its_own_marker_back(tmp_path: Path) -> None:
    root = big_site(tmp_path / "site")
    config = load_config(root)
    assert build(config, jobs=1, pdf=False).ok and build(config, jobs=1, pdf=False, use_cache=False).ok
    marker = (root / "output.previous" / write.MARKER).read_bytes()
    spare = write.Spare.ready(config.output_dir)
    try:
        spare.opening()
        assert (root / "output.previous" / write.MARKER).read_bytes() == b"{}"
        page = (root / "output.previous" / "leaflet-01" / "index.html").read_bytes()
        assert spare.place("leaflet-01/index.html", page) == write.Placed(hashlib.sha256(page).hexdigest())
        spare.leave()  # the same bytes were already there: nothing was written
        assert (root / "output.previous" / write.MARKER).read_bytes() == marker
    finally:
        spare.close()


def test_a_spare_a_worker_wrote_into_stays_marked_unknown(tmp_path: Path) -> None:
    root = big_site(tmp_path / "site")
    config = load_config(root)
    assert build(config, jobs=1, pdf=False).ok and build(config, jobs=1, pdf=False, use_cache=False).ok
    spare = write.Spare.ready(config.output_dir)
    try:
        spare.opening()
        spare.place("leaflet-01/index.html", b"<!doctype html><title>other</title>")
        spare.leave()
    finally:
        spare.close()
    assert (root / "output.previous" / write.MARKER).read_bytes() == b"{}"
    assert write.inspect(root / "output.previous").manifest == {}  # so the next build checks every file


def test_a_site_with_more_folders_than_file_handles_builds(tmp_path: Path) -> None:
    """Writing the site keeps open only the folders on the way to each file: one handle per
    leaflet folder ran out of handles at 20,000 leaflets ("Too many open files")."""
    root = make_site(tmp_path / "site", {f"content/leaflet-{n:03d}.md": leaflet(f"Leaflet {n:03d}") for n in range(150)})
    limit = "import resource, runpy, sys; resource.setrlimit(resource.RLIMIT_NOFILE, (100, 100)); "
    command = [sys.executable, "-c", limit + "sys.argv = ['sitegen', 'build', '--no-pdf', '--jobs', '1']; "
               "runpy.run_module('sitegen', run_name='__main__')"]
    done = subprocess.run(command, cwd=root, capture_output=True, text=True, timeout=300,
                          env={"SITEGEN_TODAY": TODAY, "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)})
    assert done.returncode == 0, done.stderr
    assert len([p for p in (root / "output").iterdir() if p.name.startswith("leaflet-")]) == 150
    for n in range(0, 150, 2):  # removing half the leaflets removes their folders too
        (root / "content" / f"leaflet-{n:03d}.md").unlink()
    done = subprocess.run(command, cwd=root, capture_output=True, text=True, timeout=300,
                          env={"SITEGEN_TODAY": TODAY, "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)})
    assert done.returncode == 0, done.stderr
    assert len([p for p in (root / "output").iterdir() if p.name.startswith("leaflet-")]) == 75
