"""The live-preview layer: a local HTTP server and a file watcher, given a builder.

It knows nothing about building a site: ``sitegen serve`` (``commands/serve.py``) hands
it a callable that builds the preview and reports a ``BuildOutcome``. Importing this
package does not import watchdog; ``serve()`` starts the watcher when it runs.
"""

from __future__ import annotations

from .pages import OVERLAY_FIX, OVERLAY_TITLE, RELOAD_JS
from .paths import resolve_request
from .server import DEFAULT_HOST, BuildOutcome, Builder, DevServer, serve
from .hosts import exposure_warning

__all__ = ["BuildOutcome", "Builder", "DEFAULT_HOST", "DevServer", "OVERLAY_FIX", "OVERLAY_TITLE", "RELOAD_JS",
           "exposure_warning", "resolve_request", "serve"]
