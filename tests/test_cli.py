"""The real command line, run as a subprocess: exit codes, summaries and --site."""

from __future__ import annotations

import json
import pickle

from helpers import leaflet, make_site, run_cli

DRAFT = leaflet("Sleeping well", status="draft")


def test_build_success_prints_summary(site) -> None:
    root = site({"content/asthma.md": leaflet()})
    result = run_cli("build", "--site", str(root))
    assert result.code == 0, result.err
    written = [p for p in (root / "output").rglob("*") if p.is_file() and p.name != ".sitegen-output"]
    assert f"output/ was written: {len(written)} files, including 1 leaflet page." in result.out
    assert "Done in " in result.out
    assert (root / "output" / "living-with-asthma" / "index.html").is_file() is False
    assert (root / "output" / "asthma" / "index.html").is_file()


def test_build_runs_in_current_folder_without_site(site) -> None:
    root = site({"content/asthma.md": leaflet()})
    result = run_cli("build", cwd=root)
    assert result.code == 0, result.err
    assert (root / "output" / "asthma" / "index.html").is_file()


def test_messages_name_content_paths_when_run_in_the_site_folder(site) -> None:
    body = "## What it is\n\nSee [inhalers](inhalers.md) and [sleep](sleep.md).\n"
    root = site({"content/asthma.md": leaflet(body=body), "content/inhalers.md": leaflet("Using your inhaler")})
    result = run_cli("build", cwd=root)
    assert result.code == 1
    assert "content/asthma.md:33: error: there is no leaflet 'content/sleep.md' [broken-link]" in result.err
    assert "inhalers.md'" not in result.err


def test_build_lists_unpublished_leaflets_with_reason(site) -> None:
    root = site({"content/asthma.md": leaflet(), "content/sleep.md": leaflet("Sleeping well", signed=False)})
    result = run_cli("build", "--site", str(root))
    assert result.code == 0, result.err
    assert "1 leaflet not published:" in result.out
    assert ("content/sleep.md: not published: needs a current sign-off by a clinical reviewer; "
            "Dr Helen Park signed an earlier version on 2026-03-10") in result.out


def test_exit_code_2_for_unknown_setting(site) -> None:
    root = site({"content/asthma.md": leaflet(), "sitegen.toml": 'site_nam = "Oops"\n'})
    result = run_cli("build", "--site", str(root))
    assert result.code == 2
    assert "sitegen.toml: unknown setting 'site_nam' (did you mean 'site_name'?)" in result.err


def test_exit_code_2_for_usage_errors(site) -> None:
    assert run_cli("frobnicate").code == 2
    assert run_cli("build", "--today", "23/11/2026").code == 2
    missing = run_cli("build", "--site", "/no/such/folder")
    assert missing.code == 2
    assert "the site folder '/no/such/folder' does not exist" in missing.err


def test_wrong_folder_is_a_usage_error(tmp_path) -> None:
    result = run_cli("build", cwd=tmp_path)
    assert result.code == 2
    assert "sitegen: error: there is no content/ folder in this folder; run sitegen in your site's folder, or pass --site DIR" in result.err
    assert not (tmp_path / "output").exists()


def test_strict_fails_on_warnings_but_not_on_drafts(site) -> None:
    root = site({"content/asthma.md": leaflet(), "content/sleep.md": DRAFT})
    assert run_cli("check", "--site", str(root), "--strict").code == 0
    noisy = leaflet(body="## What it is\n\nPlease utilise your inhaler.\n")
    root2 = make_site(root.parent / "noisy", {"content/asthma.md": noisy})
    assert run_cli("check", "--site", str(root2)).code == 0
    assert run_cli("check", "--site", str(root2), "--strict").code == 1
    assert run_cli("build", "--site", str(root2), "--strict").code == 1
    assert not (root2 / "output").exists()


def test_strict_fails_on_blockers_other_than_draft(site) -> None:
    root = site({"content/asthma.md": leaflet(signed=False)})
    assert run_cli("check", "--site", str(root)).code == 0
    assert run_cli("check", "--site", str(root), "--strict").code == 1


def test_check_writes_nothing(site) -> None:
    root = site({"content/asthma.md": leaflet()})
    before = sorted(p.name for p in root.rglob("*"))
    result = run_cli("check", "--site", str(root))
    assert result.code == 0
    assert sorted(p.name for p in root.rglob("*")) == before
    assert "content/asthma.md (Living with asthma): published;" in result.out


