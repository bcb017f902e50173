// Written by hand, beside the generated CleverKit.swift (the one file of this target that is not
// generated). UniFFI 0.32.2 gives `CleverError` a `description` that is the core's Rust
// `Display` text ("not found: …", "rate limited: retry after 30 s"), but does not declare the
// conformance: without it, string interpolation, `print` and `localizedDescription` (whose
// `errorDescription` is `String(reflecting:)`) would show the case and its fields instead.
extension CleverError: CustomStringConvertible {}
