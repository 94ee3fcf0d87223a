"""The feedback log: what readers told us, and what we did about it (contract, "Additions").

``log`` reads ``feedback/<id>.yml`` strictly; ``checks`` judges the log against the
leaflets (ids that do not exist, feedback left unanswered); ``public`` chooses what the
"You said, we did" page may show. The log itself is never copied into the built site.
"""

from __future__ import annotations

from .log import FEEDBACK_DIR, FeedbackItem, read_log

__all__ = ["FEEDBACK_DIR", "FeedbackItem", "read_log"]
