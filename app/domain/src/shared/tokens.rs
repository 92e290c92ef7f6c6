//! Link tokens: the secret in a mailed or subscribed link (guardian
//! consent, roster invitations, credit confirmations, calendar feeds) and
//! session ids. Only a token's hash is stored, and a link is the site's
//! address with the token in its path. The random bytes come from the
//! server (`store::tokens`).

use sha2::{Digest, Sha256};

/// The hex of `bytes` (lowercase), for tokens and their hashes.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// What is stored of a token: the SHA-256 of its text, in hex. A leaked
/// database holds no working link.
pub fn token_hash(token: &str) -> String {
    hex(&Sha256::digest(token.as_bytes()))
}

/// Whether `token` looks like one we issue (64 hex digits); anything else is
/// refused before the database is asked.
pub fn is_token_shaped(token: &str) -> bool {
    token.len() == 64 && token.bytes().all(|b| b.is_ascii_hexdigit())
}

/// The full address of `path` (starting with `/`) on the site at `site`
/// (the instance's `PUBLIC_URL`, with or without a trailing slash), for
/// mails.
pub fn link(site: &str, path: &str) -> String {
    format!("{}{path}", site.trim_end_matches('/'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_stored_as_their_sha256() {
        assert_eq!(
            token_hash("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        let token = hex(&[0xab; 32]);
        assert!(is_token_shaped(&token));
        assert_ne!(token_hash(&token), token);
        assert!(!is_token_shaped("../etc"));
        assert!(!is_token_shaped(&token[1..]));
    }

    #[test]
    fn links_join_the_site_and_the_path_with_one_slash() {
        assert_eq!(
            link("https://cc.example/", "/guardian/ab"),
            "https://cc.example/guardian/ab"
        );
        assert_eq!(
            link("https://cc.example", "/guardian/ab"),
            "https://cc.example/guardian/ab"
        );
    }
}
