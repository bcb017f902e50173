//! The signature base string of RFC 5849 §3.4.1, written into one buffer.
//!
//! Parameters already in canonical form (the common case) are signed straight from the URL,
//! body or credentials; only the others are decoded and re-encoded, into one shared buffer.

use std::ops::Range;

use smallvec::SmallVec;

use super::encoding::{
    self, canonical_escapes, decode, encode_into, is_all_unreserved, split_pairs,
};
use super::url::SignedUrl;
use crate::Error;

/// An encoded parameter name or value: borrowed as it was, or a range of the shared buffer.
#[derive(Clone)]
enum Encoded<'a> {
    /// Unreserved bytes only: the base string takes it as is.
    Plain(&'a [u8]),
    /// Holds `%XX` escapes, which the base string encodes once more.
    Escaped(&'a [u8]),
    /// Encoded here, so it holds escapes.
    InBuffer(Range<usize>),
}

/// A resolved component, and whether it holds escapes. Ordered by its bytes.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Component<'s> {
    bytes: &'s [u8],
    escaped: bool,
}

/// A request rarely has more: up to this many parameters are sorted without allocating.
const INLINE_PARAMS: usize = 16;

/// Every signed parameter, percent-encoded, in the order given: query, form body, then the
/// protocol parameters (which the `Authorization` header reuses as they are).
#[derive(Default)]
pub(crate) struct EncodedParams<'a> {
    buffer: Vec<u8>,
    pairs: SmallVec<[(Encoded<'a>, Encoded<'a>); INLINE_PARAMS]>,
    protocol_start: usize,
}

impl<'a> EncodedParams<'a> {
    /// A decoded value, encoded unless it needs no encoding.
    fn encode(&mut self, value: &'a str) -> Encoded<'a> {
        if is_all_unreserved(value.as_bytes()) {
            return Encoded::Plain(value.as_bytes());
        }
        let start = self.buffer.len();
        encode_into(&mut self.buffer, value.as_bytes());
        Encoded::InBuffer(start..self.buffer.len())
    }

    /// A raw form component (`+` is a space), re-encoded unless already canonical.
    fn canonical(&mut self, raw: &'a [u8]) -> Result<Encoded<'a>, encoding::InvalidEscape> {
        match canonical_escapes(raw) {
            Some(0) => return Ok(Encoded::Plain(raw)),
            Some(_) => return Ok(Encoded::Escaped(raw)),
            None => {}
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

    fn resolve<'s>(&'s self, part: &'s Encoded<'a>) -> Component<'s> {
        match part {
            Encoded::Plain(bytes) => Component {
                bytes,
                escaped: false,
            },
            Encoded::Escaped(bytes) => Component {
                bytes,
                escaped: true,
            },
            Encoded::InBuffer(range) => Component {
                bytes: &self.buffer[range.clone()],
                escaped: true,
            },
        }
    }

    /// The protocol parameters, encoded, in the order they were given.
    pub fn protocol_params(&self) -> impl Iterator<Item = (&[u8], &[u8])> + Clone {
        self.pairs[self.protocol_start..]
            .iter()
            .map(|(name, value)| (self.resolve(name).bytes, self.resolve(value).bytes))
    }

    /// Writes the normalized parameters (§3.4.1.3.2), sorted by encoded name then value, and
    /// encoded once more as the base string wants: `%` → `%25`, `=` → `%3D`, `&` → `%26`.
    fn write_normalized_encoded(&self, out: &mut Vec<u8>) {
        // The first eight bytes of the name as a number settle most comparisons without a
        // `memcmp`; zero padding keeps the order, as encoded names hold no NUL byte.
        let mut sorted: SmallVec<[(u64, Component<'_>, Component<'_>); INLINE_PARAMS]> = self
            .pairs
            .iter()
            .map(|(name, value)| {
                let name = self.resolve(name);
                (name_prefix(name.bytes), name, self.resolve(value))
            })
            .collect();
        sorted.sort_unstable();
        for (index, &(_, name, value)) in sorted.iter().enumerate() {
            if index > 0 {
                out.extend_from_slice(b"%26");
            }
            push_encoded_again(out, name);
            out.extend_from_slice(b"%3D");
            push_encoded_again(out, value);
        }
    }
}

fn name_prefix(name: &[u8]) -> u64 {
    let mut prefix = [0u8; 8];
    let len = name.len().min(8);
    prefix[..len].copy_from_slice(&name[..len]);
    u64::from_be_bytes(prefix)
}

fn push_encoded_again(out: &mut Vec<u8>, component: Component<'_>) {
    if !component.escaped {
        out.extend_from_slice(component.bytes);
        return;
    }
    let mut rest = component.bytes;
    while let Some(percent) = rest.iter().position(|&byte| byte == b'%') {
        out.extend_from_slice(&rest[..percent]);
        out.extend_from_slice(b"%25");
        rest = &rest[percent + 1..];
    }
    out.extend_from_slice(rest);
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

/// Writes the signature base string for a request and its protocol parameters (every
/// `oauth_*` parameter but `oauth_signature`; no `realm`): first those the signer names itself
/// (`oauth_consumer_key`…, names that need no encoding, so they are not checked), then the
/// others. Leaves the parameters as encoded for it in `params` (given by the caller: it is large,
/// and moving it costs).
pub(crate) fn write_base_string<'a>(
    out: &mut Vec<u8>,
    request: &BaseStringInput<'a>,
    signer_params: impl IntoIterator<Item = (&'static str, &'a str)>,
    other_protocol_params: impl IntoIterator<Item = (&'a str, &'a str)>,
    params: &mut EncodedParams<'a>,
) -> Result<(), Error> {
    let method = request.method;
    if method.is_empty() || !method.bytes().all(|b| b.is_ascii_alphabetic()) {
        return Err(Error::InvalidInput(format!(
            "HTTP method {method:?} is not a method name"
        )));
    }
    let url = SignedUrl::parse(request.url)?;

    if let Some(query) = url.query {
        params.push_form(query.as_bytes(), "query string")?;
    }
    if let (Some(body), Some(content_type)) = (request.body, request.content_type) {
        if is_form_content_type(content_type) {
            params.push_form(body, "form body")?;
        }
    }
    params.protocol_start = params.pairs.len();
    for (name, value) in signer_params {
        debug_assert!(is_all_unreserved(name.as_bytes()), "{name}");
        let value = params.encode(value);
        params.pairs.push((Encoded::Plain(name.as_bytes()), value));
    }
    for (name, value) in other_protocol_params {
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
        let mut params = EncodedParams::default();
        let err = write_base_string(&mut Vec::new(), &request, [], [], &mut params).unwrap_err();
        assert!(matches!(err, Error::InvalidInput(_)));
    }
}
