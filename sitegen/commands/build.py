"""``sitegen build``: check every leaflet, then write the site into output/ if nothing is an error."""

from __future__ import annotations

import argparse

from .. import messages
from ..build import build
from ..console import stderr
from ..settings_check import settings_warnings
from .common import add_cache_options, add_strict, site_config, today

DESCRIPTION = "Check every leaflet, then write the website into output/ (only if nothing is an error)."


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_strict(parser)
    add_cache_options(parser)
    parser.add_argument("--no-pdf", action="store_true",
                        help="leave the printable PDFs out of this build (a quicker build; pages then have no PDF links)")


def run(args: argparse.Namespace) -> int:
    config = site_config(args)
    result = build(config, today=today(args), strict=args.strict, use_cache=not args.no_cache, jobs=args.jobs,
                   pdf=not args.no_pdf, every_finding=args.verbose)
    found = messages.build_findings_text(result.findings, verbose=args.verbose, warning_counts=result.warning_counts)
    if found:
        stderr(found)
    if result.note:
        stderr(result.note)
    for warning in settings_warnings(config):
        stderr(warning)
    if not result.ok:
        stderr(f"\nBuild failed: {result.failure}.")
        return 1
    print(messages.build_summary(result, config.output_dir.name))
    return 0
