"""All of a leaflet's problems in one run, front matter and body (issue 14, item 3)."""

from __future__ import annotations

import json

from helpers import leaflet, run_cli

BROKEN = (
    "---\n"
    "title: Asthma\n"
    "summary: How to look after your asthma.\n"
    "audience: Adults with asthma\n"
    "published: 01/02/2025\n"
    "last_reviewed: 2026-03-10\n"
    "next_review: 2029-03-01\n"
    "coproduction:\n"
    "  - name: Maria Lopez\n"
    "\trole: patient\n"
    "sources:\n"
    "  - title: Asthma guideline\n"
    "\n"
    "## What it is\n"
    "\n"
    "Asthma makes it hard to breathe. ![](images/lungs.png)\n"
    "\n"
    "See [sleeping well](sleep.md).\n"
    "\n"
    "#### Getting help\n"
)


def test_missing_fence_tab_date_alt_text_and_link_in_one_run(site) -> None:
    root = site({"content/asthma.md": BROKEN, "content/sleeping-well.md": leaflet("Sleeping well")})
    result = run_cli("check", "--site", str(root))
    assert result.code == 1
    expected = [
        "content/asthma.md:1: error: the front matter starts with '---' on line 1 but has no closing '---' line [frontmatter]\n"
        "    hint: add a line containing only --- before line 14, where the leaflet's text seems to start; "
        "nothing from this leaflet was published, because the fields would otherwise show as page text",
        "content/asthma.md:5:12: error: 'published' must be written YYYY-MM-DD, got '01/02/2025' [frontmatter]",
        "content/asthma.md:10:1: error: a tab character is used to indent this line [frontmatter]",
        "content/asthma.md:16: error: the image 'images/lungs.png' has no description (alt text) [image-alt]",
        "content/asthma.md:18: error: there is no leaflet 'content/sleep.md' [broken-link]\n"
        "    hint: did you mean 'sleeping-well.md'?",
        "content/asthma.md:20: warning: 'Getting help' skips a heading level (h2 to h4) [heading-order]",
    ]
    for line in expected:
        assert line in result.out
    positions = [result.out.index(line) for line in expected]
    assert positions == sorted(positions)


def test_body_is_checked_when_a_field_is_wrong(site) -> None:
    text = leaflet(body="## What it is\n\nPlease utilise your inhaler.\n\n![](x.png)\n").replace("published: 2025-04-02", "published: 2/4/2025")
    root = site({"content/asthma.md": text})
    result = run_cli("check", "--site", str(root), "--format", "json")
    assert result.code == 1
    page = json.loads(result.out)["pages"][0]
    assert page["published"] is False
    codes = sorted({f["code"] for f in page["findings"]})
    assert codes == ["broken-link", "frontmatter", "image-alt", "jargon"]
    jargon = [f for f in page["findings"] if f["code"] == "jargon"]
    assert jargon[0]["term"] == "utilise" and jargon[0]["suggestion"] == "use"


def test_keep_terms_still_apply_while_another_field_is_wrong(site) -> None:
    text = leaflet(body="## What it is\n\nPlease utilise your inhaler.\n", extra="keep_terms: [utilise]\n").replace(
        "published: 2025-04-02", "published: 2/4/2025")
    root = site({"content/asthma.md": text})
    result = run_cli("check", "--site", str(root))
    assert "'published' must be written YYYY-MM-DD" in result.out
    assert "[jargon]" not in result.out


def test_a_broken_leaflet_is_still_never_built(site) -> None:
    root = site({"content/asthma.md": BROKEN})
    result = run_cli("build", "--site", str(root))
    assert result.code == 1
    assert "[image-alt]" in result.err and "[frontmatter]" in result.err
    assert not (root / "output").exists()
