#!/usr/bin/env python3
"""Makes Task.cancel() cancel the calls of UniFFI 0.32's generated Swift code.

UniFFI 0.32.2's `uniffiRustCallAsync` (template bindings/swift/templates/Async.swift) awaits the
Rust future with `withUnsafeContinuation` and never looks at the task's cancellation: a cancelled
task waits for the whole call, and the Rust side never hears of it. The Rust side has what it
takes: `rust_future_cancel` makes the pending poll return READY at once, `complete` then reports
CALL_CANCELLED and `free` drops the future, which cancels the core call at its next safe point.
This script rewrites the generated CleverKit.swift in place so that:

- `uniffiRustCallAsync` takes a `cancelFunc` and runs its poll loop inside
  `withTaskCancellationHandler`, whose handler calls it (`rust_future_cancel` is made to run
  concurrently with a poll); `free` stays in the existing `defer`, after the handler is gone;
- a cancelled task ends with Swift's own `CancellationError`, and CALL_CANCELLED throws it
  instead of the template's `fatalError("Cancellation not supported yet")`;
- every call site passes the `..._rust_future_cancel_<type>` matching its `pollFunc:`.

Each rewrite matches the generated text exactly and fails loudly otherwise, so that a UniFFI
upgrade that changes it cannot silently drop cancellation: check the new template, then adapt
this script.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import NoReturn

ORIGINAL_FUNCTION = """\
fileprivate func uniffiRustCallAsync<F, T>(
    rustFutureFunc: () -> UInt64,
    pollFunc: (UInt64, @escaping UniffiRustFutureContinuationCallback, UInt64) -> (),
    completeFunc: (UInt64, UnsafeMutablePointer<RustCallStatus>) -> F,
    freeFunc: (UInt64) -> (),
    liftFunc: (F) throws -> T,
    errorHandler: ((RustBuffer) throws -> Swift.Error)?
) async throws -> T {
    // Make sure to call the ensure init function since future creation doesn't have a
    // RustCallStatus param, so doesn't use makeRustCall()
    ENSURE_INIT()
    let rustFuture = rustFutureFunc()
    defer {
        freeFunc(rustFuture)
    }
    var pollResult: Int8;
    repeat {
        pollResult = await withUnsafeContinuation {
            pollFunc(
                rustFuture,
                { handle, pollResult in
                    uniffiFutureContinuationCallback(handle: handle, pollResult: pollResult)
                },
                uniffiContinuationHandleMap.insert(obj: $0)
            )
        }
    } while pollResult != UNIFFI_RUST_FUTURE_POLL_READY

    return try liftFunc(makeRustCall(
        { completeFunc(rustFuture, $0) },
        errorHandler: errorHandler
    ))
}
"""

CANCELLABLE_FUNCTION = """\
// CleverKit (bindings/swift/cancellable-async.py): Task.cancel() cancels the Rust future.
fileprivate func uniffiRustCallAsync<F, T>(
    rustFutureFunc: () -> UInt64,
    pollFunc: (UInt64, @escaping UniffiRustFutureContinuationCallback, UInt64) -> (),
    cancelFunc: @Sendable (UInt64) -> (),
    completeFunc: (UInt64, UnsafeMutablePointer<RustCallStatus>) -> F,
    freeFunc: (UInt64) -> (),
    liftFunc: (F) throws -> T,
    errorHandler: ((RustBuffer) throws -> Swift.Error)?
) async throws -> T {
    // Make sure to call the ensure init function since future creation doesn't have a
    // RustCallStatus param, so doesn't use makeRustCall()
    ENSURE_INIT()
    let rustFuture = rustFutureFunc()
    // After the cancellation handler is gone: the handler never sees a freed future.
    defer {
        freeFunc(rustFuture)
    }
    // On cancel (possibly on another thread, while a poll is pending), rust_future_cancel
    // resumes the pending poll with READY, and every later poll returns READY at once.
    await withTaskCancellationHandler {
        var pollResult: Int8;
        repeat {
            pollResult = await withUnsafeContinuation {
                pollFunc(
                    rustFuture,
                    { handle, pollResult in
                        uniffiFutureContinuationCallback(handle: handle, pollResult: pollResult)
                    },
                    uniffiContinuationHandleMap.insert(obj: $0)
                )
            }
        } while pollResult != UNIFFI_RUST_FUTURE_POLL_READY
    } onCancel: {
        cancelFunc(rustFuture)
    }

    // Cancelled before the call finished: complete reports CALL_CANCELLED, which throws
    // CancellationError. Cancelled just after: the result is lifted (Swift owns it now) and
    // dropped, so that a cancelled task always ends with CancellationError.
    let outcome = Result {
        try liftFunc(makeRustCall(
            { completeFunc(rustFuture, $0) },
            errorHandler: errorHandler
        ))
    }
    try Task.checkCancellation()
    return try outcome.get()
}
"""

ORIGINAL_CANCELLED_STATUS = """\
        case CALL_CANCELLED:
            fatalError("Cancellation not supported yet")
