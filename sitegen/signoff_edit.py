"""Append one sign-off to a leaflet's front matter, keeping every other byte.

``sitegen signoff`` records that a reviewer approved one exact text. Leaflets are
edited by hand, so re-dumping the YAML would throw away people's comments,
quoting, key order and line endings. Instead we find where the ``signoff`` list
ends (using PyYAML's event marks, which are character offsets into the text) and
insert the new entry there as text. The result is then parsed again and compared
with the original: if the only difference is not exactly one new sign-off at the
end of the list, nothing is returned and the editor is told what to add by hand.

Shapes of ``signoff`` that are handled:

* a block list (``- name: ...``): the entry goes right after the last line of
  the last item, with the same dash and key indentation; comments and blank lines
  between that item and the next field stay where they are;
* an empty value (``signoff:``), ``signoff: []`` or ``signoff: ~``: the value is
  removed (a comment after it stays) and a block list starts on the next line;
* a non-empty flow list (``signoff: [{...}]``): the entry is added inside the
  brackets as one more ``{...}`` mapping, on the line of the last item, so the
  editor's chosen style is kept rather than refusing the file;
* no ``signoff`` field: it is added at the end of the front matter, just before
  the closing ``---``, indented like the file's other lists.

New lines use the line ending of the line they follow (CRLF or LF); a BOM and the
body after the closing ``---`` are never touched.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import re
import stat
import tempfile
from dataclasses import dataclass
from pathlib import Path

import yaml

from .errors import SignoffEditError
from .frontmatter_text import LOADER, Document, Node, dash_before, parse_front
from .model import DECISIONS, SIGNOFF_ROLES
from .yamlstrict import SEQ_TAG, STR_TAG

_FINGERPRINT = re.compile(r"[0-9a-fA-F]{8,12}")
_PLAIN_WORD = re.compile(r"[a-z][a-z-]*")
_DEFAULT_STYLE = (2, 2)
"""(dash column - key column, item key column - dash column): ``  - name:`` as in the contract."""


@dataclass(frozen=True)
class SignoffEntry:
    name: str
    role: str
    date: dt.date
    fingerprint: str
    decision: str = "approved"
    note: str = ""


# --------------------------------------------------------------------------- public API

def append_signoff(text: str, entry: SignoffEntry) -> str:
    """Return `text` with one new item appended to the front matter's `signoff:` list; everything else byte-identical."""
    fields = _entry_fields(entry)
    doc = Document(text)
    root, old = parse_front(doc)
    pair = _find_signoff(doc, root)
    if pair is None:
        result = _add_missing_key(doc, root, fields)
    else:
        result = _append_to_value(doc, root, pair, fields)
    _verify(old, result, fields)
    return result


def write_atomically(path: Path, text: str, expected: bytes | None = None) -> None:
    """Write via a temporary file in the same folder + fsync + os.replace, keeping the original file's
    mode and owner; a kill mid-write never leaves a truncated leaflet.

    ``expected``: the bytes the new text was made from. If the file no longer holds them (an
    editor saved it meanwhile), nothing is replaced, so that save is never lost."""
    # Write through a symlink to its target, so the link itself survives.
    target = Path(os.path.realpath(path))
    mode = _mode_for(target)
    fd, temp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    # The name starts with "." and ends ".tmp", so a build running meanwhile skips it.
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:  # newline="": keep CRLF as is
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        _keep_owner(target, temp)  # before chmod: a change of owner clears set-id bits
        os.chmod(temp, mode)
        if expected is not None and _current_bytes(target) != expected:
            raise SignoffEditError(CHANGED_MEANWHILE)
        os.replace(temp, target)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        if isinstance(exc, OSError):
            raise SignoffEditError(f"could not save {path}: {exc.strerror or exc}; the file was not changed") from exc
        raise
    _sync_folder(target.parent)


# --------------------------------------------------------------------------- the new entry

def _entry_fields(entry: SignoffEntry) -> list[tuple[str, str]]:
    """The entry as (key, YAML scalar text) pairs, after checking every value."""
    name = _quoted(entry.name, "name")
    if not entry.name.strip():
        raise SignoffEditError("the reviewer's name is empty; give the name with --name")
    if entry.role not in SIGNOFF_ROLES:
        raise SignoffEditError(f"the role '{entry.role}' is not a sign-off role; use one of {_choices(SIGNOFF_ROLES)}")
    if entry.decision not in DECISIONS:
        raise SignoffEditError(f"the decision '{entry.decision}' is not known; use one of {_choices(DECISIONS)}")
    if not isinstance(entry.fingerprint, str) or not _FINGERPRINT.fullmatch(entry.fingerprint):
        raise SignoffEditError(f"the fingerprint '{entry.fingerprint}' is not 8 to 12 hex characters; "
                               "copy it from 'sitegen check' or the preview page")
    if not isinstance(entry.date, dt.date):
        raise SignoffEditError(f"the date '{entry.date}' is not a date; write it as YYYY-MM-DD")
    fields = [("name", name), ("role", _plain_or_quoted(entry.role)),
              ("date", f"{entry.date.year:04d}-{entry.date.month:02d}-{entry.date.day:02d}"),
              ("fingerprint", _plain_or_quoted(entry.fingerprint)),
              ("decision", _plain_or_quoted(entry.decision))]
    if entry.note:
        fields.append(("note", _quoted(entry.note, "note")))
    return fields


