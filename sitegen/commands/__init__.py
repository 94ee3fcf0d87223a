"""One module per CLI verb, named after it (as MkDocs' ``commands/``).

Each module has ``HELP`` (one line for ``sitegen --help``), ``DESCRIPTION`` (the
verb's own ``--help``), ``add_arguments(parser)`` and ``run(args) -> int``. The CLI
builds its parser from ``VERBS``: adding a verb is one new module plus one name here.
"""

from __future__ import annotations

import importlib
from types import ModuleType

VERBS = ("init", "build", "check", "serve", "new", "signoff", "history", "report")
"""The verbs, in the order ``sitegen --help`` lists them."""


def load(verb: str) -> ModuleType:
    return importlib.import_module(f"{__name__}.{verb}")
