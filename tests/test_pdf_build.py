"""PDFs through the build: only published text, remade only when their inputs change,
the settings, a computer without Pango, no network, and the preview's print preview."""

from __future__ import annotations

import gc
import socket
import urllib.request
from pathlib import Path

import pytest

from helpers import leaflet, run_cli
from pdf_helpers import facts, text
from sitegen.build import build
from sitegen.commands.serve import PreviewBuilder
from sitegen.config import load_config
from sitegen.devserver import DevServer
from sitegen.pdf import engine

A4 = (pytest.approx(595.28, abs=0.1), pytest.approx(841.89, abs=0.1))
A5 = (pytest.approx(419.53, abs=0.1), pytest.approx(595.28, abs=0.1))
SKIPPED = ("PDFs were skipped: WeasyPrint needs the Pango library, which this computer does not have "
           "(on Debian or Ubuntu: apt-get install libpango-1.0-0 libpangoft2-1.0-0 fonts-liberation).")


def pdfs(root: Path) -> list[str]:
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*.pdf"))


def test_unpublished_leaflets_have_no_pdf_and_their_words_are_in_none(site) -> None:
    root = site({
        "content/asthma.md": leaflet(body="## What it is\n\nAsthma makes it hard to breathe. Read [our plans](plans.md).\n"),
        "content/plans.md": leaflet("Secret plans", body="## Plans\n\nThe zebra marmalade plan.\n", status="draft"),
        "content/stale.md": leaflet("Stale words", body="## New\n\nQuokka lantern words nobody approved.\n", signed=False),
    })
    result = run_cli("build", "--site", str(root))
    assert result.code == 0, result.err
    assert pdfs(root / "output") == ["asthma/asthma.pdf"]
    for path in root.rglob("*.pdf"):  # the built site, the spare copy and the PDF store
        words = text(path)
        for secret in ("Secret plans", "zebra", "marmalade", "Stale words", "Quokka", "plans/"):
            assert secret not in words, path
    assert "Read our plans." in " ".join(text(root / "output/asthma/asthma.pdf").split())  # plain text, as on the page


def test_an_unchanged_leaflet_costs_nothing_and_an_edit_remakes_only_its_pdfs(site) -> None:
    root = site({"content/a.md": leaflet("Leaflet A", extra="formats: [large-print]\n"), "content/b.md": leaflet("Leaflet B")})
    config = load_config(root)
    first = build(config)
    assert (first.pdfs, first.pdfs_made) == (3, 3)
    a_pdf = (root / "output/a/a.pdf").read_bytes()
    again = build(config)
    assert (again.pdfs, again.pdfs_made) == (3, 0)
    (root / "content/b.md").write_text(leaflet("Leaflet B", body="## What it is\n\nAsthma is common.\n"), encoding="utf-8")
    edited = build(config)
    assert (edited.pdfs, edited.pdfs_made) == (3, 1)
    assert (root / "output/a/a.pdf").read_bytes() == a_pdf
    assert "Asthma is common." in text(root / "output/b/b.pdf")
    note = leaflet("Leaflet A", extra="formats: [large-print]\n").replace("    show_name: true\nsources", "    show_name: true\n    note: Checked.\nsources")
    (root / "content/a.md").write_text(note, encoding="utf-8")
    assert build(config).pdfs_made == 2  # a sign-off is printed: both of A's PDFs, not B's
    (root / "templates/static").mkdir(parents=True)
    (root / "templates/static/print.css").write_text("h1 { color: #0b0c0c; }\n", encoding="utf-8")
    assert build(config).pdfs_made == 3  # the print stylesheet shapes every PDF


def test_no_pdf_leaves_them_out_and_the_next_build_takes_them_from_the_store(site) -> None:
    root = site({"content/a.md": leaflet("Leaflet A")})
    config = load_config(root)
    assert build(config).pdfs_made == 1
    quick = run_cli("build", "--site", str(root), "--no-pdf")
    assert quick.code == 0, quick.err
    assert pdfs(root / "output") == [] and "PDF" not in quick.out + quick.err
    assert "Download a printable version" not in (root / "output/a/index.html").read_text(encoding="utf-8")
    full = run_cli("build", "--site", str(root))
    assert "PDFs: 1, all unchanged." in full.out
    assert pdfs(root / "output") == ["a/a.pdf"]


