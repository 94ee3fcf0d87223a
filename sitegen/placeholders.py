"""The example text that ``sitegen new`` writes, and how to find it when nobody replaced it.

One home for both: the template in ``commands/new.py`` is filled from ``FRONT`` and
``BODY`` below (and the preview's sign-off entry from ``PREVIEW``), and the
``placeholder`` blocker (contract, "Additions") looks for exactly these texts, so the
two cannot drift apart. The wording is our own and needs review.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator

import yaml


@dataclass(frozen=True)
class Placeholder:
    name: str
    """The name used in the template (``{summary}``)."""
    text: str
    """Exactly what ``sitegen new`` writes."""
    what: str
    """What the text stands for, for the message."""
    hint: str
    """What to write instead."""
    origin: str = "that sitegen new wrote"
    """Where the example text came from, for the message."""


FRONT: tuple[Placeholder, ...] = (
    Placeholder("summary", "Write one sentence that tells readers what this leaflet will help them do.",
                "the summary", "write one sentence that says what this leaflet will help readers do"),
    Placeholder("audience", "Adults with ... and the people who care for them",
                "the audience", "say who the leaflet is for, for example: Adults with asthma and the people who care for them"),
    Placeholder("credit_name", "Full name", "the name of a person who helped make the leaflet",
                "write their name (show_name: false keeps it off the page), or delete the entry"),
    Placeholder("credit_how", "What they did, in one sentence.", "what a person who helped did",
                "say in one sentence what they did, for example: Helped plan the leaflet and checked the wording"),
    Placeholder("source_title", "Name of the guideline or source", "the title of a source",
                "write the title of the guideline or evidence you used"),
    Placeholder("source_publisher", "Who published it", "who published a source",
                "write who published it, or delete the publisher line"),
    Placeholder("source_url", "https://www.example.org/guideline", "the web address of a source",
                "copy the real web address from your browser, or delete the url line"),
)
BODY: tuple[Placeholder, ...] = (
    Placeholder("heading", "What is ...", "a heading", "finish the heading, for example: What is a hip replacement?"),
    Placeholder("advice", "Write short sentences: 15 to 20 words on average, and never more than 25.",
                "the leaflet's text", "replace this line with the leaflet's own text"),
    Placeholder("urgent", "Call 999 or go to A&E if ...", "the urgent box",
                "say when to call 999 or go to A&E, or delete the urgent box (the ::: lines too)"),
)
SIGNOFF_NAME = "Your full name"
"""The name in the sign-off entry the preview offers to copy (a placeholder until it is replaced)."""
PREVIEW: tuple[Placeholder, ...] = (
    Placeholder("signoff_name", SIGNOFF_NAME, "the name in a sign-off",
                "write the reviewer's name, as they want it recorded", "from the preview's sign-off entry"),
)
"""Example text the preview's copy-ready sign-off entry holds."""
_BY_TEXT = {p.text: p for p in FRONT + PREVIEW}
SIGNOFF_ROLE = "patient        # or clinical, carer, editorial"
"""The role in that entry: the likeliest reviewer's, with the others named."""


def template_values() -> dict[str, str]:
    """The texts by name, to fill the template with."""
    return {p.name: p.text for p in FRONT + BODY}


def in_front_matter(node: yaml.Node, first_line: int) -> tuple[tuple[int, str], ...]:
    """(file line, text) of every front-matter value that is still exactly a placeholder."""
    return tuple((n.start_mark.line + first_line, n.value) for n in _scalars(node) if n.value.strip() in _BY_TEXT)


def _scalars(node: yaml.Node) -> Iterator[yaml.ScalarNode]:
    seen: set[int] = set()
    todo = [node]
    while todo:
        item = todo.pop()
        if id(item) in seen:  # an alias: reported elsewhere, and would loop
            continue
        seen.add(id(item))
        if isinstance(item, yaml.ScalarNode):
            yield item
        elif isinstance(item, yaml.SequenceNode):
            todo.extend(item.value)
        elif isinstance(item, yaml.MappingNode):
            todo.extend(value for _key, value in item.value)


def in_body(body: str, line_offset: int) -> list[tuple[int, Placeholder]]:
    """(file line, placeholder) for every body line that still holds a placeholder."""
    found = []
    for number, line in enumerate(body.split("\n"), start=line_offset + 1):
        found += [(number, p) for p in BODY if p.text in line]
    return found


def front_placeholder(text: str) -> Placeholder:
    return _BY_TEXT[text.strip()]
