//! The stand-in seen from outside, over real sockets.

mod support;

mod api_tokens;
mod binary;
mod control;
mod dance;
mod endpoints;
mod faults;
mod oauth;
mod server;
