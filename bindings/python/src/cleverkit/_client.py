"""``Client`` as a context manager: the generated class, plus ``with`` and ``closed``.

``close()`` and ``is_closed()`` are the generated methods: the Rust object lets go of the core
client (and its pooled keep-alive connections), calls in progress in other threads finish with
their own reference, and later calls raise ``CleverError.InvalidInput``. This subclass adds only
what Python expects on top of them; every call and constructor is the generated one (the
constructors build ``cls``, so they build this class).
"""

from __future__ import annotations

from types import TracebackType
from typing import Optional

from .cleverkit import cleverkit_ffi as _ffi

__all__ = ["Client"]


class Client(_ffi.Client):
    """Clever Cloud's API client. Thread-safe: share one across threads; connections are pooled.

    Use it in a ``with`` block, or call ``close()``, to release its connections at once::

        with cleverkit.Client.from_environment() as client:
            print(client.myself().email)
    """

    @property
    def closed(self) -> bool:
        """True once ``close()`` has run (``is_closed()``)."""
        return self.is_closed()

    def __enter__(self) -> Client:
        return self

    def __exit__(
        self,
        exc_type: Optional[type[BaseException]],
        exc_value: Optional[BaseException],
        traceback: Optional[TracebackType],
    ) -> None:
        self.close()
