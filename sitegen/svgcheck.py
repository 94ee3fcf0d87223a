"""Is an SVG image safe to publish? An allow-list reading of the file, never a rewrite.

An SVG is a document: opened on its own (a reader follows a link to it, or a search
engine shows it) it runs its scripts and event handlers, shows embedded HTML
(``foreignObject``) and fetches what it refers to. A leaflet needs none of that, so an
SVG is published byte for byte when every element is a drawing element on the
allow-list below and nothing refers outside the file; otherwise the build stops and
says which line to fix. Refusing, not cleaning, keeps "what was approved is what is
published" true for images too.

The file is read with expat (the parser in Python's standard library) with every
entity definition refused, so no entity is ever expanded or fetched.
"""

from __future__ import annotations

import re
import xml.parsers.expat
from dataclasses import dataclass

SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"

SVG_ELEMENTS = frozenset("""
svg g defs desc title metadata symbol use switch view
path rect circle ellipse line polyline polygon
text tspan textpath
lineargradient radialgradient stop pattern clippath mask marker
filter feblend fecolormatrix fecomponenttransfer fecomposite feconvolvematrix fediffuselighting
fedisplacementmap fedistantlight fedropshadow feflood fefunca fefuncb fefuncg fefuncr fegaussianblur
feimage femerge femergenode femorphology feoffset fepointlight fespecularlighting fespotlight fetile
feturbulence image style
""".split())
"""Drawing elements (compared in small letters): DOMPurify's SVG and SVG-filter allow-lists
(cure53/DOMPurify, src/tags.js), without ``a`` (a link can be ``javascript:``), the animation
elements (``set`` and ``animate`` can write a ``javascript:`` address into an attribute) and
the old SVG font elements. ``script`` and ``foreignObject`` are never allowed."""

INERT_NAMESPACES = frozenset({
    "http://www.inkscape.org/namespaces/inkscape",
    "http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd",
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "http://creativecommons.org/ns#",
    "http://purl.org/dc/elements/1.1/",
    "http://ns.adobe.com/AdobeIllustrator/10.0/",
    "http://ns.adobe.com/Extensibility/1.0/",
    "http://ns.adobe.com/SaveForWeb/1.0/",
})
"""Editors' own notes in a drawing (Inkscape, Sodipodi, RDF licence data, Illustrator):
browsers neither show nor run elements in these namespaces, so they may stay. Anything in
another namespace (XHTML, MathML, unknown) is refused."""

_LOCAL_REF = re.compile(r"\s*#")
_IMAGE_DATA = re.compile(r"\s*data:image/(png|jpeg|gif|webp|avif);base64,", re.IGNORECASE)
"""A picture inside the SVG itself: a raster image as data. Not data:image/svg+xml (a document again)."""
_URL = re.compile(r"url\s*\(\s*['\"]?\s*(?!#)", re.IGNORECASE)
"""A CSS ``url(...)`` that is not a reference inside the file (``url(#gradient)`` is)."""
_CSS_DANGER = re.compile(r"@import|expression\s*\(|javascript:|-moz-binding|behavior\s*:", re.IGNORECASE)


@dataclass(frozen=True)
class SvgProblem:
    line: int
    column: int
    message: str
    hint: str


class _Refused(Exception):
    def __init__(self, problem: SvgProblem):
        self.problem = problem


_REMOVE = "remove it in a drawing program or text editor, or export the image again as plain SVG (Inkscape: Save As, Plain SVG) or as PNG"


