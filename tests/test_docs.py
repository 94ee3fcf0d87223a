"""The documentation tells the truth about the code (sqlite-utils' test_docs idea).

The rules, each a function that returns the problems it finds, so the tests at the end
can show that a broken README row is caught:

* commands: the README's commands table has one row per CLI verb and no other; every
  option a row names exists for that verb; every argument a verb requires is in its row's
  synopsis; every option of every verb is named in its README row or in the options
  table of docs/maintainers.md, whose rows must name real options of the verbs they list.
* settings: every row of the README's settings table is a SiteConfig setting with that
  default (a default written in backticks is read as TOML; words are allowed only for an
  empty default and for [severity], whose defaults are the code tables), and every
  setting has a row.
* codes: every finding code in a code table in docs/ has that default severity in the
  code's severity table, and every code there is in docs/front-matter.md.
* environment: every environment variable sitegen or its tests read is in
  docs/maintainers.md.
* no file of README.md, docs/, sitegen/ or benchmarks/ names a path outside the
  repository, and every relative link in README.md and docs/ leads to a file.
"""

from __future__ import annotations

import argparse
import ast
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from helpers import REPO, leaflet, make_site
from sitegen import cli, commands
from sitegen.config import DEFAULT_SEVERITIES, SiteConfig
from sitegen.fingerprint import fingerprint
from sitegen.model import Severity

README = REPO / "README.md"
DOCS = REPO / "docs"
MAINTAINERS = DOCS / "maintainers.md"
CONTRACT = DOCS / "front-matter.md"
NOT_SETTINGS = ("root", "source")


# --------------------------------------------------------------------------- reading tables

def tables(text: str) -> list[tuple[list[str], list[list[str]]]]:
    """Every Markdown table in ``text``: (header cells, rows of cells)."""
    found, lines = [], text.splitlines()
    for i, line in enumerate(lines):
        if line.startswith("|") and i + 1 < len(lines) and re.match(r"^\|[-| :]+\|$", lines[i + 1]):
            rows = []
            for row in lines[i + 2:]:
                if not row.startswith("|"):
                    break
                rows.append(cells(row))
            found.append((cells(line), rows))
    return found


def cells(row: str) -> list[str]:
    return [c.strip() for c in re.split(r"(?<!\\)\|", row.strip().strip("|"))]


def table(text: str, first_header: str) -> list[list[str]]:
    return [row for header, rows in tables(text) if header[0] == first_header for row in rows]


def backticked(cell: str) -> list[str]:
    return re.findall(r"`([^`]+)`", cell)


# --------------------------------------------------------------------------- commands

def verb_parsers() -> dict[str, argparse.ArgumentParser]:
    parser = cli.make_parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return dict(sub.choices)


def options_of(parser: argparse.ArgumentParser) -> dict[str, argparse.Action]:
    """Flag or positional name -> action; positionals by metavar (or dest)."""
    out: dict[str, argparse.Action] = {}
    for action in parser._actions:
        if isinstance(action, argparse._HelpAction):
            continue
        names = action.option_strings or [action.metavar or action.dest]
        out.update({name: action for name in names})
    return out


def command_rows(readme: str) -> dict[str, list[str]]:
    rows = {}
    for row in table(readme, "command"):
        synopsis = backticked(row[0])[0]
        verb = synopsis.split()[1]
        rows[verb] = row
    return rows


def maintainer_options(maintainers: str, verbs: list[str]) -> dict[str, set[str]]:
    """Option -> the verbs its docs/maintainers.md row says it belongs to."""
    out: dict[str, set[str]] = {}
    for row in table(maintainers, "option"):
        where = row[1].replace("`", "")
        listed = set(verbs) if where == "all" else {v.strip() for v in where.split(",")}
        for name in backticked(row[0]):
            out.setdefault(name.split()[0], set()).update(listed)
    return out


