"""Each analysed leaflet's text lives in ``.sitegen-cache/text/`` (``incremental.textstore``),
written by the worker that analysed it, so the parent and the cache's shards hold only
references. These tests use sites big enough for leaflets to be analysed in forked workers,
and check that a changed, removed or linked store never changes what is published.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

from helpers import clean_build, leaflet, make_site, run_cli, site_tree, tree
from sitegen.build import build
from sitegen.config import load_config
from sitegen.filenames import CACHE_DIR
from sitegen.incremental import parallel, textstore

COUNT = parallel.MIN_ITEMS + 6
"""Enough leaflets that they are analysed in worker processes."""


def big_site(root: Path, count: int = COUNT) -> Path:
    files = {f"content/leaflet-{n:03d}.md": leaflet(f"Leaflet {n:03d}", f"## Part {n}\n\nWords about part {n}.\n")
             for n in range(count)}
    return make_site(root, {**files, "sitegen.toml": 'site_name = "Test"\nsearch = false\n'})


def store_of(root: Path) -> Path:
    return root / CACHE_DIR / textstore.FOLDER


def every_file_matches_its_name(store: Path) -> bool:
    return all(path.name.split("-", 1)[1] == hashlib.sha256(path.read_bytes()).hexdigest() + textstore.SUFFIX
               for path in store.iterdir())


def test_workers_put_each_text_in_the_store_and_the_shards_hold_only_references(tmp_path: Path) -> None:
    root = big_site(tmp_path / "site")
    result = build(load_config(root), jobs=2, pdf=False)
    assert result.ok and result.site is not None
    assert all(isinstance(page.text, textstore.Stored) and not page.text.read for page in result.site.pages)
    assert sorted(p.name for p in store_of(root).iterdir()) == sorted(page.text.name for page in result.site.pages)
    assert every_file_matches_its_name(store_of(root))
    shards = b"".join(p.read_bytes() for p in (root / CACHE_DIR).glob("cache-*.pickle"))
    rendered = b"<p>Words about part 17.</p>"
    assert rendered not in shards  # the rendered body is in the store, not in the cache's shards
    assert rendered in b"".join(p.read_bytes() for p in store_of(root).iterdir())


def test_the_store_keeps_one_file_per_leaflet_through_edits_and_deletions(tmp_path: Path) -> None:
    root = big_site(tmp_path / "site")
    assert build(load_config(root), jobs=2, pdf=False).ok
    page = root / "content" / "leaflet-003.md"
    page.write_text(page.read_text(encoding="utf-8").replace("Words about", "More words about"), encoding="utf-8")
    (root / "content" / "leaflet-004.md").unlink()
    assert build(load_config(root), jobs=2, pdf=False).ok
    names = [p.name for p in store_of(root).iterdir()]
    assert len(names) == COUNT - 1
    assert textstore.slot("content/leaflet-004.md") not in {name.split("-", 1)[0] for name in names}
    assert site_tree(root / "output") == clean_build(root, tmp_path / "clean")


def test_a_text_changed_behind_sitegens_back_is_never_published(tmp_path: Path) -> None:
    root = big_site(tmp_path / "site")
    assert build(load_config(root), jobs=2, pdf=False).ok
    stored = next(p for p in store_of(root).iterdir() if p.name.startswith(textstore.slot("content/leaflet-005.md")))
    stored.write_bytes(stored.read_bytes().replace(b"Words about part 5", b"Words forged part 5"))
    (root / "output" / "leaflet-005" / "index.html").unlink()  # so the page must be made again from its text
    assert build(load_config(root), jobs=2, pdf=False).ok
    assert b"forged" not in (root / "output" / "leaflet-005" / "index.html").read_bytes()
    assert site_tree(root / "output") == clean_build(root, tmp_path / "clean")
    assert every_file_matches_its_name(store_of(root)) and len(list(store_of(root).iterdir())) == COUNT


def test_a_removed_store_means_the_leaflets_are_analysed_again(tmp_path: Path) -> None:
    root = big_site(tmp_path / "site")
    assert build(load_config(root), jobs=2, pdf=False).ok
    shutil.rmtree(store_of(root))
    page = root / "content" / "leaflet-010.md"
    page.write_text(page.read_text(encoding="utf-8").replace("Words about", "Other words about"), encoding="utf-8")
    assert build(load_config(root), jobs=2, pdf=False).ok
    assert len(list(store_of(root).iterdir())) == COUNT
    assert site_tree(root / "output") == clean_build(root, tmp_path / "clean")


def test_check_with_a_changed_text_reports_what_it_reports_without_the_cache(tmp_path: Path) -> None:
    root = big_site(tmp_path / "site")
    assert run_cli("build", "--no-pdf", cwd=root).code == 0
    for stored in store_of(root).iterdir():
        stored.write_bytes(stored.read_bytes()[:-1] + b"\0")
    damaged = run_cli("check", "--format", "json", cwd=root)
    without = run_cli("check", "--format", "json", "--no-cache", cwd=root)
    assert damaged.code == without.code == 0 and damaged.err == ""
    assert json.loads(damaged.out) == json.loads(without.out)


def test_a_store_that_is_a_link_is_refused_and_nothing_is_written_through_it(tmp_path: Path) -> None:
    root = big_site(tmp_path / "site")
    assert run_cli("build", "--no-pdf", cwd=root).code == 0
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "keep.txt").write_text("mine", encoding="utf-8")
    shutil.rmtree(store_of(root))
    store_of(root).symlink_to(elsewhere, target_is_directory=True)
    before = tree(root / "output")
    page = root / "content" / "leaflet-001.md"
    page.write_text(page.read_text(encoding="utf-8").replace("Words about", "New words about"), encoding="utf-8")
    result = run_cli("build", "--no-pdf", cwd=root)
    assert result.code == 1
    assert result.err == ("sitegen: error: .sitegen-cache/text/ is a symbolic link or a file, not a folder that sitegen made, "
                          "so sitegen will not write through it; remove it (sitegen makes a new folder) and run sitegen again\n")
    assert [p.name for p in elsewhere.iterdir()] == ["keep.txt"]
    assert tree(root / "output") == before