def test_page_size_a5_and_large_print_for_every_leaflet(site) -> None:
    root = site({"sitegen.toml": 'pdf_page_size = "A5"\npdf_large_print = "all"\n', "content/a.md": leaflet("Leaflet A")})
    result = build(load_config(root))
    assert result.ok and pdfs(root / "output") == ["a/a-large-print.pdf", "a/a.pdf"]
    assert all(size == A5 for size in facts(root / "output/a/a.pdf").page_sizes)
    assert all(size == A4 for size in facts(root / "output/a/a-large-print.pdf").page_sizes)


def test_pdf_setting_off(site) -> None:
    root = site({"sitegen.toml": "pdf = false\n", "content/a.md": leaflet("Leaflet A")})
    result = build(load_config(root))
    assert result.ok and result.pdfs == 0 and pdfs(root) == []


@pytest.mark.parametrize("setting, message", [
    ('pdf_page_size = "Letter"', "sitegen.toml: setting 'pdf_page_size': expected 'A4' or 'A5', got 'Letter'"),
    ('pdf_large_print = "some"', "sitegen.toml: setting 'pdf_large_print': expected 'formats' or 'all', got 'some'"),
    ("pdf = 1", "sitegen.toml: setting 'pdf': expected true or false, got 1"),
])
def test_bad_pdf_settings_are_named(site, setting: str, message: str) -> None:
    root = site({"sitegen.toml": setting + "\n", "content/a.md": leaflet()})
    result = run_cli("build", "--site", str(root))
    assert result.code == 2
    assert message in result.err


def test_lower_case_page_size_is_understood(site) -> None:
    root = site({"sitegen.toml": 'pdf_page_size = "a5"\n', "content/a.md": leaflet()})
    assert load_config(root).pdf_page_size == "A5"


def test_without_pango_the_site_builds_and_one_line_says_what_to_install(site, tmp_path: Path) -> None:
    """WeasyPrint fails to import, as it does where Pango is missing: it prints a banner to
    stdout, then raises OSError from cffi's dlopen (weasyprint/text/ffi.py)."""
    fake = tmp_path / "no-pango" / "weasyprint"
    fake.mkdir(parents=True)
    (fake / "__init__.py").write_text(
        "print('\\n-----\\n\\nWeasyPrint could not import some external libraries.\\n\\n-----\\n')\n"
        "raise OSError(\"cannot load library 'libpango-1.0-0': libpango-1.0-0: cannot open shared object file\")\n",
        encoding="utf-8")
    root = site({"content/a.md": leaflet("Leaflet A")})
    for _ in range(2):  # and again: a build that skipped PDFs is not remembered as done
        result = run_cli("build", "--site", str(root), env={"PYTHONPATH": str(fake.parent)})
        assert result.code == 0, result.err
        said = [line for line in (result.out + result.err).splitlines() if "PDF" in line or "-----" in line]
        assert said == [SKIPPED]
        assert "including 1 leaflet page." in result.out
        assert pdfs(root) == []
        assert "Download a" not in (root / "output/a/index.html").read_text(encoding="utf-8")


def test_missing_weasyprint_package_says_how_to_install() -> None:
    def missing():
        raise ImportError("No module named 'weasyprint'")
    try:
        assert engine.load(missing).problem == ("PDFs were skipped: the weasyprint package is not installed "
                                                "(run `make build`, or `pip install weasyprint`).")
    finally:
        engine.load(engine._import_weasyprint)


