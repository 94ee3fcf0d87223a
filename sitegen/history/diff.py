"""Compare two versions of a leaflet's words, word by word (difflib).

In: two texts (title, summary and body, as the fingerprint reads them). Out: runs of
same / added / removed words, as plain text for the terminal (``[-removed-]{+added+}``,
git's ``--word-diff`` notation) or as HTML for the preview, where each change also says
"added" or "removed" in words, because screen readers do not announce ``<ins>``/``<del>``.
"""

from __future__ import annotations

import difflib
import re
from typing import Iterator

from markupsafe import Markup, escape

from ..fingerprint import normalise

_TOKENS = re.compile(r"\s+|[^\s]+")


def leaflet_text(title: str, summary: str, body: str) -> str:
    """The words a fingerprint covers, in one text: title, summary, then the body."""
    return f"{normalise(title)}\n\n{normalise(summary)}\n\n{normalise(body)}"


def runs(old: str, new: str) -> Iterator[tuple[str, str]]:
    """("same" | "added" | "removed", text) in reading order."""
    a, b = _TOKENS.findall(old), _TOKENS.findall(new)
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            yield "same", "".join(a[i1:i2])
            continue
        if i2 > i1:
            yield "removed", "".join(a[i1:i2])
        if j2 > j1:
            yield "added", "".join(b[j1:j2])


def paragraphs(old: str, new: str) -> Iterator[tuple[str, str]]:
    """Only the paragraphs that changed, each as (old, new) ("" for an added or removed one),
    so a one-word fix in a long leaflet shows as one short paragraph."""
    a, b = old.split("\n\n"), new.split("\n\n")
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            continue
        before, after = a[i1:i2], b[j1:j2]
        for n in range(max(len(before), len(after))):
            yield (before[n] if n < len(before) else ""), (after[n] if n < len(after) else "")


def changed(old: str, new: str) -> bool:
    return any(kind != "same" and text.strip() for kind, text in runs(old, new))


def as_text(old: str, new: str) -> str:
    """The changed paragraphs, separated by "...", with git's word-diff marks."""
    return "\n...\n".join(_text(a, b) for a, b in paragraphs(old, new))


def as_html(old: str, new: str) -> Markup:
    """The changed paragraphs, one ``<p>`` each."""
    return Markup("\n".join(f"<p>{_html(a, b)}</p>" for a, b in paragraphs(old, new)))


def _text(old: str, new: str) -> str:
    out = []
    for kind, text in runs(old, new):
        out.append(text if kind == "same" else f"[-{text}-]" if kind == "removed" else f"{{+{text}+}}")
    return "".join(out)


def _html(old: str, new: str) -> Markup:
    out = []
    for kind, text in runs(old, new):
        if kind == "same":
            out.append(str(escape(text)))
        elif kind == "removed":
            out.append(f'<del class="diff-removed"><span class="visually-hidden">[removed: </span>{escape(text)}'
                       '<span class="visually-hidden">]</span></del>')
        else:
            out.append(f'<ins class="diff-added"><span class="visually-hidden">[added: </span>{escape(text)}'
                       '<span class="visually-hidden">]</span></ins>')
    return Markup("".join(out))
