//! One canonical URL per request, built here and signed exactly as it is sent: the HTTP
//! library puts the path and query on the wire byte for byte.

use crate::Error;
use crate::authority::UrlParts;

/// Scheme, host and port of a configured endpoint (the API or the bridge).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Origin {
    pub https: bool,
    /// Lower-case.
    pub host: String,
    pub port: u16,
}

impl Origin {
    /// Parses `https://host[:port]` (a trailing `/` tolerated); plain `http` only for loopback.
    pub fn parse(base: &str, what: &str) -> Result<Self, Error> {
        let (origin, rest) = split_origin(base)
            .ok_or_else(|| Error::Config(format!("{what} {base:?} is not an http(s) origin")))?;
        // A path would be dropped from every request: refused rather than ignored.
        if !rest.is_empty() && rest != "/" {
            return Err(Error::Config(format!(
                "{what} {base:?} has a path or query: give the origin only (https://host[:port])"
            )));
        }
        if !origin.https && !origin.is_loopback() {
            return Err(Error::Config(format!(
                "{what} {base:?}: plain http is only allowed for loopback hosts; use https"
            )));
        }
        Ok(origin)
    }

    /// The origin of an absolute http(s) URL, `None` if it is not one (or carries user
    /// information, which no configured host takes).
    fn parse_any(url: &str) -> Option<Self> {
        Self::of_parts(&UrlParts::split(url).ok()?)
    }

    fn of_parts(parts: &UrlParts<'_>) -> Option<Self> {
        let https = parts.is_https()?;
        if parts.user_info.is_some() {
            return None;
        }
        let default_port = if https { 443 } else { 80 };
        Some(Origin {
            https,
            host: parts.host.to_ascii_lowercase(),
            port: parts.port.unwrap_or(default_port),
        })
    }

    pub fn is_loopback(&self) -> bool {
        let host = self.host.trim_start_matches('[').trim_end_matches(']');
        host == "localhost"
            || host
                .parse::<std::net::IpAddr>()
                .is_ok_and(|ip| ip.is_loopback())
    }

    /// `https://host` or `http://host:port`, default ports left out.
    pub fn to_url_prefix(&self) -> String {
        let scheme = if self.https { "https" } else { "http" };
        let default_port = if self.https { 443 } else { 80 };
        if self.port == default_port {
            format!("{scheme}://{}", self.host)
        } else {
            format!("{scheme}://{}:{}", self.host, self.port)
        }
    }
}

/// The origin of `url` if it is absolute (`scheme://…`).
pub(crate) fn origin_of(url: &str) -> Option<Origin> {
    Origin::parse_any(url)
}

/// An absolute http(s) URL split into its origin and what follows the authority (`/p?q#f`,
/// possibly empty); `None` if it is not one.
pub(crate) fn split_origin(url: &str) -> Option<(Origin, &str)> {
    let parts = UrlParts::split(url).ok()?;
    Some((Origin::of_parts(&parts)?, parts.rest))
}

/// Whether a byte may stand unescaped in a path or query (RFC 3986 `pchar` plus `/` and `?`).
fn is_allowed_raw(byte: u8) -> bool {
    byte.is_ascii_alphanumeric()
        || matches!(
            byte,
            b'-' | b'.'
                | b'_'
                | b'~'
                | b'!'
                | b'$'
                | b'&'
                | b'\''
                | b'('
                | b')'
                | b'*'
                | b'+'
                | b','
                | b';'
                | b'='
                | b':'
                | b'@'
                | b'/'
                | b'?'
        )
}

