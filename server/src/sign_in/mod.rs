//! Sign-in through outside providers: what OpenID Connect ([`oidc`]) and
//! GitHub ([`github`]) share. Both run the authorization code flow with PKCE
//! and a single-use `state` kept in the session; each checks the provider's
//! answer its own way, then hands a [`ProvenIdentity`] to [`finish`].

pub mod github;
pub mod oidc;

use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use camp_connect_app::auth;
use camp_connect_app::state::AppState;
use camp_connect_app::store::identity::{ProvenIdentity, SignInOutcome, resolve_sign_in};
use chrono::Utc;
use oauth2::reqwest;
use serde::{Deserialize, Serialize};
use tower_sessions::Session;

/// How long a started sign-in may take before its callback is refused.
const FLOW_MAX_AGE_SECS: i64 = 10 * 60;
/// The session key of the flow in progress; one at a time per session, so
/// starting a second sign-in abandons the first.
const FLOW_KEY: &str = "sign_in_flow";

/// The HTTP client for talking to providers.
pub(crate) fn http_client() -> reqwest::Client {
    reqwest::ClientBuilder::new()
        // Following redirects would let a provider point us anywhere.
        .redirect(reqwest::redirect::Policy::none())
        .timeout(std::time::Duration::from_secs(10))
        .build()
        .unwrap_or_default()
}

/// What the session keeps between start and callback: single use.
#[derive(Serialize, Deserialize)]
pub(crate) struct Flow {
    /// Which route started it (`oidc/<name>` or `github`), so one
    /// provider's callback never redeems another's flow.
    pub route: String,
    /// The `state` sent to the provider, which its answer must carry back.
    pub state: String,
    /// The OpenID Connect nonce; GitHub has none.
    pub nonce: Option<String>,
    /// The PKCE code verifier, proving the code exchange is ours.
    pub verifier: String,
    /// When the flow started (Unix seconds), for the ten-minute limit.
    pub started_at: i64,
}

impl Flow {
    /// A flow started now.
    pub fn new(route: String, state: String, nonce: Option<String>, verifier: String) -> Self {
        Self {
            route,
            state,
            nonce,
            verifier,
            started_at: Utc::now().timestamp(),
        }
    }

    /// Keeps the flow in the session, and sends the browser to `url`.
    pub async fn begin(self, session: &Session, url: &str) -> Response {
        if session.insert(FLOW_KEY, self).await.is_err() {
            return unavailable();
        }
        (StatusCode::SEE_OTHER, [(header::LOCATION, url)]).into_response()
    }
}

/// The provider's answer on the callback URL.
#[derive(Deserialize)]
pub struct Callback {
    code: Option<String>,
    state: Option<String>,
    error: Option<String>,
}

/// Takes the flow `route` started out of the session and checks `answer`
/// against it; the flow and the authorization code, or the refusal page.
pub(crate) async fn take_flow(
    session: &Session,
    route: &str,
    answer: Callback,
) -> Result<(Flow, String), Response> {
    // Single use: the flow leaves the session whatever happens next, so a
    // replayed callback finds nothing.
    let flow: Option<Flow> = session.remove(FLOW_KEY).await.map_err(|_| unavailable())?;
    let Some(flow) = flow.filter(|f| f.route == route) else {
        return Err(to_sign_in(Refusal::State));
    };
    if answer.error.is_some() {
        return Err(to_sign_in(Refusal::Provider));
    }
    let (Some(code), Some(returned_state)) = (answer.code, answer.state) else {
        return Err(to_sign_in(Refusal::State));
    };
    if returned_state != flow.state {
        return Err(to_sign_in(Refusal::State));
    }
    if Utc::now().timestamp() - flow.started_at > FLOW_MAX_AGE_SECS {
        return Err(to_sign_in(Refusal::Expired));
    }
    Ok((flow, code))
}

/// The text of `provider`'s sign-in button (its name when it has none).
pub(crate) fn provider_label(state: &AppState, provider: &str) -> String {
    state
        .auth
        .providers
        .iter()
        .find(|b| b.name == provider)
        .map_or_else(|| provider.to_string(), |b| b.label.clone())
}

/// Signs in as the account `who` leads to (made or linked as needed), and
/// sends the browser home; or refuses.
pub(crate) async fn finish(
    state: &AppState,
    session: &Session,
    who: ProvenIdentity<'_>,
) -> Response {
    let now = Utc::now();
    let current = match auth::current(session, &state.db, now).await {
        Ok(c) => c.map(|(actor, _)| actor.account_id),
        Err(_) => return unavailable(),
    };
    let provider = who.provider.to_string();
    match resolve_sign_in(&state.db, who, current, now).await {
        Ok(SignInOutcome::Account(id)) => match auth::sign_in(session, id, now).await {
            Ok(()) => {
                tracing::info!(account_id = id, provider, "signed in");
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

/// Why a sign-in was refused; each becomes `/sign-in?error=<code>`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Refusal {
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

/// Back to the sign-in page, which shows that signing in failed.
pub(crate) fn to_sign_in(refusal: Refusal) -> Response {
    tracing::warn!(reason = refusal.code(), "sign-in refused");
    let location = format!("/sign-in?error={}", refusal.code());
    (StatusCode::SEE_OTHER, [(header::LOCATION, location)]).into_response()
}

/// The provider (or our session store) cannot be reached.
pub(crate) fn unavailable() -> Response {
    (
        StatusCode::SERVICE_UNAVAILABLE,
        "サインイン先に接続できません。しばらくしてからお試しください。\nThe sign-in provider cannot be reached; please try again shortly.",
    )
        .into_response()
}

/// A provider that is not configured.
pub(crate) fn unknown_provider() -> Response {
    (
        StatusCode::NOT_FOUND,
        "不明なサインイン方法です。\nUnknown sign-in provider.",
    )
        .into_response()
}
