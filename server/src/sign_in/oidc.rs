//! Sign-in with OpenID Connect providers configured by issuer URL: the
//! authorization code flow with PKCE, `state` and `nonce`, and the ID token
//! checked (signature, issuer, audience, expiry, nonce) by `openidconnect`.

use super::{
    Callback, Flow, Next, Refusal, finish, take_flow, to_sign_in, unavailable, unknown_provider,
};
use crate::config::OidcConfig;
use axum::Extension;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use camp_connect_app::state::AppState;
use camp_connect_app::store::identity::ProvenIdentity;
use openidconnect::core::{CoreAuthenticationFlow, CoreClient, CoreProviderMetadata};
use openidconnect::{
    AuthorizationCode, ClientId, ClientSecret, CsrfToken, IssuerUrl, Nonce, OAuth2TokenResponse,
    PkceCodeChallenge, PkceCodeVerifier, RedirectUrl, Scope, TokenResponse, reqwest,
};
use std::sync::Arc;
use tower_sessions::Session;

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
        Self {
            providers: Arc::new(providers),
            public_url: public_url.to_string(),
            http: super::http_client(),
        }
    }

    fn get(&self, name: &str) -> Option<&OidcConfig> {
        self.providers.iter().find(|p| p.name == name)
    }
}

/// The flow route of provider `name`.
fn route(name: &str) -> String {
    format!("oidc/{name}")
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
    Query(next): Query<Next>,
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
    Flow::new(
        route(&p.name),
        state.secret().clone(),
        Some(nonce.secret().clone()),
        verifier.secret().clone(),
        &next,
    )
    .begin(&session, url.as_str())
    .await
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
    let (flow, code) = match take_flow(&session, &route(&p.name), answer).await {
        Ok(f) => f,
        Err(res) => return res,
    };
    let next = flow.next.clone();
    // Every OIDC flow is started with a nonce; one without cannot be ours.
    let Some(nonce) = flow.nonce else {
        return to_sign_in(Refusal::State);
    };
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
    let claims = match id_token.claims(&client.id_token_verifier(), &Nonce::new(nonce)) {
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
    let who = ProvenIdentity {
        provider: &p.name,
        label: &p.label,
        subject: subject.as_str(),
        email: &email,
        name: &name,
    };
    finish(&state, &session, who, &next).await
}
