//! Guardian-consent links: the token's stored form and how long a link
//! lives. The random bytes come from the server (`store`).

use chrono::Duration;
use sha2::{Digest, Sha256};

/// How long a guardian's link works.
pub const CONSENT_LINK_LIFETIME: Duration = Duration::days(14);

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

/// The path under which a guardian's link lives: `/guardian/<token>`.
const LINK_PATH: &str = "/guardian/";

/// `text` with the token of every guardian's link in it replaced by `…`,
/// for what the applicant reads back (their data export): the link is the
/// guardian's signature, so the applicant must never hold a working one,
/// even where a mail to their own address carried it.
pub fn without_consent_links(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find(LINK_PATH) {
        let after = at + LINK_PATH.len();
        out.push_str(&rest[..after]);
        rest = &rest[after..];
        let hex_len = rest.bytes().take_while(u8::is_ascii_hexdigit).count();
        if hex_len > 0 {
            out.push('…');
            rest = &rest[hex_len..];
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn consent_links_are_taken_out_of_text_read_back() {
        let token = hex(&[0x5c; 32]);
        let body = format!(
            "Open https://camp.example.jp/guardian/{token} to answer.\n\
             Again: https://camp.example.jp/guardian/{}\n/guardian/ alone stays.",
            token.to_uppercase()
        );
        let out = without_consent_links(&body);
        assert!(!out.to_lowercase().contains(&token), "{out}");
        assert_eq!(
            out,
            "Open https://camp.example.jp/guardian/… to answer.\n\
             Again: https://camp.example.jp/guardian/…\n/guardian/ alone stays."
        );
        assert_eq!(without_consent_links("no link"), "no link");
    }

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
}
