"""A value kept pickled until something reads it.

An analysed leaflet has a small part every cross-page step reads (its front matter, headings,
links and findings) and a large part only its own page, its PDF, the search index and the
reading-age report read (the plain-English facts and the rendered body: measured at 5,000
generated leaflets, 9 KB of each 20 KB cached page and most of its objects). Keeping the large
part as bytes means a one-leaflet edit does not unpickle, and the parent process does not hold,
every leaflet's body: the worker that analysed a leaflet pickles it once, and it is unpickled
only by the process that renders that page.
"""

from __future__ import annotations

import pickle
from typing import Any, Generic, TypeVar

T = TypeVar("T")

_UNREAD = object()


class Deferred(Generic[T]):
    """``value`` unpickles the bytes the first time it is read; pickling a ``Deferred`` copies
    its bytes as they are (never unpickles and pickles again)."""

    __slots__ = ("blob", "_value")

    def __init__(self, blob: bytes) -> None:
        self.blob = blob
        self._value: Any = _UNREAD

    @classmethod
    def of(cls, value: T) -> "Deferred[T]":
        made: Deferred[T] = cls(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
        made._value = value
        return made

    @property
    def value(self) -> T:
        if self._value is _UNREAD:
            self._value = pickle.loads(self.blob)
        return self._value

    @property
    def read(self) -> bool:
        """Whether the bytes have been unpickled in this process (for tests and profiles)."""
        return self._value is not _UNREAD

    def __reduce__(self) -> tuple:
        return (Deferred, (self.blob,))

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Deferred) and self.blob == other.blob

    def __hash__(self) -> int:
        return hash(self.blob)

    def __repr__(self) -> str:
        return f"Deferred({len(self.blob)} bytes)"
