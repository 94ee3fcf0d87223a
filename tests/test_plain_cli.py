"""The plain-English check as a user meets it: sitegen check's text and JSON, --strict and accepted findings."""

from __future__ import annotations

import json
from pathlib import Path

from helpers import leaflet, make_site, run_cli

from sitegen.plain.accepted import finding_key

BODY = ("## After your operation\n\nSome people get atelectasis after surgery. You may need an ECG.\n\n"
        "Rest at home for a few days. Walk a little every day. Drink plenty of water. Eat well.\n"
        "Sleep when you are tired. Ask us if you are not sure. We are here to help you. Call us at any time.\n")
EXTRA_LINES = 33  # the body's first line in helpers.leaflet() without extra front matter


def site(tmp_path: Path, body: str = BODY, extra: str = "") -> Path:
    return make_site(tmp_path / "site", {"content/op.md": leaflet(title="After surgery", body=body, extra=extra)})


def check_json(root: Path, *args: str) -> dict:
    result = run_cli("check", "--site", str(root), "--format", "json", *args)
    return json.loads(result.out)


def test_uncommon_word_and_abbreviation_messages_verbatim(tmp_path: Path) -> None:
    result = run_cli("check", "--site", str(site(tmp_path)))
    key_word, key_abbr = finding_key("uncommon-word", term="atelectasis"), finding_key("abbreviation", term="ECG")
    assert (f"content/op.md:33:17: warning: explain 'atelectasis' the first time you use it, or use plainer words "
            f"[uncommon-word] key {key_word}\n    hint: words with '-ectasis' are about widening or stretching; add what it means in everyday words the first time, e.g. "
            "\"atelectasis (what it means)\"; if readers know this word, add it to keep_terms or the site glossary"
            ) in result.out
    assert (f"content/op.md:33:60: warning: spell out 'ECG' the first time you use it [abbreviation] key {key_abbr}\n"
            "    hint: write the words in full with the abbreviation in brackets, e.g. \"chronic obstructive pulmonary "
            "disease (COPD)\"; if readers know 'ECG', add it to keep_terms") in result.out
    assert result.code == 0
    assert run_cli("check", "--site", str(site(tmp_path)), "--strict").code == 1


def test_json_carries_codes_keys_terms_confidence_and_drivers(tmp_path: Path) -> None:
    data = check_json(site(tmp_path))
    (page,) = data["pages"]
    found = {f["code"]: f for f in page["findings"]}
    assert found["uncommon-word"]["term"] == "atelectasis" and found["uncommon-word"]["suggestion"] == ""
    assert found["uncommon-word"]["key"] == finding_key("uncommon-word", term="atelectasis")
    assert found["abbreviation"]["term"] == "ECG"
    reading = page["reading"]
    assert reading["confidence"] == "normal" and reading["reading_age"] is not None
    assert {"smog", "flesch_reading_ease", "flesch_kincaid_grade", "reading_age_exact"} <= set(reading)
    assert {"atelectasis", "ECG"} <= {w["word"] for w in reading["drivers"]["words"]}
    assert reading["sections"][0]["section"] == "After your operation"


def test_an_accepted_finding_is_a_decision_and_does_not_fail_strict(tmp_path: Path) -> None:
    extra = ("accepted:\n  - code: uncommon-word\n    term: Atelectasis\n    reason: Surgeons use this word in clinic.\n"
             "    by: Editorial group\n    date: 2026-11-20\n  - code: abbreviation\n    term: ECG\n"
             "    reason: It is on the appointment letter.\n    by: Patient panel\n    date: 2026-11-20\n")
    root = site(tmp_path, extra=extra)
    result = run_cli("check", "--site", str(root), "--strict")
    assert result.code == 0, result.out
    assert ("info: accepted by Editorial group on 2026-11-20 (Surgeons use this word in clinic.): explain "
            "'atelectasis' the first time you use it, or use plainer words [uncommon-word]") in result.out
    page = check_json(root)["pages"][0]
    accepted = [f for f in page["findings"] if f.get("accepted")]
    assert [f["accepted"]["by"] for f in accepted] == ["Editorial group", "Patient panel"]


def test_an_acceptance_reopens_when_the_word_changes_and_lapses_at_next_review(tmp_path: Path) -> None:
    extra = ("accepted:\n  - code: uncommon-word\n    term: atelectasis\n    reason: Surgeons use it.\n"
             "    by: Editorial group\n    date: 2026-11-20\n")
    changed = site(tmp_path, body=BODY.replace("atelectasis", "catalepsy").replace(" You may need an ECG.", ""), extra=extra)
    assert run_cli("check", "--site", str(changed), "--strict").code == 1
    lapsed = make_site(tmp_path / "lapsed", {"content/op.md": leaflet(
        title="After surgery", body=BODY.replace(" You may need an ECG.", ""), extra=extra,
        last_reviewed="2023-01-01", next_review="2026-01-01")})
    found = check_json(lapsed)["pages"][0]["findings"]
    assert [f["severity"] for f in found if f["code"] == "uncommon-word"] == ["warning"]


def test_broken_accepted_entry_is_a_front_matter_error(tmp_path: Path) -> None:
    extra = "accepted:\n  - code: jargn\n    reason: We like it.\n    by: Us\n    date: 2026-11-20\n"
    result = run_cli("check", "--site", str(site(tmp_path, extra=extra)))
    assert result.code == 1
    assert "'jargn' is not a finding code that can be accepted" in result.out and "did you mean 'jargon'?" in result.out
    assert "this accepted entry names neither a 'term' nor a 'sentence'" in result.out


def test_easy_read_profile_rules(tmp_path: Path) -> None:
    body = ("## Your blood test\n\nA nurse takes some blood from your arm with a small needle and then you can go home.\n\n"
            "## After\n\nTake a tablet if it hurts. Do not take more than 2 pills.\n")
    result = run_cli("check", "--site", str(site(tmp_path, body=body, extra="profile: easy-read\n")))
    assert "warning: this sentence has 18 words (the limit for Easy Read is 15)" in result.out
    assert "warning: Easy Read: use the same word for the same thing; this leaflet uses tablet, pills [easy-read]" in result.out
    assert "warning: Easy Read: the section 'Your blood test' has no picture [easy-read]" in result.out
    assert "warning: Easy Read: this may be more than one idea in one sentence" in result.out


def test_unknown_profile_is_a_front_matter_error_with_a_suggestion(tmp_path: Path) -> None:
    result = run_cli("check", "--site", str(site(tmp_path, extra="profile: easyread\n")))
    assert result.code == 1
    assert "'profile' must be one of: general, easy-read, children; got 'easyread'" in result.out
    assert "did you mean 'easy-read'?" in result.out


def test_report_lists_accepted_decisions(tmp_path: Path) -> None:
    extra = ("accepted:\n  - code: uncommon-word\n    term: atelectasis\n    reason: Surgeons use it.\n"
             "    by: Editorial group\n    date: 2026-11-20\n")
    root = site(tmp_path, extra=extra)
    assert run_cli("report", "--site", str(root)).code == 0
    rows = json.loads((root / "report" / "leaflets.json").read_text("utf-8"))["leaflets"]
    assert rows[0]["decisions"] == "uncommon-word 'atelectasis' kept by Editorial group on 2026-11-20: Surgeons use it."
    assert "kept by Editorial group" in (root / "report" / "index.html").read_text("utf-8")
