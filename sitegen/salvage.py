"""A leaflet whose front matter is broken, read as far as it can be, so its body is checked too.

A writer fixing one problem per run (the missing ---, then a tab, then a date, then alt
text and a broken link) needs four runs; reporting the body's problems beside the front
matter's needs one. The stand-in made here is never published or cached: it only
carries the body (and whatever front-matter values could be read, such as keep_terms)
through the body checks. Its own front-matter problems were already reported by
``frontmatter.load``; any found again here are dropped.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import re

import yaml

from . import frontmatter, markdown, yamlstrict
from .fingerprint import fingerprint
from .frontmatter_reader import Problems
from .model import FrontMatter, ReviewStatus
from .source import Leaflet

_TITLE = re.compile(r"^title:\s*[\"']?(.*?)[\"']?\s*$", re.MULTILINE)


def standin(source: str, slug: str, raw: bytes) -> Leaflet | None:
    """The leaflet as far as it can be read, with status draft; None if even the body cannot be found."""
    ignored = Problems(source)
    text = frontmatter.decode(raw, ignored)
    parts = frontmatter.split_guessing(text) if text is not None else None
    if parts is None:
        return None
    meta = dataclasses.replace(best_effort(parts.front) or empty(parts.front), status=ReviewStatus.DRAFT)
    body = markdown.parse(parts.body, source, parts.body_line_offset)
    return Leaflet(source, slug, meta, body, fingerprint(meta.title, meta.summary, parts.body), body.raw_html,
                   parts.body, parts.body_line_offset, hashlib.sha256(raw).hexdigest())


def best_effort(front: str) -> FrontMatter | None:
    """Every value that could be read, wrong ones left empty; None when the YAML cannot be read at all."""
    for attempt in frontmatter.untabbed(front):
        try:
            node = yamlstrict.compose(attempt)
        except (yaml.YAMLError, RecursionError):
            continue
        if isinstance(node, yaml.MappingNode):
            return frontmatter.read_front_matter(node, Problems(""), best_effort=True)
        return None
    return None


def empty(front: str) -> FrontMatter:
    """No field could be read: only the title, if a line says it."""
    title = _TITLE.search(front)
    return FrontMatter(title=title.group(1) if title else "", summary="", audience="", topics=(),
                       status=ReviewStatus.DRAFT, published=dt.date.min, last_reviewed=dt.date.min,
                       next_review=dt.date.min, coproduction=(), signoff=(), sources=(), keep_terms=(),
                       formats=(), related=())
