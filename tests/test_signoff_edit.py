"""Tests for sitegen.signoff_edit: the sign-off is appended and no other byte changes."""

from __future__ import annotations

import datetime as dt
import difflib
import os
import re
import stat
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sitegen.model import SIGNOFF_ROLES
from sitegen.signoff_edit import SignoffEditError, SignoffEntry, append_signoff, write_atomically

ENTRY = SignoffEntry(name="Maria Lopez", role="patient", date=dt.date(2026, 11, 23), fingerprint="3f9a2c1b4d")
ENTRY_DATA = {"name": "Maria Lopez", "role": "patient", "date": dt.date(2026, 11, 23),
              "fingerprint": "3f9a2c1b4d", "decision": "approved"}
_LINES = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+")


# --------------------------------------------------------------------------- helpers

def lines(text: str) -> list[str]:
    return _LINES.findall(text)


def split(text: str) -> tuple[object, str]:
    """(front matter data, body) the way the lead's splitter cuts a file."""
    parts = lines(text.removeprefix("\ufeff"))
    assert parts[0].rstrip() == "---"
    close = next(i for i in range(1, len(parts)) if parts[i].rstrip() in ("---", "..."))
    return yaml.safe_load("".join(parts[1:close])), "".join(parts[close + 1:])


def entry_data(entry: SignoffEntry) -> dict[str, object]:
    data: dict[str, object] = {"name": entry.name, "role": entry.role, "date": entry.date,
                               "fingerprint": entry.fingerprint, "decision": entry.decision}
    if entry.note:
        data["note"] = entry.note
    return data


def assert_appended(old: str, new: str, entry: SignoffEntry = ENTRY) -> None:
    """Front matter = original data + the entry at the end of signoff; body byte-identical."""
    old_data, old_body = split(old)
    new_data, new_body = split(new)
    assert new_body == old_body
    expected = dict(old_data)
    expected["signoff"] = list(old_data.get("signoff") or []) + [entry_data(entry)]
    assert new_data == expected
    assert list(new_data) == list(expected)  # key order kept
    assert new.startswith("\ufeff") == old.startswith("\ufeff")


def inserted_lines(old: str, new: str) -> list[str]:
    """The lines `new` adds to `old`; fails unless the change is one pure insertion of whole lines."""
    a, b = lines(old), lines(new)
    ops = difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
    changes = [op for op in ops if op[0] != "equal"]
    assert [op[0] for op in changes] == ["insert"], changes
    _, i1, _, j1, j2 = changes[0]
    assert "".join(b[:j1] + b[j2:]) == old  # removing the inserted lines gives the original bytes
    return b[j1:j2]


def char_insertion(old: str, new: str) -> str:
    """The one substring `new` inserts into `old` (for edits inside a line)."""
    start = len(os.path.commonprefix([old, new]))
    end = len(new) - len(old) + start
    assert new[:start] + new[end:] == old
    return new[start:end]


def is_subsequence(small: list[str], big: list[str]) -> bool:
    remaining = iter(big)
    return all(line in remaining for line in small)


# --------------------------------------------------------------------------- block lists

TWO_SPACE = """\
---
title: Living with asthma   
summary: 'It''s about asthma'
audience: "a: b"
signoff:   # who approved which text
  - name: Dr Helen Park
    role: clinical       # clinical | patient
    date: 2026-03-01
    fingerprint: 3f9a2c1b
    # a comment inside the item
    note: Checked doses.   # optional

  # reviewers: add yourself above this line

sources:
  - title: Guide
---
# Asthma

Body text.
"""


def test_appends_after_last_item_before_trailing_comments() -> None:
    new = append_signoff(TWO_SPACE, ENTRY)
    assert inserted_lines(TWO_SPACE, new) == [
        '  - name: "Maria Lopez"\n',
        "    role: patient\n",
        "    date: 2026-11-23\n",
        "    fingerprint: 3f9a2c1b4d\n",
        "    decision: approved\n",
    ]
    assert '    note: Checked doses.   # optional\n  - name: "Maria Lopez"\n' in new
    assert_appended(TWO_SPACE, new)


def test_zero_indented_list_keeps_column_zero() -> None:
    old = "---\ntitle: x\nsignoff:\n- name: A\n  role: clinical\n# next\nsources: []\n---\nbody\n"
    new = append_signoff(old, ENTRY)
    assert inserted_lines(old, new)[:2] == ['- name: "Maria Lopez"\n', "  role: patient\n"]
    assert new.index("- name: \"Maria") < new.index("# next")
    assert_appended(old, new)


