//! A person's own account: see and edit it, unlink a sign-in method,
//! download everything held about them, delete it. Each authorises first
//! (`ManageOwnAccount`: anyone signed in, for their own account only).

use crate::domain::account::{AccountExport, AccountProfile, ProfileDraft};
use crate::error::AppError;
use leptos::prelude::*;
use server_fn::codec::GetUrl;

#[cfg(feature = "ssr")]
mod server {
    use crate::domain::access::{Action, Scope};
    use crate::domain::forms::{FieldError, Problem};
    use crate::error::AppError;

    /// The signed-in person's account id.
    pub async fn own_account() -> Result<i32, AppError> {
        crate::auth::authorize(Action::ManageOwnAccount, Scope::Instance)
            .await?
            .map(|a| a.account_id)
            .ok_or(AppError::SignInRequired)
    }

    /// A refusal about one form field.
    pub fn invalid(field: &str, problem: Problem) -> AppError {
        AppError::Invalid(vec![FieldError {
            field: field.into(),
            problem,
        }])
    }
}

/// The signed-in person's account page.
#[server(endpoint = "account/me")]
pub async fn get_my_account() -> Result<AccountProfile, AppError> {
    let id = server::own_account().await?;
    let providers = crate::state::auth_settings().providers;
    crate::store::account::profile(&crate::state::db()?, id, &providers)
        .await?
        .ok_or(AppError::SignInRequired)
}

/// Saves the name and language; the new language applies to the site at
/// once (the language cookie is set too).
#[server(endpoint = "account/save")]
pub async fn save_my_account(draft: ProfileDraft) -> Result<(), AppError> {
    let id = server::own_account().await?;
    let valid = crate::domain::account::validate_profile(&draft).map_err(AppError::Invalid)?;
    let lang = valid.language;
    if !crate::store::account::save_profile(&crate::state::db()?, id, valid).await? {
        return Err(AppError::SignInRequired);
    }
    let cookie = crate::domain::lang::language_cookie(lang);
    if let Ok(value) = http::HeaderValue::from_str(&cookie) {
        expect_context::<leptos_axum::ResponseOptions>()
            .append_header(http::header::SET_COOKIE, value);
    }
    leptos_axum::redirect("/account?saved=1");
    Ok(())
}

/// Removes a linked sign-in identity, unless it is the last one.
#[server(endpoint = "account/unlink")]
pub async fn unlink_identity(identity: i32) -> Result<(), AppError> {
    use crate::domain::forms::Problem;
    use crate::store::account::Unlinked;
    let id = server::own_account().await?;
    match crate::store::account::unlink_identity(&crate::state::db()?, id, identity).await? {
        Unlinked::Done => {
            leptos_axum::redirect("/account?saved=1");
            Ok(())
        }
        Unlinked::NotFound => Err(AppError::NotFound),
        Unlinked::LastIdentity => Err(server::invalid("identity", Problem::LastIdentity)),
    }
}

/// "Download my data": everything held about the signed-in person, as a
/// JSON file (a plain GET, so a link downloads it without JavaScript).
#[server(endpoint = "account/export", input = GetUrl)]
pub async fn export_my_data() -> Result<AccountExport, AppError> {
    let id = server::own_account().await?;
    let now = chrono::Utc::now();
    let export = crate::store::account::export(&crate::state::db()?, id, now)
        .await?
        .ok_or(AppError::SignInRequired)?;
    let disposition = format!(
        "attachment; filename=\"camp-connect-my-data-{}.json\"",
        now.format("%Y%m%d")
    );
    if let Ok(value) = http::HeaderValue::from_str(&disposition) {
        let response = expect_context::<leptos_axum::ResponseOptions>();
        response.insert_header(http::header::CONTENT_DISPOSITION, value);
        response.insert_header(
            http::header::CACHE_CONTROL,
            http::HeaderValue::from_static("no-store"),
        );
    }
    Ok(export)
}

/// Deletes the signed-in person's account (after they ticked the box) and
/// signs them out.
#[server(endpoint = "account/delete")]
pub async fn delete_my_account(confirm: Option<String>) -> Result<(), AppError> {
    use crate::domain::forms::Problem;
    use crate::store::account::Deleted;
    let id = server::own_account().await?;
    if confirm.as_deref() != Some("yes") {
        return Err(server::invalid("confirm", Problem::NotConfirmed));
    }
    let db = crate::state::db()?;
    match crate::store::account::delete_account(&db, id, chrono::Utc::now()).await? {
        Deleted::Done => {
            tracing::info!(account_id = id, "account deleted by its owner");
            // The places the person held at events go to the waitlists now;
            // the deletion itself is done whatever happens here.
            let site = crate::state::public_url();
            let now = chrono::Utc::now();
            if let Err(e) = crate::store::events::rsvp::fill_free_places(&db, &site, now).await {
                tracing::error!(error = %e, "after an account deletion: waitlists not moved up");
            }
            crate::auth::sign_out(&crate::auth::request_session().await?).await?;
            leptos_axum::redirect("/sign-in?deleted=1");
            Ok(())
        }
        Deleted::NotFound => Err(AppError::SignInRequired),
        Deleted::LastAdmin => Err(server::invalid("confirm", Problem::LastAdmin)),
    }
}
