//! Sign-in with OpenID Connect providers configured by issuer URL: the
//! authorization code flow with PKCE, `state` and `nonce`, and the ID token
//! checked (signature, issuer, audience, expiry, nonce) by `openidconnect`.

use crate::config::OidcConfig;
use axum::Extension;
use axum::extract::{Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use camp_connect_app::auth;
use camp_connect_app::state::AppState;
use camp_connect_app::store::identity::{ProvenIdentity, SignInOutcome, resolve_sign_in};
use chrono::Utc;
use openidconnect::core::{CoreAuthenticationFlow, CoreClient, CoreProviderMetadata};
use openidconnect::{
    AuthorizationCode, ClientId, ClientSecret, CsrfToken, IssuerUrl, Nonce, OAuth2TokenResponse,
    PkceCodeChallenge, PkceCodeVerifier, RedirectUrl, Scope, TokenResponse, reqwest,
};
use serde::{Deserialize, Serialize};
use std::sync::Arc;
use tower_sessions::Session;

/// How long a started sign-in may take before its callback is refused.
const FLOW_MAX_AGE_SECS: i64 = 10 * 60;
const FLOW_KEY: &str = "oidc_flow";

/// The configured providers and where they send people back to.
#[derive(Clone, Debug)]
pub struct OidcProviders {
    providers: Arc<Vec<OidcConfig>>,
    public_url: String,
    http: reqwest::Client,
}

impl OidcProviders {
    /// The providers of `config`, returning to `public_url`.
    pub fn new(providers: Vec<OidcConfig>, public_url: &str) -> Self {
        let http = reqwest::ClientBuilder::new()
            // Following redirects would let a provider point us anywhere.
            .redirect(reqwest::redirect::Policy::none())
            .timeout(std::time::Duration::from_secs(10))
            .build()
            .unwrap_or_default();
        Self {
            providers: Arc::new(providers),
            public_url: public_url.to_string(),
            http,
        }
    }

    fn get(&self, name: &str) -> Option<&OidcConfig> {
        self.providers.iter().find(|p| p.name == name)
    }
}

/// What the session keeps between start and callback: single use.
#[derive(Serialize, Deserialize)]
struct Flow {
    provider: String,
    state: String,
    nonce: String,
    verifier: String,
    started_at: i64,
}

/// Why a sign-in was refused; each becomes `/sign-in?error=<code>`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Refusal {
    /// No flow in this session, another provider's, or a different state.
    State,
    /// The flow is older than ten minutes.
    Expired,
    /// The provider refused, or its answer did not verify.
    Provider,
    /// The provider gave no verified email.
    NoEmail,
    /// The email belongs to another account.
    EmailTaken,
}

impl Refusal {
    fn code(self) -> &'static str {
        match self {
            Refusal::State => "state",
            Refusal::Expired => "expired",
            Refusal::Provider => "provider",
            Refusal::NoEmail => "no-email",
            Refusal::EmailTaken => "email-taken",
        }
    }
}

fn to_sign_in(refusal: Refusal) -> Response {
    tracing::warn!(reason = refusal.code(), "sign-in refused");
    let location = format!("/sign-in?error={}", refusal.code());
    (StatusCode::SEE_OTHER, [(header::LOCATION, location)]).into_response()
}

fn unavailable() -> Response {
    (
        StatusCode::SERVICE_UNAVAILABLE,
        "サインイン先に接続できません。しばらくしてからお試しください。\nThe sign-in provider cannot be reached; please try again shortly.",
    )
        .into_response()
}

fn unknown_provider() -> Response {
    (
        StatusCode::NOT_FOUND,
        "不明なサインイン方法です。\nUnknown sign-in provider.",
    )
        .into_response()
}

type Client = CoreClient<
    openidconnect::EndpointSet,
    openidconnect::EndpointNotSet,
    openidconnect::EndpointNotSet,
    openidconnect::EndpointNotSet,
    openidconnect::EndpointMaybeSet,
    openidconnect::EndpointMaybeSet,
>;

async fn client(providers: &OidcProviders, p: &OidcConfig) -> Result<Client, Response> {
    let issuer = IssuerUrl::new(p.issuer.clone()).map_err(|_| unavailable())?;
    let metadata = CoreProviderMetadata::discover_async(issuer, &providers.http)
        .await
        .map_err(|e| {
            tracing::error!(provider = %p.name, error = %e, "OIDC discovery failed");
            unavailable()
        })?;
    let redirect = format!("{}/auth/oidc/{}/callback", providers.public_url, p.name);
    let redirect = RedirectUrl::new(redirect).map_err(|_| unavailable())?;
    Ok(CoreClient::from_provider_metadata(
        metadata,
        ClientId::new(p.client_id.clone()),
        Some(ClientSecret::new(p.client_secret.clone())),
    )
    .set_redirect_uri(redirect))
}

/// The verified email (or `None`) and the name (or empty) from a set of claims.
fn profile(
    email: Option<&openidconnect::EndUserEmail>,
    verified: Option<bool>,
    name: Option<&openidconnect::LocalizedClaim<openidconnect::EndUserName>>,
) -> (Option<String>, String) {
    let email = email
        .filter(|_| verified == Some(true))
        .map(|e| e.as_str().to_string());
    let name = name
        .and_then(|n| n.get(None))
        .map(|n| n.as_str().to_string())
        .unwrap_or_default();
    (email, name)
}

