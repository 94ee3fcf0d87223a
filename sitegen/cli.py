"""The command line: parse arguments, call one library function, report, return an exit code.

Exit codes (contract): 0 fine; 1 errors (and, with --strict, warnings or blockers
other than draft); 2 usage or configuration errors. Content mistakes are printed
as file:line messages, never as a traceback.
"""

from __future__ import annotations

import argparse
import os
import re
import datetime as dt
import sys
import traceback
from pathlib import Path
from typing import Sequence

from .errors import SitegenError

DESCRIPTION = "Build an accessible website of co-produced patient-information leaflets."
EPILOG = """examples:
  sitegen build                 build the site in this folder into output/
  sitegen check --format json   check every leaflet and print the findings as JSON
  sitegen serve                 preview the site at http://127.0.0.1:8000/ while you edit
  sitegen new "Living with asthma"
  sitegen signoff content/asthma.md --name "Maria Lopez" --role patient
"""
SITE_HELP = "the site folder (holds content/ and templates/); default: the current folder"
STRICT_HELP = "also fail on warnings and on blockers other than draft"
TODAY_HELP = "treat this date (YYYY-MM-DD) as today when checking review dates"


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date written YYYY-MM-DD") from None


def make_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="sitegen", description=DESCRIPTION, epilog=EPILOG,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--version", action="version", version=f"sitegen {_version()}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--site", type=Path, default=Path("."), metavar="DIR", help=SITE_HELP)
    common.add_argument("--today", type=_date, metavar="DATE", help=TODAY_HELP)
    common.add_argument("--verbose", action="store_true", help="show technical details when something goes wrong")
    build = commands.add_parser("build", parents=[common], help="check every leaflet and write the website into output/",
                                description="Check every leaflet, then write the website into output/ (only if nothing is an error).")
    build.add_argument("--strict", action="store_true", help=STRICT_HELP)
    build.add_argument("--no-cache", action="store_true", help="ignore and rebuild the cache of analysed leaflets")
    build.add_argument("--jobs", type=int, default=None, metavar="N", help="worker processes (default: one per core)")
    check = commands.add_parser("check", parents=[common], help="check every leaflet and report, without writing anything",
                                description="Check every leaflet and print what was found. Writes nothing.")
    check.add_argument("--strict", action="store_true", help=STRICT_HELP)
    check.add_argument("--format", choices=("text", "json", "github"), default="text", help="how to print the findings")
    check.add_argument("--no-cache", action="store_true", help="ignore and rebuild the cache of analysed leaflets")
    check.add_argument("--jobs", type=int, default=None, metavar="N", help="worker processes (default: one per core)")
    serve = commands.add_parser("serve", parents=[common], help="preview the site while you edit it",
                                description="Preview every leaflet (drafts included, with notes from the checks) at http://127.0.0.1:8000/.")
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1: this computer only)")
    serve.add_argument("--port", type=int, default=8000, help="port to listen on (default 8000)")
    serve.add_argument("--allowed-host", action="append", default=[], metavar="NAME",
                       help="also accept requests for this host name (with --host beyond this computer); repeatable")
    new = commands.add_parser("new", parents=[common], help="start a new leaflet from a template",
                              description="Write content/<slug>.md with every front-matter field explained. Never overwrites.")
    new.add_argument("title", help="the leaflet's title, in quotes")
    signoff = commands.add_parser("signoff", parents=[common], help="record that someone approved the current text of leaflets",
                                  description="Add a sign-off with the current fingerprint to each leaflet's front matter.")
    signoff.add_argument("pages", nargs="+", type=Path, metavar="PAGE", help="leaflet files, e.g. content/asthma.md")
    signoff.add_argument("--name", required=True, help="the reviewer's name")
    signoff.add_argument("--role", required=True, choices=("clinical", "patient", "carer", "editorial"), help="the reviewer's role")
    signoff.add_argument("--date", type=_date, help="date of the approval (default: today)")
    signoff.add_argument("--note", default="", help="an optional note, e.g. what was checked")
    report = commands.add_parser("report", parents=[common], help="write the governance report for maintainers and assessors",
                                 description="Write an evidence pack (HTML dashboard, CSV and JSON) into report/, separate from the public site.")
    report.add_argument("--out", type=Path, default=None, metavar="DIR", help="where to write the report (default: <site>/report)")
    return parser


def _version() -> str:
    from . import __version__
    return __version__


def main(argv: Sequence[str] | None = None) -> int:
    parser = make_parser()
    args = parser.parse_args(argv)
    try:
        return _dispatch(args)
    except SitegenError as exc:
        located = re.match(r"^\S+:\d+: error: ", str(exc))
        print(str(exc) if located else f"sitegen: error: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("sitegen: stopped", file=sys.stderr)
        return 130
    except Exception as exc:  # a bug in sitegen, not in the content
        if getattr(args, "verbose", False):
            traceback.print_exc()
        print(f"sitegen: internal error: {type(exc).__name__}: {exc}\n"
              "This is a fault in sitegen, not in your leaflets. Run again with --verbose and send the output to the maintainers.",
              file=sys.stderr)
        return 1


def _dispatch(args: argparse.Namespace) -> int:
    from . import commands
    handler = getattr(commands, f"cmd_{args.command}")
    return handler(args)


def run() -> None:
    """The console entry point: ``main`` and then a fast exit.

    Tearing down the objects of a large site one by one at interpreter exit took over a
    second at 5,000 leaflets; everything sitegen writes is closed by then, so once the
    output streams are flushed the process can simply end."""
    code = main()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


if __name__ == "__main__":
    run()