def test_key_indentation_inside_items_is_copied() -> None:
    old = "---\ntitle: x\nsignoff:\n    -   name: A\n        role: clinical\n---\n"
    new = append_signoff(old, ENTRY)
    assert inserted_lines(old, new)[:2] == ['    -   name: "Maria Lopez"\n', "        role: patient\n"]
    assert_appended(old, new)


def test_item_started_on_its_own_line() -> None:
    old = "---\ntitle: x\nsignoff:\n  -\n    name: A\n    role: clinical\n---\n"
    new = append_signoff(old, ENTRY)
    assert inserted_lines(old, new)[0] == '  - name: "Maria Lopez"\n'
    assert_appended(old, new)


def test_several_items_and_flow_values_inside_items() -> None:
    old = ("---\ntitle: x\nsignoff:\n  - {name: A, role: clinical}\n  - name: B\n    stages: [a,\n      b]\n"
           "    extra:\n      - deep\n---\nbody")
    new = append_signoff(old, ENTRY)
    inserted_lines(old, new)
    assert "      b]\n    extra:\n      - deep\n  - name: \"Maria Lopez\"\n" in new
    assert_appended(old, new)


@pytest.mark.parametrize("indicator", ["|", ">", "|-", ">2"])
def test_block_scalar_last_value_new_item_goes_before_blank_lines(indicator: str) -> None:
    old = f"---\ntitle: x\nsignoff:\n  - name: A\n    note: {indicator}\n      line one\n      line two\n\n\nsources: []\n---\n"
    new = append_signoff(old, ENTRY)
    assert "      line two\n  - name: \"Maria Lopez\"\n" in new
    inserted_lines(old, new)
    assert_appended(old, new)


def test_keep_chomping_block_scalar_keeps_its_blank_lines() -> None:
    old = "---\ntitle: x\nsignoff:\n  - name: A\n    note: |+\n      kept\n\n\nsources: []\n---\n"
    new = append_signoff(old, ENTRY)
    inserted_lines(old, new)
    assert_appended(old, new)  # the note still ends with its blank lines


def test_alias_as_last_value() -> None:
    old = "---\ntitle: &t x\nsignoff:\n  - name: A\n    note: *t\n# end\n---\n"
    new = append_signoff(old, ENTRY)
    assert "    note: *t\n  - name:" in new
    assert_appended(old, new)


# --------------------------------------------------------------------------- line endings, BOM, final newline

def test_crlf_and_bom_are_kept() -> None:
    old = "\ufeff" + TWO_SPACE.replace("\n", "\r\n")
    new = append_signoff(old, ENTRY)
    added = inserted_lines(old, new)
    assert added and all(line.endswith("\r\n") and "\r" not in line[:-2] for line in added)
    assert new.startswith("\ufeff---\r\n")
    assert_appended(old, new)


def test_mixed_line_endings_follow_the_line_before() -> None:
    old = "---\r\ntitle: x\nsignoff:\r\n  - name: A\r\n---\nbody"
    new = append_signoff(old, ENTRY)
    assert all(line.endswith("\r\n") for line in inserted_lines(old, new))


def test_no_final_newline_and_body_untouched() -> None:
    old = "---\ntitle: x\nsignoff:\n  - name: A\n---\nbody --- with\n---\nsignoff: fake\n  - name: B"
    new = append_signoff(old, ENTRY)
    assert new.endswith("---\nbody --- with\n---\nsignoff: fake\n  - name: B")
    inserted_lines(old, new)
    assert_appended(old, new)


def test_closing_line_without_newline_and_dots_closer() -> None:
    for old in ("---\ntitle: x\n---", "---  \ntitle: x\n...\nbody"):
        new = append_signoff(old, ENTRY)
        inserted_lines(old, new)
        assert_appended(old, new)


# --------------------------------------------------------------------------- empty, [], ~, flow, missing

def test_empty_value_becomes_block_list_under_the_key() -> None:
    old = "---\ntitle: x\nsignoff:   # none yet\n  # still none\nsources:\n  - title: a\n---\n"
    new = append_signoff(old, ENTRY)
    assert inserted_lines(old, new)[0] == '  - name: "Maria Lopez"\n'
    assert "signoff:   # none yet\n  - name:" in new
    assert_appended(old, new)


