//! RFC 3986 percent-encoding as RFC 5849 §3.6 wants it, and strict decoding.

use std::borrow::Cow;

use percent_encoding::percent_encode_byte;

/// Appends the RFC 3986 encoding of `bytes` to `out`: runs of unreserved bytes are copied
/// whole, every other byte becomes `%XX`.
/// Writers fill byte buffers (`Vec<u8>`): what they write is ASCII by construction, checked once
/// by [`ascii_string`] at the end rather than piece by piece.
pub(crate) fn encode_into(out: &mut Vec<u8>, bytes: &[u8]) {
    // Keys, tokens, nonces and timestamps usually need no escape at all: one copy.
    let Some(first_escape) = bytes.iter().position(|&byte| !is_unreserved(byte)) else {
        out.extend_from_slice(bytes);
        return;
    };
    out.extend_from_slice(&bytes[..first_escape]);
    let mut run_start = first_escape;
    for (index, &byte) in bytes.iter().enumerate().skip(first_escape) {
        if !is_unreserved(byte) {
            out.extend_from_slice(&bytes[run_start..index]);
            out.extend_from_slice(&escape(byte));
            run_start = index + 1;
        }
    }
    out.extend_from_slice(&bytes[run_start..]);
}

/// `%XX` with upper-case hex digits, as a fixed-size array: the compiler copies it inline,
/// where a slice of unknown length costs a `memcpy` call.
fn escape(byte: u8) -> [u8; 3] {
    let escaped = percent_encode_byte(byte).as_bytes();
    [escaped[0], escaped[1], escaped[2]]
}

/// A buffer the writers filled, as a `String`: one UTF-8 check, no copy.
pub(crate) fn ascii_string(bytes: Vec<u8>) -> String {
    String::from_utf8(bytes)
        .unwrap_or_else(|err| String::from_utf8_lossy(err.as_bytes()).into_owned())
}

/// RFC 3986 percent-encoding of `text` (UTF-8, upper-case hex), as OAuth 1.0a signs it.
pub fn percent_encode_rfc3986(text: &str) -> String {
    let mut out = Vec::with_capacity(text.len());
    encode_into(&mut out, text.as_bytes());
    ascii_string(out)
}

/// `UNRESERVED_BYTES[b]`: whether `b` is kept as is. A table: this test runs on every byte signed.
const UNRESERVED_BYTES: [bool; 256] = {
    let mut table = [false; 256];
    let mut byte = 0;
    while byte < 256 {
        let b = byte as u8;
        table[byte] = b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~');
        byte += 1;
    }
    table
};

fn is_unreserved(byte: u8) -> bool {
    UNRESERVED_BYTES[byte as usize]
}

/// Whether `value` needs no encoding at all (the usual key, token, nonce or timestamp).
pub(crate) fn is_all_unreserved(value: &[u8]) -> bool {
    value.iter().all(|&b| is_unreserved(b))
}

/// Whether a raw query or form component is already the RFC 3986 encoding of what it decodes
/// to: unreserved bytes and upper-case escapes of reserved bytes only. Such a component is
/// signed as written, without decoding and encoding it again. `Some(escapes)` if it is.
pub(crate) fn canonical_escapes(raw: &[u8]) -> Option<usize> {
    let mut escapes = 0;
    let mut i = 0;
    while i < raw.len() {
        if is_unreserved(raw[i]) {
            i += 1;
            continue;
        }
        let escaped = match raw.get(i..i + 3) {
            Some(&[b'%', high, low]) if is_upper_hex(high) && is_upper_hex(low) => {
                hex_value(high).unwrap_or(0) << 4 | hex_value(low).unwrap_or(0)
            }
            _ => return None,
        };
        if is_unreserved(escaped) {
            return None;
        }
        escapes += 1;
        i += 3;
    }
    Some(escapes)
}

fn is_upper_hex(digit: u8) -> bool {
    digit.is_ascii_digit() || (b'A'..=b'F').contains(&digit)
}

/// A `%` not followed by two hex digits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct InvalidEscape {
    /// Byte offset of the `%` in the component.
    pub offset: usize,
}

