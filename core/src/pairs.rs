//! Name–value pairs (headers, form fields, OAuth parameters), looked up and form-encoded one
//! way everywhere.

use crate::oauth1::percent_encode_rfc3986;

/// The value of the first pair named exactly `name`.
pub fn value<'a>(pairs: &'a [(String, String)], name: &str) -> Option<&'a str> {
    find(pairs, |candidate| candidate == name)
}

/// The value of the first header named `name`, in any case (RFC 9110 §5.1).
pub fn header<'a>(pairs: &'a [(String, String)], name: &str) -> Option<&'a str> {
    find(pairs, |candidate| candidate.eq_ignore_ascii_case(name))
}

fn find(pairs: &[(String, String)], matches: impl Fn(&str) -> bool) -> Option<&str> {
    pairs
        .iter()
        .find(|(candidate, _)| matches(candidate))
        .map(|(_, value)| value.as_str())
}

/// `name=value&…`, each name and value RFC 3986-encoded: a form body, or a query string.
pub fn form_encode<N: AsRef<str>, V: AsRef<str>>(pairs: &[(N, V)]) -> String {
    let mut form = String::new();
    for (index, (name, value)) in pairs.iter().enumerate() {
        if index > 0 {
            form.push('&');
        }
        form.push_str(&percent_encode_rfc3986(name.as_ref()));
        form.push('=');
        form.push_str(&percent_encode_rfc3986(value.as_ref()));
    }
    form
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn looks_up_and_encodes() {
        let pairs = vec![
            ("Content-Type".to_owned(), "a".to_owned()),
            ("content-type".to_owned(), "b".to_owned()),
        ];
        assert_eq!(value(&pairs, "content-type"), Some("b"));
        assert_eq!(header(&pairs, "CONTENT-TYPE"), Some("a"));
        assert_eq!(value(&pairs, "x"), None);
        assert_eq!(
            form_encode(&[("a b", "c&d"), ("e", "~+")]),
            "a%20b=c%26d&e=~%2B"
        );
        assert_eq!(form_encode::<&str, &str>(&[]), "");
    }
}
