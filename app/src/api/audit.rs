//! The audit log, for organisers (their programmes) and administrators (all).

use crate::domain::audit::AuditPage;
use crate::error::AppError;
use leptos::prelude::*;

/// One page of the audit events the person may read, filtered by `q`.
#[server(endpoint = "audit/search")]
pub async fn search_audit(q: String, page: u64) -> Result<AuditPage, AppError> {
    use crate::api::ctx::{Ctx, Reach};
    use crate::domain::access::Action;
    use crate::store::audit::AuditScope;
    let ctx = Ctx::load().await?;
    let scope = match ctx.reach(Action::ViewAuditLog).await? {
        Reach::Everywhere => AuditScope::All,
        Reach::Programmes(ids) => AuditScope::Programmes(ids),
    };
    Ok(crate::store::audit::search_audit(&ctx.db, &scope, &q, page).await?)
}
