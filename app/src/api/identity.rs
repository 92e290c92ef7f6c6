//! Who is signed in, and how one signs in. Signing in and out themselves are
//! plain form posts to `/auth/*` routes (see the server crate), so they work
//! without JavaScript and end in a full page load with the new session.

#[cfg(feature = "ssr")]
use crate::api::ctx::Ctx;
use crate::domain::identity::{SignInOptions, Viewer};
use crate::error::AppError;
use leptos::prelude::*;

/// The signed-in person, or `None`.
#[server(endpoint = "identity/whoami")]
pub async fn whoami() -> Result<Option<Viewer>, AppError> {
    Ok(Ctx::load().await?.viewer)
}

/// What the sign-in page offers: the providers, and the demo accounts when
/// demo sign-in is on.
#[server(endpoint = "identity/sign-in-options")]
pub async fn get_sign_in_options() -> Result<SignInOptions, AppError> {
    let settings = crate::state::auth_settings();
    let demo_accounts = if settings.demo_sign_in {
        let ctx = Ctx::load().await?;
        crate::store::identity::demo_accounts(&ctx.db).await?
    } else {
        Vec::new()
    };
    Ok(SignInOptions {
        providers: settings.providers,
        demo_accounts,
    })
}
