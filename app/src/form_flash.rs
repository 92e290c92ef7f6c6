//! What was typed into a refused form, carried back to the form without
//! JavaScript (server only).
//!
//! With JavaScript a refused save leaves the form as it is. Without it the
//! browser posted a plain form and is sent back to the page, which would
//! load the saved values again and lose what was typed. So a refused plain
//! post keeps its values in the session, and the next load of the same
//! form takes them (once).

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

const KEY: &str = "form_flash";

/// Which form the values belong to, and the values.
#[derive(serde::Serialize, serde::Deserialize)]
struct Flash {
    form: String,
    values: Value,
}

/// Whether the request being served is a plain browser form post (the
/// Leptos client asks for JSON).
pub async fn is_plain_form_post() -> bool {
    leptos_axum::extract::<http::HeaderMap>()
        .await
        .ok()
        .and_then(|h| {
            h.get(http::header::ACCEPT)
                .and_then(|v| v.to_str().ok())
                .map(|accept| accept.contains("text/html"))
        })
        .unwrap_or(false)
}

/// Keeps `values` for the form `form` when this is a plain form post.
/// Failing to keep them only costs the person their typing, so errors are
/// logged, not returned.
pub async fn keep<T: Serialize>(form: &str, values: &T) {
    if !is_plain_form_post().await {
        return;
    }
    let (Ok(session), Ok(values)) = (
        crate::auth::request_session().await,
        serde_json::to_value(values),
    ) else {
        return;
    };
    let flash = Flash {
        form: form.to_string(),
        values,
    };
    if let Err(e) = session.insert(KEY, flash).await {
        tracing::warn!(error = %e, "could not keep a refused form's values");
    }
}

/// Keeps `values` for the form `form` in `session`: for the plain routes
/// outside server functions (a file upload), which hold their session.
pub async fn keep_in<T: Serialize>(session: &tower_sessions::Session, form: &str, values: &T) {
    let Ok(values) = serde_json::to_value(values) else {
        return;
    };
    let flash = Flash {
        form: form.to_string(),
        values,
    };
    if let Err(e) = session.insert(KEY, flash).await {
        tracing::warn!(error = %e, "could not keep a refused form's values");
    }
}

/// The values kept for `form`, if any; they are gone afterwards.
pub async fn take<T: DeserializeOwned>(form: &str) -> Option<T> {
    let session = crate::auth::request_session().await.ok()?;
    let flash: Flash = session.get(KEY).await.ok()??;
    if flash.form != form {
        return None;
    }
    let _ = session.remove::<Value>(KEY).await;
    serde_json::from_value(flash.values).ok()
}
