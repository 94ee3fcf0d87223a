"""Property: over random histories of edits, sign-offs and commits, the published page is
always, byte for byte, a text that every required reviewer approved, and never a draft."""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
from pathlib import Path

import pytest
from git_helpers import commit, fp, init, page
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from sitegen import render
from sitegen.config import load_config
from sitegen.site import load_site

WORDS = ("apple", "bread", "cloud", "daisy", "eagle", "fern")
SOURCE = "content/living-with-asthma.md"

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs the git command")


def text(k: int) -> tuple[str, str]:
    """Version k: a summary and a body that name its own word, so a page shows which version it is."""
    return f"Summary {WORDS[k]}.", f"## About\n\nThis is text number {WORDS[k]}. It is short.\n"


STEP = st.one_of(
    st.tuples(st.just("edit"), st.integers(0, len(WORDS) - 1)),
    st.tuples(st.just("sign"), st.sampled_from(["clinical", "patient", "carer", "editorial"])),
    st.tuples(st.just("unsign"), st.integers(0, 5)),
    st.tuples(st.just("status"), st.sampled_from(["published", "published", "draft", "withdrawn"])),
    st.just(("commit", 0)),
)


APPROVED_AND_COMMITTED = [("sign", "clinical"), ("sign", "patient"), ("commit", 0)]
HISTORIES = st.one_of(
    st.lists(STEP, min_size=1, max_size=12),
    # most real histories start with an approved, committed version, then edits follow
    st.lists(STEP, min_size=1, max_size=10).map(lambda tail: APPROVED_AND_COMMITTED + tail),
    st.tuples(st.integers(1, len(WORDS) - 1), st.lists(STEP, max_size=8)).map(
        lambda edit: APPROVED_AND_COMMITTED + [("edit", edit[0])] + edit[1]),
)


def approved(signoffs: list[tuple[str, str, str]], print_: str) -> bool:
    roles = {role for role, _, f in signoffs if f == print_}
    return "clinical" in roles and bool(roles & {"patient", "carer"})


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(steps=HISTORIES)
def test_no_unapproved_text_is_ever_published(steps: list[tuple[str, object]]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "site"
        init(root)
        (root / "content").mkdir()
        version, status, signoffs, day = 0, "published", [], 0
        write = lambda: (root / SOURCE).write_text(page(*text(version), signoffs, status=status))  # noqa: E731
        write()
        for kind, value in steps:
            day += 1
            when = (dt.date(2026, 1, 1) + dt.timedelta(days=day)).isoformat()
            if kind == "edit":
                version = int(value)  # type: ignore[arg-type]
            elif kind == "sign":
                signoffs.append((str(value), when, fp(*text(version))))
            elif kind == "unsign" and signoffs:
                signoffs.pop(int(value) % len(signoffs))  # type: ignore[arg-type]
            elif kind == "status":
                status = str(value)
            elif kind == "commit":
                write()
                commit(root, f"step {day}", when)
            write()
        site = load_site(load_config(root), dt.date(2026, 11, 23))
        files = render.render_site(site)
        html = files.get("living-with-asthma/index.html")
        if html is None:
            assert "living-with-asthma" not in site.published
            return
        assert status == "published"
        shown = [k for k, word in enumerate(WORDS) if f"text number {word}".encode() in html]
        assert len(shown) == 1, "the page shows exactly one version"
        summary, body = text(shown[0])
        assert approved(signoffs, fp(summary, body)), "the published text has every required current sign-off"
        [published] = [p for p in site.published_pages() if p.leaflet.slug == "living-with-asthma"]
        assert (published.leaflet.meta.summary, published.leaflet.body_text) == (summary, body), "byte for byte"
        event("an earlier approved version stays published" if shown[0] != version else "the text now is published")
        if approved(signoffs, fp(*text(version))):
            assert shown[0] == version, "approved new text is published at once"
