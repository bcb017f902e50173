//! Just enough URL parsing for RFC 5849 §3.4.1.2: the base string URI and the query.
//!
//! Hand-written on purpose (on the crate's one authority splitter): the signature must cover the
//! URL exactly as it is sent, and a general URL library would normalize (re-encode the path,
//! apply IDNA) behind the signer's back.

use super::encoding::encode_into;
use crate::Error;
use crate::authority::{AuthorityError, UrlParts};

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
        let parts = UrlParts::split(without_fragment).map_err(|why| {
            invalid(match why {
                AuthorityError::NotAbsolute => "not an absolute http(s) URL",
                AuthorityError::BadPort => "bad port",
                AuthorityError::NoHost => "no host",
            })
        })?;
        let https = parts
            .is_https()
            .ok_or_else(|| invalid("only http and https URLs can be signed"))?;
        if parts.user_info.is_some() {
            return Err(invalid("user information in a URL is not supported"));
        }
        let (path, query) = match parts.rest.split_once('?') {
            Some((path, query)) => (path, Some(query)),
            None => (parts.rest, None),
        };
        let (host, port) = (parts.host, parts.port);
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
