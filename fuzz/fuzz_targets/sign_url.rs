//! `oauth1::sign` with any method, URL, body, content type, credentials and protocol
//! parameters never panics; what it signs, `oauth1::verify` accepts with the same secrets.
#![no_main]

use cleverkit::Error;
use cleverkit::oauth1::{AuthorizationHeader, KnownSecrets, Request, sign, verify};
use cleverkit_fuzz::SignInput;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let input = SignInput::parse(data);
    let Some(credentials) = &input.credentials else {
        return;
    };
    let mut request = Request::new(&input.method, &input.url);
    if let Some(body) = &input.body {
        request = request.with_body(body, input.content_type.as_deref());
    }
    let signed = match sign(&request, credentials, &input.params) {
        Ok(signed) => signed,
        Err(Error::InvalidInput(_)) => return,
        Err(other) => panic!("sign failed with a variant other than InvalidInput: {other:?}"),
    };
    let header = AuthorizationHeader::parse(&signed.authorization)
        .unwrap_or_else(|err| panic!("{err}: {}", signed.authorization));
    assert_eq!(header.realm, input.params.realm);
    // Duplicate extra parameters sign, but verify refuses duplicates by design.
    let extras = &input.params.extra;
    let unique = extras
        .iter()
        .enumerate()
        .all(|(i, (name, _))| extras[..i].iter().all(|(other, _)| other != name));
    // Names with bytes outside RFC 3986's unreserved set do not verify: `parse` does not decode
    // names (a known bug, the ignored tests of core/tests/fuzz_regressions.rs). Skipped here so
    // that fuzzing goes on past it.
    let unreserved_names = extras.iter().all(|(name, _)| {
        name.bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~'))
    });
    let unique = unique && unreserved_names;
    let verified = verify(&request, &header, |consumer_key, token| {
        assert_eq!(consumer_key, credentials.consumer_key());
        assert_eq!(token, credentials.token());
        Ok(KnownSecrets {
            consumer_secret: input.consumer_secret.clone(),
            token_secret: input.token_secret.clone(),
        })
    });
    if unique {
        let verified = verified.unwrap_or_else(|err| {
            panic!(
                "verify refused what sign produced: {err}\n{}\n{}",
                signed.authorization, signed.base_string
            )
        });
        assert_eq!(verified.signature_method, credentials.signature_method());
        assert_eq!(verified.nonce.as_deref(), Some(input.params.nonce.as_str()));
        assert_eq!(verified.timestamp, Some(input.params.timestamp));
    }
});