def test_check_json_has_contract_shape(site) -> None:
    root = site({"content/asthma.md": leaflet(body="## What it is\n\nPlease utilise your inhaler.\n")})
    result = run_cli("check", "--site", str(root), "--format", "json")
    data = json.loads(result.out)
    page = data["pages"][0]
    assert set(page) >= {"source", "title", "fingerprint", "published", "reading", "findings"}
    assert page["source"] == "content/asthma.md" and page["published"] is True
    assert set(page["reading"]) >= {"reading_age", "smog", "flesch_reading_ease", "flesch_kincaid_grade", "words", "sentences"}
    jargon = [f for f in page["findings"] if f["code"] == "jargon"]
    assert jargon and jargon[0]["term"].lower() == "utilise" and jargon[0]["suggestion"]
    assert {"code", "severity", "line", "message"} <= set(jargon[0])
    assert data["summary"]["published"] == 1


def test_check_github_format_annotates_files(site) -> None:
    root = site({"content/asthma.md": leaflet(body="## What it is\n\nPlease utilise your inhaler.\n")})
    result = run_cli("check", "--site", str(root), "--format", "github")
    lines = [line for line in result.out.splitlines() if "title=jargon" in line]
    assert lines and lines[0].startswith("::warning file=content/asthma.md,line=")


def test_new_writes_skeleton_and_never_overwrites(site) -> None:
    root = site({"sitegen.toml": ""})
    first = run_cli("new", "Living with asthma: a guide", "--site", str(root))
    assert first.code == 0, first.err
    path = root / "content" / "living-with-asthma-a-guide.md"
    text = path.read_text(encoding="utf-8")
    assert 'title: "Living with asthma: a guide"' in text and "status: draft" in text
    second = run_cli("new", "Living with asthma: a guide", "--site", str(root))
    assert second.code == 2
    assert "already exists" in second.err
    assert path.read_text(encoding="utf-8") == text
    check = run_cli("check", "--site", str(root))
    assert check.code == 0, check.out + check.err
    assert "content/living-with-asthma-a-guide.md (Living with asthma: a guide): NOT published" in check.out


def test_no_traceback_for_unreadable_bytes(site) -> None:
    root = site({"content/asthma.md": b"---\ntitle: \xff\xfe\n---\n"})
    result = run_cli("build", "--site", str(root))
    assert result.code == 1
    assert "content/asthma.md:2: error: the file is not saved as UTF-8 text [frontmatter]" in result.err
    assert "Traceback" not in result.err


RAW_HTML_HINT = ("    hint: use Markdown instead (for example **bold** or - lists); "
                 "ask the site maintainer if you need something Markdown cannot do")
MANY_WARNINGS = ("## What it is\n\n" + "".join(f"Line {i} has <b>bold</b> text.\n\n" for i in range(5))
                 + "## Skipped\n\n#### Deep\n\nText.\n")


FILLED_IN = 'base_url = "https://leaflets.example.net/"\nfeedback = "leaflets@example.net"\n'
"""Settings a real site has, so that build prints no warning about example settings."""


def test_build_shows_the_first_three_warnings_of_each_code_and_counts_the_rest(site) -> None:
    root = site({"content/asthma.md": leaflet(body=MANY_WARNINGS), "sitegen.toml": FILLED_IN})
    result = run_cli("build", "--site", str(root), "--no-pdf")
    assert result.code == 0, result.err
    assert result.err == (
        "content/asthma.md:45: warning: 'Deep' skips a heading level (h2 to h4) [heading-order]\n"
        "    hint: use ### for this heading, or add the missing level above it\n"
        "content/asthma.md:33: warning: raw HTML is not allowed and will be shown as text: <b> [raw-html]\n"
        f"{RAW_HTML_HINT}\n"
        "content/asthma.md:33: warning: raw HTML is not allowed and will be shown as text: </b> [raw-html]\n"
        f"{RAW_HTML_HINT}\n"
        "content/asthma.md:35: warning: raw HTML is not allowed and will be shown as text: <b> [raw-html]\n"
        f"{RAW_HTML_HINT}\n"
        "  ... and 7 more raw-html warnings.\n"
        "\n"
        "Shown: the first 3 warnings of each code. To see all 11, run sitegen build --verbose, "
        "or sitegen check for every leaflet's findings and reading age.\n")
    assert "Warnings: heading-order 1, raw-html 10." in result.out


