//! Sessions: the cookie-backed session layer (stored in the database), the
//! refresh of a session's idle expiry, and the per-request actor cache the
//! app's server functions fill.

use axum::extract::Request;
use axum::middleware::Next;
use axum::response::Response;
use camp_connect_app::auth::{IDLE_TIMEOUT, RequestActor};
use camp_connect_app::state::AppState;
use camp_connect_app::store::sessions::DbSessionStore;
use tower_sessions::cookie::SameSite;
use tower_sessions::{Expiry, Session, SessionManagerLayer};

/// The session cookie's name over plain HTTP (development).
pub const SESSION_COOKIE: &str = "cc_session";

/// The session cookie's name over HTTPS. Browsers accept a `__Host-`
/// cookie only with `Secure`, `Path=/` and no `Domain`, so a neighbouring
/// subdomain can neither set nor shadow the session.
pub const SECURE_SESSION_COOKIE: &str = "__Host-cc_session";

/// The session layer: sessions kept in `state`'s database under a
/// `HttpOnly`, `SameSite=Lax` cookie, `Secure` (and `__Host-` named) when
/// `secure_cookies`, expiring after [`IDLE_TIMEOUT`] without use.
pub fn layer(state: &AppState, secure_cookies: bool) -> SessionManagerLayer<DbSessionStore> {
    let idle = time::Duration::seconds(IDLE_TIMEOUT.num_seconds());
    SessionManagerLayer::new(DbSessionStore::new(state.db.clone()))
        .with_name(if secure_cookies {
            SECURE_SESSION_COOKIE
        } else {
            SESSION_COOKIE
        })
        .with_path("/")
        .with_http_only(true)
        .with_same_site(SameSite::Lax)
        .with_secure(secure_cookies)
        // Saved only when modified; `keep_session_alive` modifies it when
        // its expiry is due to move forward.
        .with_expiry(Expiry::OnInactivity(idle))
}

/// Moves the session's idle expiry forward when it is due (see
/// `auth::refresh_idle_expiry`); a failure is logged, the request goes on.
pub async fn keep_session_alive(session: Session, req: Request, next: Next) -> Response {
    if let Err(err) =
        camp_connect_app::auth::refresh_idle_expiry(&session, chrono::Utc::now()).await
    {
        tracing::warn!(error = %err, "session expiry not refreshed");
    }
    next.run(req).await
}

/// Gives each request an empty [`RequestActor`], so the signed-in person is
/// looked up at most once per request.
pub async fn fresh_actor(mut req: Request, next: Next) -> Response {
    req.extensions_mut().insert(RequestActor::default());
    next.run(req).await
}
