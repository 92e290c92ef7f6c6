//! Automatic reminders and the opt-out of non-essential mail: a
//! programme's reminder switches (`ManageCatalogue` on the programme), the
//! person's own switch on the account page (`ManageOwnAccount`), and the
//! one-click opt-out link from a mail, which needs no account, only its
//! token (unknown tokens are not found).

#[cfg(feature = "ssr")]
use crate::api::ctx::Ctx;
use crate::domain::reminders::{ManagedReminders, OptOutLink, SettingsDraft};
use crate::error::AppError;
use leptos::prelude::*;

/// A programme's reminder switches, for its organisers.
#[server(endpoint = "manage/reminders")]
pub async fn get_reminder_settings(programme: String) -> Result<ManagedReminders, AppError> {
    use crate::domain::access::Action;
    let ctx = Ctx::load().await?;
    let (p, _) = ctx.programme(Action::ManageCatalogue, &programme).await?;
    let s = crate::store::reminders::settings(&ctx.db, p.id).await?;
    let draft = crate::form_flash::take(&format!("reminders:{}", p.id))
        .await
        .unwrap_or_else(|| SettingsDraft::of(&s));
    Ok(ManagedReminders {
        programme: crate::store::catalogue::rows::programme_ref(&p),
        draft,
    })
}

/// Saves a programme's reminder switches (audited).
#[server(endpoint = "manage/save-reminders")]
pub async fn save_reminder_settings(
    programme: String,
    draft: SettingsDraft,
) -> Result<(), AppError> {
    use crate::domain::access::Action;
    use crate::domain::reminders::validate_settings;
    let ctx = Ctx::load().await?;
    let (p, actor) = ctx.programme(Action::ManageCatalogue, &programme).await?;
    let s = match validate_settings(&draft) {
        Ok(s) => s,
        Err(problems) => {
            crate::form_flash::keep(&format!("reminders:{}", p.id), &draft).await;
            return Err(AppError::Invalid(problems));
        }
    };
    crate::store::reminders::save_settings(&ctx.db, actor.account_id, p.id, &s, ctx.now).await?;
    leptos_axum::redirect(&format!("/manage/{}/settings?saved=1", p.slug));
    Ok(())
}

/// Switches the signed-in person's non-essential mail on (`receive` =
/// `yes`) or off (`no`), audited.
#[server(endpoint = "account/mail")]
pub async fn save_mail_preference(receive: String) -> Result<(), AppError> {
    use crate::api::ctx::invalid;
    use crate::domain::access::{Action, Scope};
    use crate::domain::forms::Problem;
    let ctx = Ctx::load().await?;
    let id = ctx
        .require(Action::ManageOwnAccount, Scope::Instance)?
        .account_id;
    let off = match receive.as_str() {
        "yes" => false,
        "no" => true,
        _ => return Err(invalid("receive", Problem::BadChoice)),
    };
    if !crate::store::reminders::opt_out::set(&ctx.db, id, off, "account page", ctx.now).await? {
        return Err(AppError::SignInRequired);
    }
    leptos_axum::redirect("/account?saved=1#mail-heading");
    Ok(())
}

/// What an opt-out link shows; not found for a token never issued. Reads
/// only: a mail scanner following the link changes nothing.
#[server(endpoint = "unsubscribe/link")]
pub async fn get_opt_out_link(token: String) -> Result<OptOutLink, AppError> {
    let ctx = Ctx::load().await?;
    match crate::store::reminders::opt_out::account_of_token(&ctx.db, &token).await? {
        Some(a) if a.email.is_some() => Ok(OptOutLink {
            opted_out: a.mail_opt_out_at.is_some(),
        }),
        _ => Err(AppError::NotFound),
    }
}

/// Opts the holder of the link's `token` out of non-essential mail.
#[server(endpoint = "unsubscribe/confirm")]
pub async fn confirm_opt_out(token: String) -> Result<(), AppError> {
    let ctx = Ctx::load().await?;
    if !crate::store::reminders::opt_out::opt_out_by_token(&ctx.db, &token, ctx.now).await? {
        return Err(AppError::NotFound);
    }
    leptos_axum::redirect(&format!("/unsubscribe/{token}?done=1"));
    Ok(())
}
