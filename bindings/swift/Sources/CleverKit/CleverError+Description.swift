// Written by hand, beside the generated CleverKit.swift (the one file of this target that is not
// generated). UniFFI 0.32.2 gives `CleverError` a `description` that is the core's sentence (its
// Rust `Display`: "HTTP 404 Not Found: … (API code 4004, request id …)", "rate limited: retry
// after 30 s") and an `errorDescription` that is `String(reflecting: self)`, but does not declare
// the conformance: without it, string interpolation, `String(reflecting:)` and
// `localizedDescription` would show the case and its fields instead.
extension CleverError: CustomStringConvertible {}
