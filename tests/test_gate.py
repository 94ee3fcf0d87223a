"""The publication gate: sign-offs approve one exact text; unpublished leaflets leave no trace."""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers import leaflet, make_site, run_cli, tree
from sitegen.build import build
from sitegen.config import load_config


def test_signoff_command_makes_leaflet_publishable_and_an_edit_makes_it_stale(site) -> None:
    root = site({"content/asthma.md": leaflet(signed=False)})
    assert "asthma/index.html" not in tree_after_build(root)
    for name, role in (("Dr Helen Park", "clinical"), ("Maria Lopez", "patient")):
        result = run_cli("signoff", "content/asthma.md", "--name", name, "--role", role, "--site", str(root))
        assert result.code == 0, result.err
    assert "asthma/index.html" in tree_after_build(root)
    path = root / "content" / "asthma.md"
    path.write_text(path.read_text(encoding="utf-8").replace("hard to breathe", "hard to breathe out"), encoding="utf-8")
    result = run_cli("build", "--site", str(root))
    assert result.code == 0
    assert "content/asthma.md: not published: needs a current sign-off by a clinical reviewer; Dr Helen Park signed an earlier version on 2026-11-23" in result.out
    assert not (root / "output" / "asthma").exists()


def test_editing_dates_or_credits_keeps_signoff_current(site) -> None:
    root = site({"content/asthma.md": leaflet()})
    path = root / "content" / "asthma.md"
    text = path.read_text(encoding="utf-8")
    text = text.replace("last_reviewed: 2026-03-10", "last_reviewed: 2026-03-01").replace("Wrote the tips", "Co-wrote the tips")
    path.write_text(text, encoding="utf-8")
    assert "asthma/index.html" in tree_after_build(root)


def test_changes_requested_never_counts(site) -> None:
    text = leaflet().replace("    role: patient\n    date: 2026-03-10\n", "    role: patient\n    date: 2026-03-10\n    decision: changes-requested\n")
    root = site({"content/asthma.md": text})
    result = run_cli("build", "--site", str(root))
    assert "needs a current sign-off by a patient or carer" in result.out
    assert "asthma/index.html" not in tree(root / "output")


def test_signoff_refuses_invalid_front_matter(site) -> None:
    broken = leaflet().replace('title: "Living with asthma"', "title: Living with asthma: a guide")
    root = site({"content/asthma.md": broken})
    result = run_cli("signoff", "content/asthma.md", "--name", "Ann", "--role", "patient", "--site", str(root))
    assert result.code == 1
    assert "content/asthma.md:2:26: error: there is a second ': '" in result.err
    assert "not signed: fix the front matter first" in result.err
    assert (root / "content" / "asthma.md").read_text(encoding="utf-8") == broken


def test_link_to_unpublished_leaflet_is_plain_text(site) -> None:
    body = "## What it is\n\nRead [about sleep](sleep.md) too.\n"
    root = site({"content/asthma.md": leaflet(body=body), "content/sleep.md": leaflet("Sleeping well", signed=False)})
    result = run_cli("build", "--site", str(root))
    assert result.code == 0, result.err
    assert "content/asthma.md:33: warning: the link to 'sleep.md' is shown as plain text because that leaflet is not published [link-unpublished]" in result.err
    page = (root / "output" / "asthma" / "index.html").read_text(encoding="utf-8")
    assert '<span class="link-unavailable">about sleep</span>' in page
    assert "sleep/" not in page


def test_hidden_names_appear_in_no_built_file(site) -> None:
    root = site({"content/asthma.md": leaflet(show_name="false")})
    built = tree_after_build(root)
    assert "asthma/index.html" in built
    assert all(b"Maria Lopez" not in data for data in built.values())
    assert b"A patient partner" in built["asthma/index.html"]


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(["ok", "unsigned", "draft", "nosources", "nolived", "withdrawn"]), min_size=1, max_size=5))
def test_no_trace_of_blocked_leaflets(tmp_path_factory, kinds: list[str]) -> None:
    root = tmp_path_factory.mktemp("gate")
    files = {}
    for number, kind in enumerate(kinds):
        files[f"content/zq{number}x.md"] = variant(f"Title{number}Zq", kind)
    make_site(root, files)
    result = build(load_config(root))
    assert result.ok
    everything = b"\n".join(tree(root / "output").values())
    for number, kind in enumerate(kinds):
        present = f"Title{number}Zq".encode() in everything or f"zq{number}x".encode() in everything
        assert present == (kind == "ok"), (kind, number)


def variant(title: str, kind: str) -> str:
    text = leaflet(title, signed=kind != "unsigned", status={"draft": "draft", "withdrawn": "withdrawn"}.get(kind, "published"))
    if kind == "nosources":
        text = re.sub(r"sources:\n  - title: Asthma guideline\n    url: \S+\n", "sources: []\n", text)
    if kind == "nolived":
        text = text.replace("lived_experience: true", "lived_experience: false")
    return text


def tree_after_build(root: Path) -> dict[str, bytes]:
    result = run_cli("build", "--site", str(root))
    assert result.code == 0, result.err
    return tree(root / "output")