/// `GET /auth/oidc/{provider}/start`: sends the browser to the provider.
pub async fn start(
    Path(name): Path<String>,
    Extension(providers): Extension<OidcProviders>,
    session: Session,
) -> Response {
    let Some(p) = providers.get(&name) else {
        return unknown_provider();
    };
    let client = match client(&providers, p).await {
        Ok(c) => c,
        Err(res) => return res,
    };
    let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
    let (url, state, nonce) = client
        .authorize_url(
            CoreAuthenticationFlow::AuthorizationCode,
            CsrfToken::new_random,
            Nonce::new_random,
        )
        .add_scope(Scope::new("email".into()))
        .add_scope(Scope::new("profile".into()))
        .set_pkce_challenge(challenge)
        .url();
    let flow = Flow {
        provider: p.name.clone(),
        state: state.secret().clone(),
        nonce: nonce.secret().clone(),
        verifier: verifier.secret().clone(),
        started_at: Utc::now().timestamp(),
    };
    if session.insert(FLOW_KEY, flow).await.is_err() {
        return unavailable();
    }
    (StatusCode::SEE_OTHER, [(header::LOCATION, url.to_string())]).into_response()
}

/// The provider's answer.
#[derive(Deserialize)]
pub struct Callback {
    code: Option<String>,
    state: Option<String>,
    error: Option<String>,
}

/// `GET /auth/oidc/{provider}/callback`: checks the answer, signs in.
pub async fn callback(
    Path(name): Path<String>,
    Query(answer): Query<Callback>,
    Extension(providers): Extension<OidcProviders>,
    State(state): State<AppState>,
    session: Session,
) -> Response {
    let Some(p) = providers.get(&name) else {
        return unknown_provider();
    };
    // Single use: the flow leaves the session whatever happens next, so a
    // replayed callback finds nothing.
    let flow: Option<Flow> = match session.remove(FLOW_KEY).await {
        Ok(f) => f,
        Err(_) => return unavailable(),
    };
    let Some(flow) = flow.filter(|f| f.provider == p.name) else {
        return to_sign_in(Refusal::State);
    };
    if answer.error.is_some() {
        return to_sign_in(Refusal::Provider);
    }
    let (Some(code), Some(returned_state)) = (answer.code, answer.state) else {
        return to_sign_in(Refusal::State);
    };
    if returned_state != flow.state {
        return to_sign_in(Refusal::State);
    }
    if Utc::now().timestamp() - flow.started_at > FLOW_MAX_AGE_SECS {
        return to_sign_in(Refusal::Expired);
    }
    let client = match client(&providers, p).await {
        Ok(c) => c,
        Err(res) => return res,
    };
    let exchange = match client.exchange_code(AuthorizationCode::new(code)) {
        Ok(req) => req.set_pkce_verifier(PkceCodeVerifier::new(flow.verifier)),
        Err(_) => return to_sign_in(Refusal::Provider),
    };
    let tokens = match exchange.request_async(&providers.http).await {
        Ok(t) => t,
        Err(e) => {
            tracing::warn!(provider = %p.name, error = %e, "code exchange refused");
            return to_sign_in(Refusal::Provider);
        }
    };
    let Some(id_token) = tokens.id_token() else {
        return to_sign_in(Refusal::Provider);
    };
    let claims = match id_token.claims(&client.id_token_verifier(), &Nonce::new(flow.nonce)) {
        Ok(c) => c,
        Err(e) => {
            tracing::warn!(provider = %p.name, error = %e, "ID token refused");
            return to_sign_in(Refusal::Provider);
        }
    };
    let subject = claims.subject().clone();
    let from_token = profile(claims.email(), claims.email_verified(), claims.name());
    // Many providers put email and name only in the UserInfo answer.
    let (email, name) = match from_token {
        (Some(email), name) => (email, name),
        (None, _) => {
            let request =
                match client.user_info(tokens.access_token().clone(), Some(subject.clone())) {
                    Ok(r) => r,
                    Err(_) => return to_sign_in(Refusal::NoEmail),
                };
            let info: openidconnect::core::CoreUserInfoClaims =
                match request.request_async(&providers.http).await {
                    Ok(i) => i,
                    Err(e) => {
                        tracing::warn!(provider = %p.name, error = %e, "UserInfo refused");
                        return to_sign_in(Refusal::Provider);
                    }
                };
            match profile(info.email(), info.email_verified(), info.name()) {
                (Some(email), name) => (email, name),
                (None, _) => return to_sign_in(Refusal::NoEmail),
            }
        }
    };
    let now = Utc::now();
    let current = match auth::current(&session, &state.db, now).await {
        Ok(c) => c.map(|(actor, _)| actor.account_id),
        Err(_) => return unavailable(),
    };
    let who = ProvenIdentity {
        provider: &p.name,
        subject: subject.as_str(),
        email: &email,
        name: &name,
    };
    match resolve_sign_in(&state.db, who, current, now).await {
        Ok(SignInOutcome::Account(id)) => match auth::sign_in(&session, id, now).await {
            Ok(()) => {
                tracing::info!(account_id = id, provider = %p.name, "signed in");
                (StatusCode::SEE_OTHER, [(header::LOCATION, "/")]).into_response()
            }
            Err(_) => unavailable(),
        },
        Ok(SignInOutcome::EmailTaken) => to_sign_in(Refusal::EmailTaken),
        Err(e) => {
            tracing::error!(error = %e, "sign-in store");
            unavailable()
        }
    }
}
