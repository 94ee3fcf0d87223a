"""report/leaflets.csv cannot run formulas in a spreadsheet (issue 11, item 9).

Before, a title ``=HYPERLINK(...)`` or a name starting ``@SUM(`` was written as-is at the
start of a cell, so opening the report in Excel or LibreOffice ran it. OWASP ("CSV
Injection") advises prefixing a cell that starts with = + - @ tab or CR with a single quote.
"""

from __future__ import annotations

import csv

import pytest

from helpers import leaflet, run_cli
from sitegen.commands.report import spreadsheet_safe

TITLES = [('=HYPERLINK(\\"https://example.org/x\\",\\"Click me\\")', '=HYPERLINK("https://example.org/x","Click me")'),
          ("+1+cmd|' /C calc'!A0", "+1+cmd|' /C calc'!A0"), ("-2+3", "-2+3"), ("@SUM(1+1)", "@SUM(1+1)")]


@pytest.mark.parametrize(("title", "expected"), TITLES)
def test_a_formula_in_a_title_or_name_is_written_as_text(site, title: str, expected: str) -> None:
    text = leaflet().replace('title: "Living with asthma"', f'title: "{title}"', 1)
    text = text.replace("  - name: Maria Lopez\n    role: patient\n    lived_experience", '  - name: "@SUM(A1:A9)"\n    role: patient\n    lived_experience', 1)
    root = site({"content/asthma.md": text})
    assert run_cli("report", "--site", str(root)).code == 0
    with (root / "report" / "leaflets.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert rows[0]["title"] == "'" + expected
    assert rows[0]["coproduction"].startswith("'@SUM(A1:A9)")
    dangerous = [cell for row in rows for cell in row.values() if cell[:1] in ("=", "+", "-", "@", "\t", "\r")]
    assert dangerous == []


@pytest.mark.parametrize(("cell", "written"), [("=1+1", "'=1+1"), ("\tx", "'\tx"), ("\r=1", "'\r=1"), ("Asthma = airways", "Asthma = airways"),
                                               ("", ""), (7, 7), ("'quoted", "'quoted")])
def test_spreadsheet_safe(cell, written) -> None:
    assert spreadsheet_safe(cell) == written