def _quoted(value: str, what: str) -> str:
    """A double-quoted YAML scalar; refuses characters that would not survive a round trip."""
    for char in value:
        if _is_unsafe(char):
            raise SignoffEditError(f"the {what} contains a line break or invisible control character "
                                   f"(U+{ord(char):04X}); type it again on one line")
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _is_unsafe(char: str) -> bool:
    code = ord(char)
    # C0/C1 controls (tab and newline included), surrogates, Unicode line/paragraph
    # separators and the two non-characters YAML rejects as unprintable.
    return code < 0x20 or 0x7F <= code <= 0x9F or 0xD800 <= code <= 0xDFFF or char in "\u2028\u2029\ufffe\uffff"


def _plain_or_quoted(value: str) -> str:
    """Plain when YAML reads it back as the same text: an all-digit fingerprint would be a number."""
    resolved = yaml.resolver.Resolver().resolve(yaml.ScalarNode, value, (True, False))
    if resolved == STR_TAG and (_PLAIN_WORD.fullmatch(value) or _FINGERPRINT.fullmatch(value)):
        return value
    return _quoted(value, "value")


def _choices(values: tuple[str, ...]) -> str:
    return ", ".join(values[:-1]) + " or " + values[-1]


def _block_lines(fields: list[tuple[str, str]], dash: int, key: int) -> list[str]:
    """The entry as block-list lines: dash at column `dash`, keys at column `key`."""
    first_key, first_value = fields[0]
    lines = [" " * dash + "-" + " " * (key - dash - 1) + f"{first_key}: {first_value}"]
    lines += [" " * key + f"{k}: {v}" for k, v in fields[1:]]
    return lines


def _flow_mapping(fields: list[tuple[str, str]]) -> str:
    return "{" + ", ".join(f"{k}: {v}" for k, v in fields) + "}"


# --------------------------------------------------------------------------- finding the list

def _find_signoff(doc: Document, root: Node) -> tuple[Node, Node] | None:
    pairs = list(zip(root.children[::2], root.children[1::2]))
    found = [(k, v) for k, v in pairs if k.kind == "scalar" and k.value == "signoff"]
    if len(found) > 1:
        lines = " and ".join(str(doc.file_line(k.start)) for k, _ in found)
        raise SignoffEditError(f"'signoff' appears twice (lines {lines}); keep one list and delete the other")
    return found[0] if found else None


# --------------------------------------------------------------------------- the edits

def _insert(text: str, offset: int, new: str) -> str:
    return text[:offset] + new + text[offset:]


def _add_missing_key(doc: Document, root: Node, fields: list[tuple[str, str]]) -> str:
    """No signoff field: add one at the end of the front matter, before the closing ---."""
    key_col = doc.column(root.start)  # not the first key's: that is indented after `? `
    dash_off, key_off = _list_style(doc, root)
    eol = doc.ending(doc.line_of(doc.front_end) - 1)
    lines = [" " * key_col + "signoff:"] + _block_lines(fields, key_col + dash_off, key_col + dash_off + key_off)
    return _insert(doc.text, doc.front_end, "".join(line + eol for line in lines))


def _append_to_value(doc: Document, root: Node, pair: tuple[Node, Node], fields: list[tuple[str, str]]) -> str:
    key, value = pair
    if value.kind == "seq" and value.flow:
        return _append_flow(doc, value, fields) if value.children else _start_list(doc, root, key, value, fields)
    if value.kind == "seq":
        return _append_block(doc, value, fields)
    if value.kind == "scalar" and value.plain_null:
        return _start_list(doc, root, key, value, fields)
    raise SignoffEditError(f"'signoff' on line {doc.file_line(key.start)} should be a list of sign-offs, "
                           "each starting with '- name:'; run 'sitegen check' to see what to fix")


def _append_block(doc: Document, seq: Node, fields: list[tuple[str, str]]) -> str:
    """Block list with items: new item right after the last line of the last item."""
    last = seq.children[-1]
    dash = dash_before(doc, last.start)
    key = _item_key_column(doc, seq, dash)
    at = doc.end_of_content_line(last.end)
    eol = doc.ending(doc.line_of(at - 1))
    return _insert(doc.text, at, "".join(line + eol for line in _block_lines(fields, dash, key)))


