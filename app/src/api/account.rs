//! A person's own account: see and edit it, unlink a sign-in method,
//! download everything held about them, delete it. Each authorises first
//! (`ManageOwnAccount`: anyone signed in, for their own account only).

#[cfg(feature = "ssr")]
use crate::api::ctx::Ctx;
use crate::domain::account::{AccountExport, AccountProfile, ProfileDraft};
use crate::error::AppError;
use leptos::prelude::*;
use server_fn::codec::GetUrl;

/// The signed-in person's account id.
#[cfg(feature = "ssr")]
fn own_account(ctx: &Ctx) -> Result<i32, AppError> {
    use crate::domain::access::{Action, Scope};
    Ok(ctx
        .require(Action::ManageOwnAccount, Scope::Instance)?
        .account_id)
}

/// The signed-in person's account page.
#[server(endpoint = "account/me")]
pub async fn get_my_account() -> Result<AccountProfile, AppError> {
    let ctx = Ctx::load().await?;
    let id = own_account(&ctx)?;
    let providers = crate::state::auth_settings().providers;
    crate::store::account::profile(&ctx.db, id, &providers)
        .await?
        .ok_or(AppError::SignInRequired)
}

/// Saves the name and language; the new language applies to the site at
/// once (the language cookie is set too).
#[server(endpoint = "account/save")]
pub async fn save_my_account(draft: ProfileDraft) -> Result<(), AppError> {
    let ctx = Ctx::load().await?;
    let id = own_account(&ctx)?;
    let valid = crate::domain::account::validate_profile(&draft).map_err(AppError::Invalid)?;
    let lang = valid.language;
    if !crate::store::account::save_profile(&ctx.db, id, valid).await? {
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
    use crate::api::ctx::invalid;
    use crate::domain::forms::Problem;
    use crate::store::account::Unlinked;
    let ctx = Ctx::load().await?;
    let id = own_account(&ctx)?;
    match crate::store::account::unlink_identity(&ctx.db, id, identity).await? {
        Unlinked::Done => {
            leptos_axum::redirect("/account?saved=1");
            Ok(())
        }
        Unlinked::NotFound => Err(AppError::NotFound),
        Unlinked::LastIdentity => Err(invalid("identity", Problem::LastIdentity)),
    }
}

/// "Download my data": everything held about the signed-in person, as a
/// JSON file (a plain GET, so a link downloads it without JavaScript).
#[server(endpoint = "account/export", input = GetUrl)]
pub async fn export_my_data() -> Result<AccountExport, AppError> {
    let ctx = Ctx::load().await?;
    let id = own_account(&ctx)?;
    let now = ctx.now;
    let export = crate::store::account::export(&ctx.db, id, now)
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
    use crate::api::ctx::invalid;
    use crate::domain::forms::Problem;
    use crate::store::account::Deleted;
    let ctx = Ctx::load().await?;
    let id = own_account(&ctx)?;
    if confirm.as_deref() != Some("yes") {
        return Err(invalid("confirm", Problem::NotConfirmed));
    }
    match crate::store::account::delete_account(&ctx.db, id, ctx.now).await? {
        Deleted::Done => {
            tracing::info!(account_id = id, "account deleted by its owner");
            // The places the person held at events go to the waitlists now;
            // the deletion itself is done whatever happens here.
            let (db, site) = (&ctx.db, &ctx.public_url);
            if let Err(e) = crate::store::events::rsvp::fill_free_places(db, site, ctx.now).await {
                tracing::error!(error = %e, "after an account deletion: waitlists not moved up");
            }
            crate::auth::sign_out(&crate::auth::request_session().await?).await?;
            leptos_axum::redirect("/sign-in?deleted=1");
            Ok(())
        }
        Deleted::NotFound => Err(AppError::SignInRequired),
        Deleted::LastAdmin => Err(invalid("confirm", Problem::LastAdmin)),
    }
}
