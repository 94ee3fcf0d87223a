"""Only approved leaflets and safe files are published (issue 11, items 2 and 3).

Before, every file in content/ that was not named exactly ``*.md`` was copied into
output/ as it was: ``Upper.MD``, ``backup.md.bak`` and ``copy of leaflet.md.txt`` put
unapproved text (and a hidden name) on the site, and ``help.html`` or an SVG with a
``<script>`` ran their scripts in a reader's browser, all with "Warnings: none". Now a
file in content/ is a leaflet, a file of an allowed type, ignored editor litter, or an
error that names it and says what to do, and nothing refused is ever copied.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers import leaflet, make_site, run_cli, tree
from sitegen.config import load_config
from sitegen.filenames import ContentKind, classify
from sitegen.inputs import discover
from sitegen.source import check_assets
from sitegen.svgcheck import check as check_svg

SECRET = "Unapproved wording by Jo Bloggs"
COPY = leaflet(f"Copy {SECRET}")

COPY_HINT = ("delete it or move it out of content/ (keep old versions in version control, not in content/); "
             "if it is the leaflet itself, rename it to end in '.md'")
WEB_HINT = ("write the text as a leaflet (.md) instead, or remove the file; "
            "the site's own styles and scripts belong in templates/static/")
REFUSED = [
    ("Upper.MD", "'Upper.MD' looks like a leaflet, but only names ending in '.md' (in small letters) are read as leaflets, so it is not published",
     "if it is a leaflet, rename it to 'Upper.md'; if not, move it out of content/"),
    ("other.markdown", "'other.markdown' looks like a leaflet, but only names ending in '.md' (in small letters) are read as leaflets, so it is not published",
     "if it is a leaflet, rename it to 'other.md'; if not, move it out of content/"),
    ("backup.md.bak", "'backup.md.bak' looks like a copy of a leaflet, and a copy is never published (its text has not been approved)", COPY_HINT),
    ("merge.md.orig", "'merge.md.orig' looks like a copy of a leaflet, and a copy is never published (its text has not been approved)", COPY_HINT),
    ("draft.md.rej", "'draft.md.rej' looks like a copy of a leaflet, and a copy is never published (its text has not been approved)", COPY_HINT),
    ("old.md.old", "'old.md.old' looks like a copy of a leaflet, and a copy is never published (its text has not been approved)", COPY_HINT),
    ("copy of leaflet.md.txt", "'copy of leaflet.md.txt' looks like a copy of a leaflet, and a copy is never published (its text has not been approved)", COPY_HINT),
    ("Asthma.MD.txt", "'Asthma.MD.txt' looks like a copy of a leaflet, and a copy is never published (its text has not been approved)", COPY_HINT),
    ("images/spacer.png.orig", "'spacer.png.orig' looks like a backup or a leftover from merging changes, and is never published",
     "delete it, or move it out of content/"),
    ("..md", "the file name '..md' has nothing before '.md', so it cannot become a page address",
     "rename it after what the leaflet is about, for example asthma.md"),
    ("help.html", "'help.html' is a web page or script, and sitegen never publishes those from content/, because they could run code in a reader's browser", WEB_HINT),
    ("old/page.HTM", "'page.HTM' is a web page or script, and sitegen never publishes those from content/, because they could run code in a reader's browser", WEB_HINT),
    ("x.xhtml", "'x.xhtml' is a web page or script, and sitegen never publishes those from content/, because they could run code in a reader's browser", WEB_HINT),
    ("js/app.js", "'app.js' is a web page or script, and sitegen never publishes those from content/, because they could run code in a reader's browser", WEB_HINT),
    ("notes.txt", "sitegen does not publish files ending in '.txt', so 'notes.txt' is not published",
     "remove it or move it out of content/; content/ holds leaflets (.md) and the files they need: images (.png, .jpg, .gif, .webp, .avif, .svg), "
     "PDF, audio, video, captions (.vtt) and office documents (.docx, .odt, .xlsx, .pptx and similar)"),
    ("README", "sitegen does not publish files without a type at the end of their name (like .png or .pdf), so 'README' is not published",
     "remove it or move it out of content/; content/ holds leaflets (.md) and the files they need: images (.png, .jpg, .gif, .webp, .avif, .svg), "
     "PDF, audio, video, captions (.vtt) and office documents (.docx, .odt, .xlsx, .pptx and similar)"),
]


def built_files(root: Path) -> set[str]:
    return {p.relative_to(root / "output").as_posix() for p in (root / "output").rglob("*") if p.is_file()}


@pytest.mark.parametrize(("name", "message", "hint"), REFUSED, ids=[r[0] for r in REFUSED])
def test_a_file_that_is_not_a_leaflet_or_a_safe_type_stops_the_build(site, name: str, message: str, hint: str) -> None:
    root = site({"content/asthma.md": leaflet(), f"content/{name}": COPY,
                 "output/.sitegen-output": "{}", "output/index.html": "<p>last good build</p>"})
    before = tree(root / "output")
    result = run_cli("build", "--site", str(root))
    assert result.code == 1, result.err
    assert f"content/{name}: error: {message} [frontmatter]\n    hint: {hint}\n" in result.err
    assert [line for line in result.err.splitlines() if ": error: " in line] == [f"content/{name}: error: {message} [frontmatter]"]
    assert "Traceback" not in result.err
    assert tree(root / "output") == before


def test_a_refused_file_is_never_a_page_or_a_file_to_copy(tmp_path: Path) -> None:
    """What is refused is left out of what the build copies, not only reported: safety does
    not hang on the build stopping."""
    names = [name for name, _, _ in REFUSED]
    root = make_site(tmp_path, {"content/asthma.md": leaflet(), "content/images/logo.svg": SVG.format(body="<script>alert(1)</script>"),
                                "content/images/safe.svg": SVG.format(body=SAFE_DRAWING), **{f"content/{name}": COPY for name in names}})
    config = load_config(root)
    pages, assets, problems = discover(config)
    safe, svg_problems = check_assets(config, assets)
    assert [p.name for p in pages] == ["asthma.md"]
    assert sorted(p.name for p in safe) == ["safe.svg"]
    assert sorted(f.path for f in problems + svg_problems) == sorted([f"content/{n}" for n in names] + ["content/images/logo.svg"])


def test_files_a_leaflet_needs_are_published_byte_for_byte(site) -> None:
    files = {"content/asthma.md": leaflet(), "content/images/Spacer.PNG": b"\x89PNG\r\n\x1a\n",
             "content/leaflets/easy read.pdf": b"%PDF-1.7\n", "content/audio/intro.mp3": b"ID3",
             "content/video/how-to.webm": b"\x1aE\xdf\xa3", "content/video/how-to.vtt": "WEBVTT\n",
             "content/forms/diary.docx": b"PK\x03\x04", "content/images/safe.svg": SVG.format(body=SAFE_DRAWING)}
    root = site(files)
    result = run_cli("build", "--site", str(root))
    assert result.code == 0, result.err
    for name, data in files.items():
        if not name.endswith(".md"):
            written = (root / "output" / name.removeprefix("content/")).read_bytes()
            assert written == (data if isinstance(data, bytes) else data.encode())


@pytest.mark.parametrize("name", ["x.md~", ".x.md.swp", "#x.md#", ".notes.md", "Thumbs.db"])
def test_editor_litter_is_still_skipped_without_a_word(name: str) -> None:
    """An editor makes and removes these while someone types: never published, never reported."""
    assert classify(name) == (ContentKind.IGNORED, None)


@pytest.mark.parametrize("name", ["asthma.md", "日本語.md", "clefyd-siwgr.md", "ذیابیطس.md", "Dr. Smith.md"])
def test_leaflets_are_names_ending_in_md(name: str) -> None:
    assert classify(name) == (ContentKind.LEAFLET, None)


# --- SVG ----------------------------------------------------------------------------

SVG = '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 10 10">\n{body}\n</svg>\n'
SAFE_DRAWING = ('<title>A circle</title><defs><linearGradient id="g"><stop offset="0" stop-color="#005eb8"/></linearGradient></defs>'
                '<style>circle { stroke: #212b32; }</style><circle cx="5" cy="5" r="4" fill="url(#g)"/><use href="#g"/>'
                '<image href="data:image/png;base64,iVBORw0KGgo=" width="1" height="1"/>')
REMOVE = ("remove it in a drawing program or text editor, or export the image again as plain SVG "
          "(Inkscape: Save As, Plain SVG) or as PNG")
OUTSIDE = 'put the picture inside the SVG, or use a reference to an element of the same file (href="#id")'
UNSAFE_SVG = [
    ("script", "<script>alert(1)</script>", "2:1", "this SVG contains a <script>, which would run in a reader's browser", REMOVE),
    ("xhtml-script", '<h:script xmlns:h="http://www.w3.org/1999/xhtml">alert(1)</h:script>', "2:1",
     "this SVG contains a <script>, which would run in a reader's browser", REMOVE),
    ("onload", '<rect width="1" height="1" onload="alert(1)"/>', "2:1",
     "the <rect> element has an event handler (onload=\"...\"), which would run a script in a reader's browser", REMOVE),
    ("OnClick", '<circle r="1" OnClick="alert(1)"/>', "2:1",
     "the <circle> element has an event handler (OnClick=\"...\"), which would run a script in a reader's browser", REMOVE),
    ("foreignObject", '<foreignObject><p xmlns="http://www.w3.org/1999/xhtml">hi</p></foreignObject>', "2:1",
     "this SVG contains a <foreignObject>, which can hold a web page and scripts", REMOVE),
    ("a-javascript", '<a href="javascript:alert(1)"><rect width="1" height="1"/></a>', "2:1",
     "this SVG contains <a>, which can turn a link or an attribute into a script", REMOVE),
    ("set", '<set attributeName="href" to="javascript:alert(1)"/>', "2:1",
     "this SVG contains <set>, which can turn a link or an attribute into a script", REMOVE),
    ("use-outside", '<use href="https://example.org/x.svg#a"/>', "2:1",
     'the <use> element refers to something outside this image (href="https://example.org/x.svg#a")', OUTSIDE),
    ("xlink-image", '<image xlink:href="/etc/passwd"/>', "2:1",
     'the <image> element refers to something outside this image (href="/etc/passwd")', OUTSIDE),
    ("svg-data", '<image href="data:image/svg+xml;base64,PHN2Zz4="/>', "2:1",
     'the <image> element refers to something outside this image (href="data:image/svg+xml;base64,PHN2Zz4=")', OUTSIDE),
    ("fill-url", '<rect width="1" height="1" fill="url(https://example.org/p.svg#g)"/>', "2:1",
     'the fill="..." attribute of <rect> refers to another file or runs code',
     "use colours, or url(#id) for a gradient, pattern or filter inside the same file"),
    ("style-import", "<style>@import url(https://example.org/a.css);</style>", "2:8",
     "a <style> in this SVG refers to another file or runs code (url(...), @import or a script address)",
     "keep only colours, lines and fonts in the style, or use url(#id) for a gradient inside the file"),
]


@pytest.mark.parametrize(("case", "body", "where", "message", "hint"), UNSAFE_SVG, ids=[c[0] for c in UNSAFE_SVG])
def test_an_svg_that_could_run_code_or_fetch_a_file_stops_the_build(site, case: str, body: str, where: str,
                                                                      message: str, hint: str) -> None:
    root = site({"content/asthma.md": leaflet(), "content/images/logo.svg": SVG.format(body=body)})
    result = run_cli("build", "--site", str(root))
    assert result.code == 1, result.err
    line = f"content/images/logo.svg:{where}: error: {message}, so the image is not published [frontmatter]"
    assert f"{line}\n    hint: {hint}\n" in result.err
    assert [x for x in result.err.splitlines() if ": error: " in x] == [line]
    assert not (root / "output").exists()


@pytest.mark.parametrize(("raw", "message"), [
    (b'<?xml version="1.0"?>\n<!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n<svg xmlns="http://www.w3.org/2000/svg">&x;</svg>',
     "this SVG defines its own entities (<!DOCTYPE ... [ ... ]>), which can bring in text from elsewhere"),
    (b'<?xml version="1.0"?>\n<?xml-stylesheet href="https://example.org/a.css"?>\n<svg xmlns="http://www.w3.org/2000/svg"/>',
     "this SVG has a processing instruction (<?xml-stylesheet ...?>), which can load a style sheet from elsewhere"),
    (b"<html><script>alert(1)</script></html>",
     "this file does not start with an <svg> element in the SVG namespace, so it is not an SVG image"),
    (b"<svg", "this SVG cannot be read (unclosed token)"),
    (b"", "this SVG cannot be read (no element found)"),
])
def test_svgs_that_are_not_plain_drawings_are_refused(raw: bytes, message: str) -> None:
    problem = check_svg(raw)
    assert problem is not None and problem.message == message


def test_drawings_from_editors_pass(tmp_path: Path) -> None:
    """Inkscape's own notes, the standard SVG 1.1 DOCTYPE line and the example site's image are fine."""
    inkscape = (b'<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n'
                b'<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">\n'
                b'<svg xmlns="http://www.w3.org/2000/svg" xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape" '
                b'xmlns:sodipodi="http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd" inkscape:version="1.2">'
                b'<sodipodi:namedview id="nv" inkscape:zoom="1"/><g inkscape:label="Layer 1"><path d="M0 0h1"/></g></svg>')
    assert check_svg(inkscape) is None
    example = Path(__file__).resolve().parent.parent / "content" / "images"
    assert [p.name for p in example.glob("*.svg") if check_svg(p.read_bytes()) is not None] == []
