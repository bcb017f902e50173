//! The `Authorization: OAuth …` header (RFC 5849 §3.5.1): rendering and parsing.

use super::encoding::{ascii_string, decode, encode_into};
use crate::Error;

/// Renders `OAuth realm="…", name="value", …, oauth_signature="…"` from parameters the base
/// string already percent-encoded; the realm and the signature are encoded here.
pub(crate) fn write_authorization<'p>(
    realm: Option<&str>,
    encoded_params: impl Iterator<Item = (&'p [u8], &'p [u8])> + Clone,
    signature: &str,
) -> String {
    const QUOTES_AND_SEPARATOR: usize = r#"="", "#.len();
    let params_len: usize = encoded_params
        .clone()
        .map(|(name, value)| name.len() + value.len() + QUOTES_AND_SEPARATOR)
        .sum();
    let mut out = Vec::with_capacity(
        "OAuth realm=\"\", oauth_signature=\"\"".len()
            + 3 * (realm.map_or(0, str::len) + signature.len())
            + params_len,
    );
    out.extend_from_slice(b"OAuth ");
    if let Some(realm) = realm {
        out.extend_from_slice(b"realm=\"");
        encode_into(&mut out, realm.as_bytes());
        out.extend_from_slice(b"\", ");
    }
    for (name, value) in encoded_params {
        out.extend_from_slice(name);
        out.extend_from_slice(b"=\"");
        out.extend_from_slice(value);
        out.extend_from_slice(b"\", ");
    }
    out.extend_from_slice(b"oauth_signature=\"");
    encode_into(&mut out, signature.as_bytes());
    out.push(b'"');
    ascii_string(out)
}

/// A parsed `Authorization: OAuth …` header, values decoded. `Debug` hides `oauth_signature`
/// (with PLAINTEXT, the secrets).
#[derive(Clone, PartialEq, Eq, Default)]
pub struct AuthorizationHeader {
    /// The `realm` parameter, if sent (it is not signed).
    pub realm: Option<String>,
    /// Every parameter but `realm`, in the header's order.
    pub params: Vec<(String, String)>,
}

impl std::fmt::Debug for AuthorizationHeader {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut params = f.debug_map();
        for (name, value) in &self.params {
            let shown = if name == "oauth_signature" {
                "[redacted]"
            } else {
                value
            };
            params.entry(name, &shown);
        }
        params.finish()
    }
}

impl AuthorizationHeader {
    /// The value of a parameter that appears once; `None` if absent.
    pub fn get(&self, name: &str) -> Option<&str> {
        crate::pairs::value(&self.params, name)
    }

    /// Parses the header value: the `OAuth` scheme (any case), then `name="value"` pairs
    /// separated by commas, with optional white space around each part.
    pub fn parse(header: &str) -> Result<Self, Error> {
        let invalid = |why: String| Error::InvalidInput(format!("Authorization header: {why}"));
        let trimmed = header.trim_start();
        let rest = match trimmed.get(..5) {
            Some(scheme) if scheme.eq_ignore_ascii_case("oauth") => &trimmed[5..],
            _ => return Err(invalid("the scheme is not OAuth".into())),
        };
        if !rest.is_empty() && !rest.starts_with([' ', '\t']) {
            return Err(invalid("the scheme is not OAuth".into()));
        }
        let mut parsed = AuthorizationHeader::default();
        let mut rest = rest.trim_start();
        while !rest.is_empty() {
            let (name, after_name) = rest
                .split_once('=')
                .ok_or_else(|| invalid(format!("expected name=\"value\" at {rest:?}")))?;
            let name = name.trim();
            if name.is_empty() || !name.bytes().all(|b| b.is_ascii_graphic() && b != b'"') {
                return Err(invalid(format!("bad parameter name {name:?}")));
            }
            // Names are percent-encoded like values (RFC 5849 §3.5.1).
            let name = decode(name.as_bytes(), false)
                .ok()
                .and_then(|decoded| String::from_utf8(decoded.into_owned()).ok())
                .ok_or_else(|| invalid(format!("bad parameter name {name:?}")))?;
            let quoted = after_name
                .trim_start()
                .strip_prefix('"')
                .ok_or_else(|| invalid(format!("the value of {name} is not quoted")))?;
            let (raw_value, after_value) = quoted
                .split_once('"')
                .ok_or_else(|| invalid(format!("the value of {name} is not closed")))?;
            let value = decode(raw_value.as_bytes(), false)
                .map_err(|_| invalid(format!("invalid percent-escape in {name}")))?;
            let value = String::from_utf8(value.into_owned())
                .map_err(|_| invalid(format!("{name} is not UTF-8")))?;
            let after_value = after_value.trim_start();
            rest = match after_value.strip_prefix(',') {
                Some(next) => next.trim_start(),
                None if after_value.is_empty() => after_value,
                None => return Err(invalid(format!("expected a comma after {name}"))),
            };
            if name == "realm" {
                parsed.realm = Some(value);
            } else {
                parsed.params.push((name, value));
            }
        }
        Ok(parsed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_spaces_realm_and_escapes() {
        let header = AuthorizationHeader::parse(
            "oauth  realm=\"Photos\",oauth_consumer_key = \"a%20b\" ,\toauth_nonce=\"%E2%9C%93\"",
        )
        .unwrap();
        assert_eq!(header.realm.as_deref(), Some("Photos"));
        assert_eq!(header.get("oauth_consumer_key"), Some("a b"));
        assert_eq!(header.get("oauth_nonce"), Some("✓"));
    }

    #[test]
    fn refuses_malformed_headers() {
        for bad in [
            "Bearer x",
            "OAuthx a=\"b\"",
            "OAuth a=b",
            "OAuth a=\"b",
            "OAuth a=\"%zz\"",
            "OAuth a=\"b\" c=\"d\"",
            "OAuth =\"b\"",
        ] {
            let err = AuthorizationHeader::parse(bad).unwrap_err();
            assert!(matches!(err, Error::InvalidInput(_)), "{bad}");
        }
    }

    #[test]
    fn renders_realm_first_and_signature_last_encoded() {
        let encoded: [(&[u8], &[u8]); 1] = [(b"oauth_callback", b"http%3A%2F%2Fx%2F")];
        let rendered = write_authorization(Some("R s"), encoded.into_iter(), "a+b/c=");
        assert_eq!(
            rendered,
            r#"OAuth realm="R%20s", oauth_callback="http%3A%2F%2Fx%2F", oauth_signature="a%2Bb%2Fc%3D""#
        );
    }
}
