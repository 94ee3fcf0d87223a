"""Which font files the PDFs will embed, as a cache key, without importing WeasyPrint.

The PDFs use the system's fonts (fontconfig finds them, WeasyPrint embeds a subset of
each). When a font package is upgraded, the files change and so must the PDFs. Asking
fontconfig directly takes a few milliseconds; importing WeasyPrint to ask would take
half a second on every build, even one with nothing to do.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import hashlib
import os

FACES = ("Liberation Sans", "Liberation Sans:bold", "Liberation Mono:bold", "Noto Naskh Arabic")
"""The faces print.css asks for (body, bold and headings, the fingerprint, Arabic-script
languages such as Urdu). Keep in step with its font-family rules."""


def fonts_key() -> str:
    """A hash of the file each face resolves to (path, size, modification time), or
    ``no-fontconfig`` when the library is missing (then no PDF can be made anyway)."""
    digest = hashlib.sha256()
    for face in FACES:
        path = _match(face)
        try:
            stat = os.stat(path) if path else None
        except OSError:
            stat = None
        digest.update(f"{face}\0{path}\0{stat and (stat.st_size, stat.st_mtime_ns)}\n".encode())
    return digest.hexdigest()


_library: ctypes.CDLL | None = None
_config: int | None = None


def _fontconfig() -> tuple[ctypes.CDLL, int] | None:
    global _library, _config
    if _library is None:
        name = ctypes.util.find_library("fontconfig")
        if not name:
            return None
        try:
            lib = ctypes.CDLL(name)
        except OSError:
            return None
        lib.FcInitLoadConfigAndFonts.restype = ctypes.c_void_p
        lib.FcNameParse.restype = ctypes.c_void_p
        lib.FcNameParse.argtypes = [ctypes.c_char_p]
        lib.FcConfigSubstitute.argtypes = [ctypes.c_void_p, ctypes.c_void_p, ctypes.c_int]
        lib.FcDefaultSubstitute.argtypes = [ctypes.c_void_p]
        lib.FcFontMatch.restype = ctypes.c_void_p
        lib.FcFontMatch.argtypes = [ctypes.c_void_p, ctypes.c_void_p, ctypes.POINTER(ctypes.c_int)]
        lib.FcPatternGetString.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int, ctypes.POINTER(ctypes.c_char_p)]
        lib.FcPatternDestroy.argtypes = [ctypes.c_void_p]
        _library, _config = lib, lib.FcInitLoadConfigAndFonts()
    return (_library, _config) if _config else None


def _match(face: str) -> str:
    found = _fontconfig()
    if found is None:
        return "no-fontconfig"
    lib, config = found
    pattern = lib.FcNameParse(face.encode())
    if not pattern:
        return ""
    try:
        lib.FcConfigSubstitute(config, pattern, 0)  # FcMatchPattern
        lib.FcDefaultSubstitute(pattern)
        result = ctypes.c_int()
        match = lib.FcFontMatch(config, pattern, ctypes.byref(result))
        if not match:
            return ""
        try:
            file = ctypes.c_char_p()
            lib.FcPatternGetString(match, b"file", 0, ctypes.byref(file))
            return os.fsdecode(file.value or b"")
        finally:
            lib.FcPatternDestroy(match)
    finally:
        lib.FcPatternDestroy(pattern)


def inputs_key() -> str:
    """What PDFs depend on outside the site's files (for the whole-build memo): fonts and WeasyPrint."""
    return f"{fonts_key()}|{weasyprint_version()}"


def weasyprint_version() -> str:
    from importlib import metadata  # 18 ms to import: only builds that make PDFs ask

    try:
        return metadata.version("weasyprint")
    except metadata.PackageNotFoundError:
        return "missing"
