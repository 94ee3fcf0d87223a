"""Unfinished leaflets are never published: the example text `sitegen new` writes is a blocker (issue 14, item 1)."""

from __future__ import annotations

import json
from pathlib import Path

from helpers import run_cli

from sitegen import placeholders


def _new_signed_leaflet(root: Path) -> Path:
    assert run_cli("new", "Hip replacement", "--site", str(root)).code == 0
    path = root / "content" / "hip-replacement.md"
    path.write_text(path.read_text(encoding="utf-8").replace("status: draft", "status: published"), encoding="utf-8")
    for name, role in (("Dr Helen Park", "clinical"), ("Jean Smith", "patient")):
        done = run_cli("signoff", "content/hip-replacement.md", "--name", name, "--role", role, "--site", str(root))
        assert done.code == 0, done.err
    return path


def test_a_new_leaflet_with_status_and_signoffs_only_is_not_published(site) -> None:
    root = site({"sitegen.toml": ""})
    _new_signed_leaflet(root)
    built = run_cli("build", "--site", str(root))
    assert built.code == 0, built.err
    assert ("content/hip-replacement.md: not published: it still has example text that sitegen new wrote "
            "(lines 5, 7, 20, 23, 41, 42, 43, 53, 55 and 60)") in built.out
    assert not (root / "output" / "hip-replacement").exists()
    assert "Full name" not in (root / "output" / "index.html").read_text(encoding="utf-8")
    assert ('content/hip-replacement.md:20: blocker: not published: the name of a person who helped make the leaflet '
            'is still the example text that sitegen new wrote: "Full name" [placeholder]\n'
            '    hint: write their name (show_name: false keeps it off the page), or delete the entry') in built.err
    assert ('content/hip-replacement.md:60: blocker: not published: the urgent box is still the example text that '
            'sitegen new wrote: "Call 999 or go to A&E if ..." [placeholder]\n'
            '    hint: say when to call 999 or go to A&E, or delete the urgent box (the ::: lines too)') in built.err


def test_check_strict_fails_on_example_text(site) -> None:
    root = site({"sitegen.toml": ""})
    _new_signed_leaflet(root)
    checked = run_cli("check", "--strict", "--site", str(root), "--format", "json")
    assert checked.code == 1
    page = json.loads(checked.out)["pages"][0]
    assert page["published"] is False
    found = [(f["line"], f["severity"]) for f in page["findings"] if f["code"] == "placeholder"]
    assert found == [(line, "blocker") for line in (5, 7, 20, 23, 41, 42, 43, 53, 55, 60)]


def test_every_example_text_the_template_writes_is_detected(site) -> None:
    """One home: each text in sitegen.placeholders is in the template, and each is found."""
    root = site({"sitegen.toml": ""})
    assert run_cli("new", "Hip replacement", "--site", str(root)).code == 0
    text = (root / "content" / "hip-replacement.md").read_text(encoding="utf-8")
    for placeholder in placeholders.FRONT + placeholders.BODY:
        assert placeholder.text in text
    checked = json.loads(run_cli("check", "--site", str(root), "--format", "json").out)
    messages = [f["message"] for f in checked["pages"][0]["findings"] if f["code"] == "placeholder"]
    assert len(messages) == len(placeholders.FRONT + placeholders.BODY)
    for placeholder, message in zip(placeholders.FRONT + placeholders.BODY, messages):
        assert message.endswith(f'"{placeholder.text}"')


def test_a_finished_leaflet_has_no_placeholder_findings(site) -> None:
    root = site({"sitegen.toml": ""})
    path = _new_signed_leaflet(root)
    text = path.read_text(encoding="utf-8")
    finished = {
        "Write one sentence that tells readers what this leaflet will help them do.": "What happens when you have a new hip.",
        "Adults with ... and the people who care for them": "Adults having a hip replaced",
        "Full name": "Jean Smith", "What they did, in one sentence.": "Told us what recovery was like.",
        "Name of the guideline or source": "Hip replacement guideline", "Who published it": "A guideline body",
        "https://www.example.org/guideline": "https://guidelines.example.net/hip",
        "What is ...": "What is a hip replacement?",
        "Write short sentences: 15 to 20 words on average, and never more than 25.": "A surgeon puts in a new hip joint.",
        "Call 999 or go to A&E if ...": "Call 999 if your leg is suddenly cold or blue.",
    }
    for old, new in finished.items():
        text = text.replace(old, new)
    path.write_text(text, encoding="utf-8")
    checked = json.loads(run_cli("check", "--site", str(root), "--format", "json").out)
    assert [f for f in checked["pages"][0]["findings"] if f["code"] == "placeholder"] == []


def test_a_partly_replaced_text_still_counts_as_written() -> None:
    """Only the untouched example text is a placeholder: 'What is a hip replacement?' is the writer's own."""
    found = placeholders.in_body("## What is a hip replacement?\n\nCall 999 or go to A&E if your leg goes cold.\n", 10)
    assert found == []
    found = placeholders.in_body("## What is ...\n", 10)
    assert [(line, p.name) for line, p in found] == [(11, "heading")]


def test_the_previews_signoff_entry_is_the_one_the_reviewers_guide_shows() -> None:
    import datetime as dt
    import re

    from helpers import REPO
    from sitegen.render import signoff_entry

    guide = (REPO / "docs" / "reviewers.md").read_text(encoding="utf-8")
    shown = re.search(r"<!-- example: copied-signoff -->\n```yaml\n(.*?)\n```", guide, re.DOTALL).group(1)
    assert shown == signoff_entry("7e486d5963", dt.date(2026, 11, 23))


def test_a_pasted_signoff_entry_counts_once_the_name_is_written(site) -> None:
    import datetime as dt

    from helpers import leaflet
    from sitegen.fingerprint import fingerprint
    from sitegen.render import signoff_entry

    body = "## What it is\n\nAsthma makes it hard to breathe.\n"
    current = fingerprint("Living with asthma", "How to look after your asthma.", body)
    patient = ("  - name: Maria Lopez\n    role: patient\n    date: 2026-03-10\n"
               f"    fingerprint: {current}\n    show_name: true\n")
    pasted = leaflet(body=body).replace(patient, signoff_entry(current, dt.date(2026, 11, 23)) + "\n")
    root = site({"content/asthma.md": pasted})
    unfilled = json.loads(run_cli("check", "--site", str(root), "--format", "json").out)["pages"][0]
    assert unfilled["published"] is False
    assert [f["message"] for f in unfilled["findings"] if f["code"] == "placeholder"] == [
        "not published: the name in a sign-off is still the example text from the preview's sign-off entry: "
        '"Your full name"']
    (root / "content" / "asthma.md").write_text(pasted.replace("Your full name", "Janet Moss"), encoding="utf-8")
    filled = json.loads(run_cli("check", "--site", str(root), "--format", "json").out)["pages"][0]
    assert filled["published"] is True
