"""What the commands share: the site's settings and today's date from the command line, and shared options."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

from ..config import SiteConfig, load_config, today_from_env
from ..errors import ConfigError

STRICT_HELP = "also fail on warnings and on blockers other than draft"


def date_argument(text: str) -> dt.date:
    """An argparse type: a date written YYYY-MM-DD (anything else is a usage error, exit code 2)."""
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date written YYYY-MM-DD") from None


def site_config(args: argparse.Namespace, *, need_content: bool = True) -> SiteConfig:
    site = Path(args.site)
    if not site.is_dir():
        raise ConfigError(f"the site folder '{site}' does not exist")
    if need_content and not (site / "content").is_dir():
        where = "this folder" if str(args.site) == "." else f"'{site}'"
        raise ConfigError(f"there is no content/ folder in {where}; run sitegen in your site's folder, or pass --site DIR. "
                          f"To start a new site {'here' if where == 'this folder' else 'there'}, run: sitegen init"
                          + ("" if str(args.site) == "." else f" {site}"))
    return load_config(site)


def today(args: argparse.Namespace) -> dt.date:
    """--today, else SITEGEN_TODAY, else the real date."""
    return args.today or today_from_env()


def add_strict(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--strict", action="store_true", help=STRICT_HELP)


def add_cache_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--no-cache", action="store_true", help="ignore and rebuild the cache of analysed leaflets")
    parser.add_argument("--jobs", type=int, default=None, metavar="N", help="worker processes (default: one per core)")
