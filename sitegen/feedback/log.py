"""Read the feedback log: one YAML file per piece of feedback, ``feedback/<id>.yml``.

In: the site folder. Out: ``FeedbackItem`` records and ``feedback-log`` findings, each
with file:line:column, what is wrong and how to fix it. Reading is as strict as front
matter: unknown keys get a "did you mean", dates must be real YYYY-MM-DD dates, and
every value stays text (no YAML 1.1 ``no`` -> false surprises).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Mapping

import yaml

from .. import yamlstrict
from ..filenames import FEEDBACK_DIR
from ..inputs import log_files
from ..frontmatter import decode, printable
from ..frontmatter_reader import Problems, Reader
from ..model import Finding

LOG_CODE = "feedback-log"
"""Finding code for a log file that cannot be read or breaks a rule (not in the contract's table)."""
FIELDS = ("received", "from", "channel", "leaflets", "said", "status", "response", "responded", "show_on_site")
REQUIRED = ("received", "from", "said", "status")
SENDERS = ("patient", "carer", "public", "staff", "clinician", "other")
STATUSES = ("new", "considered", "changed", "not-changed")
ACTED_ON = ("changed", "not-changed")
"""Statuses that say what was done: the only ones "You said, we did" may show (contract)."""
_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]*$")


@dataclass(frozen=True)
class FeedbackItem:
    """One piece of feedback. ``sender`` is the contract's ``from``: a kind of person, never a name."""

    id: str
    source: str
    """``feedback/<id>.yml``."""
    received: dt.date
    sender: str
    channel: str
    leaflets: tuple[str, ...]
    said: str
    status: str
    response: str
    responded: dt.date | None
    show_on_site: bool
    lines: Mapping[str, int] = field(default_factory=dict)
    """1-based file line of each key, for messages."""

    @property
    def answered(self) -> bool:
        """Somebody decided what to do about it (any status but ``new``)."""
        return self.status != "new"

    @property
    def acted_on(self) -> bool:
        return self.status in ACTED_ON


def read_log(root: Path) -> tuple[tuple[FeedbackItem, ...], list[Finding]]:
    items: list[FeedbackItem] = []
    problems: list[Finding] = []
    for path in log_files(root):
        item, found = read_item(f"{FEEDBACK_DIR}/{path.name}", path)
        problems += found
        if item is not None:
            items.append(item)
    return tuple(items), problems


def read_item(source: str, path: Path) -> tuple[FeedbackItem | None, list[Finding]]:
    problems = Problems(source, first_line=1, code=LOG_CODE)
    name = path.name
    if not name.endswith(".yml"):
        hint = f"rename it {name.rsplit('.', 1)[0]}.yml" if name.endswith(".yaml") else "move it out of feedback/, or rename it <id>.yml"
        problems.add(None, "files in feedback/ must end in .yml: each one is a piece of feedback", hint)
        return None, problems.items
    if not _ID.match(name[:-4]):
        problems.add(None, f"'{name[:-4]}' cannot be a feedback id: use letters, digits and hyphens only",
                     "rename the file, for example feedback/2026-10-asthma-spacer.yml")
        return None, problems.items
    try:
        text = decode(path.read_bytes(), problems)
    except OSError as exc:
        problems.add(None, f"the file cannot be read ({exc.strerror or exc})", "check that you have permission to open it")
        return None, problems.items
    node = _compose(text, problems) if text is not None else None
    item = _item(name[:-4], source, node, problems) if node is not None else None
    return (item if not problems.items else None), problems.items


def _compose(text: str, problems: Problems) -> yaml.MappingNode | None:
    try:
        node = yamlstrict.compose(text)
    except yaml.MarkedYAMLError as exc:
        found = yamlstrict.explain(exc)
        problems.add(found.line + 1, found.message, found.hint, found.column + 1)
        return None
    except (yaml.YAMLError, RecursionError) as exc:
        problems.add(1, "the file cannot be read as YAML", f"check it for stray characters ({type(exc).__name__})")
        return None
    if not isinstance(node, yaml.MappingNode):
        problems.add(1, "a feedback file must be a list of 'field: value' lines",
                     "start with 'received: YYYY-MM-DD', then from, channel, leaflets, said and status")
        return None
    # The same rule as front matter: what people said reaches a public page and the report.
    return node if printable(node, problems) else None


def _item(ident: str, source: str, node: yaml.MappingNode, problems: Problems) -> FeedbackItem | None:
    reader = Reader(problems)
    fields = reader.mapping(node, FIELDS, "a feedback file")
    if fields is None:
        return None
    for name in REQUIRED:
        if name not in fields:
            problems.add(1, f"the required field '{name}' is missing", f"add a line '{name}: ...'")
    sender = reader.text(fields.get("from"), "from")
    if "from" in fields and sender not in SENDERS:
        problems.at(fields["from"], f"'from' must be one of: {', '.join(SENDERS)}; got '{sender}'",
                    "write what kind of person sent it, never their name: the log is kept free of names")
    status = reader.choice(fields.get("status"), "status", STATUSES, "new")
    response = reader.text(fields.get("response"), "response")
    if status != "new" and not response and "status" in fields:
        problems.at(fields["status"], f"the status is '{status}' but there is no response",
                    "add 'response: ...' saying what we did, or why we did not change anything")
    return FeedbackItem(
        id=ident, source=source,
        received=reader.date(fields.get("received"), "received", required=True) or dt.date.min,
        sender=sender if sender in SENDERS else "other",
        channel=reader.text(fields.get("channel"), "channel"),
        leaflets=reader.texts(fields.get("leaflets"), "leaflets"),
        said=reader.text(fields.get("said"), "said", required=True),
        status=status, response=response,
        responded=reader.date(fields.get("responded"), "responded"),
        show_on_site=reader.boolean(fields.get("show_on_site"), "show_on_site", False),
        lines={k: v.start_mark.line + 1 for k, v in fields.items()},
    )
