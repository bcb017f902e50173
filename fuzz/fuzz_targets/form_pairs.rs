//! `oauth1::form_pairs` never panics, and its output is a fixed point: encoding the pairs with
//! `percent_encode_rfc3986` and reading them again gives the same pairs.
#![no_main]

use cleverkit::oauth1::{form_pairs, percent_encode_rfc3986};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let pairs = form_pairs(data);
    let encoded: Vec<String> = pairs
        .iter()
        .map(|(name, value)| {
            format!(
                "{}={}",
                percent_encode_rfc3986(name),
                percent_encode_rfc3986(value)
            )
        })
        .collect();
    let again = form_pairs(encoded.join("&").as_bytes());
    assert_eq!(again, pairs);
});
