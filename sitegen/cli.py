"""The command line: parse arguments, hand them to the verb's module, report errors, return an exit code.

Exit codes (contract): 0 fine; 1 errors (and, with --strict, warnings or blockers
other than draft); 2 usage or configuration errors. Content mistakes are printed
as file:line messages, never as a traceback. Each verb lives in ``sitegen/commands/``
and declares its own arguments there.
"""

from __future__ import annotations

import argparse
import gc
import os
import re
import sys
import traceback
from pathlib import Path
from typing import Sequence

from . import commands
from .commands.common import date_argument
from .console import stderr
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
TODAY_HELP = "treat this date (YYYY-MM-DD) as today when checking review dates"
VERBOSE_HELP = "show technical details when something goes wrong; build: list every warning, not the first few of each code"


def make_parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The whole parser; given ``argv`` whose first word is a verb, only that verb's module is
    imported and given its arguments (the others are listed by name and help line only)."""
    parser = argparse.ArgumentParser(prog="sitegen", description=DESCRIPTION, epilog=EPILOG,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--version", action="version", version=f"sitegen {_version()}")
    verbs = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    common = common_options()
    chosen = argv[0] if argv and argv[0] in commands.VERBS else None
    for verb, line in commands.VERBS.items():
        if chosen not in (None, verb):
            verbs.add_parser(verb, help=line)
            continue
        module = commands.load(verb)
        sub = verbs.add_parser(verb, parents=[common], help=line, description=module.DESCRIPTION)
        module.add_arguments(sub)
        sub.set_defaults(run=module.run)
    return parser


def common_options() -> argparse.ArgumentParser:
    """Options every verb takes."""
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--site", type=Path, default=Path("."), metavar="DIR", help=SITE_HELP)
    common.add_argument("--today", type=date_argument, metavar="DATE", help=TODAY_HELP)
    common.add_argument("--verbose", action="store_true", help=VERBOSE_HELP)
    return common


def _version() -> str:
    from . import __version__
    return __version__


def main(argv: Sequence[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    args = make_parser(argv).parse_args(argv)
    try:
        return args.run(args)
    except SitegenError as exc:
        located = re.match(r"^\S+:\d+: error: ", str(exc))
        stderr(str(exc) if located else f"sitegen: error: {exc}")
        return exc.exit_code
    except KeyboardInterrupt:
        stderr("sitegen: stopped")
        return 130
    except BrokenPipeError:
        return quiet_broken_pipe()
    except Exception as exc:  # a bug in sitegen, not in the content
        if getattr(args, "verbose", False):
            traceback.print_exc()
        stderr(f"sitegen: internal error: {type(exc).__name__}: {exc}\n"
               "This is a fault in sitegen, not in your leaflets. Run again with --verbose and send the output to the maintainers.")
        return 1


def run() -> None:
    """The console entry point: ``main`` and then a fast exit.

    Tearing down the objects of a large site one by one at interpreter exit took over a
    second at 5,000 leaflets; everything sitegen writes is closed by then, so once the
    output streams are flushed the process can simply end.

    For the same reason a one-shot verb runs with Python's cyclic collector off from the
    start: the build pauses it anyway (``build.gc_paused``), and turning it back on at the end
    set off one collection over every object of the build, 0.17 s of a 5,000-leaflet edit
    (profiled), just before the process ends. ``serve`` keeps it: it runs for hours."""
    if sys.argv[1:2] != ["serve"]:
        gc.disable()
    try:
        code = main()
        sys.stdout.flush()
        sys.stderr.flush()
    except BrokenPipeError:
        code = quiet_broken_pipe()
    os._exit(code)


def quiet_broken_pipe() -> int:
    """Whoever read our output has gone (``sitegen check | head``): stop without a word, as
    the Python documentation advises (signal module, "Note on SIGPIPE"): point the streams at
    /dev/null so no later flush fails again, and exit 1 as Python itself does on EPIPE."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    for stream in (sys.stdout, sys.stderr):
        try:
            os.dup2(devnull, stream.fileno())
        except (OSError, ValueError):
            pass
    return 1


if __name__ == "__main__":
    run()