/// Canonical form of a path with its optional query: bytes outside RFC 3986 are escaped
/// (UTF-8, upper-case hex), existing escapes are kept with upper-case hex, a fragment is
/// dropped. A `%` that starts no valid escape is refused rather than guessed at.
pub(crate) fn canonical_path_and_query(path: &str) -> Result<String, Error> {
    let path = path.split_once('#').map_or(path, |(before, _)| before);
    let bytes = path.as_bytes();
    let mut out = String::with_capacity(bytes.len() + 8);
    let mut i = 0;
    while i < bytes.len() {
        let byte = bytes[i];
        if byte == b'%' {
            match bytes.get(i + 1..i + 3) {
                Some(&[high, low]) if high.is_ascii_hexdigit() && low.is_ascii_hexdigit() => {
                    out.push('%');
                    out.push(high.to_ascii_uppercase() as char);
                    out.push(low.to_ascii_uppercase() as char);
                    i += 3;
                    continue;
                }
                _ => {
                    return Err(Error::InvalidInput(format!(
                        "path {path:?}: '%' at byte {i} starts no valid percent-escape (write %25 for a literal %)"
                    )));
                }
            }
        }
        if is_allowed_raw(byte) {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
        i += 1;
    }
    Ok(out)
}

/// Appends query pairs, each name and value RFC 3986-encoded.
pub(crate) fn append_query(url: &mut String, pairs: &[(String, String)]) {
    if !pairs.is_empty() {
        url.push(if url.contains('?') { '&' } else { '?' });
        url.push_str(&crate::pairs::form_encode(pairs));
    }
}

/// One path segment (an id, an invoice number), escaped so that it cannot leave its segment:
/// `/`, `?`, `#` and `%` are encoded, and `.`/`..` are refused.
pub fn path_segment(value: &str, what: &str) -> Result<String, Error> {
    if value.is_empty() || value == "." || value == ".." {
        return Err(Error::InvalidInput(format!(
            "{what} {value:?} is not a valid identifier"
        )));
    }
    Ok(crate::oauth1::percent_encode_rfc3986(value))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn canonicalizes_paths() {
        let cases = [
            ("/v2/self", "/v2/self"),
            ("/a b/é?q=x y&r=%2b", "/a%20b/%C3%A9?q=x%20y&r=%2B"),
            ("/x?a=1+2&b=*'()!", "/x?a=1+2&b=*'()!"),
            ("/x#frag", "/x"),
            ("/x?a=[1]", "/x?a=%5B1%5D"),
        ];
        for (given, expected) in cases {
            assert_eq!(canonical_path_and_query(given).unwrap(), expected);
        }
        assert!(matches!(
            canonical_path_and_query("/100%"),
            Err(Error::InvalidInput(_))
        ));
    }

    #[test]
    fn appends_encoded_pairs() {
        let mut url = "/x?a=1".to_owned();
        append_query(
            &mut url,
            &[("b c".into(), "+&=é".into()), ("d".into(), "".into())],
        );
        assert_eq!(url, "/x?a=1&b%20c=%2B%26%3D%C3%A9&d=");
    }

    #[test]
    fn segments_cannot_escape_their_place() {
        assert_eq!(path_segment("../x/y?z", "id").unwrap(), "..%2Fx%2Fy%3Fz");
        assert!(path_segment("..", "id").is_err());
        assert!(path_segment("", "id").is_err());
    }

    #[test]
    fn origins() {
        let api = Origin::parse("https://API.clever-cloud.com/", "API host").unwrap();
        assert_eq!(api.to_url_prefix(), "https://api.clever-cloud.com");
        assert_eq!(
            origin_of("https://api.clever-cloud.com:443/v2/self"),
            Some(api)
        );
        assert!(Origin::parse("http://127.0.0.1:8080", "API host").is_ok());
        assert!(Origin::parse("http://[::1]:8080", "API host").is_ok());
        assert!(matches!(
            Origin::parse("http://api.clever-cloud.com", "API host"),
            Err(Error::Config(_))
        ));
        assert!(Origin::parse("ftp://x", "API host").is_err());
        assert!(matches!(
            Origin::parse("https://api.example.com/prefix", "API host"),
            Err(Error::Config(message)) if message.contains("has a path")
        ));
        // The same authority rules as the signer's: an empty port is no port.
        assert_eq!(
            origin_of("http://127.0.0.1:/x"),
            origin_of("http://127.0.0.1/x")
        );
        assert_eq!(origin_of("http://u:p@127.0.0.1/x"), None);
    }
}
