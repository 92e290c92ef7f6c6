//! Sign-in through outside providers: what OpenID Connect ([`oidc`]) and
//! GitHub ([`github`]) share. Both run the authorization code flow with PKCE
//! and a single-use `state` kept in the session; each checks the provider's
//! answer its own way, then hands a [`ProvenIdentity`] to [`finish`].

pub mod github;
pub mod oidc;

use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use camp_connect_app::auth;
use camp_connect_app::domain::url::local_path_or_root;
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
    /// Where to go once signed in (a path on this site).
    #[serde(default)]
    pub next: String,
}

impl Flow {
    /// A flow started now, returning to `next` once signed in.
    pub fn new(
        route: String,
        state: String,
        nonce: Option<String>,
        verifier: String,
        next: &Next,
    ) -> Self {
        Self {
            route,
            state,
            nonce,
            verifier,
            started_at: Utc::now().timestamp(),
            next: next.path().to_string(),
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

/// `?next=/path` on a sign-in start: where the person was going.
#[derive(Debug, Default, Deserialize)]
pub struct Next {
    next: Option<String>,
}

impl Next {
    /// The path to return to: `next` when it is on this site, else `/`.
    pub fn path(&self) -> &str {
        local_path_or_root(self.next.as_deref().unwrap_or("/"))
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
    match check_answer(&flow, answer, Utc::now().timestamp()) {
        Ok(code) => Ok((flow, code)),
        Err(refusal) => Err(to_sign_in(refusal)),
    }
}

/// The authorization code of `answer` when it answers `flow` (same state,
/// no provider error) within ten minutes of its start at `now`.
fn check_answer(flow: &Flow, answer: Callback, now: i64) -> Result<String, Refusal> {
    if answer.error.is_some() {
        return Err(Refusal::Provider);
    }
    let (Some(code), Some(returned_state)) = (answer.code, answer.state) else {
        return Err(Refusal::State);
    };
    if returned_state != flow.state {
        return Err(Refusal::State);
    }
    if now - flow.started_at > FLOW_MAX_AGE_SECS {
        return Err(Refusal::Expired);
    }
    Ok(code)
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
    next: &str,
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
                // Someone already signed in was linking another method from
                // their account page: take them back there.
                let to = if current.is_some() {
                    "/account?saved=1"
                } else {
                    local_path_or_root(next)
                };
                (StatusCode::SEE_OTHER, [(header::LOCATION, to)]).into_response()
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

#[cfg(test)]
mod tests {
    use super::*;

    fn flow() -> Flow {
        let mut f = Flow::new(
            "github".into(),
            "the-state".into(),
            None,
            "verifier".into(),
            &Next::default(),
        );
        f.started_at = 1_000_000;
        f
    }

    fn answer(code: Option<&str>, state: Option<&str>, error: Option<&str>) -> Callback {
        Callback {
            code: code.map(Into::into),
            state: state.map(Into::into),
            error: error.map(Into::into),
        }
    }

    #[test]
    fn a_matching_answer_within_ten_minutes_gives_its_code() {
        let ok = answer(Some("c0de"), Some("the-state"), None);
        let at_the_limit = 1_000_000 + FLOW_MAX_AGE_SECS;
        assert_eq!(check_answer(&flow(), ok, at_the_limit), Ok("c0de".into()));
    }

    #[test]
    fn late_forged_incomplete_or_refused_answers_are_refused() {
        let late = 1_000_000 + FLOW_MAX_AGE_SECS + 1;
        let ok = || answer(Some("c0de"), Some("the-state"), None);
        assert_eq!(check_answer(&flow(), ok(), late), Err(Refusal::Expired));
        let now = 1_000_001;
        let forged = answer(Some("c0de"), Some("other"), None);
        assert_eq!(check_answer(&flow(), forged, now), Err(Refusal::State));
        let no_state = answer(Some("c0de"), None, None);
        assert_eq!(check_answer(&flow(), no_state, now), Err(Refusal::State));
        let denied = answer(None, Some("the-state"), Some("access_denied"));
        assert_eq!(check_answer(&flow(), denied, now), Err(Refusal::Provider));
    }

    #[test]
    fn next_stays_on_this_site() {
        let next = |n: &str| Next {
            next: Some(n.into()),
        };
        assert_eq!(next("/account?x=1").path(), "/account?x=1");
        assert_eq!(next("//evil.example/").path(), "/");
        assert_eq!(next("https://evil.example/").path(), "/");
        assert_eq!(Next::default().path(), "/");
    }
}