@pytest.mark.parametrize(("value", "key_line"), [
    ("[]", "signoff:"), ("[ ]", "signoff:"), ("~", "signoff:"), ("null", "signoff:"),
    ("[]   # nobody yet", "signoff:    # nobody yet"),
])
def test_empty_list_value_is_replaced(value: str, key_line: str) -> None:
    old = f"---\ntitle: 'x'\nsignoff: {value}\nsources: []\n---\nbody\n"
    new = append_signoff(old, ENTRY)
    new_lines = lines(new)
    assert new_lines[2] == key_line + "\n"
    assert new_lines[3] == '  - name: "Maria Lopez"\n'
    old_lines = lines(old)
    assert is_subsequence(old_lines[:2] + old_lines[3:], new_lines)
    assert_appended(old, new)


def test_new_list_copies_the_indentation_of_other_lists() -> None:
    old = "---\ntitle: x\nsources:\n- title: a\n  url: https://example.org\nsignoff: []\n---\n"
    new = append_signoff(old, ENTRY)
    assert 'signoff:\n- name: "Maria Lopez"\n  role: patient\n' in new
    assert_appended(old, new)


def test_flow_list_gets_one_more_flow_mapping_inside_the_brackets() -> None:
    old = "---\ntitle: x\nsignoff: [{name: A, role: clinical}, ]   # c\nsources: []\n---\n"
    new = append_signoff(old, ENTRY)
    added = (', {name: "Maria Lopez", role: patient, date: 2026-11-23, '
             'fingerprint: 3f9a2c1b4d, decision: approved}')
    assert new == old.replace("role: clinical}", "role: clinical}" + added)
    assert_appended(old, new)


def test_multi_line_flow_list() -> None:
    old = "---\ntitle: x\nsignoff: [\n    {name: A},  # first\n    {name: B}\n  ]\n---\n"
    new = append_signoff(old, ENTRY)
    char_insertion(old, new)
    assert_appended(old, new)


def test_missing_key_is_added_before_the_closing_line() -> None:
    old = "---\ntitle: 'It''s'\nsummary: \"a: b\"   \n# last comment\n\n---\nbody"
    new = append_signoff(old, ENTRY)
    added = inserted_lines(old, new)
    assert added[:2] == ["signoff:\n", '  - name: "Maria Lopez"\n']
    assert new.endswith('    decision: approved\n---\nbody')
    assert_appended(old, new)


def test_missing_key_after_explicit_key_goes_at_the_root_column() -> None:
    old = "---\n? title\n: x\n---\n"
    new = append_signoff(old, ENTRY)
    assert inserted_lines(old, new)[0] == "signoff:\n"
    assert_appended(old, new)


def test_quoted_signoff_key_is_found() -> None:
    old = "---\ntitle: x\n'signoff':\n  - name: A\n---\n"
    new = append_signoff(old, ENTRY)
    inserted_lines(old, new)
    assert_appended(old, new)


# --------------------------------------------------------------------------- the emitted values

def test_name_and_note_are_double_quoted_and_escaped() -> None:
    entry = SignoffEntry('Dr "Jo" O\'Neil \\ co: #1', "clinical", dt.date(2026, 1, 2), "abcdef0123",
                         "changes-requested", note="Yes: - [x] {y} # not a comment")
    old = "---\ntitle: x\nsignoff: []\n---\n"
    new = append_signoff(old, entry)
    assert 'name: "Dr \\"Jo\\" O\'Neil \\\\ co: #1"' in new
    assert "decision: changes-requested" in new
    assert "date: 2026-01-02\n" in new
    assert_appended(old, new, entry)


def test_note_is_left_out_when_empty() -> None:
    new = append_signoff("---\ntitle: x\n---\n", ENTRY)
    assert "note" not in new


def test_all_digit_fingerprint_stays_text() -> None:
    entry = SignoffEntry("A", "clinical", dt.date(2026, 1, 2), "0123456789")
    old = "---\ntitle: x\n---\n"
    new = append_signoff(old, entry)
    assert split(new)[0]["signoff"][0]["fingerprint"] == "0123456789"


@pytest.mark.parametrize("bad", ["a\nb", "a\rb", "tab\there", "nul\x00", "del\x7f", "nel\x85", "ls\u2028", "ps\u2029"])
def test_control_characters_and_line_breaks_are_refused(bad: str) -> None:
    for entry in (SignoffEntry(bad, "patient", dt.date(2026, 1, 1), "3f9a2c1b4d"),
                  SignoffEntry("A", "patient", dt.date(2026, 1, 1), "3f9a2c1b4d", note=bad)):
        with pytest.raises(SignoffEditError, match="line break or invisible control character"):
            append_signoff("---\ntitle: x\n---\n", entry)