def command_problems(readme: str, maintainers: str) -> list[str]:
    parsers = verb_parsers()
    rows = command_rows(readme)
    problems = [f"README has no row for 'sitegen {v}'" for v in parsers if v not in rows]
    problems += [f"README row 'sitegen {v}' names no command of sitegen" for v in rows if v not in parsers]
    documented = maintainer_options(maintainers, list(parsers))
    for verb, row in rows.items():
        if verb not in parsers:
            continue
        known = options_of(parsers[verb])
        text = " ".join(row)
        problems += [f"README row 'sitegen {verb}' names {name}, which 'sitegen {verb} --help' does not have"
                     for name in sorted(set(re.findall(r"(?<![\w-])--[a-z][a-z-]*", text))) if name not in known]
        synopsis = backticked(row[0])[0]
        for name, action in known.items():
            required = action.required if action.option_strings else action.nargs not in ("?", "*")
            if required and name.lower() not in synopsis.lower():
                problems.append(f"README row 'sitegen {verb}': its synopsis lacks the required {name}")
    for verb, parser in parsers.items():
        text = " ".join(rows.get(verb, []))
        for name in options_of(parser):
            in_row = re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", text) is not None
            if not in_row and verb not in documented.get(name, set()):
                problems.append(f"'sitegen {verb}' has {name}, named neither in its README row nor in docs/maintainers.md")
    for name, verbs in documented.items():
        for verb in sorted(verbs & set(parsers)):
            if name not in options_of(parsers[verb]) and name not in ("-h", "--help"):
                problems.append(f"docs/maintainers.md says 'sitegen {verb}' has {name}; it does not")
    return problems


# --------------------------------------------------------------------------- settings

def plain(value: object) -> object:
    """A default as TOML would write it: tuples as lists, Severity as its word."""
    if isinstance(value, (tuple, list)):
        return [plain(v) for v in value]
    if isinstance(value, dict) or hasattr(value, "items"):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, Severity):
        return value.value
    return value


def setting_problems(readme: str) -> list[str]:
    defaults = {name: plain(getattr(SiteConfig(), name)) for name in SiteConfig.__dataclass_fields__ if name not in NOT_SETTINGS}
    problems, seen = [], set()
    for row in table(readme, "setting"):
        name = backticked(row[0])[0].strip("[]")
        seen.add(name)
        if name not in defaults:
            problems.append(f"README setting '{name}' is not a setting of SiteConfig")
            continue
        written = backticked(row[1])
        if written:
            value = tomllib.loads(f"x = {written[0]}")["x"]
            if value != defaults[name]:
                problems.append(f"README says '{name}' defaults to {written[0]}; SiteConfig says {defaults[name]!r}")
        elif defaults[name] not in ("", {}) and name != "severity":
            problems.append(f"README gives '{name}' a default in words ({row[1]}); write it in backticks, as TOML")
    problems += [f"setting '{name}' has no row in the README's settings table" for name in defaults if name not in seen]
    return problems


# --------------------------------------------------------------------------- codes

def documented_codes(text: str) -> dict[str, str]:
    return {backticked(row[0])[0]: row[1] for header, rows in tables(text)
            if header[:2] == ["code", "severity (default)"] for row in rows}


def code_problems(docs: dict[str, str]) -> list[str]:
    problems, everywhere = [], {}
    for name, text in sorted(docs.items()):
        for code, severity in documented_codes(text).items():
            everywhere[code] = severity
            if code not in DEFAULT_SEVERITIES:
                problems.append(f"docs/{name} lists the code '{code}', which is not in sitegen's severity table")
            elif DEFAULT_SEVERITIES[code].value != severity:
                problems.append(f"docs/{name} says '{code}' is {severity}; the code says {DEFAULT_SEVERITIES[code].value}")
    contract = documented_codes(docs.get("front-matter.md", ""))
    problems += [f"the code '{code}' is missing from docs/front-matter.md" for code in DEFAULT_SEVERITIES if code not in contract]
    return problems


# --------------------------------------------------------------------------- the tests

def test_every_command_and_option_is_documented_truly() -> None:
    assert command_problems(README.read_text(encoding="utf-8"), MAINTAINERS.read_text(encoding="utf-8")) == []


