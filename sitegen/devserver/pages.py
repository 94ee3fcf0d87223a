"""The HTML the preview server adds to pages, or sends itself.

The live-reload script and, after a failed build, the error overlay are added to HTML
responses as they are sent (never written to disk); small pages of its own cover
"no good build yet", "not found" and refused requests.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from http import HTTPStatus

PREFIX = "/__sitegen__/"
"""Where the server's own endpoints live (the reload script and the long-poll)."""

RELOAD_JS = """\
// sitegen serve: live reload. Added to pages by the preview server only; never written to disk.
// It long-polls /__sitegen__/reload?since=<build id>. The server answers once a build has
// finished with a different id, and only then does the page reload (the build-id handshake).
(function () {
  "use strict";
  var script = document.currentScript;
  var build = script ? script.getAttribute("data-build") || "" : "";
  var retry = 1000;

  function poll() {
    fetch("/__sitegen__/reload?since=" + encodeURIComponent(build), { cache: "no-store", credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) { throw new Error("status " + response.status); }
        return response.json();
      })
      .then(function (data) {
        retry = 1000;
        if (data && typeof data.build === "string" && data.build !== build) {
          window.location.reload();
        } else {
          poll();
        }
      })
      .catch(function () {
        // The server is restarting or busy: try again, more slowly each time.
        setTimeout(poll, retry);
        retry = Math.min(retry * 2, 10000);
      });
  }

  var hide = document.getElementById("sitegen-error-hide");
  if (hide) {
    hide.hidden = false;
    hide.addEventListener("click", function () {
      var overlay = document.getElementById("sitegen-error-overlay");
      if (overlay) { overlay.hidden = true; }
    });
  }
  poll();
})();
"""
"""Served from /__sitegen__/reload.js (an external file, so a strict Content-Security-Policy still allows it)."""

OVERLAY_TITLE = "This preview is out of date: sitegen found a problem"
PAGE_OVERLAY_TITLE = "sitegen found a problem in this leaflet"
"""Over a leaflet whose own file has errors, while the rest of the site builds (our own wording, needs review)."""
PAGE_OVERLAY_NOTE = "The rest of the preview is up to date. This leaflet cannot be published until these are fixed."
OVERLAY_FIX = "Fix the file and save it; this message will go away by itself."


def reload_tag(build_id: str) -> str:
    return f'<script src="{PREFIX}reload.js" data-build="{html.escape(build_id)}"></script>'


def _error_list(errors: Sequence[str]) -> str:
    shown = errors or ("The build failed without a message.",)
    return "".join(f'<pre style="white-space:pre-wrap;margin:.5em 0;padding:.5em;background:#f0f4f5;'
                   f'border-left:4px solid #d5281b;font:15px/1.4 monospace">{html.escape(e)}</pre>' for e in shown)


def overlay_html(errors: Sequence[str], own: bool = False) -> str:
    """The error panel shown over the last good page after a failed build (readable, and announced);
    ``own``: over a page whose own file has the errors, while the rest of the site built."""
    title = PAGE_OVERLAY_TITLE if own else OVERLAY_TITLE
    note = f"{PAGE_OVERLAY_NOTE} {OVERLAY_FIX}" if own else OVERLAY_FIX
    return ('<div id="sitegen-error-overlay" role="alert" aria-labelledby="sitegen-error-title" '
            'style="position:fixed;top:0;left:0;right:0;max-height:85vh;overflow:auto;z-index:2147483647;'
            'box-sizing:border-box;padding:1em 1.5em;background:#fff;color:#212b32;border-bottom:6px solid #d5281b;'
            'box-shadow:0 4px 12px rgba(0,0,0,.35);font:17px/1.5 system-ui,-apple-system,Segoe UI,Arial,sans-serif">'
            f'<h2 id="sitegen-error-title" style="margin:0 0 .5em;font-size:1.3em;color:#d5281b">{title}</h2>'
            f'<p style="margin:0 0 .5em">{note}</p>'
            f'{_error_list(errors)}'
            '<button type="button" id="sitegen-error-hide" hidden style="font:inherit;padding:.25em .75em">'
            'Hide this message</button></div>')


def inject(body: bytes, build_id: str, errors: Sequence[str] | None, own: bool = False) -> bytes:
    """Add the reload script (and the overlay when ``errors`` is given) to an HTML page, at serve time only."""
    text = body.decode("utf-8", errors="surrogateescape")
    if errors is not None:
        # Right after <body> so screen readers meet the problem first; the panel is fixed on top.
        match = re.search(r"<body\b[^>]*>", text, re.IGNORECASE)
        at = match.end() if match else 0
        text = text[:at] + overlay_html(errors, own) + text[at:]
    tag = reload_tag(build_id)
    end = text.lower().rfind("</body>")
    text = text[:end] + tag + text[end:] if end >= 0 else text + tag
    return text.encode("utf-8", errors="surrogateescape")


def error_page(errors: Sequence[str], build_id: str) -> bytes:
    """Shown for every page while no build has succeeded yet (status 503)."""
    page = ('<!doctype html><html lang="en"><head><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            f'<title>sitegen: the preview could not be built</title></head>'
            '<body style="font:17px/1.5 system-ui,Arial,sans-serif;max-width:60em;margin:2em auto;padding:0 1em">'
            '<main><h1>sitegen could not build the preview</h1>'
            f'<p>{OVERLAY_FIX} This page will reload when the build works.</p>'
            f'{_error_list(errors)}</main></body></html>')
    return inject(page.encode(), build_id, None)


NOT_FOUND_PAGE = (b'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Page not found</title></head>'
                  b'<body><main><h1>Page not found</h1><p>There is no page at this address in the preview.</p>'
                  b'<p><a href="/">Go to the home page</a></p></main></body></html>')


def plain_page(status: int) -> bytes:
    try:
        phrase = HTTPStatus(status).phrase
    except ValueError:
        phrase = "Error"
    return (f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{status} {phrase}</title></head>'
            f'<body><h1>{status} {phrase}</h1></body></html>').encode()


def host_page() -> bytes:
    return ('<!doctype html><html lang="en"><head><meta charset="utf-8"><title>403 Forbidden</title></head><body>'
            '<h1>This address is not allowed</h1><p>Open the preview at http://localhost (with its port), or start '
            'sitegen serve with --allowed-host for this name.</p></body></html>').encode()
