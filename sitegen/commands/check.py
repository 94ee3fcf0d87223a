"""``sitegen check``: the same checks as build, writing nothing; findings as text, JSON or GitHub annotations."""

from __future__ import annotations

import argparse

from .. import messages
from ..build import failure_reason, using_checked
from .common import add_cache_options, add_strict, site_config, today

DESCRIPTION = "Check every leaflet and print what was found. Writes nothing."
FORMATS = {"text": messages.check_text, "json": messages.check_json, "github": messages.github_lines}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_strict(parser)
    parser.add_argument("--format", choices=tuple(FORMATS), default="text", help="how to print the findings")
    add_cache_options(parser)


def run(args: argparse.Namespace) -> int:
    config = site_config(args)
    shown, failed = using_checked(config, lambda site: (FORMATS[args.format](site), failure_reason(site.findings, args.strict)),
                                  today=today(args), use_cache=not args.no_cache, jobs=args.jobs)
    print(shown)
    return 1 if failed else 0
