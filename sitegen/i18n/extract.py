"""Every message the theme writes: for translators, and for the test that each catalogue is complete.

    python -m sitegen.i18n.extract > sitegen.pot

writes a gettext template (``.pot``) of every string: those in the theme's templates (found by
Babel with Jinja2's own extractor) and the labels the Python side writes into pages (roles,
formats, callouts, stages). A translator copies it to ``<lang>.po`` and fills in each ``msgstr``.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import write_po

TEMPLATES = Path(__file__).resolve().parent.parent / "theme" / "templates"
JINJA_OPTIONS = {"trim_blocks": "true", "lstrip_blocks": "true", "extensions": "jinja2.ext.i18n"}


def python_messages() -> dict[str, str]:
    """Labels written from Python: message id -> where it comes from."""
    from ..htmlrender import GLOSSARY_LABEL, TABLE_LABEL
    from ..markdown import CALLOUTS
    from ..model import ROLE_ANONYMOUS, SIGNOFF_ANONYMOUS, STAGES
    from ..navigation.breadcrumbs import HOME_LABEL
    from ..pdf.formats import LARGE_PRINT, standard
    from ..pdf.preview import PREVIEW_LABEL
    from ..render import FORMAT_LABELS, LIST_AND, ROLE_LABELS, SIGNOFF_LABELS
    from ..translations.links import LANGUAGE_LINK
    from ..feeds import NEW_LEAFLET, REVIEWED_ON
    from ..navigation.languages import TITLES, TOPIC_DESCRIPTION

    found: dict[str, str] = {}
    groups = {
        "render.ROLE_LABELS": ROLE_LABELS.values(), "render.SIGNOFF_LABELS": SIGNOFF_LABELS.values(),
        "render.FORMAT_LABELS": FORMAT_LABELS.values(), "model.ROLE_ANONYMOUS": ROLE_ANONYMOUS.values(),
        "model.SIGNOFF_ANONYMOUS": SIGNOFF_ANONYMOUS.values(), "model.STAGES": STAGES,
        "markdown.CALLOUTS": CALLOUTS.values(), "htmlrender.TABLE_LABEL": (TABLE_LABEL, GLOSSARY_LABEL),
        "breadcrumbs.HOME_LABEL": (HOME_LABEL,), "render.LIST_AND": (LIST_AND,),
        "pdf.formats": (standard("A4").label, LARGE_PRINT.label, PREVIEW_LABEL),
        "render.ROLE_LABELS default": ("Partner", "Reviewer"), "display_name default": ("A partner", "A reviewer"),
        "translations.links.LANGUAGE_LINK": (LANGUAGE_LINK,),
        "navigation.languages: own pages' titles and descriptions": TITLES + (TOPIC_DESCRIPTION,),
        "feeds: a language's own feed": (NEW_LEAFLET, REVIEWED_ON),
    }
    for where, labels in groups.items():
        for label in labels:
            found.setdefault(label, where)
    return found


def template_messages() -> dict[str, tuple[str, int]]:
    """Message id (a plural's singular) -> (template, line) of its first use."""
    found: dict[str, tuple[str, int]] = {}
    for name, line, message, _comments, _context in extract_from_dir(
            str(TEMPLATES), method_map=[("*.html", "jinja2.ext:babel_extract")], options_map={"*.html": JINJA_OPTIONS}):
        key = message[0] if isinstance(message, tuple) else message
        found.setdefault(key, (name, line))
    return found


def plural_ids() -> dict[str, str]:
    """Singular -> plural message id, for the messages written with ngettext."""
    out = {}
    for _name, _line, message, _c, _x in extract_from_dir(
            str(TEMPLATES), method_map=[("*.html", "jinja2.ext:babel_extract")], options_map={"*.html": JINJA_OPTIONS}):
        if isinstance(message, tuple):
            out[message[0]] = message[1]
    return out


def template() -> Catalog:
    catalog = Catalog(project="sitegen theme", charset="utf-8")
    plurals = plural_ids()
    for key, (name, line) in template_messages().items():
        catalog.add((key, plurals[key]) if key in plurals else key, locations=[(f"templates/{name}", line)])
    for key, where in python_messages().items():
        if key not in catalog:
            catalog.add(key, auto_comments=[f"written by sitegen ({where})"])
    return catalog


def main() -> int:
    out = io.BytesIO()
    write_po(out, template(), omit_header=False, sort_output=False)
    sys.stdout.write(out.getvalue().decode("utf-8"))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
