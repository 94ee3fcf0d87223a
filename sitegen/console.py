"""The one way sitegen writes a line for people to the terminal's error stream.

Progress, warnings and errors go to stderr, so stdout stays clean for what a command
produces (the JSON of ``check --format json``, a build's summary). Flushed at once: a
long-running preview's lines must show while it runs, not when it ends.
"""

from __future__ import annotations

import sys


def stderr(message: str) -> None:
    print(message, file=sys.stderr, flush=True)
