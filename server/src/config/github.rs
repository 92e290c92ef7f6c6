//! `GITHUB_*`: sign-in with GitHub (or GitHub Enterprise).

use super::ConfigError;
use super::lookup::Vars;

/// GitHub's web address when `GITHUB_URL` is not set.
pub const DEFAULT_GITHUB_URL: &str = "https://github.com";
/// GitHub's API address when `GITHUB_API_URL` is not set.
pub const DEFAULT_GITHUB_API_URL: &str = "https://api.github.com";

/// Sign-in with GitHub (or GitHub Enterprise), from `GITHUB_*`.
#[derive(Clone, PartialEq, Eq)]
pub struct GitHubConfig {
    /// The button's text, `GITHUB_LABEL` (default "GitHub").
    pub label: String,
    /// `GITHUB_URL`: where `/login/oauth/*` lives.
    pub url: String,
    /// `GITHUB_API_URL`: where `/user` and `/user/emails` live.
    pub api_url: String,
    /// `GITHUB_CLIENT_ID`: the OAuth app's client id.
    pub client_id: String,
    /// `GITHUB_CLIENT_SECRET`; never printed.
    pub client_secret: String,
}

impl std::fmt::Debug for GitHubConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("GitHubConfig")
            .field("label", &self.label)
            .field("url", &self.url)
            .field("api_url", &self.api_url)
            .field("client_id", &self.client_id)
            .field("client_secret", &"***")
            .finish()
    }
}

/// An http(s) URL without its trailing slash, or an error naming `var`.
fn http_url(var: &'static str, value: String) -> Result<String, ConfigError> {
    let url = value.trim().trim_end_matches('/').to_string();
    let host = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"));
    match host {
        Some(h) if !h.is_empty() => Ok(url),
        _ => Err(ConfigError::Url(var, value)),
    }
}

/// `GITHUB_*`: `None` when neither the client id nor its secret is set.
pub(super) fn github(vars: &Vars) -> Result<Option<GitHubConfig>, ConfigError> {
    const ID: &str = "GITHUB_CLIENT_ID";
    const SECRET: &str = "GITHUB_CLIENT_SECRET";
    let (client_id, client_secret) = match (vars.get(ID)?, vars.get(SECRET)?) {
        (None, None) => return Ok(None),
        (Some(id), Some(secret)) => (id, secret),
        (Some(_), None) => {
            return Err(ConfigError::Pair {
                given: ID,
                missing: SECRET,
            });
        }
        (None, Some(_)) => {
            return Err(ConfigError::Pair {
                given: SECRET,
                missing: ID,
            });
        }
    };
    Ok(Some(GitHubConfig {
        label: vars.get("GITHUB_LABEL")?.unwrap_or_else(|| "GitHub".into()),
        url: http_url(
            "GITHUB_URL",
            vars.get("GITHUB_URL")?
                .unwrap_or_else(|| DEFAULT_GITHUB_URL.into()),
        )?,
        api_url: http_url(
            "GITHUB_API_URL",
            vars.get("GITHUB_API_URL")?
                .unwrap_or_else(|| DEFAULT_GITHUB_API_URL.into()),
        )?,
        client_id,
        client_secret,
    }))
}

#[cfg(test)]
mod tests {
    use crate::config::from_vars as config;

    #[test]
    fn github_is_off_unless_configured() {
        assert_eq!(config(&[]).unwrap().github, None);
    }
    #[test]
    fn reads_github_with_defaults_and_hides_its_secret() {
        let c = config(&[
            ("GITHUB_CLIENT_ID", "Iv1.abc"),
            ("GITHUB_CLIENT_SECRET", "gh-s3cret"),
        ])
        .unwrap();
        let gh = c.github.expect("configured");
        assert_eq!(gh.label, "GitHub");
        assert_eq!(gh.url, "https://github.com");
        assert_eq!(gh.api_url, "https://api.github.com");
        assert_eq!(gh.client_id, "Iv1.abc");
        assert_eq!(gh.client_secret, "gh-s3cret");
        let printed = format!("{gh:?}");
        assert!(!printed.contains("gh-s3cret"), "{printed}");
        assert!(printed.contains("Iv1.abc"));

        let c = config(&[
            ("GITHUB_CLIENT_ID", "id"),
            ("GITHUB_CLIENT_SECRET", "secret"),
            ("GITHUB_LABEL", "社内 GitHub"),
            ("GITHUB_URL", "https://git.example.jp/"),
            ("GITHUB_API_URL", "https://git.example.jp/api/v3/"),
        ])
        .unwrap();
        let gh = c.github.expect("configured");
        assert_eq!(gh.label, "社内 GitHub");
        assert_eq!(gh.url, "https://git.example.jp");
        assert_eq!(gh.api_url, "https://git.example.jp/api/v3");
    }
    #[test]
    fn refuses_half_configured_or_malformed_github() {
        let err = config(&[("GITHUB_CLIENT_ID", "id")]).unwrap_err();
        assert!(
            err.to_string()
                .starts_with("GITHUB_CLIENT_SECRET is not set"),
            "{err}"
        );
        let err = config(&[("GITHUB_CLIENT_SECRET", "gh-s3cret")]).unwrap_err();
        assert!(
            err.to_string().starts_with("GITHUB_CLIENT_ID is not set"),
            "{err}"
        );
        assert!(!err.to_string().contains("gh-s3cret"));
        for (var, bad) in [
            ("GITHUB_URL", "github.com"),
            ("GITHUB_API_URL", "ftp://api.github.com"),
            ("GITHUB_URL", "https://"),
        ] {
            let err = config(&[
                ("GITHUB_CLIENT_ID", "id"),
                ("GITHUB_CLIENT_SECRET", "secret"),
                (var, bad),
            ])
            .unwrap_err();
            assert!(err.to_string().starts_with(var), "{bad}: {err}");
        }
    }
}
