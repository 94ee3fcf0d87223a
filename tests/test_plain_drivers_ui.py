"""What drives a section's reading age, as a writer meets it: sitegen check's text and the preview's panel.

The writer reads the named sentence or word, fixes it, saves, and sees the number go down.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from helpers import leaflet, make_site, run_cli

from sitegen.commands.serve import PreviewBuilder
from sitegen.config import load_config

HARD_SENTENCE = ("The anaesthetist evaluates cardiopulmonary comorbidities and thromboembolism prophylaxis "
                 "requirements before any orthopaedic procedure is undertaken.")
PLAIN_SENTENCE = "A doctor checks your heart and lungs."


def body(sentence: str = HARD_SENTENCE, test: str = "spirometry") -> str:
    return ("## Getting ready\n\nYou can eat as normal. Take your usual tablets. Bring your glasses. "
            "Wear loose clothes. Ask us if you are not sure.\n\n"
            f"## Before your operation\n\nWe check your breathing with {test}. {sentence} "
            "You will not eat for six hours. You can drink water until two hours before. We will tell you when to stop.\n")


def write(root: Path, text: str) -> Path:
    return make_site(root, {"content/op.md": leaflet(title="Your knee operation", body=text)})


def section_age(root: Path, name: str) -> float:
    data = json.loads(run_cli("check", "--site", str(root), "--format", "json").out)
    (page,) = data["pages"]
    return next(s["reading_age_exact"] for s in page["reading"]["sections"] if s["section"] == name)


def test_check_names_the_hard_sections_sentence_and_word_and_the_number_moves(tmp_path: Path) -> None:
    root = write(tmp_path / "site", body())
    out = run_cli("check", "--site", str(root)).out
    named = re.search(r"the hardest parts are: 'Before your operation' \(about ([\d.]+): "
                      r"line 37 \"The anaesthetist evaluates cardiopulmonary comorbidities and \.\.\.\" \+([\d.]+), "
                      r"'spirometry' \+([\d.]+)\)", out)
    assert named is not None, out
    before = section_age(root, "Before your operation")
    assert "'Getting ready'" not in out.split("hint:")[0]  # a plain section is not named

    write(root, body(PLAIN_SENTENCE))  # the writer fixes the named sentence
    after_sentence = section_age(root, "Before your operation")
    assert before - after_sentence >= float(named.group(2)) / 2

    write(root, body(PLAIN_SENTENCE, "a breathing test"))  # ... and swaps the named word
    assert section_age(root, "Before your operation") < after_sentence


def panel(html: str) -> str:
    start = html.index('id="sg-reading-sections"')
    return html[start:html.index("</section>", start)]


def test_preview_panel_shows_each_hard_sections_drivers_and_updates_on_save(tmp_path: Path) -> None:
    root = write(tmp_path / "site", body())
    builder = PreviewBuilder(load_config(root), folder=tmp_path / "preview")
    assert builder(None).ok
    page = builder.site_dir / "op" / "index.html"
    shown = panel(page.read_text("utf-8"))
    first = re.search(r"<strong>Before your operation</strong>: about ([\d.]+)", shown)
    assert first is not None, shown
    assert ("<li>line 37: “The anaesthetist evaluates cardiopulmonary comorbidities and thromboembolism "
            "prophylaxis requirements before ...” adds about") in shown
    assert "<li>“spirometry” adds about" in shown
    assert "Getting ready" not in shown

    write(root, body(PLAIN_SENTENCE))
    assert builder(frozenset({root / "content"})).ok
    html = page.read_text("utf-8")
    if 'id="sg-reading-sections"' in html:  # still over the target, but lower
        again = re.search(r"<strong>Before your operation</strong>: about ([\d.]+)", panel(html))
        assert again is not None and float(again.group(1)) < float(first.group(1))
        assert "The anaesthetist" not in panel(html)