def check(raw: bytes) -> SvgProblem | None:
    """None if the SVG holds only drawing, else the first thing that makes it unsafe."""
    parser = xml.parsers.expat.ParserCreate(namespace_separator=" ")
    state = {"root": True, "style": 0}

    def refuse(message: str, hint: str = _REMOVE) -> None:
        raise _Refused(SvgProblem(parser.CurrentLineNumber, parser.CurrentColumnNumber + 1, message, hint))

    def doctype(_name, _system, _public, internal_subset) -> None:
        if internal_subset:  # the standard SVG 1.1 line, with nothing defined in it, is harmless
            entity()

    def entity(*_args) -> None:
        refuse("this SVG defines its own entities (<!DOCTYPE ... [ ... ]>), which can bring in text from elsewhere",
               "delete the <!DOCTYPE ...> line and anything it defines; SVG images do not need one")

    def instruction(target: str, _data: str) -> None:
        refuse(f"this SVG has a processing instruction (<?{target} ...?>), which can load a style sheet from elsewhere",
               f"delete the <?{target} ...?> line")

    def start(name: str, attributes: dict[str, str]) -> None:
        namespace, _, local = name.rpartition(" ")
        if state["root"] and (namespace, local) != (SVG_NS, "svg"):
            refuse("this file does not start with an <svg> element in the SVG namespace, so it is not an SVG image",
                   'the first element must be <svg xmlns="http://www.w3.org/2000/svg" ...>; export the image again from a drawing program')
        state["root"] = False
        if namespace in INERT_NAMESPACES:
            return
        if namespace != SVG_NS or local.casefold() not in SVG_ELEMENTS:
            refuse(_element_message(local), _REMOVE)
        if local.casefold() == "style":
            state["style"] += 1
        for key, value in attributes.items():
            _check_attribute(key, value, local, refuse)

    def end(name: str) -> None:
        if name.rpartition(" ")[2].casefold() == "style":
            state["style"] -= 1

    def text(data: str) -> None:
        if state["style"] and (_URL.search(data) or _CSS_DANGER.search(data)):
            refuse("a <style> in this SVG refers to another file or runs code (url(...), @import or a script address)",
                   "keep only colours, lines and fonts in the style, or use url(#id) for a gradient inside the file")

    parser.StartDoctypeDeclHandler = doctype
    parser.EntityDeclHandler = entity
    parser.ProcessingInstructionHandler = instruction
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = text
    try:
        parser.Parse(raw, True)
    except _Refused as refused:
        return refused.problem
    except xml.parsers.expat.ExpatError as exc:
        return SvgProblem(exc.lineno, exc.offset + 1, f"this SVG cannot be read ({xml.parsers.expat.errors.messages[exc.code]})",
                          "open it in a drawing program and save it again, or export it as PNG")
    if state["root"]:
        return SvgProblem(1, 1, "this SVG file is empty", "export the image again, or remove the file")
    return None


def _element_message(local: str) -> str:
    folded = local.casefold()
    if folded == "script":
        return "this SVG contains a <script>, which would run in a reader's browser"
    if folded == "foreignobject":
        return "this SVG contains a <foreignObject>, which can hold a web page and scripts"
    if folded in ("a", "set") or folded.startswith("animate"):
        return f"this SVG contains <{local}>, which can turn a link or an attribute into a script"
    return f"this SVG contains <{local}>, which is not a drawing element sitegen allows in images"


def _check_attribute(key: str, value: str, element: str, refuse) -> None:
    namespace, _, local = key.rpartition(" ")
    folded = local.casefold()
    if folded.startswith("on"):
        refuse(f"the <{element}> element has an event handler ({local}=\"...\"), which would run a script in a reader's browser")
    if folded == "href" and namespace in ("", XLINK_NS):
        if _LOCAL_REF.match(value) or (element.casefold() == "image" and _IMAGE_DATA.match(value)):
            return
        refuse(f"the <{element}> element refers to something outside this image ({local}=\"{value[:60]}\")",
               "put the picture inside the SVG, or use a reference to an element of the same file (href=\"#id\")")
    if namespace in INERT_NAMESPACES:
        return
    if _URL.search(value) or _CSS_DANGER.search(value):
        refuse(f"the {local}=\"...\" attribute of <{element}> refers to another file or runs code",
               "use colours, or url(#id) for a gradient, pattern or filter inside the same file")
