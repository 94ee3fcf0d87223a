"""``sitegen signoff``: record that someone approved the current text of one or more leaflets.

The leaflet must load cleanly first: a sign-off is evidence, so it is never written
into a file whose front matter sitegen cannot read. The file is rewritten atomically
(temporary file, then rename) and only the new entry is added.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import Sequence

from . import report
from .config import SiteConfig
from .signoff_edit import SignoffEditError, SignoffEntry, append_signoff, write_atomically
from .source import parse_leaflet, slug_for


def locate(config: SiteConfig, page: Path) -> Path:
    """Accept paths relative to the current folder or to the site folder."""
    if page.is_file():
        return page
    return config.root / page


def record_signoffs(config: SiteConfig, pages: Sequence[Path], *, name: str, role: str, date: dt.date, note: str) -> int:
    failures = 0
    for page in pages:
        failures += 0 if record_one(config, locate(config, page), name, role, date, note) else 1
    return 1 if failures else 0


def record_one(config: SiteConfig, path: Path, name: str, role: str, date: dt.date, note: str) -> bool:
    shown = path.as_posix()
    if not path.is_file() or path.suffix != ".md":
        print(f"{shown}: error: there is no leaflet file here (expected a .md file such as content/asthma.md)", file=sys.stderr)
        return False
    raw = path.read_bytes()
    real, root = path.resolve(), config.root.resolve()
    source = real.relative_to(root).as_posix() if real.is_relative_to(root) else shown
    leaflet, problems = parse_leaflet(source, slug_for(path), raw)
    if leaflet is None:
        print(report.findings_text(problems), file=sys.stderr)
        print(f"{shown}: not signed: fix the front matter first, then run sitegen signoff again", file=sys.stderr)
        return False
    entry = SignoffEntry(name=name.strip(), role=role, date=date, fingerprint=leaflet.fingerprint, note=note.strip())
    try:
        write_atomically(path, append_signoff(raw.decode("utf-8"), entry))
    except (SignoffEditError, OSError) as exc:
        print(f"{shown}: error: could not record the sign-off: {exc}", file=sys.stderr)
        return False
    print(f"{shown}: recorded {entry.name} ({role}) approving this text on {date} (fingerprint {leaflet.fingerprint})")
    return True
