//! Sign-in with GitHub (or GitHub Enterprise): plain OAuth 2, as GitHub has
//! no OpenID Connect for people. The authorization code flow with PKCE and
//! `state`; then who the person is comes from GitHub's REST API with the
//! access token: `/user` for the stable numeric id and the name, and
//! `/user/emails` for a verified address.

use super::{Callback, Flow, Next, Refusal, finish, take_flow, to_sign_in, unknown_provider};
use crate::config::GitHubConfig;
use axum::Extension;
use axum::extract::{Query, State};
use axum::response::Response;
use camp_connect_app::state::AppState;
use camp_connect_app::store::identity::ProvenIdentity;
use oauth2::basic::BasicClient;
use oauth2::{
    AuthType, AuthUrl, AuthorizationCode, ClientId, ClientSecret, CsrfToken, EndpointNotSet,
    EndpointSet, PkceCodeChallenge, PkceCodeVerifier, RedirectUrl, Scope, TokenResponse, TokenUrl,
    reqwest,
};
use serde::Deserialize;
use serde::de::DeserializeOwned;
use std::sync::Arc;
use tower_sessions::Session;

/// The provider name of GitHub identities, and the flow's route.
pub const PROVIDER: &str = "github";

/// Sign-in with GitHub, or its absence when `GITHUB_*` is not configured.
#[derive(Clone, Debug)]
pub struct GitHub {
    inner: Option<Arc<Inner>>,
}

#[derive(Debug)]
struct Inner {
    client: Client,
    api_url: String,
    http: reqwest::Client,
}

type Client = BasicClient<EndpointSet, EndpointNotSet, EndpointNotSet, EndpointNotSet, EndpointSet>;

impl GitHub {
    /// GitHub as `config` describes it, returning to `public_url`; an
    /// error naming the variables when the URLs cannot be used.
    pub fn new(config: &GitHubConfig, public_url: &str) -> Result<Self, String> {
        let client = client(config, public_url).map_err(|e| {
            format!(
                "GITHUB_URL {:?} or PUBLIC_URL {public_url:?} is not usable for GitHub sign-in: {e}",
                config.url
            )
        })?;
        Ok(Self {
            inner: Some(Arc::new(Inner {
                client,
                api_url: config.api_url.clone(),
                http: super::http_client(),
            })),
        })
    }

    /// GitHub sign-in turned off.
    pub fn off() -> Self {
        Self { inner: None }
    }
}

fn client(c: &GitHubConfig, public_url: &str) -> Result<Client, oauth2::url::ParseError> {
    Ok(BasicClient::new(ClientId::new(c.client_id.clone()))
        .set_client_secret(ClientSecret::new(c.client_secret.clone()))
        .set_auth_uri(AuthUrl::new(format!("{}/login/oauth/authorize", c.url))?)
        .set_token_uri(TokenUrl::new(format!(
            "{}/login/oauth/access_token",
            c.url
        ))?)
        .set_redirect_uri(RedirectUrl::new(format!(
            "{public_url}/auth/github/callback"
        ))?)
        // GitHub documents the client secret in the body (basic auth works
        // too, but is not what its guides promise).
        .set_auth_type(AuthType::RequestBody))
}

/// `GET /auth/github/start`: sends the browser to GitHub.
pub async fn start(
    Query(next): Query<Next>,
    Extension(github): Extension<GitHub>,
    session: Session,
) -> Response {
    let Some(gh) = github.inner else {
        return unknown_provider();
    };
    let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
    let (url, state) = gh
        .client
        .authorize_url(CsrfToken::new_random)
        .add_scope(Scope::new("read:user".into()))
        .add_scope(Scope::new("user:email".into()))
        .set_pkce_challenge(challenge)
        .url();
    Flow::new(
        PROVIDER.to_string(),
        state.secret().clone(),
        None,
        verifier.secret().clone(),
        &next,
    )
    .begin(&session, url.as_str())
    .await
}

