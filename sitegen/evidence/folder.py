"""Write the governance report's folder whole, or not at all.

The report used to be written file by file over the last one: a leaflet deleted since
kept its job bag, so an assessor sampling ``report/job-bags/`` read the record of a
leaflet that no longer exists, and a report stopped half way mixed two runs. Now the
files go into a new folder beside it, which then takes the old one's place; the old
one is removed only after. A folder sitegen did not make is never replaced: it may
hold someone's own files.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Mapping

from ..errors import SitegenError

MARKER = ".sitegen-report"
"""Left in every report folder, so the next report knows it may replace it."""
REPORT_NAMES = frozenset({"index.html", "leaflets.csv", "leaflets.json", "translations.csv", "reviewers.json",
                          "reviewers.md", "job-bags"})
"""What a report wrote before the marker existed: such a folder is a report too."""


def replace_folder(out: Path, files: Mapping[str, str]) -> None:
    """Make ``out`` hold exactly ``files`` (relative name -> text)."""
    check_replaceable(out)
    new = out.with_name(f".{out.name}.new-{os.getpid()}")
    old = out.with_name(f".{out.name}.old-{os.getpid()}")
    shutil.rmtree(new, ignore_errors=True)
    try:
        _write_all(new, files)
        if out.exists():
            out.rename(old)
        new.rename(out)
    except OSError as exc:
        shutil.rmtree(new, ignore_errors=True)
        if old.exists() and not out.exists():
            old.rename(out)  # put the last report back
        raise SitegenError(f"could not write the report into {out}/ ({exc.strerror or exc}); "
                           "check there is space and that you may write there, then run sitegen report again") from exc
    shutil.rmtree(old, ignore_errors=True)


def check_replaceable(out: Path) -> None:
    if out.is_symlink() or (out.exists() and not out.is_dir()):
        raise SitegenError(f"{out} is a symbolic link or a file, not a report folder; "
                           "remove it or pass --out DIR with another folder, then run sitegen report again")
    if not out.is_dir() or (out / MARKER).is_file():
        return
    others = sorted(p.name for p in out.iterdir() if p.name not in REPORT_NAMES)
    if others:
        raise SitegenError(f"{out}/ holds files that sitegen report did not write ({', '.join(others[:3])}"
                           f"{', ...' if len(others) > 3 else ''}), so it will not replace it; "
                           "move them, or pass --out DIR with an empty or new folder")


def _write_all(folder: Path, files: Mapping[str, str]) -> None:
    folder.mkdir(parents=True)
    (folder / MARKER).write_text("Made by sitegen report: the next report replaces this folder.\n", encoding="utf-8")
    for name, text in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
