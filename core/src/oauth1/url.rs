//! Just enough URL parsing for RFC 5849 §3.4.1.2: the base string URI and the query.
//!
//! Hand-written on purpose: the signature must cover the URL exactly as it is sent, and a general
//! URL library would normalize (re-encode the path, apply IDNA) behind the signer's back.

use super::encoding::encode_into;
use crate::Error;

/// The parts of an absolute `http(s)` URL that the signature covers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct SignedUrl<'a> {
    pub https: bool,
    /// As written; lower-cased when the base string is written.
    pub host: &'a str,
    /// `None` when absent or the scheme's default port.
    pub port: Option<u16>,
    /// Never empty: an empty path is `/`.
    pub path: &'a str,
    pub query: Option<&'a str>,
}

impl<'a> SignedUrl<'a> {
    pub fn parse(url: &'a str) -> Result<Self, Error> {
        let invalid = |why: &str| Error::InvalidInput(format!("URL {url:?}: {why}"));
        // Refuse white space and control characters (space and below, and DEL) anywhere, and
        // see whether there is a fragment, in one fold without early exit: the compiler turns it
        // into vector instructions.
        let is_control = |byte: u8| byte <= b' ' || byte == 0x7f;
        let (has_control, has_fragment) = url
            .bytes()
            .fold((false, false), |(control, fragment), byte| {
                (control | is_control(byte), fragment | (byte == b'#'))
            });
        if has_control {
            let bad = url
                .bytes()
                .find(|&byte| is_control(byte))
                .unwrap_or_default();
            return Err(invalid(&format!(
                "contains {:?}; percent-encode it (a space is %20)",
                bad as char
            )));
        }
        let without_fragment = match has_fragment {
            true => url.split_once('#').map_or(url, |(before, _)| before),
            false => url,
        };
        let (scheme, rest) = without_fragment
            .split_once(':')
            .and_then(|(scheme, rest)| Some((scheme, rest.strip_prefix("//")?)))
            .ok_or_else(|| invalid("not an absolute http(s) URL"))?;
        let https = if scheme.eq_ignore_ascii_case("https") {
            true
        } else if scheme.eq_ignore_ascii_case("http") {
            false
        } else {
            return Err(invalid("only http and https URLs can be signed"));
        };
        let authority_end = rest
            .bytes()
            .position(|b| b == b'/' || b == b'?')
            .unwrap_or(rest.len());
        let (authority, path_and_query) = rest.split_at(authority_end);
        let (path, query) = match path_and_query.split_once('?') {
            Some((path, query)) => (path, Some(query)),
            None => (path_and_query, None),
        };
        if authority.contains('@') {
            return Err(invalid("user information in a URL is not supported"));
        }
        let (host, port) = split_host_port(authority).ok_or_else(|| invalid("bad port"))?;
        if host.is_empty() {
            return Err(invalid("no host"));
        }
        let default_port = if https { 443 } else { 80 };
        Ok(SignedUrl {
            https,
            host,
            port: port.filter(|&port| port != default_port),
            path: if path.is_empty() { "/" } else { path },
            query,
        })
    }

    /// Writes the base string URI (scheme and host lower-cased, default port dropped).
    #[cfg(test)]
    fn write_base_uri(&self, out: &mut String) {
        out.push_str(if self.https { "https://" } else { "http://" });
        out.push_str(&self.host.to_ascii_lowercase());
        if let Some(port) = self.port {
            out.push(':');
            out.push_str(&port.to_string());
        }
        out.push_str(self.path);
    }

    /// Writes the base string URI already percent-encoded, as the base string holds it.
    pub fn write_base_uri_encoded(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(if self.https {
            b"https%3A%2F%2F"
        } else {
            b"http%3A%2F%2F"
        });
        if self.host.bytes().any(|b| b.is_ascii_uppercase()) {
            encode_into(out, self.host.to_ascii_lowercase().as_bytes());
        } else {
            encode_into(out, self.host.as_bytes());
        }
        if let Some(port) = self.port {
            out.extend_from_slice(b"%3A");
            out.extend_from_slice(port.to_string().as_bytes());
        }
        encode_into(out, self.path.as_bytes());
    }
}

/// `host`, `host:port`, `[v6]` or `[v6]:port`; an empty port counts as none.
fn split_host_port(authority: &str) -> Option<(&str, Option<u16>)> {
    let port_start = if authority.starts_with('[') {
        let close = authority.find(']')?;
        match &authority[close + 1..] {
            "" => return Some((authority, None)),
            rest if rest.starts_with(':') => close + 1,
            _ => return None,
        }
    } else {
        match authority.rfind(':') {
            Some(colon) => colon,
            None => return Some((authority, None)),
        }
    };
    let (host, port) = (&authority[..port_start], &authority[port_start + 1..]);
    if port.is_empty() {
        return Some((host, None));
    }
    if !port.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some((host, Some(port.parse().ok()?)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn base_uri(url: &str) -> String {
        let (mut plain, mut encoded) = (String::new(), Vec::new());
        let parsed = SignedUrl::parse(url).unwrap();
        parsed.write_base_uri(&mut plain);
        parsed.write_base_uri_encoded(&mut encoded);
        assert_eq!(
            String::from_utf8(encoded).unwrap(),
            crate::oauth1::percent_encode_rfc3986(&plain)
        );
        plain
    }

    #[test]
    fn normalizes_the_base_uri() {
        assert_eq!(base_uri("HTTP://Example.COM"), "http://example.com/");
        assert_eq!(base_uri("https://h:443/p?q=1#f"), "https://h/p");
        assert_eq!(base_uri("http://h:80/"), "http://h/");
        assert_eq!(base_uri("https://h:80/a/B"), "https://h:80/a/B");
        assert_eq!(base_uri("http://[::1]:8080/x"), "http://[::1]:8080/x");
        assert_eq!(base_uri("http://h:/x"), "http://h/x");
        assert_eq!(base_uri("http://h?x=1"), "http://h/");
    }

    #[test]
    fn keeps_the_query_and_drops_the_fragment() {
        let url = SignedUrl::parse("http://h/p?a=1&b#frag?x").unwrap();
        assert_eq!(url.query, Some("a=1&b"));
    }

    #[test]
    fn refuses_what_it_cannot_sign() {
        for bad in [
            "/v2/self",
            "ftp://h/x",
            "http://",
            "http://h:99999/",
            "http://h:8a/",
            "http://u:p@h/",
            "http://h/a b",
            "api.clever-cloud.com/v2/self",
        ] {
            let err = SignedUrl::parse(bad).unwrap_err();
            assert!(matches!(err, Error::InvalidInput(_)), "{bad}: {err:?}");
        }
    }
}
