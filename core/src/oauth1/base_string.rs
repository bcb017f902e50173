//! The signature base string of RFC 5849 §3.4.1, written into one buffer.

use std::ops::Range;

use super::encoding::{self, decode, encode_into, split_pairs};
use super::url::SignedUrl;
use crate::Error;

/// Request parameters, RFC 3986-encoded once into a single buffer; each pair is a pair of
/// ranges into it, so sorting moves ranges, never strings.
#[derive(Default)]
struct EncodedParams {
    buf: String,
    pairs: Vec<(Range<usize>, Range<usize>)>,
}

impl EncodedParams {
    fn push_encoded(&mut self, name: &[u8], value: &[u8]) {
        let start = self.buf.len();
        encode_into(&mut self.buf, name);
        let middle = self.buf.len();
        encode_into(&mut self.buf, value);
        self.pairs.push((start..middle, middle..self.buf.len()));
    }

    /// Adds every pair of a query string or form body (`+` is a space there).
    fn push_form(&mut self, form: &[u8], what: &str) -> Result<(), Error> {
        let invalid = |err: encoding::InvalidEscape| {
            Error::InvalidInput(format!(
                "{what}: invalid percent-escape at byte {}",
                err.offset
            ))
        };
        for (name, value) in split_pairs(form) {
            let name = decode(name, true).map_err(invalid)?;
            let value = decode(value, true).map_err(invalid)?;
            self.push_encoded(&name, &value);
        }
        Ok(())
    }

    /// Writes the normalized parameters (§3.4.1.3.2), themselves encoded once more as the base
    /// string wants: `%` → `%25`, `=` → `%3D`, `&` → `%26`. Nothing else can appear.
    fn write_normalized_encoded(&mut self, out: &mut String) {
        let buf = &self.buf;
        self.pairs
            .sort_unstable_by(|(name_a, value_a), (name_b, value_b)| {
                buf[name_a.clone()]
                    .cmp(&buf[name_b.clone()])
                    .then_with(|| buf[value_a.clone()].cmp(&buf[value_b.clone()]))
            });
        for (index, (name, value)) in self.pairs.iter().enumerate() {
            if index > 0 {
                out.push_str("%26");
            }
            push_encoded_again(out, &buf[name.clone()]);
            out.push_str("%3D");
            push_encoded_again(out, &buf[value.clone()]);
        }
    }
}

fn push_encoded_again(out: &mut String, encoded: &str) {
    let mut rest = encoded;
    while let Some(percent) = rest.find('%') {
        out.push_str(&rest[..percent]);
        out.push_str("%25");
        rest = &rest[percent + 1..];
    }
    out.push_str(rest);
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
pub(crate) fn write_base_string<'p>(
    out: &mut String,
    request: &BaseStringInput<'_>,
    protocol_params: impl IntoIterator<Item = (&'p str, &'p str)>,
) -> Result<(), Error> {
    let method = request.method;
    if method.is_empty() || !method.bytes().all(|b| b.is_ascii_alphabetic()) {
        return Err(Error::InvalidInput(format!(
            "HTTP method {method:?} is not a method name"
        )));
    }
    let url = SignedUrl::parse(request.url)?;

    let mut params = EncodedParams::default();
    if let Some(query) = url.query {
        params.push_form(query.as_bytes(), "query string")?;
    }
    if let (Some(body), Some(content_type)) = (request.body, request.content_type) {
        if is_form_content_type(content_type) {
            params.push_form(body, "form body")?;
        }
    }
    for (name, value) in protocol_params {
        params.push_encoded(name.as_bytes(), value.as_bytes());
    }

    out.extend(method.chars().map(|c| c.to_ascii_uppercase()));
    out.push('&');
    let mut base_uri = String::with_capacity(request.url.len());
    url.write_base_uri(&mut base_uri);
    encode_into(out, base_uri.as_bytes());
    out.push('&');
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
        let err = write_base_string(&mut String::new(), &request, []).unwrap_err();
        assert!(matches!(err, Error::InvalidInput(_)));
    }
}
