"""`sitegen report`: a job bag per leaflet and, per reviewer, what became of what they approved."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import pytest
from git_helpers import commit, fp, init, page
from helpers import leaflet, run_cli

SUMMARY = "How to look after your asthma."
NEW = "How to look after your asthma day by day."
BODY = "## What it is\n\nAsthma makes it hard to breathe.\n"
CHANGES = ("changes:\n  - date: 2026-03-01\n    what: Said day by day.\n    why: A reader asked.\n    feedback: [day-by-day]\n")
ITEM = ("received: 2026-02-04\nfrom: carer\nchannel: reader panel\nleaflets: [living-with-asthma]\nsaid: Say day by day.\n"
        "status: changed\nresponse: We added day by day.\nshow_on_site: true\n")


def report(root: Path) -> Path:
    done = run_cli("report", cwd=root)
    assert done.code == 0, done.err
    return root / "report"


@pytest.mark.skipif(shutil.which("git") is None, reason="needs the git command")
def test_the_job_bag_holds_the_approved_text_and_the_whole_record(tmp_path: Path) -> None:
    root = tmp_path / "site"
    init(root)
    (root / "content").mkdir()
    signed = [("clinical", "2026-01-02", fp(SUMMARY, BODY)), ("patient", "2026-01-03", fp(SUMMARY, BODY))]
    (root / "content/living-with-asthma.md").write_text(page(SUMMARY, BODY, signed))
    commit(root, "approved", "2026-01-04")
    (root / "content/living-with-asthma.md").write_text(page(NEW, BODY, signed, changes=CHANGES))
    (root / "feedback").mkdir()
    (root / "feedback/day-by-day.yml").write_text(ITEM)
    out = report(root)
    bag = out / "job-bags/living-with-asthma"
    assert (bag / "approved.md").read_text() == f"# Living with asthma\n\n{SUMMARY}\n\n{BODY.strip()}\n"
    record = json.loads((bag / "record.json").read_text())
    assert record["published"] == "the approved version (new text awaits sign-off)"
    assert record["approved_text_note"].startswith("the version in commit ")
    assert record["changes"] == [{"date": "2026-03-01", "what": "Said day by day.", "why": "A reader asked.", "feedback": ["day-by-day"]}]
    assert record["feedback"] == [{"id": "day-by-day", "received": "2026-02-04", "from": "carer", "said": "Say day by day.",
                                   "status": "changed", "response": "We added day by day.", "responded": None, "changes": ["2026-03-01"]}]
    assert [s["of_the_text_now"] for s in record["signoffs"]] == [False, False]
    assert "- 2026-03-01: Said day by day. Why: A reader asked. (answers feedback day-by-day)" in (bag / "record.md").read_text()
    reviewers = (out / "reviewers.md").read_text()
    assert (f"- Living with asthma (content/living-with-asthma.md), approved as clinical reviewer on 2026-01-02 (fingerprint {fp(SUMMARY, BODY)}): "
            "the words have changed since; the new text awaits sign-off, and the text you approved stays published meanwhile.\n"
            "  - changed since: 2026-03-01: Said day by day. Why: A reader asked.") in reviewers


def test_hidden_names_stay_hidden_and_the_checklist_uses_the_log(site) -> None:
    root = site({"content/living-with-asthma.md": leaflet(show_name="false"),
                 "feedback/waiting.yml": ITEM.replace("status: changed\nresponse: We added day by day.\n", "status: new\n")})
    out = report(root)
    written = "".join(p.read_text() for p in out.rglob("*") if p.is_file())
    assert "Maria Lopez" not in written
    reviewers = json.loads((out / "reviewers.json").read_text())
    assert sorted(reviewers) == ["A patient reviewer of content/living-with-asthma.md", "Dr Helen Park"]
    assert reviewers["Dr Helen Park"][0]["since"] == "the text you approved is the text now and it is published"
    [row] = list(csv.DictReader((out / "leaflets.csv").open()))
    assert (row["feedback_answered"], row["impact"]) == ("no", "yes")
    assert (out / "job-bags/living-with-asthma/approved.md").is_file()
