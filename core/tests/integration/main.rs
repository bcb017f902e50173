//! Every integration test of the core, in one binary: one link instead of eleven, and the
//! helpers of `common` written once. Run one area with `cargo test -p cleverkit --test
//! integration faults::` (the module name is the area).

mod any_status;
mod applications;
mod cancellation;
mod client;
mod common;
mod concurrency;
mod config;
mod dance;
mod faults;
mod fuzz_regressions;
mod options;
mod properties;
mod readme;
mod secrets;
mod transport;
mod vectors;
