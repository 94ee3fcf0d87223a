"""Indentation slips are explained as indentation, with the line to match (issue 14, item 2)."""

from __future__ import annotations

import yaml
from hypothesis import given, strategies as st

from helpers import leaflet, run_cli

from sitegen import yamlstrict


def test_over_indented_role_in_a_signoff_is_named_not_a_colon(site) -> None:
    text = leaflet().replace("  - name: Maria Lopez\n    role: patient\n    date:",
                             "  - name: Maria Lopez\n      role: patient\n    date:")
    root = site({"content/asthma.md": text})
    lines = text.split("\n")
    line = lines.index("      role: patient") + 1
    result = run_cli("check", "--site", str(root))
    assert result.code == 1
    assert (f"content/asthma.md:{line}:7: error: this line is indented more than the lines around it [frontmatter]\n"
            f"    hint: move 'role:' left so that it starts in the same column as 'name:' on line {line - 1} "
            "(4 spaces from the left)") in result.out
    assert "colon" not in result.out


def test_under_indented_show_name_is_named(site) -> None:
    text = leaflet().replace("    stages: [writing, review]\n    show_name: true", "    stages: [writing, review]\n   show_name: true")
    root = site({"content/asthma.md": text})
    line = text.split("\n").index("   show_name: true") + 1
    result = run_cli("check", "--site", str(root))
    assert result.code == 1
    assert (f"content/asthma.md:{line}:4: error: this line is indented less than the lines around it [frontmatter]\n"
            f"    hint: move 'show_name:' right so that it starts in the same column as 'stages:' on line {line - 1} "
            "(4 spaces from the left)") in result.out
    assert "indicator" not in result.out


def test_an_entry_dash_out_of_line_is_named(site) -> None:
    text = leaflet().replace("  - name: Maria Lopez\n    role: patient\n    date:", "   - name: Maria Lopez\n     role: patient\n     date:")
    root = site({"content/asthma.md": text})
    line = text.split("\n").index("   - name: Maria Lopez") + 1
    result = run_cli("check", "--site", str(root))
    assert (f"content/asthma.md:{line}:4: error: this line is indented more than the lines around it [frontmatter]\n"
            f"    hint: move '- name:' left so that it starts in the same column as '- name:' on line {line - 4} "
            "(2 spaces from the left)") in result.out


def test_a_second_colon_still_gets_the_quotes_hint() -> None:
    try:
        yamlstrict.compose("title: Asthma: a guide\n")
    except yaml.MarkedYAMLError as exc:
        found = yamlstrict.explain(exc, "title: Asthma: a guide\n", 2)
    assert found.message == "there is a second ': ' (colon and space) on this line"


FIELDS = ("name", "role", "date", "fingerprint", "note")


@given(st.integers(min_value=1, max_value=4), st.integers(min_value=1, max_value=3), st.booleans())
def test_any_one_shifted_field_never_gets_a_colon_hint(which: int, shift: int, deeper: bool) -> None:
    """Shift one field of an entry by 1-3 spaces: if YAML refuses it, the message is never about colons."""
    lines = ["title: x", "signoff:"] + [("  - " if i == 0 else "    ") + f"{f}: v{i}" for i, f in enumerate(FIELDS)]
    target = 2 + which
    lines[target] = (" " * shift + lines[target]) if deeper else lines[target][min(shift, 3):]
    text = "\n".join(lines) + "\n"
    try:
        yamlstrict.compose(text)
        return
    except yaml.MarkedYAMLError as exc:
        found = yamlstrict.explain(exc, text, 2)
    assert "colon" not in found.message + found.hint
    assert found.message in ("this line is indented more than the lines around it",
                             "this line is indented less than the lines around it")


def test_an_entry_field_indented_to_the_left_edge_is_named(site) -> None:
    text = leaflet().replace("    stages: [writing, review]\n    show_name: true", "    stages: [writing, review]\nshow_name: true")
    root = site({"content/asthma.md": text})
    line = text.split("\n").index("show_name: true") + 1
    result = run_cli("check", "--site", str(root))
    assert (f"content/asthma.md:{line}:1: error: 'show_name' is a field of a coproduction entry, but this line is "
            "indented less than the lines around it [frontmatter]\n"
            "    hint: indent 'show_name:' to start in the same column as the other fields of the coproduction entry above it"
            ) in result.out
