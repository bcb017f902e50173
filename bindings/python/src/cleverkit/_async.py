"""A faster ``_uniffi_rust_call_async`` for the generated module: how every ``AsyncClient``
coroutine awaits its Rust future.

UniFFI 0.32's generated loop (template ``bindings/python/templates/Async.py``) polls the Rust
future with a continuation callback that always goes through ``loop.call_soon_threadsafe``:

1. the first poll starts the call on a worker thread and returns PENDING;
2. the worker thread, once done, calls the callback (WAKE): ``call_soon_threadsafe`` writes to
   the loop's self-pipe, the loop wakes, sets the asyncio future, the task resumes;
3. the second poll finds the result and calls the callback at once, on the loop's own thread,
   inside the poll (READY): ``call_soon_threadsafe`` again, a second self-pipe write and read
   and two more loop iterations before the task can resume — for a result already there.

``install`` replaces that function (the generated async methods look it up in the module when
they run) with one that awaits the same Rust future the same way, except that:

- a callback on the thread that polled (step 3, and a WAKE inside the poll) sets the asyncio
  future directly: ``await`` then returns without a trip through the loop;
- callbacks from worker threads are batched per event loop: the first one of a batch wakes the
  loop (``call_soon_threadsafe``), the others only queue their result, so a loop that is busy
  takes many results per wakeup;
- the pending futures live in a plain dict keyed by the future's ``id``, without the
  generated handle map's lock and counter.

Cancellation is unchanged: a cancelled task's ``finally`` frees the Rust future, whose callback
then finds the asyncio future cancelled and leaves it. ``install`` checks that the generated
text it replaces is exactly what it expects and raises otherwise, so that a UniFFI upgrade
cannot silently change what it replaces: read the new template, then adapt this file.
"""

from __future__ import annotations

import asyncio
import collections
import inspect
import threading
from collections.abc import Callable
from types import ModuleType
from typing import Any

__all__ = ["install"]

# The generated text `install` replaces, exactly (UniFFI 0.32.2).
GENERATED = '''\
@_UNIFFI_RUST_FUTURE_CONTINUATION_CALLBACK
def _uniffi_continuation_callback(future_ptr, poll_code):
    (eventloop, future) = _UniffiContinuationHandleMap.remove(future_ptr)
    eventloop.call_soon_threadsafe(_uniffi_set_future_result, future, poll_code)

def _uniffi_set_future_result(future, poll_code):
    if not future.cancelled():
        future.set_result(poll_code)

async def _uniffi_rust_call_async(rust_future, ffi_poll, ffi_complete, ffi_free, lift_func, error_ffi_converter):
    try:
        eventloop = _uniffi_get_event_loop()

        # Loop and poll until we see a _UNIFFI_RUST_FUTURE_POLL_READY value
        while True:
            future = eventloop.create_future()
            ffi_poll(
                rust_future,
                _uniffi_continuation_callback,
                _UniffiContinuationHandleMap.insert((eventloop, future)),
            )
            poll_code = await future
            if poll_code == _UNIFFI_RUST_FUTURE_POLL_READY:
                break

        return lift_func(
            _uniffi_rust_call_with_error(error_ffi_converter, ffi_complete, rust_future)
        )
    finally:
        ffi_free(rust_future)
'''


class _Wakeups:
    """The poll results that worker threads hand to one event loop, taken in batches."""

    __slots__ = ("_call_soon_threadsafe", "_lock", "_ready", "_scheduled")

    def __init__(self, loop: asyncio.AbstractEventLoop) -> None:
        self._call_soon_threadsafe = loop.call_soon_threadsafe
        self._ready: collections.deque[tuple[asyncio.Future[int], int]] = collections.deque()
        self._lock = threading.Lock()
        self._scheduled = False

    def push(self, future: asyncio.Future[int], poll_code: int) -> None:
        """From any thread: `future` gets `poll_code` on the loop's thread."""
        self._ready.append((future, poll_code))
        with self._lock:
            if self._scheduled:
                return
            self._scheduled = True
        self._call_soon_threadsafe(self._drain)

    def _drain(self) -> None:
        # Cleared before taking the results: a result queued from now on wakes the loop again.
        with self._lock:
            self._scheduled = False
        ready = self._ready
        while ready:
            future, poll_code = ready.popleft()
            if not future.done():
                future.set_result(poll_code)


def install(module: ModuleType) -> None:
    """Replaces ``_uniffi_rust_call_async`` of the generated ``module`` (see above)."""
    source = inspect.getsource(module)
    if GENERATED not in source:
        raise ImportError(
            "cleverkit._async: the generated _uniffi_rust_call_async is not the one this file "
            "replaces (a UniFFI upgrade?): read the new template, then adapt cleverkit/_async.py"
        )
    get_event_loop: Callable[[], asyncio.AbstractEventLoop] = module._uniffi_get_event_loop
    call_with_error: Callable[..., Any] = module._uniffi_rust_call_with_error
    ready_code: int = module._UNIFFI_RUST_FUTURE_POLL_READY
    get_ident = threading.get_ident
    # id(asyncio future) -> (that future, the polling thread, its loop's wakeups). Only dict
    # operations, each atomic: no lock.
    waiting: dict[int, tuple[asyncio.Future[int], int, _Wakeups]] = {}
    take = waiting.pop
    wakeups: dict[asyncio.AbstractEventLoop, _Wakeups] = {}

    def wakeups_of(loop: asyncio.AbstractEventLoop) -> _Wakeups:
        found = wakeups.get(loop)
        if found is None:
            if loop.is_closed():
                raise RuntimeError("Event loop is closed")
            # Forget the loops that are closed (asyncio.run makes one per run).
            for closed in [known for known in wakeups if known.is_closed()]:
                del wakeups[closed]
            found = wakeups[loop] = _Wakeups(loop)
        return found

    @module._UNIFFI_RUST_FUTURE_CONTINUATION_CALLBACK  # type: ignore[untyped-decorator]
    def continuation(handle: int, poll_code: int) -> None:
        future, thread, loop_wakeups = take(handle)
        if get_ident() == thread:
            # Inside the poll, on the loop's thread: no trip through the loop.
            if not future.done():
                future.set_result(poll_code)
        else:
            loop_wakeups.push(future, poll_code)

    async def rust_call_async(
        rust_future: int,
        ffi_poll: Callable[..., None],
        ffi_complete: Callable[..., Any],
        ffi_free: Callable[[int], None],
        lift_func: Callable[[Any], Any],
        error_ffi_converter: Any,
    ) -> Any:
        try:
            loop = get_event_loop()
            entry_wakeups = wakeups_of(loop)
            thread = get_ident()
            create_future = loop.create_future
            while True:
                future: asyncio.Future[int] = create_future()
                handle = id(future)
                waiting[handle] = (future, thread, entry_wakeups)
                ffi_poll(rust_future, continuation, handle)
                if await future == ready_code:
                    break
            return lift_func(call_with_error(error_ffi_converter, ffi_complete, rust_future))
        finally:
            ffi_free(rust_future)

    # The ctypes callback must outlive every call: the module keeps it.
    setattr(module, "_cleverkit_continuation_callback", continuation)
    setattr(module, "_uniffi_rust_call_async", rust_call_async)
