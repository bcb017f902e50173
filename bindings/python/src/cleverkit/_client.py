"""``Client`` with ``close()`` and ``with``: the generated class, plus a way to let go of its
native object (and so its pooled keep-alive connections) at a known point.

The generated class frees the Rust object in ``__del__``, which CPython runs when the last
reference goes, but a reference kept by a traceback, a closure or a cycle delays that. This
subclass adds nothing else (but for a ``Client(closed)`` string form once closed): every call is
the generated method, the constructors are the generated class methods (they build ``cls``, so
they build this class).

Each generated call clones the handle (an ``Arc`` count) for its own use, so ``close()`` while
another thread is inside a call is safe: that call finishes with its own reference, and the
Rust object is dropped after it. A lock makes "read the handle, clone it" and "take the handle,
free it" exclusive, so a call never clones a handle that was just freed; calls after
``close()`` raise ``CleverError.InvalidInput``.
"""

from __future__ import annotations

import threading
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

    _lock: threading.Lock

    @classmethod
    def _uniffi_make_instance(cls, handle: int) -> Client:
        instance: Client = super()._uniffi_make_instance(handle)
        instance._lock = threading.Lock()
        return instance

    def _uniffi_clone_handle(self) -> int:
        with self._lock:
            if getattr(self, "_handle", None) is None:
                raise _ffi.CleverError.InvalidInput("the client is closed")
            handle: int = super()._uniffi_clone_handle()
            return handle

    @property
    def closed(self) -> bool:
        """True once ``close()`` has run."""
        return getattr(self, "_handle", None) is None

    def close(self) -> None:
        """Releases the native client and its idle connections; calls in progress finish.
        Calling it again does nothing."""
        with self._lock:
            if getattr(self, "_handle", None) is None:
                return
            # The generated __del__ frees `_handle`; it does nothing once `_handle` is None.
            super().__del__()
            self._handle = None  # type: ignore[assignment]

    def __enter__(self) -> Client:
        return self

    def __exit__(
        self,
        exc_type: Optional[type[BaseException]],
        exc_value: Optional[BaseException],
        traceback: Optional[TracebackType],
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        try:
            return super().__repr__()
        except _ffi.CleverError.InvalidInput:
            return "Client(closed)"

    def __str__(self) -> str:
        try:
            return super().__str__()
        except _ffi.CleverError.InvalidInput:
            return "Client(closed)"
