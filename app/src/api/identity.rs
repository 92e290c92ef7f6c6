//! Who is signed in, and how one signs in. Signing in and out themselves are
//! plain form posts to `/auth/*` routes (see the server crate), so they work
//! without JavaScript and end in a full page load with the new session.

use crate::domain::identity::{SignInOptions, Viewer};
use crate::error::AppError;
use leptos::prelude::*;

/// The signed-in person, or `None`.
#[server(endpoint = "identity/whoami")]
pub async fn whoami() -> Result<Option<Viewer>, AppError> {
    let db = crate::state::db()?;
    let session = crate::auth::request_session().await?;
    Ok(
        crate::auth::current_in_request(&session, &db, chrono::Utc::now())
            .await?
            .map(|(_, viewer)| viewer),
    )
}

/// What the sign-in page offers: the providers, and the demo accounts when
/// demo sign-in is on.
#[server(endpoint = "identity/sign-in-options")]
pub async fn get_sign_in_options() -> Result<SignInOptions, AppError> {
    let settings = crate::state::auth_settings();
    let demo_accounts = if settings.demo_sign_in {
        crate::store::identity::demo_accounts(&crate::state::db()?).await?
    } else {
        Vec::new()
    };
    Ok(SignInOptions {
        providers: settings.providers,
        demo_accounts,
    })
}
