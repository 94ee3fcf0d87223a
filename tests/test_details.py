"""Silent or wrong details a new user met (issue 14, item 8), each with its message verbatim."""

from __future__ import annotations

from helpers import leaflet, run_cli


def test_a_related_entry_naming_no_leaflet_is_a_warning(site) -> None:
    text = leaflet(extra="related: [using-your-inhalers]\n")
    root = site({"content/asthma.md": text, "content/using-your-inhaler.md": leaflet("Using your inhaler")})
    line = text.split("\n").index("related: [using-your-inhalers]") + 1
    result = run_cli("check", "--site", str(root))
    assert (f"content/asthma.md:{line}: warning: the related leaflet 'using-your-inhalers' does not exist, so it is "
            "left out of 'Related leaflets' [related-unknown]\n"
            "    hint: did you mean 'using-your-inhaler'? write the file name of a leaflet in content/, without .md, "
            "for example: related: [using-your-inhaler]") in result.out
    assert run_cli("check", "--strict", "--site", str(root)).code == 1


def test_a_related_entry_naming_an_existing_leaflet_is_fine(site) -> None:
    root = site({"content/asthma.md": leaflet(extra="related: [using-your-inhaler]\n"),
                 "content/using-your-inhaler.md": leaflet("Using your inhaler", signed=False)})
    assert "[related-unknown]" not in run_cli("check", "--site", str(root)).out


def test_signing_off_twice_adds_one_entry(site) -> None:
    root = site({"content/asthma.md": leaflet(signed=False)})
    args = ("signoff", "content/asthma.md", "--name", "Jean Smith", "--role", "patient", "--site", str(root))
    first = run_cli(*args)
    assert first.code == 0, first.err
    after_first = (root / "content" / "asthma.md").read_bytes()
    second = run_cli(*args)
    assert second.code == 0
    current = first.out.split("(fingerprint ")[1].split(")")[0]
    assert second.out == (f"{(root / 'content' / 'asthma.md').as_posix()}: Jean Smith (patient) already approved this text on 2026-11-23 "
                          f"(fingerprint {current}); nothing was added\n")
    assert (root / "content" / "asthma.md").read_bytes() == after_first
    assert after_first.decode().count("Jean Smith") == 1


def test_per_leaflet_summary_counts_errors_and_says_findings(site) -> None:
    body = "## What it is\n\nPlease utilise your inhaler. Commence now. See [sleep](sleep.md).\n"
    root = site({"content/asthma.md": leaflet(body=body)})
    result = run_cli("check", "--site", str(root))
    summary = next(line for line in result.out.splitlines() if line.startswith("content/asthma.md (Living with asthma)"))
    assert "; 1 broken-link error, 2 jargon findings" in summary
    assert "jargons" not in result.out


def test_glossary_errors_are_labelled_glossary(site) -> None:
    root = site({"content/asthma.md": leaflet(), "content/glossary.yml": "inhaler:\nspacer: A tube for the inhaler.\n"})
    result = run_cli("check", "--site", str(root))
    assert ("content/glossary.yml:1: error: the glossary entry 'inhaler' has no explanation [glossary]\n"
            "    hint: write the term, a colon, a space and then a one-sentence explanation") in result.out
    assert "[frontmatter]" not in result.out