/// `GET /auth/github/callback`: checks the answer, asks GitHub who this is,
/// signs in.
pub async fn callback(
    Query(answer): Query<Callback>,
    Extension(github): Extension<GitHub>,
    State(state): State<AppState>,
    session: Session,
) -> Response {
    let Some(gh) = github.inner else {
        return unknown_provider();
    };
    let (flow, code) = match take_flow(&session, PROVIDER, answer).await {
        Ok(f) => f,
        Err(res) => return res,
    };
    let next = flow.next.clone();
    let tokens = match gh
        .client
        .exchange_code(AuthorizationCode::new(code))
        .set_pkce_verifier(PkceCodeVerifier::new(flow.verifier))
        .request_async(&gh.http)
        .await
    {
        Ok(t) => t,
        Err(e) => {
            tracing::warn!(error = %e, "GitHub code exchange refused");
            return to_sign_in(Refusal::Provider);
        }
    };
    let token = tokens.access_token().secret();
    let user: User = match api(&gh, "user", token).await {
        Ok(u) => u,
        Err(e) => {
            tracing::warn!(error = %e, "GitHub /user refused");
            return to_sign_in(Refusal::Provider);
        }
    };
    let emails: Vec<Email> = match api(&gh, "user/emails", token).await {
        Ok(e) => e,
        Err(e) => {
            tracing::warn!(error = %e, "GitHub /user/emails refused");
            return to_sign_in(Refusal::Provider);
        }
    };
    let Some(email) = verified_email(&emails) else {
        return to_sign_in(Refusal::NoEmail);
    };
    // The numeric id, not the login: people can rename themselves on GitHub,
    // and a freed login can be taken by someone else.
    let subject = user.id.to_string();
    let label = super::provider_label(&state, PROVIDER);
    let who = ProvenIdentity {
        provider: PROVIDER,
        label: &label,
        subject: &subject,
        email,
        name: user.display_name(),
    };
    finish(&state, &session, who, &next).await
}

/// The fields of `GET /user` we use.
#[derive(Deserialize)]
struct User {
    id: u64,
    login: String,
    name: Option<String>,
}

impl User {
    /// The profile name, or the login when there is none.
    fn display_name(&self) -> &str {
        self.name
            .as_deref()
            .map(str::trim)
            .filter(|n| !n.is_empty())
            .unwrap_or(&self.login)
    }
}

/// One entry of `GET /user/emails`.
#[derive(Deserialize)]
struct Email {
    email: String,
    primary: bool,
    verified: bool,
}

/// The primary address if GitHub has verified it, else any verified one.
fn verified_email(emails: &[Email]) -> Option<&str> {
    emails
        .iter()
        .find(|e| e.primary && e.verified)
        .or_else(|| emails.iter().find(|e| e.verified))
        .map(|e| e.email.as_str())
}

/// `GET {api}/{path}` with the access token, read as JSON.
async fn api<T: DeserializeOwned>(gh: &Inner, path: &str, token: &str) -> Result<T, String> {
    let res = gh
        .http
        .get(format!("{}/{path}", gh.api_url))
        .bearer_auth(token)
        // GitHub refuses API requests without a User-Agent.
        .header(reqwest::header::USER_AGENT, "camp-connect")
        .header(reqwest::header::ACCEPT, "application/vnd.github+json")
        .send()
        .await
        .map_err(|e| e.to_string())?;
    let status = res.status();
    if !status.is_success() {
        return Err(format!("status {status}"));
    }
    let body = res.bytes().await.map_err(|e| e.to_string())?;
    serde_json::from_slice(&body).map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn email(email: &str, primary: bool, verified: bool) -> Email {
        Email {
            email: email.into(),
            primary,
            verified,
        }
    }

    #[test]
    fn prefers_the_verified_primary_email() {
        let emails = [
            email("old@example.jp", false, true),
            email("main@example.jp", true, true),
        ];
        assert_eq!(verified_email(&emails), Some("main@example.jp"));
    }

    #[test]
    fn falls_back_to_any_verified_email() {
        let emails = [
            email("unchecked@example.jp", true, false),
            email("checked@example.jp", false, true),
        ];
        assert_eq!(verified_email(&emails), Some("checked@example.jp"));
    }

    #[test]
    fn unverified_emails_are_not_used() {
        let emails = [
            email("a@example.jp", true, false),
            email("b@example.jp", false, false),
        ];
        assert_eq!(verified_email(&emails), None);
        assert_eq!(verified_email(&[]), None);
    }

    #[test]
    fn the_name_falls_back_to_the_login() {
        let user = |name: Option<&str>| User {
            id: 1,
            login: "hanako-gh".into(),
            name: name.map(str::to_string),
        };
        assert_eq!(user(Some("GitHub Hanako")).display_name(), "GitHub Hanako");
        assert_eq!(user(None).display_name(), "hanako-gh");
        assert_eq!(user(Some("  ")).display_name(), "hanako-gh");
    }

    #[test]
    fn reads_github_answers() {
        let user: User = serde_json::from_str(
            r#"{"login":"octocat","id":583231,"name":null,"email":null,"type":"User"}"#,
        )
        .unwrap();
        assert_eq!((user.id, user.display_name()), (583231, "octocat"));
        let emails: Vec<Email> = serde_json::from_str(
            r#"[{"email":"octocat@github.com","verified":true,"primary":true,"visibility":"public"}]"#,
        )
        .unwrap();
        assert_eq!(verified_email(&emails), Some("octocat@github.com"));
    }
}