def test_every_setting_is_in_the_readme_with_its_default() -> None:
    assert setting_problems(README.read_text(encoding="utf-8")) == []


def test_every_finding_code_in_the_docs_is_in_the_code_and_back() -> None:
    docs = {p.name: p.read_text(encoding="utf-8") for p in DOCS.glob("*.md")}
    assert documented_codes(docs["front-matter.md"]), "no code table found in docs/front-matter.md"
    assert code_problems(docs) == []


@pytest.mark.parametrize("verb", commands.VERBS)
def test_help_runs_for_every_command(verb: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stopped:
        cli.main([verb, "--help"])
    assert stopped.value.code == 0
    shown = capsys.readouterr().out
    assert f"usage: sitegen {verb}" in shown and "--site DIR" in shown


def test_the_real_cli_lists_every_command() -> None:
    shown = subprocess.run([sys.executable, "-m", "sitegen", "--help"], capture_output=True, text=True, check=True).stdout
    assert all(re.search(rf"^    {verb}\b", shown, re.MULTILINE) for verb in commands.VERBS), shown


def environment_variables() -> set[str]:
    """Every os.environ.get("X"), os.environ["X"] and os.getenv("X") in sitegen/ and tests/."""
    found = set()
    for path in list((REPO / "sitegen").rglob("*.py")) + list((REPO / "tests").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.args \
                    and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str) \
                    and ast.unparse(node.func) in ("os.environ.get", "os.getenv"):
                found.add(node.args[0].value)
            elif isinstance(node, ast.Subscript) and ast.unparse(node.value) == "os.environ" \
                    and isinstance(node.slice, ast.Constant):
                found.add(node.slice.value)
    return found


def test_every_environment_variable_is_documented() -> None:
    names = environment_variables()
    assert {"SITEGEN_TODAY", "XDG_CACHE_HOME"} <= names
    rows = {backticked(row[0])[0] for row in table(MAINTAINERS.read_text(encoding="utf-8"), "variable")}
    assert names <= rows, f"not in docs/maintainers.md: {sorted(names - rows)}"


OUTSIDE = re.compile(r"\.\./shared|(?<![\w.~-])/work/|/home/[a-z]|/tmp/studio")


def test_nothing_names_a_path_outside_the_repository() -> None:
    files = [README] + sorted(DOCS.rglob("*")) + sorted((REPO / "sitegen").rglob("*")) + sorted((REPO / "benchmarks").rglob("*"))
    bad = []
    for path in files:
        # benchmarks/work/ and benchmarks/results/ are the benchmarks' git-ignored output (generated sites, JSON
        # that records this machine's paths), not files of the project.
        ignored = {"work", "results"} & set(path.relative_to(REPO).parts[:2])
        if path.is_file() and not ignored and path.suffix not in (".pyc", ".gz", ".msgpack"):
            for number, line in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), start=1):
                if OUTSIDE.search(line):
                    bad.append(f"{path.relative_to(REPO)}:{number}: {line.strip()}")
    assert bad == []


def prose(text: str) -> str:
    """Markdown without code blocks and code spans (their links are examples, not links)."""
    return re.sub(r"`[^`\n]*`", "", re.sub(r"```.*?```", "", text, flags=re.DOTALL))


def test_every_relative_link_in_the_docs_leads_to_a_file() -> None:
    broken = []
    for page in [README, *sorted(DOCS.glob("*.md"))]:
        for target in re.findall(r"\]\(([^)#\s]+)(?:#[^)]*)?\)", prose(page.read_text(encoding="utf-8"))):
            if not re.match(r"^[a-z]+:", target) and not (page.parent / target).exists():
                broken.append(f"{page.relative_to(REPO)} -> {target}")
    assert broken == []
    linked = set(re.findall(r"\]\((docs/[^)#]+)", README.read_text(encoding="utf-8")))
    assert {f"docs/{p.name}" for p in DOCS.glob("*.md")} <= linked


