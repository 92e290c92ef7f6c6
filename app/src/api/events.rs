//! Event server functions: the list and the event page (anyone; alumni-only
//! events only for alumni and staff), RSVP and cancel (signed in), create,
//! edit and check-in (organisers and approved hosts, per event), approving
//! hosts (organisers) and the personal calendar feed. Every function
//! authorises before it touches data.

#[cfg(feature = "ssr")]
use crate::api::ctx::Ctx;
use crate::domain::events::view::{EventForm, EventList, EventPage, HostRow};
use crate::error::AppError;
use leptos::prelude::*;

/// Error mapping shared by the event and credit functions and routes.
#[cfg(feature = "ssr")]
pub mod server {
    use crate::domain::forms::FieldError;
    use crate::error::AppError;
    use crate::store::events::EventError;

    /// A store refusal as the person should read it.
    pub fn refused(e: EventError) -> AppError {
        match e {
            EventError::NotFound => AppError::NotFound,
            EventError::Forbidden => AppError::Forbidden,
            EventError::Refused(field, problem) => AppError::Invalid(vec![FieldError {
                field: field.into(),
                problem,
            }]),
            EventError::Db(e) => e.into(),
        }
    }

    /// The key the event form's typed values are kept under.
    pub fn form_key(id: Option<i32>) -> String {
        format!("event:{}", id.unwrap_or(0))
    }
}

/// The events the person may see, narrowed to a kind and an audience
/// (stored spellings; anything else is ignored).
#[server(endpoint = "events/list")]
pub async fn get_events(
    kind: Option<String>,
    audience: Option<String>,
) -> Result<EventList, AppError> {
    use crate::domain::access::{Action, Scope};
    use crate::domain::events::{Audience, EventKind};
    let ctx = Ctx::load().await?;
    let actor = ctx.authorize(Action::ViewEvents, Scope::Instance)?;
    Ok(crate::store::events::page::list(
        &ctx.db,
        actor,
        kind.as_deref().and_then(EventKind::parse),
        audience.as_deref().and_then(Audience::parse),
        &ctx.public_url,
        ctx.now,
    )
    .await?)
}

/// One event, as the person may see it; 404 for an event they may not see.
#[server(endpoint = "events/get")]
pub async fn get_event(id: i32) -> Result<EventPage, AppError> {
    use crate::domain::access::{Action, Scope};
    let ctx = Ctx::load().await?;
    let actor = ctx.authorize(Action::ViewEvents, Scope::Instance)?;
    crate::store::events::page::event_page(&ctx.db, actor, id, ctx.now)
        .await
        .map_err(server::refused)
}

/// RSVPs to the event: a place while there is one, else the waitlist.
#[server(endpoint = "events/rsvp")]
pub async fn rsvp(id: i32) -> Result<(), AppError> {
    use crate::domain::access::{Action, Scope};
    let ctx = Ctx::load().await?;
    let actor = ctx.require(Action::JoinEvents, Scope::Instance)?;
    let status = crate::store::events::rsvp::rsvp(&ctx.db, actor, id, ctx.now)
        .await
        .map_err(server::refused)?;
    leptos_axum::redirect(&format!("/events/{id}?rsvp={}", status.as_str()));
    Ok(())
}

/// Cancels the person's RSVP; a freed place goes to the waitlist at once.
#[server(endpoint = "events/cancel")]
pub async fn cancel_rsvp(id: i32) -> Result<(), AppError> {
    use crate::domain::access::{Action, Scope};
    let ctx = Ctx::load().await?;
    let actor = ctx.require(Action::JoinEvents, Scope::Instance)?;
    crate::store::events::rsvp::cancel(&ctx.db, actor, id, &ctx.public_url, ctx.now)
        .await
        .map_err(server::refused)?;
    leptos_axum::redirect(&format!("/events/{id}?rsvp=cancelled"));
    Ok(())
}

/// The event form: an empty one for a new event (`id` absent), or the
/// stored event for someone who may edit it; values typed into a refused
/// post come back.
#[server(endpoint = "events/form")]
pub async fn get_event_form(id: Option<i32>) -> Result<EventForm, AppError> {
    use crate::domain::access::{Action, Scope};
    use crate::domain::events::rules::may_create;
    let ctx = Ctx::load().await?;
    let actor = ctx.require(Action::HostEvents, Scope::Instance)?;
    let stored = match id {
        Some(id) => crate::store::events::edit::form_of(&ctx.db, actor, id)
            .await
            .map_err(server::refused)?,
        None => {
            let host = crate::store::events::is_approved_host(&ctx.db, actor.account_id).await?;
            if !may_create(actor, host, None) {
                return Err(AppError::Forbidden);
            }
            EventForm {
                kind: "meetup".into(),
                audience: "alumni".into(),
                capacity: "30".into(),
                ..EventForm::default()
            }
        }
    };
    Ok(crate::form_flash::take(&server::form_key(id))
        .await
        .unwrap_or(stored))
}

