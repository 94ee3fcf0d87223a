"""One function per CLI command. Each loads the settings, calls the library and prints the result."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import report
from .build import build, check, failure_reason, today_from_env
from .config import SiteConfig, load_config
from .errors import ConfigError
from .model import Severity


def _config(args: argparse.Namespace, *, need_content: bool = True) -> SiteConfig:
    site = Path(args.site)
    if not site.is_dir():
        raise ConfigError(f"the site folder '{site}' does not exist")
    if need_content and not (site / "content").is_dir():
        where = "this folder" if str(args.site) == "." else f"'{site}'"
        raise ConfigError(f"there is no content/ folder in {where}; run sitegen in your site's folder, or pass --site DIR")
    return load_config(site)


def _today(args: argparse.Namespace):
    return args.today or today_from_env()


def cmd_build(args: argparse.Namespace) -> int:
    config = _config(args)
    result = build(config, today=_today(args), strict=args.strict, use_cache=not args.no_cache, jobs=args.jobs)
    found = report.findings_text(result.findings, show_info=False)
    if found:
        print(found, file=sys.stderr)
    if not result.ok:
        print(f"\nBuild failed: {result.failure}.", file=sys.stderr)
        return 1
    state = "is up to date" if result.site is None else "was written"
    print(f"\n{config.output_dir.name}/ {state}: {report.plural(result.written, 'file')}, "
          f"including {report.plural(result.published, 'leaflet page')}.")
    if result.unpublished:
        print(f"{report.plural(len(result.unpublished), 'leaflet')} not published:")
        print("\n".join(result.unpublished))
    warnings = report.counts_by_code(result.findings, Severity.WARNING)
    print(f"Warnings: {warnings}." if warnings else "Warnings: none.")
    print(f"Done in {result.seconds:.2f} s.")
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    config = _config(args)
    site = check(config, today=_today(args), use_cache=not args.no_cache, jobs=args.jobs)
    if args.format == "json":
        print(report.check_json(site))
    elif args.format == "github":
        print(report.github_lines(site))
    else:
        _print_check_text(site)
    return 1 if failure_reason(site.findings, args.strict) else 0


def _print_check_text(site) -> None:
    found = report.findings_text(site.findings)
    if found:
        print(found + "\n")
    for page in site.pages:
        print(report.page_summary(site, page))
    for source in site.unreadable:
        print(f"{source}: could not be read; see the errors above.")
    print("\n" + report.site_summary(site))


def cmd_new(args: argparse.Namespace) -> int:
    from .scaffold import new_leaflet
    config = _config(args, need_content=False)
    path = new_leaflet(config, args.title, _today(args))
    print(f"Wrote {path.relative_to(config.root).as_posix()}. Open it, write the leaflet, then run: sitegen serve")
    return 0


def cmd_signoff(args: argparse.Namespace) -> int:
    from .signoff_cmd import record_signoffs
    config = _config(args)
    return record_signoffs(config, args.pages, name=args.name, role=args.role, date=args.date or _today(args), note=args.note)


def cmd_serve(args: argparse.Namespace) -> int:
    from .preview import run_preview
    config = _config(args)
    return run_preview(config, host=args.host, port=args.port, today=args.today, allowed_hosts=tuple(args.allowed_host))


def cmd_report(args: argparse.Namespace) -> int:
    from .governance import write_report
    config = _config(args)
    site = check(config, today=_today(args))
    out = args.out or config.root / "report"
    written = write_report(site, out)
    print(f"Wrote the governance report to {out}/ ({', '.join(written)}). It is for maintainers and assessors, not for publishing.")
    return 0