/// Decodes one percent-encoded component. `plus_is_space` applies the
/// `application/x-www-form-urlencoded` rule (query strings and form bodies).
/// Borrows when nothing needs decoding, which is the common case.
pub(crate) fn decode(input: &[u8], plus_is_space: bool) -> Result<Cow<'_, [u8]>, InvalidEscape> {
    let needs_work = input
        .iter()
        .any(|&b| b == b'%' || (plus_is_space && b == b'+'));
    if !needs_work {
        return Ok(Cow::Borrowed(input));
    }
    let mut out = Vec::with_capacity(input.len());
    let mut i = 0;
    while i < input.len() {
        match input[i] {
            b'%' => {
                let hex = input.get(i + 1..i + 3).ok_or(InvalidEscape { offset: i })?;
                let high = hex_value(hex[0]).ok_or(InvalidEscape { offset: i })?;
                let low = hex_value(hex[1]).ok_or(InvalidEscape { offset: i })?;
                out.push(high << 4 | low);
                i += 3;
            }
            b'+' if plus_is_space => {
                out.push(b' ');
                i += 1;
            }
            byte => {
                out.push(byte);
                i += 1;
            }
        }
    }
    Ok(Cow::Owned(out))
}

fn hex_value(digit: u8) -> Option<u8> {
    (digit as char).to_digit(16).map(|value| value as u8)
}

/// Splits `a=1&b&c=` into raw (still encoded) name/value pairs; empty segments are skipped.
pub(crate) fn split_pairs(input: &[u8]) -> impl Iterator<Item = (&[u8], &[u8])> {
    input
        .split(|&b| b == b'&')
        .filter(|segment| !segment.is_empty())
        .map(|segment| match segment.iter().position(|&b| b == b'=') {
            Some(eq) => (&segment[..eq], &segment[eq + 1..]),
            None => (segment, &b""[..]),
        })
}

/// Decodes `application/x-www-form-urlencoded` text into pairs, for reading answers: an
/// invalid escape is kept as written rather than failing the whole answer.
pub fn form_pairs(form: &[u8]) -> Vec<(String, String)> {
    let text = |raw: &[u8]| {
        let decoded = decode(raw, true).unwrap_or(Cow::Borrowed(raw));
        String::from_utf8_lossy(&decoded).into_owned()
    };
    split_pairs(form)
        .map(|(name, value)| (text(name), text(value)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodes_everything_but_unreserved_with_upper_case_hex() {
        assert_eq!(percent_encode_rfc3986("aZ9-._~"), "aZ9-._~");
        assert_eq!(percent_encode_rfc3986("a b+c*é"), "a%20b%2Bc%2A%C3%A9");
        assert_eq!(percent_encode_rfc3986("!'()&=%"), "%21%27%28%29%26%3D%25");
    }

    #[test]
    fn decodes_strictly() {
        assert_eq!(decode(b"a%2bb+c", true).unwrap().as_ref(), b"a+b c");
        assert_eq!(decode(b"a+b", false).unwrap().as_ref(), b"a+b");
        assert_eq!(decode(b"100%", true), Err(InvalidEscape { offset: 3 }));
        assert_eq!(decode(b"%zz", true), Err(InvalidEscape { offset: 0 }));
        assert!(matches!(decode(b"plain", true), Ok(Cow::Borrowed(_))));
    }

    #[test]
    fn recognizes_canonical_components() {
        assert_eq!(canonical_escapes(b"abc-._~%20%2B%C3%A9"), Some(4));
        assert_eq!(canonical_escapes(b"abc"), Some(0));
        for not_canonical in [&b"a+b"[..], b"%2b", b"%41", b"a*b", b"100%"] {
            assert_eq!(canonical_escapes(not_canonical), None);
        }
    }

    #[test]
    fn splits_pairs_keeping_empty_values() {
        let pairs: Vec<_> = split_pairs(b"a=1&&b&c=&d=x=y").collect();
        assert_eq!(
            pairs,
            vec![
                (&b"a"[..], &b"1"[..]),
                (b"b", b""),
                (b"c", b""),
                (b"d", b"x=y")
            ]
        );
    }
}
