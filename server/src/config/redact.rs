//! Connection URLs (database, SMTP) as they may appear in logs and error
//! messages: the password never does.

/// `url` with the password of its user part, and a `password=` query
/// parameter (which PostgreSQL URLs accept), replaced by `***`. The user
/// part ends at the *last* `@` before the host, so a password that itself
/// contains `@` is hidden whole; a URL without a password is unchanged.
pub(super) fn redact_url(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_string();
    };
    let authority_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let (authority, path) = rest.split_at(authority_end);
    let authority = match authority.rsplit_once('@') {
        Some((userinfo, host)) if userinfo.contains(':') => {
            let user = userinfo.split(':').next().unwrap_or_default();
            format!("{user}:***@{host}")
        }
        _ => authority.to_string(),
    };
    format!("{scheme}://{authority}{}", redact_query_password(path))
}

/// `path` (with its query) with the value of every `password=` parameter
/// replaced by `***`.
fn redact_query_password(path: &str) -> String {
    let Some((before, query)) = path.split_once('?') else {
        return path.to_string();
    };
    let params: Vec<String> = query
        .split('&')
        .map(|p| match p.split_once('=') {
            Some((key, _)) if key.eq_ignore_ascii_case("password") => format!("{key}=***"),
            _ => p.to_string(),
        })
        .collect();
    format!("{before}?{}", params.join("&"))
}

#[cfg(test)]
mod tests {
    use super::redact_url;

    #[test]
    fn the_password_is_hidden_whole() {
        assert_eq!(
            redact_url("postgres://app:s3cret@db:5432/camp"),
            "postgres://app:***@db:5432/camp"
        );
        assert_eq!(
            redact_url("postgres://app:p@ss@w0rd@db/camp"),
            "postgres://app:***@db/camp"
        );
        assert_eq!(
            redact_url("smtps://camp:x@y@smtp.example.jp:465"),
            "smtps://camp:***@smtp.example.jp:465"
        );
        assert_eq!(
            redact_url("postgres://db/camp?user=app&password=s3cret&sslmode=require"),
            "postgres://db/camp?user=app&password=***&sslmode=require"
        );
    }

    #[test]
    fn urls_without_a_password_are_unchanged() {
        for url in [
            "sqlite://data/camp-connect.db?mode=rwc",
            "postgres://app@db/camp",
            "smtp://127.0.0.1:2525",
            "postgres://db/camp?user=a@b",
            "not a url",
        ] {
            assert_eq!(redact_url(url), url);
        }
    }
}
