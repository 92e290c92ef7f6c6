//! `OIDC_PROVIDERS` and `OIDC_<NAME>_*`: sign-in with OpenID Connect
//! providers (a university's, GakuNin's…).

use super::ConfigError;
use super::lookup::Vars;

/// Provider names taken by built-in sign-in methods: an OIDC provider of the
/// same name would share their identities (a subject at one would sign in
/// as the same subject at the other).
pub const RESERVED_PROVIDER_NAMES: [&str; 2] = ["demo", "github"];

/// One OpenID Connect provider, from `OIDC_<NAME>_*`.
#[derive(Clone, PartialEq, Eq)]
pub struct OidcConfig {
    /// Its name in URLs (`/auth/oidc/<name>/…`) and in linked identities.
    pub name: String,
    /// The button's text, `OIDC_<NAME>_LABEL` (default: the name).
    pub label: String,
    /// `OIDC_<NAME>_ISSUER`: the issuer URL (discovery document at
    /// `<issuer>/.well-known/openid-configuration`).
    pub issuer: String,
    /// `OIDC_<NAME>_CLIENT_ID`.
    pub client_id: String,
    /// `OIDC_<NAME>_CLIENT_SECRET`; never printed.
    pub client_secret: String,
}

impl std::fmt::Debug for OidcConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("OidcConfig")
            .field("name", &self.name)
            .field("issuer", &self.issuer)
            .field("client_id", &self.client_id)
            .field("client_secret", &"***")
            .finish()
    }
}

/// The providers `OIDC_PROVIDERS` names, in its order.
pub(super) fn oidc_providers(vars: &Vars) -> Result<Vec<OidcConfig>, ConfigError> {
    let Some(list) = vars.get("OIDC_PROVIDERS")? else {
        return Ok(Vec::new());
    };
    let mut out = Vec::new();
    for name in list.split(',').map(str::trim).filter(|n| !n.is_empty()) {
        if !camp_connect_app::domain::slug::is_valid_slug(name) {
            return Err(ConfigError::ProviderName(name.to_string()));
        }
        if RESERVED_PROVIDER_NAMES.contains(&name) {
            return Err(ConfigError::ReservedProviderName(name.to_string()));
        }
        let prefix = format!("OIDC_{}_", name.to_ascii_uppercase().replace('-', "_"));
        let var = |suffix: &str| {
            let key = format!("{prefix}{suffix}");
            vars.get(&key)?.ok_or(ConfigError::Missing(key))
        };
        let issuer = var("ISSUER")?.trim_end_matches('/').to_string();
        if !(issuer.starts_with("https://") || issuer.starts_with("http://")) {
            return Err(ConfigError::Issuer(format!("{prefix}ISSUER"), issuer));
        }
        out.push(OidcConfig {
            name: name.to_string(),
            label: vars
                .get(&format!("{prefix}LABEL"))?
                .unwrap_or_else(|| name.to_string()),
            issuer,
            client_id: var("CLIENT_ID")?,
            client_secret: var("CLIENT_SECRET")?,
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::from_vars as config;

    #[test]
    fn reads_oidc_providers_and_hides_their_secrets() {
        let c = config(&[
            ("OIDC_PROVIDERS", "univ, gakunin-idp"),
            ("OIDC_UNIV_ISSUER", "https://idp.univ.ac.jp/"),
            ("OIDC_UNIV_CLIENT_ID", "camp"),
            ("OIDC_UNIV_CLIENT_SECRET", "s3cret"),
            ("OIDC_UNIV_LABEL", "大学アカウント"),
            ("OIDC_GAKUNIN_IDP_ISSUER", "https://gakunin.example.jp"),
            ("OIDC_GAKUNIN_IDP_CLIENT_ID", "camp2"),
            ("OIDC_GAKUNIN_IDP_CLIENT_SECRET", "s3cret2"),
        ])
        .unwrap();
        let names: Vec<_> = c
            .oidc
            .iter()
            .map(|p| (p.name.as_str(), p.label.as_str()))
            .collect();
        assert_eq!(
            names,
            vec![("univ", "大学アカウント"), ("gakunin-idp", "gakunin-idp")]
        );
        assert_eq!(c.oidc[0].issuer, "https://idp.univ.ac.jp");
        assert!(!format!("{:?}", c.oidc).contains("s3cret"));
    }
    #[test]
    fn refuses_incomplete_oidc_providers() {
        let err = config(&[
            ("OIDC_PROVIDERS", "univ"),
            ("OIDC_UNIV_ISSUER", "https://x.jp"),
        ])
        .unwrap_err();
        assert_eq!(err, ConfigError::Missing("OIDC_UNIV_CLIENT_ID".into()));
        let err = config(&[("OIDC_PROVIDERS", "Univ!")]).unwrap_err();
        assert!(err.to_string().starts_with("OIDC_PROVIDERS"));
        let err = config(&[
            ("OIDC_PROVIDERS", "u"),
            ("OIDC_U_ISSUER", "idp.example.jp"),
            ("OIDC_U_CLIENT_ID", "a"),
            ("OIDC_U_CLIENT_SECRET", "b"),
        ])
        .unwrap_err();
        assert!(err.to_string().starts_with("OIDC_U_ISSUER"));
    }
    #[test]
    fn oidc_providers_cannot_take_built_in_names() {
        for name in RESERVED_PROVIDER_NAMES {
            let err = config(&[("OIDC_PROVIDERS", name)]).unwrap_err();
            assert_eq!(err, ConfigError::ReservedProviderName(name.into()));
        }
    }
}