def test_weasyprint_reads_only_the_sites_own_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def no_network(*args: object, **kwargs: object) -> None:
        raise AssertionError("sitegen must never touch the network")
    monkeypatch.setattr(socket, "socket", no_network)
    monkeypatch.setattr(socket, "create_connection", no_network)
    dot = tmp_path / "dot.svg"
    dot.write_text('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>')
    secret = tmp_path / "secret.css"
    secret.write_text("h1 { color: red }")
    loaded = engine.load()
    fetcher = engine._fetcher_class(loaded.module)("https://site.example/", {"assets/dot.svg": dot})
    assert fetcher.fetch("https://site.example/assets/dot.svg").read() == dot.read_bytes()
    for url in ("https://example.org/x.css", f"file://{secret}", "https://site.example/../secret.css",
                "https://site.example.evil/assets/dot.svg", "data:text/css,h1{color:red}", "ftp://site.example/assets/dot.svg"):
        with pytest.raises(ValueError, match="sitegen does not fetch"):
            fetcher.fetch(url)
    page = (f'<html lang="en"><head><title>T</title><link rel="stylesheet" href="https://example.org/x.css">'
            f'<link rel="stylesheet" href="file://{secret}"></head><body><h1>Title</h1>'
            f'<img alt="remote" src="http://example.org/a.png"><img alt="dot" src="../assets/dot.svg"></body></html>')
    pdf = engine.render(loaded, page, page_url="https://site.example/t/", site_url="https://site.example/",
                        files={"assets/dot.svg": dot})
    assert pdf.startswith(b"%PDF-1.7")


def test_print_preview_of_a_draft_is_watermarked_and_written_nowhere(site, tmp_path: Path) -> None:
    root = site({"content/draft.md": leaflet("Work in progress", status="draft"),
                 "content/ready.md": leaflet("Ready to go")})
    builder = PreviewBuilder(load_config(root), folder=tmp_path / "preview")
    assert builder(None).ok
    page = (tmp_path / "preview/site/draft/index.html").read_text(encoding="utf-8")
    assert '<a href="print-preview.pdf" type="application/pdf">Download a print preview<span class="download__meta"> (PDF)</span></a>' in page
    body, kind = builder.print_preview("/draft/print-preview.pdf")
    assert kind == "application/pdf"
    (tmp_path / "draft.pdf").write_bytes(body)
    words = " ".join(text(tmp_path / "draft.pdf").split())
    assert "Draft: not approved." in words and "Work in progress" in words and "Not approved" in words
    ready, _ = builder.print_preview("/ready/print-preview.pdf")
    (tmp_path / "ready.pdf").write_bytes(ready)
    assert "Draft" not in text(tmp_path / "ready.pdf")
    assert builder.print_preview("/nobody/print-preview.pdf") is None
    assert builder.print_preview("/draft/other.pdf") is None
    assert pdfs(root) == [] and pdfs(tmp_path / "preview") == []


def test_dev_server_serves_the_print_preview(site, tmp_path: Path) -> None:
    root = site({"content/draft.md": leaflet("Work in progress", status="draft")})
    builder = PreviewBuilder(load_config(root), folder=tmp_path / "preview")
    server = DevServer(builder, port=0, log=lambda line: None, on_demand=builder.print_preview).start()
    try:
        with urllib.request.urlopen(f"{server.url}draft/print-preview.pdf", timeout=60) as response:
            assert response.headers["Content-Type"] == "application/pdf"
            assert response.read().startswith(b"%PDF-")
        with pytest.raises(urllib.error.HTTPError) as missing:
            urllib.request.urlopen(f"{server.url}nobody/print-preview.pdf", timeout=60)
        assert missing.value.code == 404
    finally:
        server.stop()


def test_a_pdf_leaves_no_garbage_while_the_build_pauses_the_collector() -> None:
    """A build pauses Python's cyclic collector (build.gc_paused); a WeasyPrint document is
    a web of reference cycles, so each PDF used to stay in memory (2.8 GB more per worker
    at 1,000 leaflets). After render, nothing the document made is left to collect."""
    loaded = engine.load()
    if loaded.problem:
        pytest.skip(loaded.problem)
    page = ('<html lang="en"><head><title>T</title></head><body><h1>Title</h1>'
            + "<p>Some words in a paragraph, set in a box with parents and fonts.</p>" * 40 + "</body></html>")
    gc.collect()
    gc.disable()
    try:
        engine.render(loaded, page, page_url="https://site.example/t/", site_url="https://site.example/", files={})
        left = gc.collect()
    finally:
        gc.enable()
    assert left < 100, f"{left} objects of the document were left for the collector"
