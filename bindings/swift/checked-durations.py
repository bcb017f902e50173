#!/usr/bin/env python3
"""Makes a duration Swift cannot hand to Rust an error, not a crash.

UniFFI 0.32.2's Swift converter of `TimeInterval` (template bindings/swift/templates/
DurationHelper.swift) stops the program with `fatalError` for a negative value ("Invalid
duration, must be non-negative") or one beyond Int64 seconds ("Duration overflow"), and traps on
NaN: `ClientOptions(timeout: deadline.timeIntervalSinceNow)` with a past deadline killed the
process. This script rewrites the generated CleverKit.swift in place so that such a value
crosses as Rust's `Duration::MAX` (u64::MAX seconds, 999,999,999 nanoseconds), which no caller
means and which the library refuses with `CleverError.InvalidInput` naming the argument
(`bindings/ffi/src/client.rs`, `finite`).

The rewrite matches the generated text exactly and fails loudly otherwise, so that a UniFFI
upgrade that changes it cannot silently bring the crash back.
"""

from __future__ import annotations

import sys
from pathlib import Path

ORIGINAL = """\
    public static func write(_ value: TimeInterval, into buf: inout [UInt8]) {
        if value.rounded(.down) > Double(Int64.max) {
            fatalError("Duration overflow, exceeds max bounds supported by Uniffi")
        }

        if value < 0 {
            fatalError("Invalid duration, must be non-negative")
        }
"""

PATCHED = """\
    public static func write(_ value: TimeInterval, into buf: inout [UInt8]) {
        // checked-durations.py: a value Rust cannot hold (negative, infinite, NaN, too large)
        // crosses as Duration::MAX, which the library refuses with CleverError.InvalidInput.
        guard value.isFinite, value >= 0, value.rounded(.down) <= Double(Int64.max) else {
            writeInt(&buf, UInt64.max)
            writeInt(&buf, UInt32(999_999_999))
            return
        }
"""


def main() -> None:
    path = Path(sys.argv[1])
    text = path.read_text()
    if text.count(ORIGINAL) != 1:
        sys.exit(
            f"checked-durations.py: the generated duration converter in {path} is not the one "
            "UniFFI 0.32.2 writes; read the new template and adapt this script"
        )
    path.write_text(text.replace(ORIGINAL, PATCHED))


if __name__ == "__main__":
    main()
