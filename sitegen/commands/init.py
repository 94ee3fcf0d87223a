"""``sitegen init``: start a new site folder with settings, a glossary and a first leaflet.

Everything written is explained in comments, and nothing that exists is ever replaced:
a file already there is kept and named as kept. The first leaflet is a ``sitegen new``
draft, so its example text keeps it unpublished until someone writes it.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from ..config import SiteConfig, load_config
from ..errors import ConfigError, UsageError
from ..filenames import GLOSSARY_FILE, PROJECT_FILE, SETTINGS_FILE
from ..settings_check import EXAMPLE_BASE_URL
from .common import today
from .new import new_leaflet

DESCRIPTION = ("Write sitegen.toml (commented), content/, content/glossary.yml and a first leaflet into FOLDER "
               "(default: --site, else this folder). Never overwrites a file.")
FIRST_LEAFLET = "Our first leaflet"

SETTINGS = f'''# Settings for this sitegen site. Lines starting with # are notes; change the values after "=".
# Every setting and its default is listed in the README of sitegen ("Settings").

# The name shown at the top of every page.
site_name = "{{site_name}}"
# Who publishes the leaflets (shown on every page). Leave it out to use site_name.
organisation = "{{site_name}}"
# Where the site will live. Canonical links, the sitemap and the feed use this address,
# so sitegen build warns until you change it from the example address.
base_url = "{EXAMPLE_BASE_URL}"
# How readers send feedback: an email address or an https:// link, shown on every leaflet.
# sitegen build warns while it is empty.
feedback = ""
# The language of the leaflets (a BCP 47 tag such as en-GB or cy).
language = "en-GB"
# The highest acceptable UK reading age (NHS and PIF TICK advice: 9 to 11).
reading_age_target = 11
# Longest gap, in years, between last_reviewed and next_review.
review_cycle_years = 3
'''

GLOSSARY = '''# The site glossary: words readers may need, each with a short, plain explanation.
# A word listed here is explained on every page that uses it and is not flagged by the
# plain-English check. Write one word per line: the word, a colon, a space, the explanation.
# For example (remove the # to use it):
# inhaler: A small device that sends medicine straight into your lungs when you breathe in.
'''


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("folder", nargs="?", type=Path, default=None, metavar="FOLDER",
                        help="the new site's folder (made if it does not exist); default: --site, else this folder")


def run(args: argparse.Namespace) -> int:
    root = args.folder if args.folder is not None else Path(args.site)
    if root.exists() and not root.is_dir():
        raise UsageError(f"'{root}' is a file, not a folder; give the name of a folder for the new site")
    written, kept = init_site(root, args)
    shown = "this folder" if root == Path(".") else f"'{root}'"
    lines = [f"Started a sitegen site in {shown}."] if written else [f"{shown.capitalize()} already has a sitegen site."]
    lines += [f"  wrote {name}" for name in written] + [f"  kept {name}" for name in kept]
    site = "" if root == Path(".") else f" --site {root}"
    lines += ["Next:",
              f"  1. open {SETTINGS_FILE} and set site_name, base_url and feedback;",
              "  2. write your first leaflet in content/ (every field has a note saying what to write);",
              f"  3. run: sitegen serve{site}   (the preview shows what is still missing before it can be published)"]
    print("\n".join(lines))
    return 0


def init_site(root: Path, args: argparse.Namespace) -> tuple[list[str], list[str]]:
    """Write what is missing; return (files written, files kept), relative to the site folder."""
    root.mkdir(parents=True, exist_ok=True)
    written: list[str] = []
    kept: list[str] = []
    name = root.resolve().name.replace("-", " ").replace("_", " ").strip().capitalize() or "Patient information"
    if (root / SETTINGS_FILE).exists() or _has_project_settings(root / PROJECT_FILE):
        kept.append((SETTINGS_FILE if (root / SETTINGS_FILE).exists() else f"{PROJECT_FILE} [tool.sitegen]") + ", as it was")
    else:
        _write_new(root / SETTINGS_FILE, SETTINGS.format(site_name=name.replace('"', "'")))
        written.append(SETTINGS_FILE)
    (root / "content").mkdir(exist_ok=True)
    glossary = root / "content" / GLOSSARY_FILE
    if glossary.exists():
        kept.append(f"content/{GLOSSARY_FILE}, as it was")
    else:
        _write_new(glossary, GLOSSARY)
        written.append(f"content/{GLOSSARY_FILE}")
    if any(p.suffix == ".md" for p in (root / "content").iterdir()):
        kept.append("the leaflets already in content/ (no first leaflet was added)")
    else:
        path = new_leaflet(_config(root), FIRST_LEAFLET, today(args))
        written.append(path.relative_to(root).as_posix())
    return written, kept


def _has_project_settings(path: Path) -> bool:
    try:
        return path.is_file() and "[tool.sitegen]" in path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return False


def _config(root: Path) -> SiteConfig:
    try:
        return load_config(root)
    except ConfigError as exc:
        raise ConfigError(f"{exc}\nsitegen init wrote nothing more; fix the settings, then run it again") from None


def _write_new(path: Path, text: str) -> None:
    with open(path, "x", encoding="utf-8") as handle:  # "x": never replace a file made meanwhile
        handle.write(text)