def test_the_reviewers_sign_off_example_validates_and_counts(tmp_path: Path) -> None:
    """docs/reviewers.md's copy-ready entry, with the fingerprint of the text read, publishes the leaflet."""
    text = (DOCS / "reviewers.md").read_text(encoding="utf-8")
    example = re.search(r"<!-- example: signoff -->\n```yaml\n(.*?)```", text, re.DOTALL).group(1)
    written = re.search(r"fingerprint: (\S+)", example).group(1)
    assert re.fullmatch(r"[0-9a-f]{8,12}", written)
    body = "## What it is\n\nAsthma makes it hard to breathe.\n"
    current = fingerprint("Living with asthma", "How to look after your asthma.", body)
    patient = ("  - name: Maria Lopez\n    role: patient\n    date: 2026-03-10\n"
               f"    fingerprint: {current}\n    show_name: true\n")
    unsigned = leaflet(body=body).replace(patient, "")
    assert patient not in unsigned and "role: clinical" in unsigned
    signed = unsigned.replace("sources:\n", example.replace(written, current) + "sources:\n", 1)
    from sitegen.build import build
    from sitegen.config import load_config
    for name, leaf, published in (("without", unsigned, 0), ("with", signed, 1)):
        result = build(load_config(make_site(tmp_path / name, {"content/asthma.md": leaf})))
        assert result.ok and result.published == published, [f.message for f in result.findings]


def test_the_editors_guide_shows_a_real_message(tmp_path: Path) -> None:
    text = (DOCS / "editors.md").read_text(encoding="utf-8")
    shown = re.search(r"## Reading sitegen's messages.*?```\n(.*?)```", text, re.DOTALL).group(1).strip()
    root = make_site(tmp_path, {"content/living-with-asthma.md": leaflet().replace("published: 2025-04-02", "published: 14/05/2024")})
    from sitegen import messages
    from sitegen.build import check
    from sitegen.config import load_config
    assert shown in messages.findings_text(check(load_config(root)).findings)


# --------------------------------------------------------------------------- the rules catch a broken row

def test_a_broken_command_row_is_caught() -> None:
    readme, maintainers = README.read_text(encoding="utf-8"), MAINTAINERS.read_text(encoding="utf-8")
    renamed = readme.replace("`--format json`", "`--format-as json`", 1)
    assert "README row 'sitegen check' names --format-as, which 'sitegen check --help' does not have" in command_problems(renamed, maintainers)
    dropped = "\n".join(line for line in readme.splitlines() if not line.startswith("| `sitegen report`"))
    assert "README has no row for 'sitegen report'" in command_problems(dropped, maintainers)
    no_name = readme.replace("--name NAME --role ROLE", "--role ROLE", 1)
    assert "README row 'sitegen signoff': its synopsis lacks the required --name" in command_problems(no_name, maintainers)


def test_an_undocumented_option_is_caught() -> None:
    readme, maintainers = README.read_text(encoding="utf-8"), MAINTAINERS.read_text(encoding="utf-8")
    without = "\n".join(line for line in maintainers.splitlines() if not line.startswith("| `--jobs N`"))
    assert "'sitegen build' has --jobs, named neither in its README row nor in docs/maintainers.md" in command_problems(readme, without)


def test_a_broken_settings_row_is_caught() -> None:
    readme = README.read_text(encoding="utf-8")
    assert "README says 'reading_age_target' defaults to 12; SiteConfig says 11" in \
        setting_problems(readme.replace("| `reading_age_target` | `11` |", "| `reading_age_target` | `12` |"))
    assert "setting 'toc_min_headings' has no row in the README's settings table" in \
        setting_problems("\n".join(line for line in readme.splitlines() if "`toc_min_headings`" not in line))


def test_a_broken_code_table_is_caught() -> None:
    contract = CONTRACT.read_text(encoding="utf-8")
    assert "docs/front-matter.md says 'jargon' is info; the code says warning" in \
        code_problems({"front-matter.md": contract.replace("| `jargon` | warning |", "| `jargon` | info |")})
    assert "the code 'raw-html' is missing from docs/front-matter.md" in \
        code_problems({"front-matter.md": "\n".join(line for line in contract.splitlines() if "`raw-html`" not in line)})
