"""The feedback log and ``changes:`` entries: strict reading, the findings about them, the
top-level ``feedback`` list in check's JSON, and the log never reaching the built site."""

from __future__ import annotations

import json
from pathlib import Path

from helpers import leaflet, run_cli, tree

from sitegen.build import check
from sitegen.config import load_config

CHANGES = """changes:
  - date: 2026-03-01
    what: Added a section on spacers.
    why: People on our reader panel asked how to use a spacer.
    feedback: [2026-02-spacer]
"""
ITEM = """received: 2026-02-04
from: carer
channel: reader panel
leaflets: [living-with-asthma]
said: It would help to know how to use a spacer.
status: changed
response: We added a section on how to use a spacer.
responded: 2026-03-20
show_on_site: true
"""


def messages(root: Path, today: str = "2026-11-23") -> list[str]:
    import datetime as dt
    found = check(load_config(root), today=dt.date.fromisoformat(today), use_cache=False).findings
    return [f"{f.location()}: {f.severity.value}: {f.message} [{f.code}] | {f.hint}" for f in found if f.severity.value != "info"]


def test_a_change_without_why_is_an_error_with_its_line(site) -> None:
    root = site({"content/living-with-asthma.md": leaflet(extra="changes:\n  - date: 2026-03-01\n    what: New tips.\n")})
    assert messages(root) == [
        "content/living-with-asthma.md:31:5: error: this changes entry has no 'why' [frontmatter] | add a line 'why: ...' to this entry"]


def test_a_change_with_a_misspelt_key_or_date_says_which_and_how(site) -> None:
    root = site({"content/living-with-asthma.md": leaflet(
        extra="changes:\n  - date: 01/03/2026\n    what: New tips.\n    reason: Asked for.\n")})
    assert messages(root) == [
        "content/living-with-asthma.md:31:5: error: this changes entry has no 'why' [frontmatter] | add a line 'why: ...' to this entry",
        "content/living-with-asthma.md:31:11: error: 'date' must be written YYYY-MM-DD, got '01/03/2026' [frontmatter] | if you meant day/month/year, write 2026-03-01",
        "content/living-with-asthma.md:33:5: error: unknown field 'reason' in a changes entry [frontmatter] | the allowed fields are: date, what, why, feedback",
    ]


def test_a_feedback_id_that_does_not_exist_names_the_file_and_line(site) -> None:
    root = site({"content/living-with-asthma.md": leaflet(extra=CHANGES),
                 "feedback/2026-02-spacers.yml": ITEM})
    assert messages(root) == [
        "content/living-with-asthma.md:34: warning: the changes entry of 2026-03-01 answers feedback '2026-02-spacer', "
        "but there is no file feedback/2026-02-spacer.yml [feedback-missing] | did you mean '2026-02-spacers'?"]


def test_a_feedback_file_is_read_as_strictly_as_front_matter(site) -> None:
    broken = ITEM.replace("response:", "respons:").replace("2026-03-20", "2026-02-30").replace("from: carer", "from: Maria Lopez")
    root = site({"content/living-with-asthma.md": leaflet(extra=CHANGES), "feedback/2026-02-spacer.yml": broken})
    assert messages(root) == [
        "feedback/2026-02-spacer.yml:2:7: error: 'from' must be one of: patient, carer, public, staff, clinician, other; got 'Maria Lopez' "
        "[feedback-log] | write what kind of person sent it, never their name: the log is kept free of names",
        "feedback/2026-02-spacer.yml:6:9: error: the status is 'changed' but there is no response [feedback-log] "
        "| add 'response: ...' saying what we did, or why we did not change anything",
        "feedback/2026-02-spacer.yml:7:1: error: unknown field 'respons' in a feedback file [feedback-log] | did you mean 'response'?",
        "feedback/2026-02-spacer.yml:8:12: error: 'responded' is not a real date: 2026-02-30 [feedback-log] "
        "| check the month (01-12) and the day of the month",
    ]


def test_yaml_1_1_words_stay_text_and_syntax_errors_have_a_line(site) -> None:
    root = site({"content/living-with-asthma.md": leaflet(),
                 "feedback/a.yml": ITEM.replace("show_on_site: true", "show_on_site: no"),
                 "feedback/b.yml": ITEM.replace("said: It", 'said: "It'),
                 "feedback/c.yaml": ITEM})
    assert messages(root) == [
        "feedback/a.yml:9:15: error: 'show_on_site' must be true or false, got 'no' [feedback-log] | write true or false (not yes, no, y or n)",
        "feedback/b.yml:5:7: error: a quote mark is opened but never closed [feedback-log] | add the closing quote mark at the end of the value",
        "feedback/c.yaml: error: files in feedback/ must end in .yml: each one is a piece of feedback [feedback-log] | rename it c.yml",
    ]


