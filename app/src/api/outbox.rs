//! The mail outbox for staff: organisers see and hold their programmes'
//! mail, administrators all of it (mail about no programme, such as
//! sign-in notices, is theirs only).

use crate::domain::mail::OutboxPage;
use crate::error::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
mod server {
    use crate::api::ctx::{Ctx, invalid};
    use crate::domain::access::{Action, Scope};
    use crate::domain::forms::Problem;
    use crate::error::AppError;
    use crate::store::outbox::{StaffChange, hold, message_programme, release};

    /// Holds (`hold`) or releases message `id` once the person is allowed
    /// to on the message's programme. An unknown message and a forbidden
    /// one are told apart only for administrators.
    pub async fn change(id: i64, to_hold: bool) -> Result<(), AppError> {
        let ctx = Ctx::load().await?;
        let programme = message_programme(&ctx.db, id).await?;
        let scope = programme.map(|p| p.map_or(Scope::Instance, Scope::Programme));
        let actor = ctx.require_found(Action::ManageOutbox, scope)?;
        let done = if to_hold {
            hold(&ctx.db, actor.account_id, id, ctx.now).await?
        } else {
            release(&ctx.db, actor.account_id, id, ctx.now).await?
        };
        match done {
            StaffChange::Done => {
                leptos_axum::redirect("/manage/outbox?saved=1");
                Ok(())
            }
            StaffChange::NotFound => Err(AppError::NotFound),
            StaffChange::WrongStatus => Err(invalid("message", Problem::StatusChanged)),
        }
    }
}

/// One page (0-based) of the messages the person may see, newest first.
#[server(endpoint = "outbox/list")]
pub async fn get_outbox(page: u64) -> Result<OutboxPage, AppError> {
    use crate::api::ctx::{Ctx, Reach};
    use crate::domain::access::Action;
    use crate::store::outbox::OutboxScope;
    let ctx = Ctx::load().await?;
    let scope = match ctx.reach(Action::ViewOutbox).await? {
        Reach::Everywhere => OutboxScope::All,
        Reach::Programmes(ids) => OutboxScope::Programmes(ids),
    };
    let (rows, has_more) = crate::store::outbox::list(&ctx.db, &scope, page).await?;
    Ok(OutboxPage {
        rows,
        has_more,
        sending_enabled: crate::state::mail_sending(),
    })
}

/// Holds the pending message `message`: it is not sent until released.
#[server(endpoint = "outbox/hold")]
pub async fn hold_message(message: i64) -> Result<(), AppError> {
    server::change(message, true).await
}

/// Releases the held message `message`: it is sent at the worker's next look.
#[server(endpoint = "outbox/release")]
pub async fn release_message(message: i64) -> Result<(), AppError> {
    server::change(message, false).await
}
