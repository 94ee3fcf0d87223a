"""Pathological content: sitegen either builds it or refuses it with a clear, located message.

Time and memory bounds are measured in benchmarks/bench_pathological.py, not here
(a timed unit test fails for the wrong reason on a busy machine).
"""

from __future__ import annotations

import pytest

from helpers import leaflet, run_cli
from sitegen.source import parse_leaflet


def body_of(size_hint: str) -> str:
    if size_hint == "nested-lists":
        return "## Deep\n\n" + "".join("  " * depth + "- level\n" for depth in range(600))
    if size_hint == "nested-quotes":
        return "## Deep\n\n" + ">" * 5000 + " quoted\n"
    if size_hint == "big-table":
        return "## Table\n\n| Dose | When |\n|---|---|\n" + "".join(f"| {n} mg | morning |\n" for n in range(10_000))
    if size_hint == "long-line":
        return "## Long\n\n" + "word " * 150_000 + "\n"
    if size_hint == "nested-emphasis":
        return "## Stars\n\n" + "*a **b " * 20_000 + "\n"
    raise ValueError(size_hint)


@pytest.mark.parametrize("case", ["nested-lists", "nested-quotes", "big-table", "long-line", "nested-emphasis"])
def test_pathological_bodies_parse_and_analyse(case: str) -> None:
    from sitegen.config import SiteConfig
    from sitegen.plain import load_lexicon
    from sitegen.site import analyse_leaflet
    import datetime as dt
    found, problems = parse_leaflet("content/x.md", "x", leaflet(body=body_of(case)).encode())
    assert found is not None, problems
    page = analyse_leaflet(found, SiteConfig(), dt.date(2026, 11, 23), load_lexicon(), {})
    assert page.draft is not None and page.plain.page.words > 0


def test_long_sentence_message_quotes_only_its_opening() -> None:
    from sitegen.config import SiteConfig
    from sitegen.plain import load_lexicon
    from sitegen.site import analyse_leaflet
    import datetime as dt
    found, _ = parse_leaflet("content/x.md", "x", leaflet(body=body_of("long-line")).encode())
    page = analyse_leaflet(found, SiteConfig(), dt.date(2026, 11, 23), load_lexicon(), {})
    long = [f for f in page.findings if f.code == "long-sentence"]
    assert long and len(long[0].message) < 200


def test_five_megabyte_leaflet_is_refused_with_a_message(site) -> None:
    root = site({"content/huge.md": leaflet(body="## Big\n\n" + "Plain words here. " * 300_000)})
    result = run_cli("build", "--site", str(root))
    assert result.code == 1
    assert "content/huge.md: error: this file is 5.4 MB; sitegen accepts leaflets of up to 1 MB [frontmatter]" in result.err


def test_yaml_alias_bomb_is_refused_quickly() -> None:
    bomb = "[" + ", ".join(["[" + ", ".join(["*a"] * 40) + "]"] * 40) + "]"  # 40^n expansions if aliases were followed
    text = leaflet().replace("topics: [asthma]", "topics: &a [asthma, breathing]\nkeep_terms: " + bomb)
    found, problems = parse_leaflet("content/x.md", "x", text.encode())
    assert found is None and 0 < len(problems) <= 100  # refused on what it sees; aliases are never expanded
    flat = leaflet().replace("topics: [asthma]", "topics: &a [asthma, breathing]\nkeep_terms: [" + "*a, " * 1000 + "*a]")
    found, problems = parse_leaflet("content/x.md", "x", flat.encode())
    assert found is None
    assert any(p.message == "YAML references (& and *) are not allowed in front matter" for p in problems)


def test_deeply_nested_yaml_is_refused() -> None:
    text = "---\ntitle: " + "[" * 5000 + "]" * 5000 + "\n---\n"
    found, problems = parse_leaflet("content/x.md", "x", text.encode())
    assert found is None and problems and problems[0].line is not None


def test_oversized_front_matter_is_refused() -> None:
    text = "---\ntitle: Long\nsummary: \"" + "x" * 70_000 + "\"\n---\n"
    found, problems = parse_leaflet("content/x.md", "x", text.encode())
    assert found is None and problems[0].message == "the front matter is longer than 64 KB"
