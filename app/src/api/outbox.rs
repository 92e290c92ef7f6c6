//! The mail outbox for staff: organisers see and hold their programmes'
//! mail, administrators all of it (mail about no programme, such as
//! sign-in notices, is theirs only).

use crate::domain::mail::OutboxPage;
use crate::error::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
mod server {
    use crate::auth::authorize;
    use crate::domain::access::{Action, Scope};
    use crate::domain::forms::{FieldError, Problem};
    use crate::error::AppError;
    use crate::store::outbox::{StaffChange, hold, message_programme, release};

    /// Holds (`hold`) or releases message `id` once the person is allowed
    /// to on the message's programme. An unknown message and a forbidden
    /// one are told apart only for administrators.
    pub async fn change(id: i64, to_hold: bool) -> Result<(), AppError> {
        let db = crate::state::db()?;
        let Some(programme) = message_programme(&db, id).await? else {
            authorize(Action::ManageOutbox, Scope::Instance).await?;
            return Err(AppError::NotFound);
        };
        let scope = programme.map_or(Scope::Instance, Scope::Programme);
        let actor = authorize(Action::ManageOutbox, scope)
            .await?
            .ok_or(AppError::SignInRequired)?;
        let now = chrono::Utc::now();
        let done = if to_hold {
            hold(&db, actor.account_id, id, now).await?
        } else {
            release(&db, actor.account_id, id, now).await?
        };
        match done {
            StaffChange::Done => {
                leptos_axum::redirect("/manage/outbox?saved=1");
                Ok(())
            }
            StaffChange::NotFound => Err(AppError::NotFound),
            StaffChange::WrongStatus => Err(AppError::Invalid(vec![FieldError {
                field: "message".into(),
                problem: Problem::StatusChanged,
            }])),
        }
    }
}

/// One page (0-based) of the messages the person may see, newest first.
#[server(endpoint = "outbox/list")]
pub async fn get_outbox(page: u64) -> Result<OutboxPage, AppError> {
    use crate::domain::access::{Action, Scope, can};
    use crate::store::outbox::OutboxScope;
    use sea_orm::EntityTrait;
    let db = crate::state::db()?;
    let actor = crate::auth::signed_in_actor().await?;
    let scope = if can(Some(&actor), Action::ViewOutbox, Scope::Instance).is_ok() {
        OutboxScope::All
    } else {
        let ids: Vec<i32> = crate::store::entities::programme::Entity::find()
            .all(&db)
            .await?
            .into_iter()
            .filter(|p| can(Some(&actor), Action::ViewOutbox, Scope::Programme(p.id)).is_ok())
            .map(|p| p.id)
            .collect();
        if ids.is_empty() {
            return Err(AppError::Forbidden);
        }
        OutboxScope::Programmes(ids)
    };
    let (rows, has_more) = crate::store::outbox::list(&db, &scope, page).await?;
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
