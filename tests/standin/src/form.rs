//! `application/x-www-form-urlencoded`: the dance's bodies, query strings, OAuth params outside
//! the header.

pub(crate) fn is_form(content_type: Option<&str>) -> bool {
    content_type.is_some_and(|value| {
        value
            .split(';')
            .next()
            .unwrap_or("")
            .trim()
            .eq_ignore_ascii_case("application/x-www-form-urlencoded")
    })
}

/// The raw `name=value` pieces of a form, empty pieces skipped.
pub(crate) fn raw_pairs(form: &[u8]) -> impl Iterator<Item = (&[u8], &[u8])> {
    form.split(|&byte| byte == b'&')
        .filter(|piece| !piece.is_empty())
        .map(|piece| match piece.iter().position(|&byte| byte == b'=') {
            Some(equals) => (&piece[..equals], &piece[equals + 1..]),
            None => (piece, &piece[piece.len()..]),
        })
}

/// Decodes a form component: `+` is a space, bad escapes are kept as they are.
pub(crate) fn decode(component: &[u8]) -> String {
    unescape(component, true)
}

/// Decodes a path segment: `%XX` escapes only, a `+` stays a plus (RFC 3986).
pub(crate) fn decode_path_segment(segment: &str) -> String {
    unescape(segment.as_bytes(), false)
}

fn unescape(component: &[u8], plus_is_space: bool) -> String {
    let mut bytes = Vec::with_capacity(component.len());
    let mut index = 0;
    while index < component.len() {
        let escaped = component
            .get(index + 1..index + 3)
            .and_then(|hex| std::str::from_utf8(hex).ok())
            .and_then(|hex| u8::from_str_radix(hex, 16).ok());
        match (component[index], escaped) {
            (b'%', Some(byte)) => {
                bytes.push(byte);
                index += 3;
            }
            (b'+', _) if plus_is_space => {
                bytes.push(b' ');
                index += 1;
            }
            (byte, _) => {
                bytes.push(byte);
                index += 1;
            }
        }
    }
    String::from_utf8_lossy(&bytes).into_owned()
}

/// The decoded value of the first parameter with this name.
pub(crate) fn find(form: &[u8], name: &str) -> Option<String> {
    raw_pairs(form)
        .find(|(raw_name, _)| decode(raw_name) == name)
        .map(|(_, value)| decode(value))
}

pub(crate) use cleverkit::pairs::form_encode as encode;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_and_finds() {
        let form = b"a=1&oauth_callback=http%3A%2F%2Fx%2F%3Fq%3D1&b=x+y&c&%zz=%4";
        assert_eq!(
            find(form, "oauth_callback").as_deref(),
            Some("http://x/?q=1")
        );
        assert_eq!(find(form, "b").as_deref(), Some("x y"));
        assert_eq!(find(form, "c").as_deref(), Some(""));
        assert_eq!(find(form, "%zz").as_deref(), Some("%4"));
        assert_eq!(find(form, "d"), None);
    }

    #[test]
    fn path_segments_keep_their_plus() {
        assert_eq!(decode_path_segment("example.com%2Fapi"), "example.com/api");
        assert_eq!(decode_path_segment("a+b%20c"), "a+b c");
    }

    #[test]
    fn encodes_rfc3986() {
        assert_eq!(encode(&[("a b", "c&d"), ("e", "~")]), "a%20b=c%26d&e=~");
    }
}
