"""The A to Z, topic pages and breadcrumbs: filing rules, bad input with file and line, and
what the built pages show."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

from hypothesis import given, strategies as st

from helpers import REPO, leaflet, make_site, run_cli
from sitegen.navigation import atoz
from sitegen.views import PageRef


def test_leading_words_are_set_aside_when_filing() -> None:
    assert atoz.label("Living with asthma") == "Asthma, living with"
    assert atoz.label("Taking paracetamol safely") == "Paracetamol safely, taking"
    assert atoz.label("The flu jab") == "Flu jab, the"
    assert atoz.label("A guide to taking your tablets") == "Tablets, a guide to taking your"
    assert atoz.label("Going for a blood test (Easy Read)") == "Blood test (Easy Read), going for a"
    assert atoz.label("Having a blood test: a guide for children") == "Blood test, having a: a guide for children"
    assert atoz.label("Sleeping well") == "Sleeping well"
    assert atoz.label("Taking") == "Taking"          # nothing left to file under: kept as it is
    assert atoz.label("A&E: what to expect") == "A&E: what to expect"
    assert atoz.label("wheezing") == "Wheezing"


def test_every_letter_is_listed_and_empty_ones_have_no_entries() -> None:
    found = atoz.entries([atoz.Listed(PageRef("Living with asthma", "asthma/", "s"), ("wheezing", "999 calls"))])
    groups = {g.letter: g for g in atoz.letter_groups(found)}
    assert list(groups)[:26] == list("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
    assert [e.label for e in groups["A"].entries] == ["Asthma, living with"]
    assert [(e.label, e.leaflet_title) for e in groups["W"].entries] == [("Wheezing", "Living with asthma")]
    assert [e.label for e in groups["0-9"].entries] == ["999 calls"]
    assert groups["B"].entries == ()


@given(st.lists(st.sampled_from(["the", "a", "living", "with", "taking", "asthma", "flu", "jab", "going", "for"]),
                min_size=1, max_size=6))
def test_filing_keeps_every_word(words: list[str]) -> None:
    title = " ".join(words)
    shown = atoz.label(title).replace(",", "")
    assert sorted(w.casefold() for w in shown.split()) == sorted(w.casefold() for w in words)


def build_example(tmp_path: Path) -> Path:
    site = tmp_path / "example"
    shutil.copytree(REPO / "content", site / "content")
    shutil.copy(REPO / "pyproject.toml", site / "pyproject.toml")
    result = run_cli("build", cwd=site)
    assert result.code == 0, result.err
    return site / "output"


def test_example_a_to_z_lists_asthma_under_a_and_topics_have_pages(tmp_path: Path) -> None:
    out = build_example(tmp_path)
    a_to_z = (out / "a-z" / "index.html").read_text(encoding="utf-8")
    section_a = a_to_z.split('id="letter-a"', 1)[1].split("</section>", 1)[0]
    assert '<a class="az-list__link" href="../living-with-asthma/">Asthma, living with</a>' in section_a
    assert '<a class="az-list__link" href="../the-flu-jab/">Flu jab, the</a>' in a_to_z.split('id="letter-f"', 1)[1]
    assert '<span class="az-nav__empty">Q<span class="visually-hidden">: no entries</span></span>' in a_to_z
    topics = (out / "topics" / "index.html").read_text(encoding="utf-8")
    assert '<a class="topic-list__link" href="../topics/asthma/">Asthma</a>' in topics
    asthma = (out / "topics" / "asthma" / "index.html").read_text(encoding="utf-8")
    assert "How to look after your asthma day to day" in asthma and "Using your inhaler" in asthma
    home = (out / "index.html").read_text(encoding="utf-8")
    assert "leaflet-list" not in home, "the home page shows ways in, not every leaflet"


def test_leaflet_breadcrumbs_and_their_structured_data(tmp_path: Path) -> None:
    page = (build_example(tmp_path) / "living-with-asthma" / "index.html").read_text(encoding="utf-8")
    trail = re.search(r'<nav class="breadcrumb" aria-label="Breadcrumb">(.*?)</nav>', page, re.S).group(1)
    assert re.findall(r"<li[^>]*>(.*?)</li>", trail) == [
        '<a class="breadcrumb__link" href="../">Home</a>',
        '<a class="breadcrumb__link" href="../topics/asthma/">Asthma</a>', "Living with asthma"]
    data = [json.loads(s) for s in re.findall(r'<script type="application/ld\+json">(.*?)</script>', page)]
    crumbs = next(d for d in data if d["@type"] == "BreadcrumbList")["itemListElement"]
    assert [(c["position"], c["name"], c["item"]) for c in crumbs] == [
        (1, "Home", "https://leaflets.example.org/"), (2, "Asthma", "https://leaflets.example.org/topics/asthma/"),
        (3, "Living with asthma", "https://leaflets.example.org/living-with-asthma/")]


def bad(tmp_path: Path, files: dict[str, str]) -> str:
    root = make_site(tmp_path / "site", files)
    result = run_cli("build", "--site", str(root))
    assert result.code == 1, result.out
    assert not (root / "output").exists()
    return result.err


def test_empty_index_term(tmp_path: Path) -> None:
    err = bad(tmp_path, {"content/asthma.md": leaflet(extra='index_terms:\n  - wheezing\n  - ""\n')})
    assert 'content/asthma.md:32:5: error: this index_terms entry is empty [frontmatter]\n' \
           "    hint: write a condition, symptom or treatment after the '- ', or delete the line" in err


def test_index_term_repeating_the_title(tmp_path: Path) -> None:
    err = bad(tmp_path, {"content/asthma.md": leaflet(extra="index_terms: [wheezing, living with ASTHMA]\n")})
    assert "content/asthma.md:30:25: error: the index_terms entry 'living with ASTHMA' repeats the title [frontmatter]\n" \
           "    hint: the title is always in the A to Z: delete this entry, or write a different word people use" in err


def test_index_term_another_leaflet_files_under(tmp_path: Path) -> None:
    err = bad(tmp_path / "terms", {"content/asthma.md": leaflet(extra="index_terms: [wheezing]\n"),
                                   "content/inhalers.md": leaflet("Using your inhaler", extra="index_terms: [spacers, Wheezing]\n")})
    assert ("content/inhalers.md:30: error: the index_terms entry 'Wheezing' is also an index_terms entry of "
            "content/asthma.md (line 30), so the A to Z would list 'Wheezing' twice, leading to different leaflets [frontmatter]\n"
            "    hint: keep this A to Z entry in one leaflet only; link the other leaflet from it with 'related:'") in err
    err = bad(tmp_path / "title", {"content/asthma.md": leaflet(extra="index_terms: [wheezing]\n"),
                                   "content/wheeze.md": leaflet("Wheezing")})
    assert ("content/asthma.md:30: error: the index_terms entry 'wheezing' is also the title of content/wheeze.md, "
            "so the A to Z would list 'Wheezing' twice, leading to different leaflets [frontmatter]") in err


def test_topic_named_like_a_leaflet_or_a_page_sitegen_makes(tmp_path: Path) -> None:
    err = bad(tmp_path, {"content/asthma.md": leaflet().replace("topics: [asthma]", "topics: [search, sleeping well]"),
                         "content/sleep.md": leaflet("Sleeping well")})
    assert ("content/asthma.md:5: error: the topic 'search' has the same name as a page sitegen makes (/search/) [frontmatter]\n"
            "    hint: choose another name for the topic, for example one word for the condition or the body part") in err
    assert ("content/asthma.md:5: error: the topic 'sleeping well' has the same name as the leaflet content/sleep.md "
            "('Sleeping well'), so patients would find two different pages with one name [frontmatter]\n"
            "    hint: rename the topic (for example 'sleep problems' instead of 'sleep'), or retitle the leaflet") in err


def test_leaflet_file_named_like_a_page_sitegen_makes(tmp_path: Path) -> None:
    err = bad(tmp_path, {"content/asthma.md": leaflet(), "content/search.md": leaflet("Search tips")})
    assert ("content/search.md: error: the file name content/search.md would become /search/, a page sitegen makes [frontmatter]\n"
            "    hint: rename the file, for example after the condition it is about") in err
