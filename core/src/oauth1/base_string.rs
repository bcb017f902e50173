//! The signature base string of RFC 5849 §3.4.1, written into one buffer.
//!
//! Parameters already in canonical form (the common case) are signed straight from the URL,
//! body or credentials; only the others are decoded and re-encoded, into one shared buffer.

use std::ops::Range;

use super::encoding::{self, decode, encode_into, is_all_unreserved, is_canonical, split_pairs};
use super::url::SignedUrl;
use crate::Error;

/// An encoded parameter name or value: borrowed as it was, or a range of the shared buffer.
#[derive(Clone)]
enum Encoded<'a> {
    AsIs(&'a [u8]),
    InBuffer(Range<usize>),
}

#[derive(Default)]
struct EncodedParams<'a> {
    buffer: Vec<u8>,
    pairs: Vec<(Encoded<'a>, Encoded<'a>)>,
}

impl<'a> EncodedParams<'a> {
    /// A decoded value, encoded unless it needs no encoding.
    fn encode(&mut self, value: &'a str) -> Encoded<'a> {
        if is_all_unreserved(value.as_bytes()) {
            return Encoded::AsIs(value.as_bytes());
        }
        let start = self.buffer.len();
        encode_into(&mut self.buffer, value.as_bytes());
        Encoded::InBuffer(start..self.buffer.len())
    }

    /// A raw form component (`+` is a space), re-encoded unless already canonical.
    fn canonical(&mut self, raw: &'a [u8]) -> Result<Encoded<'a>, encoding::InvalidEscape> {
        if is_canonical(raw) {
            return Ok(Encoded::AsIs(raw));
        }
        let decoded = decode(raw, true)?;
        let start = self.buffer.len();
        encode_into(&mut self.buffer, &decoded);
        Ok(Encoded::InBuffer(start..self.buffer.len()))
    }

    fn push_form(&mut self, form: &'a [u8], what: &str) -> Result<(), Error> {
        let invalid = |err: encoding::InvalidEscape| {
            Error::InvalidInput(format!(
                "{what}: invalid percent-escape at byte {}",
                err.offset
            ))
        };
        for (name, value) in split_pairs(form) {
            let name = self.canonical(name).map_err(invalid)?;
            let value = self.canonical(value).map_err(invalid)?;
            self.pairs.push((name, value));
        }
        Ok(())
    }

    fn resolve<'s>(&'s self, part: &'s Encoded<'a>) -> &'s [u8] {
        match part {
            Encoded::AsIs(text) => text,
            Encoded::InBuffer(range) => &self.buffer[range.clone()],
        }
    }

    /// Writes the normalized parameters (§3.4.1.3.2), sorted by encoded name then value, and
    /// encoded once more as the base string wants: `%` → `%25`, `=` → `%3D`, `&` → `%26`.
    fn write_normalized_encoded(&self, out: &mut Vec<u8>) {
        let mut pairs: Vec<(&[u8], &[u8])> = self
            .pairs
            .iter()
            .map(|(name, value)| (self.resolve(name), self.resolve(value)))
            .collect();
        pairs.sort_unstable();
        for (index, (name, value)) in pairs.into_iter().enumerate() {
            if index > 0 {
                out.extend_from_slice(b"%26");
            }
            push_encoded_again(out, name);
            out.extend_from_slice(b"%3D");
            push_encoded_again(out, value);
        }
    }
}

fn push_encoded_again(out: &mut Vec<u8>, encoded: &[u8]) {
    if !encoded.contains(&b'%') {
        out.extend_from_slice(encoded);
        return;
    }
    let mut pieces = encoded.split(|&byte| byte == b'%');
    out.extend_from_slice(pieces.next().unwrap_or_default());
    for piece in pieces {
        out.extend_from_slice(b"%25");
        out.extend_from_slice(piece);
    }
}

/// Whether a body's parameters are signed: only `application/x-www-form-urlencoded`
/// (RFC 5849 §3.4.1.3.1), in any case, with parameters such as `charset` tolerated.
pub(crate) fn is_form_content_type(content_type: &str) -> bool {
    content_type
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .eq_ignore_ascii_case("application/x-www-form-urlencoded")
}

/// The request as the signature sees it.
pub(crate) struct BaseStringInput<'a> {
    pub method: &'a str,
    pub url: &'a str,
    pub body: Option<&'a [u8]>,
    pub content_type: Option<&'a str>,
}

/// Writes the signature base string for a request and its protocol parameters
/// (every `oauth_*` parameter but `oauth_signature`; no `realm`).
pub(crate) fn write_base_string<'a>(
    out: &mut Vec<u8>,
    request: &BaseStringInput<'a>,
    protocol_params: impl IntoIterator<Item = (&'a str, &'a str)>,
) -> Result<(), Error> {
    let method = request.method;
    if method.is_empty() || !method.bytes().all(|b| b.is_ascii_alphabetic()) {
        return Err(Error::InvalidInput(format!(
            "HTTP method {method:?} is not a method name"
        )));
    }
    let url = SignedUrl::parse(request.url)?;

    let mut params = EncodedParams::default();
    params.pairs.reserve(16);
    if let Some(query) = url.query {
        params.push_form(query.as_bytes(), "query string")?;
    }
    if let (Some(body), Some(content_type)) = (request.body, request.content_type) {
        if is_form_content_type(content_type) {
            params.push_form(body, "form body")?;
        }
    }
    for (name, value) in protocol_params {
        let name = params.encode(name);
        let value = params.encode(value);
        params.pairs.push((name, value));
    }

    out.extend(method.bytes().map(|b| b.to_ascii_uppercase()));
    out.push(b'&');
    url.write_base_uri_encoded(out);
    out.push(b'&');
    params.write_normalized_encoded(out);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn form_content_types() {
        assert!(is_form_content_type("application/x-www-form-urlencoded"));
        assert!(is_form_content_type(
            "Application/X-WWW-Form-URLEncoded ; charset=UTF-8"
        ));
        assert!(!is_form_content_type("application/json"));
        assert!(!is_form_content_type("multipart/form-data"));
    }

    #[test]
    fn refuses_a_method_that_is_not_a_token() {
        let request = BaseStringInput {
            method: "GET /",
            url: "http://h/",
            body: None,
            content_type: None,
        };
        let err = write_base_string(&mut Vec::new(), &request, []).unwrap_err();
        assert!(matches!(err, Error::InvalidInput(_)));
    }
}
