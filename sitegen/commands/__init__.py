"""One module per CLI verb, named after it (as MkDocs' ``commands/``).

Each module has ``DESCRIPTION`` (the verb's own ``--help``), ``add_arguments(parser)`` and
``run(args) -> int``; its one line for ``sitegen --help`` is here, in ``VERBS``, so that the
CLI imports only the module of the verb it runs (``sitegen build`` with nothing to do should
not pay for importing the preview server). Adding a verb is one new module plus one entry here.
"""

from __future__ import annotations

import importlib
from types import ModuleType

VERBS = {
    "init": "start a new site: settings, content/, a glossary and a first leaflet",
    "build": "check every leaflet and write the website into output/",
    "check": "check every leaflet and report, without writing anything",
    "serve": "preview the site while you edit it",
    "new": "start a new leaflet from a template",
    "signoff": "record that someone approved the current text of leaflets",
    "history": "list the versions of a leaflet, who approved each, and what changed",
    "report": "write the governance report for maintainers and assessors",
}
"""Each verb and its line in ``sitegen --help``, in the order that lists them."""


def load(verb: str) -> ModuleType:
    return importlib.import_module(f"{__name__}.{verb}")