@pytest.mark.parametrize(("entry", "words"), [
    (SignoffEntry("A", "doctor", dt.date(2026, 1, 1), "3f9a2c1b4d"), "not a sign-off role"),
    (SignoffEntry("A", "patient", dt.date(2026, 1, 1), "3f9a2c1b4d", decision="ok"), "decision"),
    (SignoffEntry("A", "patient", dt.date(2026, 1, 1), "xyz"), "8 to 12 hex"),
    (SignoffEntry("  ", "patient", dt.date(2026, 1, 1), "3f9a2c1b4d"), "name is empty"),
])
def test_bad_entry_values_are_refused(entry: SignoffEntry, words: str) -> None:
    with pytest.raises(SignoffEditError, match=words):
        append_signoff("---\ntitle: x\n---\n", entry)


# --------------------------------------------------------------------------- files that cannot be edited

@pytest.mark.parametrize(("text", "words"), [
    ("title: x\n", "does not start with front matter"),
    ("", "does not start with front matter"),
    ("---\ntitle: x\nno end\n", "no closing '---' line"),
    ("---\ntitle: [x\n---\n", "cannot be read"),
    ("---\n# only a comment\n---\n", "'field: value' lines"),
    ("---\n{title: x}\n---\n", "'field: value' lines"),
    ("---\ntitle: x\nsignoff: yes\n---\n", "should be a list"),
    ("---\ntitle: x\nsignoff:\n  name: A\n---\n", "should be a list"),
    ("---\nsignoff: []\nsignoff: []\n---\n", "appears twice"),
    ("---\ntitle: x\u2028y\n---\n", "U\\+2028"),
])
def test_unusable_files_are_refused_with_a_message(text: str, words: str) -> None:
    with pytest.raises(SignoffEditError, match=words):
        append_signoff(text, ENTRY)


def test_signoff_error_is_a_plain_exception() -> None:
    assert issubclass(SignoffEditError, Exception)
    assert str(SignoffEditError("plain words")) == "plain words"


def test_edit_that_would_break_an_alias_is_refused() -> None:
    # Removing `&s []` would leave `*s` pointing nowhere: the self-check catches it.
    old = "---\ntitle: x\nsignoff: &s []\nrelated: *s\n---\n"
    with pytest.raises(SignoffEditError, match="add these lines at the end of the signoff list by hand"):
        append_signoff(old, ENTRY)


# --------------------------------------------------------------------------- property: any front matter

_SAFE_CHARS = st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp"), blacklist_characters="\ufffe\uffff")
_TEXT = st.text(_SAFE_CHARS, max_size=30)
_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.dates() | _TEXT,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(_TEXT, inner, max_size=3),
    max_leaves=6,
)
_FIELDS = st.dictionaries(_TEXT.filter(lambda k: k != "signoff"), _VALUES, min_size=1, max_size=5)
_HEX = st.text("0123456789abcdef", min_size=8, max_size=12)
_OLD_ENTRIES = st.lists(st.fixed_dictionaries(
    {"name": _TEXT, "role": st.sampled_from(SIGNOFF_ROLES), "date": st.dates(), "fingerprint": _HEX},
    optional={"note": _TEXT, "decision": st.sampled_from(["approved", "changes-requested"])}), max_size=3)
_COMMENTS = st.lists(st.one_of(st.just(""), st.builds(lambda t, i: " " * i + "# " + t, _TEXT, st.integers(0, 4))),
                     max_size=2)
_NEW_ENTRY = st.builds(SignoffEntry, name=_TEXT.filter(str.strip), role=st.sampled_from(SIGNOFF_ROLES),
                       date=st.dates(), fingerprint=_HEX,
                       decision=st.sampled_from(["approved", "changes-requested"]), note=_TEXT)


def _dump(data: object, unicode: bool) -> str:
    return yaml.safe_dump(data, allow_unicode=unicode, default_flow_style=False, sort_keys=False)


