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

On Unix (when the library exports them: ``bindings/ffi/src/python_wake.rs``) and on a loop that
watches sockets, it goes further: it polls through ``cleverkit_python_poll`` with a
continuation callback written in Rust, so worker threads never enter Python (no GIL, no thread
state per callback). The callback queues the result in the library for the loop's channel and
writes one byte to a socket pair the loop watches (``add_reader``) when the queue was empty; the
loop then takes every queued result at once. A result found inside the poll is returned by the
poll itself. Other loops (asyncio's ProactorEventLoop on Windows) take the path above.

Cancellation is unchanged: a cancelled task's ``finally`` frees the Rust future, whose callback
then finds the asyncio future cancelled and leaves it.

Nothing of this costs a script that never awaits: ``install`` only puts a stand-in in the
module's place, which builds the real function on the first ``AsyncClient`` call (an event
loop is running then, so ``asyncio`` is loaded already). The generated module's own
``import asyncio`` (about 40 ms) is deferred too: ``deferred_asyncio`` gives it a placeholder
module that imports ``asyncio`` on its first attribute access.

The generated text this file replaces is ``GENERATED``, exactly. The tests compare it with the
installed generated module (``tests/test_sourceless.py``), so a UniFFI upgrade that changes it
fails there: read the new template, then adapt this file. At run time, where the ``.py`` source
may be absent (``compileall -b``, PyInstaller), ``install`` checks what the code object shows
(its parameters and the names it uses) and refuses to import when that differs.
"""

from __future__ import annotations

import collections
import ctypes
import itertools
import sys
import threading
import types
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from types import ModuleType
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import asyncio
    import socket

__all__ = ["GENERATED", "deferred_asyncio", "install"]

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


SEQUENCE_BITS = 40
SEQUENCE_MASK = (1 << SEQUENCE_BITS) - 1
TAKEN_AT_ONCE = 256


class _Channel:
    """One loop's channel in the library (``bindings/ffi/src/python_wake.rs``): worker threads
    queue their results there without entering Python, and write a byte to a socket the loop
    watches when the queue was empty; the loop takes them all at once."""

    __slots__ = ("_buffer", "_lib", "_reader", "_take", "_writer", "futures", "number", "sequences")

    def __init__(self, loop: asyncio.AbstractEventLoop, lib: Any) -> None:
        import socket  # on the first AsyncClient call only

        self._reader: socket.socket
        self._writer: socket.socket
        self._reader, self._writer = socket.socketpair()
        self._reader.setblocking(False)
        self._writer.setblocking(False)
        try:
            # Not every loop watches sockets (asyncio's ProactorEventLoop on Windows).
            loop.add_reader(self._reader.fileno(), self._drain)
        except NotImplementedError:
            self._reader.close()
            self._writer.close()
            raise
        self._lib = lib
        self._take = lib.cleverkit_python_channel_take
        self.number: int = lib.cleverkit_python_channel_open(self._writer.fileno())
        self._buffer = (ctypes.c_uint64 * TAKEN_AT_ONCE)()
        self.futures: dict[int, asyncio.Future[int]] = {}
        self.sequences = itertools.count(1)

    def _drain(self) -> None:
        # The byte first, then the results: a result queued after the take writes a new byte.
        try:
            while self._reader.recv(4096):
                pass
        except BlockingIOError:
            pass
        buffer, futures, take, number = self._buffer, self.futures, self._take, self.number
        while True:
            count = take(number, buffer, TAKEN_AT_ONCE)
            for value in buffer[:count]:
                future = futures.pop(value >> 8, None)
                if future is not None and not future.done():
                    future.set_result(value & 0xFF)
            if count < TAKEN_AT_ONCE:
                return

    def close(self) -> None:
        """After its loop closed: the library forgets the channel before its socket closes."""
        self._lib.cleverkit_python_channel_close(self.number)
        self._reader.close()
        self._writer.close()


def _native(lib: Any) -> bool:
    """Whether the library has the channel functions (Unix builds), typed for ctypes."""
    try:
        functions = (
            lib.cleverkit_python_channel_open,
            lib.cleverkit_python_channel_close,
            lib.cleverkit_python_channel_take,
            lib.cleverkit_python_poll,
        )
    except AttributeError:
        return False
    opened, closed, take, poll = functions
    opened.argtypes, opened.restype = (ctypes.c_int32,), ctypes.c_uint64
    closed.argtypes, closed.restype = (ctypes.c_uint64,), None
    take.argtypes = (ctypes.c_uint64, ctypes.POINTER(ctypes.c_uint64), ctypes.c_size_t)
    take.restype = ctypes.c_size_t
    poll.argtypes, poll.restype = (ctypes.c_void_p, ctypes.c_uint64, ctypes.c_uint64), ctypes.c_int8
    return True


# What the generated function's code object shows: its parameters, and the module's names it
# uses (the continuation callback, the handle map, the ready code, the completing call).
PARAMETERS = (
    "rust_future",
    "ffi_poll",
    "ffi_complete",
    "ffi_free",
    "lift_func",
    "error_ffi_converter",
)
NAMES_USED = frozenset(
    {
        "_uniffi_get_event_loop",
        "_uniffi_continuation_callback",
        "_UniffiContinuationHandleMap",
        "_UNIFFI_RUST_FUTURE_POLL_READY",
        "_uniffi_rust_call_with_error",
    }
)
_CO_COROUTINE = 0x80


def check_generated(module: ModuleType) -> None:
    """Raises ``ImportError`` when the generated ``_uniffi_rust_call_async`` is visibly not the
    one ``GENERATED`` shows (no source needed: its code object)."""
    code = module._uniffi_rust_call_async.__code__
    if (
        code.co_varnames[: code.co_argcount] != PARAMETERS
        or not code.co_flags & _CO_COROUTINE
        or not NAMES_USED <= set(code.co_names)
        or not {"_UNIFFI_RUST_FUTURE_CONTINUATION_CALLBACK", "_uniffi_get_event_loop"}
        <= set(vars(module))
    ):
        raise ImportError(
            "cleverkit._async: the generated _uniffi_rust_call_async is not the one this file "
            "replaces (a UniFFI upgrade?): read the new template, then adapt cleverkit/_async.py"
        )


class _DeferredAsyncio(types.ModuleType):
    """``asyncio`` for the generated module until it first uses it: then the real one."""

    def __init__(self, generated_name: str) -> None:
        super().__init__("asyncio")
        self._generated_name = generated_name

    def __getattr__(self, name: str) -> Any:
        if sys.modules.get("asyncio") is self:
            del sys.modules["asyncio"]
        import asyncio

        generated = sys.modules.get(self._generated_name)
        if generated is not None and vars(generated).get("asyncio") is self:
            generated.asyncio = asyncio  # type: ignore[attr-defined]
        return getattr(asyncio, name)


@contextmanager
def deferred_asyncio(generated_name: str) -> Iterator[None]:
    """While the generated module ``generated_name`` is imported, its ``import asyncio`` gets
    a placeholder (when ``asyncio`` is not loaded yet) that loads ``asyncio`` on first use.
    The placeholder leaves ``sys.modules`` as soon as that import is over; a thread importing
    ``asyncio`` meanwhile gets it too, and it works the same."""
    if "asyncio" in sys.modules:
        yield
        return
    placeholder = _DeferredAsyncio(generated_name)
    sys.modules["asyncio"] = placeholder
    try:
        yield
    finally:
        if sys.modules.get("asyncio") is placeholder:
            del sys.modules["asyncio"]


def install(module: ModuleType) -> None:
    """Replaces ``_uniffi_rust_call_async`` of the generated ``module`` (see above) with a
    stand-in that builds the replacement on the first call."""
    check_generated(module)
    lock = threading.Lock()

    async def first_call(*arguments: Any) -> Any:
        with lock:
            if module._uniffi_rust_call_async is first_call:
                _replace(module)
        return await module._uniffi_rust_call_async(*arguments)

    setattr(module, "_uniffi_rust_call_async", first_call)


def _replace(module: ModuleType) -> None:
    """Puts the replacement of ``_uniffi_rust_call_async`` in ``module``."""
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

    lib = module._UniffiLib
    native = _native(lib)
    native_poll: Any = lib.cleverkit_python_poll if native else None
    channels: dict[asyncio.AbstractEventLoop, _Channel | None] = {}
    addresses: dict[int, int] = {}

    def channel_of(loop: asyncio.AbstractEventLoop) -> _Channel | None:
        if loop in channels:
            return channels[loop]
        if loop.is_closed():
            raise RuntimeError("Event loop is closed")
        for closed in [known for known in channels if known.is_closed()]:
            gone = channels.pop(closed)
            if gone is not None:
                gone.close()
        try:
            found: _Channel | None = _Channel(loop, lib)
        except NotImplementedError:
            found = None
        channels[loop] = found
        return found

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
            channel = channel_of(loop) if native else None
            if channel is not None:
                # ctypes functions are not hashable; the library's stay alive (CDLL caches them).
                address = addresses.get(id(ffi_poll))
                if address is None:
                    pointer: Any = ffi_poll
                    address = addresses[id(ffi_poll)] = ctypes.cast(pointer, ctypes.c_void_p).value or 0
                base = channel.number << SEQUENCE_BITS
                futures = channel.futures
                sequences = channel.sequences
                create = loop.create_future
                while True:
                    sequence = next(sequences) & SEQUENCE_MASK
                    code = native_poll(address, rust_future, base | sequence)
                    if code < 0:
                        # Only this thread (the loop's) resolves it, after this await.
                        future: asyncio.Future[int] = create()
                        futures[sequence] = future
                        code = await future
                    if code == ready_code:
                        break
                return lift_func(call_with_error(error_ffi_converter, ffi_complete, rust_future))
            entry_wakeups = wakeups_of(loop)
            thread = get_ident()
            create_future = loop.create_future
            while True:
                future = create_future()
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