def _start_list(doc: Document, root: Node, key: Node, value: Node, fields: list[tuple[str, str]]) -> str:
    """`signoff:`, `signoff: []` or `signoff: ~`: remove the value, then start a block list below."""
    text = doc.text
    line = doc.line_of(key.start)
    if doc.line_of(value.start) != line or doc.line_of(max(value.end - 1, value.start)) != line:
        raise SignoffEditError(f"the empty 'signoff' value on line {doc.file_line(key.start)} spans several lines; "
                               "write 'signoff:' on one line with nothing after it, then try again")
    head, tail = text[doc.starts[line]:value.start], text[value.end:doc.ends[line]]
    if not tail.strip(" \t\r\n"):
        head = head.rstrip(" \t")  # `signoff: []` -> `signoff:` (no trailing space left behind)
    key_col = doc.column(key.start)
    dash_off, key_off = _list_style(doc, root)
    eol = doc.ending(line)
    lines = _block_lines(fields, key_col + dash_off, key_col + dash_off + key_off)
    return text[:doc.starts[line]] + head + tail + "".join(l + eol for l in lines) + text[doc.ends[line]:]


def _append_flow(doc: Document, seq: Node, fields: list[tuple[str, str]]) -> str:
    """Non-empty `[...]` list: one more `{...}` right after the last item, inside the brackets."""
    return _insert(doc.text, seq.children[-1].end, ", " + _flow_mapping(fields))


# --------------------------------------------------------------------------- matching the file's indentation

def _item_key_column(doc: Document, seq: Node, dash: int) -> int:
    """Where keys go inside an item: copied from the last block-mapping item in the list."""
    for item in reversed(seq.children):
        if item.kind == "map" and not item.flow and item.children:
            column = doc.column(item.children[0].start)
            if column > dash:
                return column
    return dash + _DEFAULT_STYLE[1]


def _list_style(doc: Document, root: Node) -> tuple[int, int]:
    """Indentation of the file's other lists of mappings (coproduction, sources), so a new list looks the same."""
    for key, value in zip(root.children[::2], root.children[1::2]):
        if value.kind != "seq" or value.flow:
            continue
        for item in value.children:
            if item.kind == "map" and not item.flow and item.children:
                dash = dash_before(doc, item.start)
                column = doc.column(item.children[0].start)
                if dash >= doc.column(key.start) and column > dash:
                    return dash - doc.column(key.start), column - dash
    return _DEFAULT_STYLE


# --------------------------------------------------------------------------- checking the result

def _verify(old: yaml.MappingNode, result: str, fields: list[tuple[str, str]]) -> None:
    """Refuse to return anything but the original data plus one new sign-off at the end."""
    entry = yaml.compose(_flow_mapping(fields), Loader=LOADER)
    try:
        new = yaml.compose(Document(result).front, Loader=LOADER)
        ok = _shape(new) == _expected(old, _shape(entry))
    except (yaml.YAMLError, RecursionError, SignoffEditError):
        ok = False
    if not ok:
        lines = "\n".join(_block_lines(fields, 2, 4))
        raise SignoffEditError("sitegen could not add the sign-off without risking other fields in this file's "
                               f"front matter; please add these lines at the end of the signoff list by hand:\n{lines}")


def _expected(old: yaml.MappingNode, entry: tuple) -> tuple:
    pairs, found = [], False
    for key, value in old.value:
        if isinstance(key, yaml.ScalarNode) and key.value == "signoff":
            items = tuple(_shape(v) for v in value.value) if isinstance(value, yaml.SequenceNode) else ()
            pairs.append((_shape(key), ("seq", SEQ_TAG, items + (entry,))))
            found = True
        else:
            pairs.append((_shape(key), _shape(value)))
    if not found:
        pairs.append((("scalar", STR_TAG, "signoff"), ("seq", SEQ_TAG, (entry,))))
    return ("map", old.tag, tuple(pairs))


def _shape(node: yaml.Node) -> tuple:
    """A node's content without positions or styles: equal shapes load to equal data."""
    if isinstance(node, yaml.ScalarNode):
        return ("scalar", node.tag, node.value)
    if isinstance(node, yaml.SequenceNode):
        return ("seq", node.tag, tuple(_shape(child) for child in node.value))
    return ("map", node.tag, tuple((_shape(k), _shape(v)) for k, v in node.value))


# --------------------------------------------------------------------------- writing

CHANGED_MEANWHILE = ("the file changed after sitegen read it (saved in an editor, or by another program), "
                     "so it was not replaced and that change is kept; run sitegen signoff again")


def _current_bytes(target: Path) -> bytes | None:
    try:
        return target.read_bytes()
    except OSError:
        return None


def _keep_owner(target: Path, temp: str) -> None:
    """Give the new file the old one's owner and group: run as root (a container, a CI job),
    replacing a file would otherwise hand a volunteer's leaflet to root."""
    try:
        old, new = os.stat(target), os.stat(temp)
    except OSError:
        return
    if (old.st_uid, old.st_gid) != (new.st_uid, new.st_gid):
        with contextlib.suppress(OSError):  # only root may give a file away; anyone else keeps it, as an editor would
            os.chown(temp, old.st_uid, old.st_gid)


def _mode_for(target: Path) -> int:
    try:
        return stat.S_IMODE(os.stat(target).st_mode)
    except FileNotFoundError:
        umask = os.umask(0)  # the only way to read the umask is to set it
        os.umask(umask)
        return 0o666 & ~umask


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable; not possible (nor needed) on every platform."""
    with contextlib.suppress(OSError, AttributeError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
