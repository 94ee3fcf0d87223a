"""The cache's store: entries unpickled only when asked for, unchanged entries never pickled again,
one leaflet's entries together in one shard, and a shard that fails its signature never unpickled."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitegen.incremental import cache as store
from sitegen.incremental.cache import Cache

EVENTS: list[str] = []


def _rebuild(label: str) -> "Counted":
    EVENTS.append(f"unpickled {label}")
    return Counted(label)


class Counted:
    """A value that records when it is pickled and unpickled."""

    def __init__(self, label: str) -> None:
        self.label = label

    def __reduce__(self):  # type: ignore[no-untyped-def]
        EVENTS.append(f"pickled {self.label}")
        return _rebuild, (self.label,)


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "home-cache"))
    EVENTS.clear()
    return tmp_path / ".sitegen-cache"


def fill(folder: Path) -> None:
    first = Cache(folder, "settings")
    first.put("page", "content/asthma.md", "k1", Counted("asthma"))
    first.put("page", "content/sleep.md", "k2", Counted("sleep"))
    first.save()
    EVENTS.clear()


def test_only_the_entries_asked_for_are_unpickled(folder: Path) -> None:
    fill(folder)
    again = Cache(folder, "settings")
    assert EVENTS == []
    assert again.get("page", "content/asthma.md", "k1").label == "asthma"
    assert again.get("page", "content/sleep.md", "wrong key") is None
    assert EVENTS == ["unpickled asthma"]


def test_saving_after_one_change_pickles_only_the_changed_entry(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(store, "LEAFLET_SHARDS", 1)  # both leaflets in one shard, which the change makes dirty
    fill(folder)
    again = Cache(folder, "settings")
    again.get("page", "content/asthma.md", "k1")
    again.get("page", "content/sleep.md", "k2")
    again.put("page", "content/sleep.md", "k3", Counted("sleep edited"))
    EVENTS.clear()
    again.save()
    assert EVENTS == ["pickled sleep edited"]
    third = Cache(folder, "settings")
    assert third.get("page", "content/asthma.md", "k1").label == "asthma"
    assert third.get("page", "content/sleep.md", "k3").label == "sleep edited"
    assert third.get("page", "content/sleep.md", "k2") is None


def test_entries_not_used_by_a_build_are_dropped_when_it_saves(folder: Path) -> None:
    fill(folder)
    again = Cache(folder, "settings")
    again.get("page", "content/asthma.md", "k1")
    again.put("listing", "index.html", "k9", "digest")
    again.save()
    third = Cache(folder, "settings")
    assert third.get("page", "content/sleep.md", "k2") is None
    assert third.get("page", "content/asthma.md", "k1").label == "asthma"
    assert third.get("listing", "index.html", "k9") == "digest"


def test_a_leaflets_entries_share_a_shard_and_site_wide_pages_have_their_own() -> None:
    mine = {store.shard_of(("page", "content/asthma.md")), store.shard_of(("links", "content/asthma.md")),
            store.shard_of(("html", "asthma/index.html")), store.shard_of(("pdf", "asthma/asthma.pdf"))}
    assert len(mine) == 1 and mine != {store.LEAFLET_SHARDS}
    assert store.shard_of(("listing", "a-z/index.html")) == store.shard_of(("search", "pagefind/")) == store.LEAFLET_SHARDS
    assert store.SHARDS == store.LEAFLET_SHARDS + 1


def test_a_shard_with_a_bad_signature_is_never_unpickled(folder: Path) -> None:
    fill(folder)
    for shard in folder.glob("cache-*.pickle"):
        blob = bytearray(shard.read_bytes())
        blob[-1] ^= 1  # one flipped bit in the pickled data: the signature no longer matches
        shard.write_bytes(bytes(blob))
    again = Cache(folder, "settings")
    assert again.get("page", "content/asthma.md", "k1") is None
    assert EVENTS == []


def test_another_users_key_does_not_open_the_cache(folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fill(folder)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "someone-else"))
    assert Cache(folder, "settings").get("page", "content/asthma.md", "k1") is None
    assert EVENTS == []


def links_keys(root: Path) -> dict[str, str]:
    cache = Cache(root / ".sitegen-cache", "unused: only the stored keys are read")
    return {name: stored[0] for (kind, name), stored in cache.packed.items() if kind == "links"}


def test_unpublishing_a_leaflet_rekeys_only_the_links_of_pages_that_link_to_it(tmp_path: Path,
                                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    from helpers import leaflet, make_site
    from sitegen.build import build
    from sitegen.config import load_config

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "home-cache"))
    root = make_site(tmp_path / "site", {
        "content/asthma.md": leaflet(body="## What it is\n\nSee [sleeping well](sleep.md).\n"),
        "content/inhalers.md": leaflet("Using your inhaler", "## Spacers\n\nShake it. Read [the NHS](https://www.nhs.uk/).\n"),
        "content/sleep.md": leaflet("Sleeping well", "## Tips\n\nGo to bed at the same time.\n"),
    })
    assert build(load_config(root), jobs=1, pdf=False).ok
    before = links_keys(root)
    make_site(root, {"content/sleep.md": leaflet("Sleeping well", "## Tips\n\nGo to bed at the same time.\n", signed=False)})
    assert build(load_config(root), jobs=1, pdf=False).ok
    after = links_keys(root)
    assert set(before) == set(after) == {"content/asthma.md", "content/inhalers.md", "content/sleep.md"}
    assert after["content/inhalers.md"] == before["content/inhalers.md"]
    assert after["content/asthma.md"] != before["content/asthma.md"]  # its link became plain text
    assert after["content/sleep.md"] != before["content/sleep.md"]  # its own text changed
