//! OAuth 1.0a (RFC 5849): signing requests, rendering and parsing the `Authorization` header,
//! and verifying signatures on the server side.

mod base_string;
mod credentials;
mod encoding;
mod header;
mod key;
mod sign;
mod url;
mod verify;

pub use credentials::{Credentials, Secret, SignatureMethod};
pub use encoding::{form_pairs, percent_encode_rfc3986};
pub use header::AuthorizationHeader;
pub use sign::{ProtocolParams, RESERVED_PARAMS, Request, Signed, new_nonce, sign};
pub use verify::{KnownSecrets, Verified, VerifyError, verify};
