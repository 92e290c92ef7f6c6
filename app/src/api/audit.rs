//! The audit log, for organisers (their programmes) and administrators (all).

use crate::domain::audit::AuditPage;
use crate::error::AppError;
use leptos::prelude::*;

/// One page of the audit events the person may read, filtered by `q`.
#[server(endpoint = "audit/search")]
pub async fn search_audit(q: String, page: u64) -> Result<AuditPage, AppError> {
    use crate::domain::access::{Action, Scope, can};
    use crate::store::audit::AuditScope;
    use sea_orm::EntityTrait;
    let db = crate::state::db()?;
    let actor = crate::auth::signed_in_actor().await?;
    let scope = if can(Some(&actor), Action::ViewAuditLog, Scope::Instance).is_ok() {
        AuditScope::All
    } else {
        let ids: Vec<i32> = crate::store::entities::programme::Entity::find()
            .all(&db)
            .await?
            .into_iter()
            .filter(|p| can(Some(&actor), Action::ViewAuditLog, Scope::Programme(p.id)).is_ok())
            .map(|p| p.id)
            .collect();
        if ids.is_empty() {
            return Err(AppError::Forbidden);
        }
        AuditScope::Programmes(ids)
    };
    Ok(crate::store::audit::search_audit(&db, &scope, &q, page).await?)
}