def test_build_verbose_lists_every_warning_in_file_order(site) -> None:
    root = site({"content/asthma.md": leaflet(body=MANY_WARNINGS), "sitegen.toml": FILLED_IN})
    result = run_cli("build", "--site", str(root), "--no-pdf", "--verbose")
    assert result.code == 0, result.err
    lines = result.err.splitlines()
    raw = [line for line in lines if line.endswith("[raw-html]")]
    assert [line.split(":")[1] for line in raw] == ["33", "33", "35", "35", "37", "37", "39", "39", "41", "41"]
    assert lines[-2:] == ["content/asthma.md:45: warning: 'Deep' skips a heading level (h2 to h4) [heading-order]",
                          "    hint: use ### for this heading, or add the missing level above it"]
    assert "more" not in result.err and "Shown:" not in result.err


def test_an_up_to_date_build_prints_the_same_report_from_a_short_memo(site) -> None:
    """The memo keeps only what the report prints (the first three warnings of each code and
    how many there are); --verbose reads every finding from the memo's second file."""
    root = site({"content/asthma.md": leaflet(body=MANY_WARNINGS), "sitegen.toml": FILLED_IN})
    first = run_cli("build", "--site", str(root), "--no-pdf")
    first_verbose = run_cli("build", "--site", str(root), "--no-pdf", "--verbose")
    again = run_cli("build", "--site", str(root), "--no-pdf")
    again_verbose = run_cli("build", "--site", str(root), "--no-pdf", "--verbose")
    assert "output/ is up to date" in again.out and "output/ is up to date" in again_verbose.out
    assert again.err == first.err and again_verbose.err == first_verbose.err
    assert "Warnings: heading-order 1, raw-html 10." in again.out
    memo = json.loads((root / ".sitegen-cache" / "last-build.json").read_bytes()[64:])
    every = pickle.loads((root / ".sitegen-cache" / "last-build-findings.pickle").read_bytes()[64:])
    assert (len(memo["shortlist"]), memo["warning_counts"], len(every["findings"])) == (4, {"heading-order": 1, "raw-html": 10}, 11)


def test_a_lost_findings_file_means_a_real_build_for_verbose_only(site) -> None:
    root = site({"content/asthma.md": leaflet(body=MANY_WARNINGS), "sitegen.toml": FILLED_IN})
    first_verbose = run_cli("build", "--site", str(root), "--no-pdf", "--verbose")
    (root / ".sitegen-cache" / "last-build-findings.pickle").unlink()
    assert "output/ is up to date" in run_cli("build", "--site", str(root), "--no-pdf").out
    verbose = run_cli("build", "--site", str(root), "--no-pdf", "--verbose")
    assert "output/ was written" in verbose.out and verbose.err == first_verbose.err


def test_build_with_few_warnings_shows_them_all_without_a_note(site) -> None:
    body = "## What it is\n\nLine has <b>bold</b> text.\n"
    root = site({"content/asthma.md": leaflet(body=body), "sitegen.toml": FILLED_IN})
    result = run_cli("build", "--site", str(root), "--no-pdf")
    assert result.code == 0, result.err
    assert result.err == (
        "content/asthma.md:33: warning: raw HTML is not allowed and will be shown as text: <b> [raw-html]\n"
        f"{RAW_HTML_HINT}\n"
        "content/asthma.md:33: warning: raw HTML is not allowed and will be shown as text: </b> [raw-html]\n"
        f"{RAW_HTML_HINT}\n")


def test_only_serve_keeps_the_cyclic_collector_on() -> None:
    """A one-shot verb runs with it off (turning it back on collected over the whole build just
    before the process ended); the preview server runs for hours, so it keeps it."""
    import subprocess
    import sys

    probe = ("import gc, sys\nfrom sitegen import cli\nsys.argv = ['sitegen', sys.argv[1], '--help']\n"
             "try:\n    cli.run()\nexcept SystemExit:\n    pass\nsys.stderr.write(f'collector on: {gc.isenabled()}')\n")
    seen = {}
    for verb in ("build", "check", "serve"):
        done = subprocess.run([sys.executable, "-c", probe, verb], capture_output=True, text=True, timeout=60)
        seen[verb] = done.stderr.strip().splitlines()[-1]
    assert seen == {"build": "collector on: False", "check": "collector on: False", "serve": "collector on: True"}