"""

CANCELLED_STATUS = """\
        case CALL_CANCELLED:
            throw CancellationError()
"""

ENSURE_INIT = re.compile(r"^    (uniffiEnsure\w+Initialized)\(\)$", re.MULTILINE)
CALL_SITE = re.compile(
    r"^(?P<indent> +)pollFunc: (?P<prefix>\w+)_rust_future_poll_(?P<type>\w+),\n",
    re.MULTILINE,
)


def fail(message: str) -> NoReturn:
    sys.exit(f"cancellable-async.py: {message}")


def template_changed(message: str) -> NoReturn:
    fail(f"{message}; did UniFFI's Swift template change? Read it, then adapt this script")


def replace_once(text: str, old: str, new: str, what: str) -> str:
    count = text.count(old)
    if count != 1:
        template_changed(f"expected the generated {what} exactly once, found it {count} times")
    return text.replace(old, new)


def make_cancellable(swift: str) -> str:
    async_start = swift.find("fileprivate func uniffiRustCallAsync<F, T>(")
    init = ENSURE_INIT.search(swift, async_start)
    if async_start < 0 or init is None:
        template_changed("no uniffiRustCallAsync with its ensure-init call")
    ensure_init = init.group(1)
    swift = replace_once(
        swift,
        ORIGINAL_FUNCTION.replace("ENSURE_INIT", ensure_init),
        CANCELLABLE_FUNCTION.replace("ENSURE_INIT", ensure_init),
        "uniffiRustCallAsync",
    )
    swift = replace_once(
        swift,
        ORIGINAL_CANCELLED_STATUS,
        CANCELLED_STATUS,
        "CALL_CANCELLED case of uniffiCheckCallStatus",
    )

    calls = swift.count("await uniffiRustCallAsync(")
    def add_cancel_func(site: re.Match[str]) -> str:
        cancel = f"{site.group('prefix')}_rust_future_cancel_{site.group('type')}"
        return f"{site.group(0)}{site.group('indent')}cancelFunc: {cancel},\n"

    swift, patched = CALL_SITE.subn(add_cancel_func, swift)
    if calls == 0 or patched != calls:
        template_changed(
            f"{calls} async calls, but {patched} `pollFunc:` arguments to add a cancelFunc after"
        )
    return swift


def main() -> None:
    if len(sys.argv) != 2:
        sys.exit("usage: cancellable-async.py GENERATED/CleverKit.swift")
    path = Path(sys.argv[1])
    swift = path.read_text(encoding="utf-8")
    if "cancelFunc:" in swift:
        fail(f"{path} already has a cancelFunc: patch the freshly generated file")
    path.write_text(make_cancellable(swift), encoding="utf-8")


if __name__ == "__main__":
    main()
