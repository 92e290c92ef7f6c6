//! The mail outbox for staff: organisers see, hold, release and send again
//! their programmes' mail, administrators all of it (mail about no
//! programme, such as sign-in notices, is theirs only). A message is looked
//! up inside the person's reach: one about another programme is not found,
//! exactly like one that does not exist.

use crate::domain::mail::OutboxPage;
use crate::error::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
mod server {
    use crate::api::ctx::{Ctx, Reach, invalid};
    use crate::domain::access::Action;
    use crate::domain::forms::Problem;
    use crate::domain::mail::OutboxFilter;
    use crate::error::AppError;
    use crate::store::outbox::{OutboxScope, StaffChange, hold, release, retry};

    /// The context of the call and the messages the person may do
    /// `action` on; 401 signed out, 403 for someone who may do it nowhere.
    pub async fn scoped(action: Action) -> Result<(Ctx, OutboxScope), AppError> {
        let ctx = Ctx::load().await?;
        let scope = match ctx.reach(action).await? {
            Reach::Everywhere => OutboxScope::All,
            Reach::Programmes(ids) => OutboxScope::Programmes(ids),
        };
        Ok((ctx, scope))
    }

    /// What staff do to one message.
    #[derive(Clone, Copy)]
    pub enum Change {
        /// Keep a pending message back.
        Hold,
        /// Let a held message go.
        Release,
        /// Send a failed message again.
        Retry,
    }

    /// Does `change` to message `id`, then sends a browser's plain form
    /// back to the outbox with its filter (`status`, `template`) kept.
    pub async fn change(
        id: i64,
        change: Change,
        status: Option<String>,
        template: Option<String>,
    ) -> Result<(), AppError> {
        let filter = OutboxFilter::parse(status.as_deref(), template.as_deref());
        let (ctx, scope) = scoped(Action::ManageOutbox).await?;
        let actor = ctx.signed_in()?.account_id;
        let done = match change {
            Change::Hold => hold(&ctx.db, actor, &scope, id, ctx.now).await?,
            Change::Release => release(&ctx.db, actor, &scope, id, ctx.now).await?,
            Change::Retry => retry(&ctx.db, actor, &scope, id, ctx.now).await?,
        };
        match done {
            StaffChange::Done => {
                leptos_axum::redirect(&filter.url(&[("saved", "1".into())]));
                Ok(())
            }
            StaffChange::NotFound => Err(AppError::NotFound),
            StaffChange::Refused(problem) => Err(invalid("message", problem)),
        }
    }

    /// Sends every failed message in reach again (of the filter's template
    /// only, when it names one); refused when there is none.
    pub async fn retry_all(filter: OutboxFilter) -> Result<u64, AppError> {
        let (ctx, scope) = scoped(Action::ManageOutbox).await?;
        let actor = ctx.signed_in()?.account_id;
        let template = filter.template.as_deref();
        let n =
            crate::store::outbox::retry_failed(&ctx.db, actor, &scope, template, ctx.now).await?;
        if n == 0 {
            return Err(invalid("message", Problem::NothingToRetry));
        }
        leptos_axum::redirect(&filter.url(&[("retried", n.to_string())]));
        Ok(n)
    }
}

/// One page (0-based) of the messages the person may see, newest first,
/// of `status` and `template` when given (what names neither is ignored),
/// with the counts per status at the top.
#[server(endpoint = "outbox/list")]
pub async fn get_outbox(
    page: u64,
    status: Option<String>,
    template: Option<String>,
) -> Result<OutboxPage, AppError> {
    use crate::domain::access::Action;
    use crate::domain::mail::{OutboxFilter, status_counts};
    use crate::store::outbox::{list, status_template_counts};
    let (ctx, scope) = server::scoped(Action::ViewOutbox).await?;
    let filter = OutboxFilter::parse(status.as_deref(), template.as_deref());
    let (rows, has_more) = list(&ctx.db, &scope, &filter, page).await?;
    let groups = status_template_counts(&ctx.db, &scope).await?;
    let (counts, templates) = status_counts(&groups, filter.template.as_deref());
    Ok(OutboxPage {
        rows,
        has_more,
        sending_enabled: crate::state::mail_sending(),
        filter,
        counts,
        templates,
    })
}

/// Holds the pending message `message`: it is not sent until released.
/// `status` and `template` (here and below) are the page's filter, kept
/// for the way back.
#[server(endpoint = "outbox/hold")]
pub async fn hold_message(
    message: i64,
    status: Option<String>,
    template: Option<String>,
) -> Result<(), AppError> {
    server::change(message, server::Change::Hold, status, template).await
}

/// Releases the held message `message`: it is sent at the worker's next look.
#[server(endpoint = "outbox/release")]
pub async fn release_message(
    message: i64,
    status: Option<String>,
    template: Option<String>,
) -> Result<(), AppError> {
    server::change(message, server::Change::Release, status, template).await
}

/// Sends the failed message `message` again: back to pending with no
/// attempts, due at once.
#[server(endpoint = "outbox/retry")]
pub async fn retry_message(
    message: i64,
    status: Option<String>,
    template: Option<String>,
) -> Result<(), AppError> {
    server::change(message, server::Change::Retry, status, template).await
}

/// Sends every failed message the person may manage again, of `template`
/// only when it names one; returns how many. `status` is the page's
/// filter, kept for the way back.
#[server(endpoint = "outbox/retry-failed")]
pub async fn retry_failed_messages(
    status: Option<String>,
    template: Option<String>,
) -> Result<u64, AppError> {
    use crate::domain::mail::OutboxFilter;
    server::retry_all(OutboxFilter::parse(status.as_deref(), template.as_deref())).await
}