def test_feedback_about_a_leaflet_that_does_not_exist(site) -> None:
    root = site({"content/living-with-asthma.md": leaflet(), "feedback/a.yml": ITEM.replace("[living-with-asthma]", "[living-with-asthm]")})
    assert messages(root) == [
        "feedback/a.yml:4: error: this feedback is about the leaflet 'living-with-asthm', but there is no content/living-with-asthm.md "
        "[feedback-log] | did you mean 'living-with-asthma'?"]


def test_new_feedback_is_unanswered_after_the_settings_number_of_days(site) -> None:
    new = "received: 2026-09-24\nfrom: patient\nleaflets: [living-with-asthma]\nsaid: Too long.\nstatus: new\n"
    root = site({"content/living-with-asthma.md": leaflet(), "feedback/a.yml": new})
    assert messages(root, "2026-11-23") == []  # 60 days: not yet
    assert messages(root, "2026-11-24") == [
        "feedback/a.yml:5: warning: this feedback was received on 2026-09-24 (61 days ago) and its status is still 'new' [feedback-unanswered] "
        "| decide what to do about it: set status to considered, changed or not-changed, write a response saying what we did or why not, "
        "and tell the person (responded: date)"]
    (root / "sitegen.toml").write_text("feedback_unanswered_days = 90\n")
    assert messages(root, "2026-11-24") == []


def test_check_json_lists_the_log_under_feedback(site) -> None:
    new = "received: 2026-01-02\nfrom: patient\nsaid: Too long.\nstatus: new\n"
    root = site({"content/living-with-asthma.md": leaflet(extra=CHANGES), "feedback/2026-02-spacer.yml": ITEM, "feedback/z.yml": new})
    done = run_cli("check", "--format", "json", cwd=root)
    assert done.code == 0, done.err
    data = json.loads(done.out)
    assert [f["source"] for f in data["feedback"]] == ["feedback/2026-02-spacer.yml", "feedback/z.yml"]
    assert data["feedback"][0]["findings"] == []
    [finding] = data["feedback"][1]["findings"]
    assert (finding["code"], finding["severity"], finding["line"]) == ("feedback-unanswered", "warning", 4)
    assert data["summary"]["other_findings"] == []


def test_a_broken_log_stops_the_build_and_the_log_never_reaches_the_site(site) -> None:
    private = ITEM.replace("show_on_site: true", "show_on_site: false")  # consent to show is tested in test_you_said.py
    root = site({"content/living-with-asthma.md": leaflet(extra=CHANGES), "feedback/2026-02-spacer.yml": private})
    assert run_cli("build", "--no-pdf", cwd=root).code == 0
    built = tree(root / "output")
    assert not [p for p in built if "feedback" in p.split("/")[0] or p.endswith(".yml")]
    assert not [p for p, data in built.items() if b"2026-02-spacer" in data or b"It would help to know" in data]
    (root / "feedback/2026-02-spacer.yml").write_text(private.replace("status: changed", "status: chnaged"))
    failed = run_cli("build", "--no-pdf", cwd=root)
    assert failed.code == 1
    assert ("feedback/2026-02-spacer.yml:6:9: error: 'status' must be one of: new, considered, changed, not-changed; "
            "got 'chnaged' [feedback-log]") in failed.out + failed.err
    assert tree(root / "output") == built


def test_the_leaflet_says_what_changed_in_this_version(site) -> None:
    older = "  - date: 2025-04-02\n    what: First version.\n    why: Asked for by our reader panel.\n"
    root = site({"content/living-with-asthma.md": leaflet(extra=CHANGES.replace("changes:\n", "changes:\n" + older)),
                 "feedback/2026-02-spacer.yml": ITEM})
    assert run_cli("build", "--no-pdf", cwd=root).code == 0
    html = (root / "output/living-with-asthma/index.html").read_text()
    section = html[html.index('<section class="leaflet-section leaflet-changes"'):]
    section = section[: section.index("</section>")]
    assert '<h2 id="sg-changes">What changed in this version</h2>' in section
    assert "<p><strong>What changed:</strong> Added a section on spacers.</p>" in section
    assert "<p><strong>Why:</strong> People on our reader panel asked how to use a spacer.</p>" in section
    assert section.index("Added a section on spacers.") < section.index("Earlier changes") < section.index("First version.")


def test_control_characters_in_what_people_said_are_refused_escapes_included(site) -> None:
    """The same rule as front matter (issue 11, item 8): what people said reaches the public
    page and the report, so an escape such as \\e or \\x01 is refused with its place."""
    item = ITEM.replace("said: It would help to know how to use a spacer.", 'said: "It would help\\e[31m to know\\x01"')
    root = site({"content/living-with-asthma.md": leaflet(extra=CHANGES), "feedback/2026-02-spacer.yml": item})
    found = messages(root)
    assert found[:1] == [
        "feedback/2026-02-spacer.yml:5:7: error: this value contains an invisible control character U+001B, which cannot be "
        "shown, printed or read aloud [feedback-log] | delete it; if the value is in double quotes, look for a backslash "
        "escape such as \\0, \\x01, \\e or \\uFFFE and remove it (to write a backslash itself, write \\\\)",
    ]
