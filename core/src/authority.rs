//! The parts of an absolute URL (`scheme://[user@]host[:port]rest`), split one way for every
//! rule that depends on them: what the signer covers, which origin a URL or a redirect points
//! to (credentials go to the configured hosts only) and what a proxy URL's `Debug` hides.
//!
//! Splitting only: nothing is decoded, re-encoded or normalised, so the signer still covers
//! the URL exactly as it is sent.

use std::ops::Range;

/// An absolute URL, split. Every part borrows from the URL as written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct UrlParts<'a> {
    /// As written (`HTTPS`, `socks5`…).
    pub scheme: &'a str,
    /// What comes before `@` in the authority, if any.
    pub user_info: Option<&'a str>,
    /// As written: case kept, an IPv6 address with its brackets.
    pub host: &'a str,
    /// `None` when absent or empty (`http://h:/` is `http://h/`, RFC 3986 §3.2.3).
    pub port: Option<u16>,
    /// From the first `/`, `?` or `#` after the authority; may be empty.
    pub rest: &'a str,
}

/// Why a text is not an absolute URL this crate can use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum AuthorityError {
    /// No `scheme://`.
    NotAbsolute,
    /// Not a number from 0 to 65535, or text after an IPv6 address's `]` that is no port.
    BadPort,
    /// Nothing between `://` (or `@`) and the port or path.
    NoHost,
}

impl<'a> UrlParts<'a> {
    pub fn split(url: &'a str) -> Result<Self, AuthorityError> {
        let (scheme, authority) = locate(url).ok_or(AuthorityError::NotAbsolute)?;
        let rest = &url[authority.end..];
        let authority = &url[authority];
        let (user_info, host_and_port) = match authority.rsplit_once('@') {
            Some((user_info, host_and_port)) => (Some(user_info), host_and_port),
            None => (None, authority),
        };
        let (host, port) = split_host_port(host_and_port)?;
        if host.is_empty() {
            return Err(AuthorityError::NoHost);
        }
        Ok(UrlParts {
            scheme,
            user_info,
            host,
            port,
            rest,
        })
    }

    /// `Some(true)` for https, `Some(false)` for http (any case), `None` for other schemes.
    pub fn is_https(&self) -> Option<bool> {
        if self.scheme.eq_ignore_ascii_case("https") {
            Some(true)
        } else if self.scheme.eq_ignore_ascii_case("http") {
            Some(false)
        } else {
            None
        }
    }
}

/// Where the user information of `url` is (`scheme://HERE@host…`), found without checking the
/// rest: a secret in a URL that does not parse must still be hidden.
pub(crate) fn user_info_range(url: &str) -> Option<Range<usize>> {
    let (_, authority) = locate(url)?;
    let at = url[authority.clone()].rfind('@')?;
    Some(authority.start..authority.start + at)
}

/// The scheme and the byte range of the authority: from `://` to the first `/`, `?` or `#`.
fn locate(url: &str) -> Option<(&str, Range<usize>)> {
    let (scheme, after_scheme) = url
        .split_once("://")
        .filter(|(scheme, _)| is_scheme(scheme))?;
    let start = scheme.len() + 3;
    let length = after_scheme
        .bytes()
        .position(|byte| matches!(byte, b'/' | b'?' | b'#'))
        .unwrap_or(after_scheme.len());
    Some((scheme, start..start + length))
}

/// RFC 3986 §3.1: a letter, then letters, digits, `+`, `-`, `.`.
fn is_scheme(scheme: &str) -> bool {
    let mut bytes = scheme.bytes();
    bytes
        .next()
        .is_some_and(|first| first.is_ascii_alphabetic())
        && bytes.all(|byte| byte.is_ascii_alphanumeric() || matches!(byte, b'+' | b'-' | b'.'))
}

/// `host`, `host:port`, `[v6]` or `[v6]:port`; an empty port counts as none.
fn split_host_port(authority: &str) -> Result<(&str, Option<u16>), AuthorityError> {
    let port_start = if authority.starts_with('[') {
        let close = authority.find(']').ok_or(AuthorityError::BadPort)?;
        match &authority[close + 1..] {
            "" => return Ok((authority, None)),
            rest if rest.starts_with(':') => close + 1,
            _ => return Err(AuthorityError::BadPort),
        }
    } else {
        match authority.rfind(':') {
            Some(colon) => colon,
            None => return Ok((authority, None)),
        }
    };
    let (host, port) = (&authority[..port_start], &authority[port_start + 1..]);
    if port.is_empty() {
        return Ok((host, None));
    }
    if !port.bytes().all(|byte| byte.is_ascii_digit()) {
        return Err(AuthorityError::BadPort);
    }
    let port = port.parse().map_err(|_| AuthorityError::BadPort)?;
    Ok((host, Some(port)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts(url: &str) -> (&str, Option<&str>, &str, Option<u16>, &str) {
        let parts = UrlParts::split(url).unwrap();
        (
            parts.scheme,
            parts.user_info,
            parts.host,
            parts.port,
            parts.rest,
        )
    }

    #[test]
    fn splits_every_form_of_authority() {
        assert_eq!(parts("https://h/p?q"), ("https", None, "h", None, "/p?q"));
        assert_eq!(parts("HTTP://H:8080"), ("HTTP", None, "H", Some(8080), ""));
        assert_eq!(parts("http://h:/x"), ("http", None, "h", None, "/x"));
        assert_eq!(parts("http://h?x=1"), ("http", None, "h", None, "?x=1"));
        assert_eq!(parts("http://h#f"), ("http", None, "h", None, "#f"));
        assert_eq!(
            parts("http://[::1]:8080/x"),
            ("http", None, "[::1]", Some(8080), "/x")
        );
        assert_eq!(parts("http://[::1]/"), ("http", None, "[::1]", None, "/"));
        assert_eq!(
            parts("socks5://u:p@proxy:1080"),
            ("socks5", Some("u:p"), "proxy", Some(1080), "")
        );
        assert_eq!(
            parts("http://u:p@a@h/"),
            ("http", Some("u:p@a"), "h", None, "/")
        );
    }

    #[test]
    fn refuses_what_is_not_an_absolute_url() {
        use AuthorityError::*;
        for (url, why) in [
            ("/v2/self", NotAbsolute),
            ("api.clever-cloud.com/v2/self", NotAbsolute),
            ("1http://h/", NotAbsolute),
            ("://h/", NotAbsolute),
            ("http://", NoHost),
            ("http://:80/", NoHost),
            ("http://u@/", NoHost),
            ("http://h:99999/", BadPort),
            ("http://h:8a/", BadPort),
            ("http://[::1]x/", BadPort),
            ("http://[::1/", BadPort),
        ] {
            assert_eq!(UrlParts::split(url), Err(why), "{url}");
        }
    }

    #[test]
    fn finds_user_information_even_in_urls_that_do_not_parse() {
        let url = "gopher://user:pa@ss@[::1";
        assert_eq!(&url[user_info_range(url).unwrap()], "user:pa@ss");
        assert_eq!(user_info_range("http://h/a@b"), None);
        assert_eq!(user_info_range("no scheme@h"), None);
    }

    #[test]
    fn knows_http_and_https_only() {
        let scheme = |url| UrlParts::split(url).unwrap().is_https();
        assert_eq!(scheme("HTTPS://h"), Some(true));
        assert_eq!(scheme("http://h"), Some(false));
        assert_eq!(scheme("ftp://h"), None);
    }
}
