//! Who is signed in, as pages see it.

use super::lang::Localized;
use serde::{Deserialize, Serialize};

/// The signed-in person as the header and menus show them. Holds nothing
/// private beyond their own name.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Viewer {
    /// Their name.
    pub name: Localized,
    /// Instance administrator.
    pub is_admin: bool,
    /// Organiser of at least one programme.
    pub is_organiser: bool,
}

/// A demo account offered on the sign-in page when demo sign-in is on.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DemoAccount {
    /// Its email, which the demo sign-in form posts.
    pub email: String,
    /// Its name, which says which role it shows off.
    pub name: Localized,
}

/// A configured sign-in provider, as a button on the sign-in page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProviderButton {
    /// Its name, as linked identities record it.
    pub name: String,
    /// Where its sign-in starts, e.g. `/auth/oidc/<name>/start`.
    pub start_path: String,
    /// The text on the button.
    pub label: String,
}

/// What the sign-in page offers.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignInOptions {
    /// The configured providers, in configuration order.
    pub providers: Vec<ProviderButton>,
    /// Demo accounts, when demo sign-in is enabled (never in production).
    pub demo_accounts: Vec<DemoAccount>,
}

/// Whether `s` looks like an email address: one `@` with text on both sides,
/// a dot in the domain, no spaces or control characters, at most 320 bytes. The real check is
/// the identity provider's; this only catches typing mistakes.
pub fn is_plausible_email(s: &str) -> bool {
    let s = s.trim();
    let Some((local, domain)) = s.split_once('@') else {
        return false;
    };
    s.len() <= 320
        && !local.is_empty()
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !domain.contains('@')
        && !s.chars().any(|c| c.is_whitespace() || c.is_control())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plausible_emails() {
        for ok in ["a@example.jp", "taro.yamada+camp@ipa.go.jp"] {
            assert!(is_plausible_email(ok), "{ok}");
        }
        for bad in [
            "",
            "a",
            "@example.jp",
            "a@",
            "a@b",
            "a@@b.jp",
            "a b@c.jp",
            "a@.jp",
            "a@b.",
        ] {
            assert!(!is_plausible_email(bad), "{bad}");
        }
    }
}