/// Creates (`draft[id]` absent) or saves an event, then shows it.
#[server(endpoint = "events/save")]
pub async fn save_event(draft: EventForm) -> Result<(), AppError> {
    use crate::domain::access::{Action, Scope};
    let ctx = Ctx::load().await?;
    let actor = ctx.require(Action::HostEvents, Scope::Instance)?;
    // Permission first, so a refused person learns nothing from the checks.
    match draft.id {
        Some(id) => {
            crate::store::events::edit::form_of(&ctx.db, actor, id)
                .await
                .map_err(server::refused)?;
        }
        None => {
            let host = crate::store::events::is_approved_host(&ctx.db, actor.account_id).await?;
            if !crate::domain::events::rules::may_create(actor, host, None) {
                return Err(AppError::Forbidden);
            }
        }
    }
    let input = match crate::domain::events::form::check(&draft) {
        Ok(i) => i,
        Err(problems) => {
            crate::form_flash::keep(&server::form_key(draft.id), &draft).await;
            return Err(AppError::Invalid(problems));
        }
    };
    let now = ctx.now;
    let id = match draft.id {
        Some(id) => {
            crate::store::events::edit::update(&ctx.db, actor, id, &input, &ctx.public_url, now)
                .await
                .map_err(server::refused)?;
            id
        }
        None => crate::store::events::edit::create(&ctx.db, actor, &input, now)
            .await
            .map_err(server::refused)?,
    };
    leptos_axum::redirect(&format!("/events/{id}?saved=1"));
    Ok(())
}

/// Checks someone in at the event (`present` absent: undoes it), for those
/// who run the event.
#[server(endpoint = "events/check-in")]
pub async fn check_in(event: i32, rsvp: i32, present: Option<String>) -> Result<(), AppError> {
    use crate::domain::access::{Action, Scope};
    let ctx = Ctx::load().await?;
    let actor = ctx.require(Action::HostEvents, Scope::Instance)?;
    crate::store::events::rsvp::check_in(&ctx.db, actor, event, rsvp, present.is_some(), ctx.now)
        .await
        .map_err(server::refused)?;
    leptos_axum::redirect(&format!("/events/{event}?saved=1"));
    Ok(())
}

/// The approved event hosts, for organisers.
#[server(endpoint = "events/hosts")]
pub async fn get_hosts() -> Result<Vec<HostRow>, AppError> {
    use crate::domain::access::{Action, Scope};
    let ctx = Ctx::load().await?;
    ctx.authorize(Action::ManageEventHosts, Scope::Instance)?;
    Ok(crate::store::events::hosts::hosts(&ctx.db).await?)
}

/// Approves the alumnus with this address as an event host.
#[server(endpoint = "events/approve-host")]
pub async fn approve_host(email: String) -> Result<(), AppError> {
    use crate::domain::access::{Action, Scope};
    let ctx = Ctx::load().await?;
    let actor = ctx.require(Action::ManageEventHosts, Scope::Instance)?;
    crate::store::events::hosts::approve(&ctx.db, actor, &email, ctx.now)
        .await
        .map_err(server::refused)?;
    leptos_axum::redirect("/events/hosts?saved=1");
    Ok(())
}

/// Withdraws a host's approval.
#[server(endpoint = "events/withdraw-host")]
pub async fn withdraw_host(account: i32) -> Result<(), AppError> {
    use crate::domain::access::{Action, Scope};
    let ctx = Ctx::load().await?;
    let actor = ctx.require(Action::ManageEventHosts, Scope::Instance)?;
    crate::store::events::hosts::withdraw(&ctx.db, actor, account, ctx.now)
        .await
        .map_err(server::refused)?;
    leptos_axum::redirect("/events/hosts?saved=1");
    Ok(())
}

/// Makes a new secret calendar feed address (the old one stops working)
/// and shows it once on `/events`.
#[server(endpoint = "events/new-feed")]
pub async fn new_calendar_feed() -> Result<(), AppError> {
    use crate::domain::access::{Action, Scope};
    let ctx = Ctx::load().await?;
    let actor = ctx.require(Action::JoinEvents, Scope::Instance)?;
    let token =
        crate::store::events::calendar::new_feed(&ctx.db, actor.account_id, ctx.now).await?;
    leptos_axum::redirect(&format!("/events?feed={token}"));
    Ok(())
}
