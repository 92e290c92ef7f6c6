//! Small URL rules: encoding a query value and keeping redirects on-site.

/// Percent-encodes `s` for use as one query-string value: everything but
/// RFC 3986 unreserved characters is encoded, UTF-8 byte by byte.
pub fn encode_query_value(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// `target` when it is a path on this site, else `/`. Stops a link such as
/// `/lang/en?next=//evil.example` from sending people elsewhere.
pub fn local_path_or_root(target: &str) -> &str {
    let on_site = target.starts_with('/')
        && !target.starts_with("//")
        && !target.starts_with("/\\")
        && !target.chars().any(|c| c.is_control() || c == '\\');
    if on_site { target } else { "/" }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodes_reserved_and_non_ascii() {
        assert_eq!(encode_query_value("/a b?c=d&e"), "%2Fa%20b%3Fc%3Dd%26e");
        assert_eq!(encode_query_value("量子"), "%E9%87%8F%E5%AD%90");
        assert_eq!(encode_query_value("abc-1.2_~"), "abc-1.2_~");
    }

    #[test]
    fn keeps_redirects_on_site() {
        assert_eq!(
            local_path_or_root("/programmes/camp?x=1"),
            "/programmes/camp?x=1"
        );
        for bad in [
            "https://evil.example/",
            "//evil.example",
            "/\\evil.example",
            "javascript:alert(1)",
            "",
            "/a\r\nSet-Cookie: x",
        ] {
            assert_eq!(local_path_or_root(bad), "/", "{bad:?}");
        }
    }
}