@st.composite
def leaflets(draw: st.DrawFn) -> tuple[str, str]:
    """(file text, signoff style) with comments, blank lines and the chosen line ending."""
    unicode = draw(st.booleans())
    fields = draw(_FIELDS)
    entries = draw(_OLD_ENTRIES)
    styles = ["block0", "block2", "flow"] if entries else ["empty", "brackets", "missing"]
    style = draw(st.sampled_from(styles))
    blocks = [_dump({key: value}, unicode) for key, value in fields.items()]
    if style != "missing":
        at = draw(st.integers(0, len(blocks)))
        blocks.insert(at, _signoff_block(draw, entries, style, unicode))
    front = "".join(block + "".join(c + "\n" for c in draw(_COMMENTS)) for block in blocks)
    body = draw(st.sampled_from(["", "\n", "# Title\n\nText.\n", "text\n---\nmore", "no newline"]))
    eol = draw(st.sampled_from(["\n", "\r\n"]))
    text = ("---\n" + front + draw(st.sampled_from(["---", "--- ", "..."])) + "\n").replace("\n", eol) + body
    return ("\ufeff" if draw(st.booleans()) else "") + text, style


def _signoff_block(draw: st.DrawFn, entries: list[dict], style: str, unicode: bool) -> str:
    if style == "empty":
        return "signoff:" + draw(st.sampled_from(["", "  # none"])) + "\n"
    if style == "brackets":
        return "signoff: []" + draw(st.sampled_from(["", "  # none"])) + "\n"
    if style == "flow":
        flow = yaml.safe_dump(entries, allow_unicode=unicode, default_flow_style=True, width=10**9)
        return "signoff: " + flow
    indent = "  " if style == "block2" else ""
    items = []
    for entry in entries:
        item = "".join(indent + line for line in lines(_dump([entry], unicode)))
        items.append(item + "".join(indent + c + "\n" for c in draw(_COMMENTS)))
    return "signoff:\n" + "".join(items)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(leaflets(), _NEW_ENTRY)
def test_property_result_is_original_plus_one_entry(leaflet: tuple[str, str], entry: SignoffEntry) -> None:
    old, style = leaflet
    new = append_signoff(old, entry)
    assert_appended(old, new, entry)
    eol = "\r\n" if "\r\n" in old else "\n"
    if style == "flow":
        assert "\n" not in char_insertion(old, new)
    elif style == "brackets":
        old_lines = [line for line in lines(old) if not line.startswith("signoff: []")]
        assert is_subsequence(old_lines, lines(new))
    else:
        added = inserted_lines(old, new)
        assert added and all(line.endswith(eol) for line in added)


# --------------------------------------------------------------------------- write_atomically

def test_write_atomically_writes_exact_bytes_and_keeps_mode(tmp_path: Path) -> None:
    path = tmp_path / "asthma.md"
    path.write_bytes(b"old")
    path.chmod(0o640)
    text = "\ufeff---\r\ntitle: \u00e9\r\n---\r\nbody"
    write_atomically(path, text)
    assert path.read_bytes() == text.encode("utf-8")
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert os.listdir(tmp_path) == ["asthma.md"]


def test_write_atomically_through_a_symlink_keeps_the_link(tmp_path: Path) -> None:
    real = tmp_path / "real.md"
    real.write_text("old")
    link = tmp_path / "link.md"
    link.symlink_to(real)
    write_atomically(link, "new")
    assert link.is_symlink() and real.read_text() == "new"


@pytest.mark.parametrize("error", [OSError(28, "No space left on device"), KeyboardInterrupt()])
def test_crash_before_replace_leaves_original_and_no_temp_file(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, error: BaseException) -> None:
    path = tmp_path / "asthma.md"
    path.write_bytes(b"---\ntitle: x\n---\noriginal body\n")

    def crash(src: object, dst: object) -> None:
        raise error

    monkeypatch.setattr(os, "replace", crash)
    expected = SignoffEditError if isinstance(error, OSError) else KeyboardInterrupt
    with pytest.raises(expected):
        write_atomically(path, "---\ntitle: x\n---\nnew body\n")
    assert path.read_bytes() == b"---\ntitle: x\n---\noriginal body\n"
    assert os.listdir(tmp_path) == ["asthma.md"]


def test_write_failure_message_names_the_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "asthma.md"
    path.write_text("x")
    monkeypatch.setattr(os, "fsync", lambda fd: (_ for _ in ()).throw(OSError(5, "I/O error")))
    with pytest.raises(SignoffEditError, match="could not save .*asthma.md: I/O error; the file was not changed"):
        write_atomically(path, "y")
    assert path.read_text() == "x" and os.listdir(tmp_path) == ["asthma.md"]
