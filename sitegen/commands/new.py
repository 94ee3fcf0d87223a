"""``sitegen new``: start a leaflet with every front-matter field present and explained."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

from ..checks.review import add_years
from ..config import SiteConfig
from ..errors import UsageError
from ..placeholders import template_values
from ..sitelock import QUICK_WAIT, site_lock
from ..source import slug_for
from .common import site_config, today

DESCRIPTION = "Write content/<slug>.md with every front-matter field explained. Never overwrites."


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("title", help="the leaflet's title, in quotes")


def run(args: argparse.Namespace) -> int:
    config = site_config(args, need_content=False)
    path = new_leaflet(config, args.title, today(args))
    print(f"Wrote {path.relative_to(config.root).as_posix()}. Open it, write the leaflet, then run: sitegen serve")
    if not config.source:
        print("This site has no settings yet (its name, address and feedback route): run sitegen init to write "
              "sitegen.toml; it keeps every file that exists.")
    return 0

# The example texts come from sitegen.placeholders, which the placeholder blocker reads too.
TEMPLATE = '''---
# The leaflet's title: the main heading of the page. Put it in double quotes if it contains ": ".
title: "{title}"
# One sentence saying what the leaflet is about. It is shown in lists and search results.
summary: "{summary}"
# Who the leaflet is for.
audience: "{audience}"
# Topics group leaflets on the site. Use words other leaflets use too.
topics: []
# draft while you write; published when it is ready and signed off; withdrawn to take it down.
status: draft
# Dates are written year-month-day: {today}.
published: {today}
last_reviewed: {today}
# When the whole page will next be checked (at most {years} years after last_reviewed).
next_review: {next_review}
# Everyone who helped make this leaflet. lived_experience: true for people who know the
# condition from their own life. show_name: false shows only the role ("A patient partner").
coproduction:
  - name: "{credit_name}"
    role: patient        # patient, carer, clinician, staff, volunteer, translator or other
    lived_experience: true
    how: "{credit_how}"
    stages: [writing, review]   # planning, design, writing, review, testing, evaluation
    show_name: true
# Sign-offs are added by: sitegen signoff content/{slug}.md --name "Name" --role clinical
# A sign-off approves this exact text: after any change to the words it must be given again.
signoff: []
# The evidence you used. A url is optional but must start with https://
sources:
  - title: "{source_title}"
    publisher: "{source_publisher}"
    url: "{source_url}"
    date: {today}
# Words readers need on this page, so the plain-English check does not flag them.
keep_terms: []
# Other formats people can ask for: easy-read, large-print, audio, braille, bsl.
formats: []
# File names (without .md) of related leaflets.
related: []
---

## {heading}

{advice}

## When to get help

::: urgent
{urgent}
:::
'''


def new_leaflet(config: SiteConfig, title: str, today: dt.date) -> Path:
    slug = slug_for(Path(title + ".md"))
    if not slug:
        raise UsageError(f"the title '{title}' has no letters or digits to make a file name from")
    path = config.content_dir / f"{slug}.md"
    if path.exists():
        raise UsageError(f"{path.relative_to(config.root).as_posix()} already exists; sitegen new never overwrites a leaflet. "
                         "Choose another title, or edit the existing file")
    text = TEMPLATE.format(title=title.replace("\\", "\\\\").replace('"', '\\"'), today=today.isoformat(), slug=slug,
                           years=config.review_cycle_years,
                           next_review=add_years(today, config.review_cycle_years).isoformat(),
                           **template_values())
    with site_lock(config.root, "new", wait=QUICK_WAIT):
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "x", encoding="utf-8") as handle:  # "x": fail rather than overwrite in a race
            handle.write(text)
    return path
