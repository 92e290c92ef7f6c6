//! Granting and revoking organiser roles, each with its audit event.

use super::audit::{AuditEntry, append_audit};
use super::catalogue::rows::{programme_ref, programme_row};
use super::entities::{account, programme, role_grant};
use crate::domain::access::Role;
use crate::domain::admin::OrganiserGrant;
use crate::domain::catalogue::ProgrammeRef;
use crate::domain::lang::Localized;
use crate::domain::mail::MailTemplate;
use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, DbErr, EntityTrait, QueryFilter, QueryOrder,
    Set,
};
use std::collections::HashMap;

/// Every programme, in listing order.
pub async fn programme_refs(db: &DatabaseConnection) -> Result<Vec<ProgrammeRef>, DbErr> {
    Ok(programme::Entity::find()
        .order_by_asc(programme::Column::Position)
        .all(db)
        .await?
        .iter()
        .map(programme_ref)
        .collect())
}

/// Every organiser role with its holder and programme.
pub async fn organiser_grants(db: &DatabaseConnection) -> Result<Vec<OrganiserGrant>, DbErr> {
    let grants = role_grant::Entity::find()
        .filter(role_grant::Column::Role.eq(Role::Organiser))
        .order_by_asc(role_grant::Column::Id)
        .all(db)
        .await?;
    let accounts: HashMap<i32, account::Model> = account::Entity::find()
        .filter(account::Column::Id.is_in(grants.iter().map(|g| g.account_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|a| (a.id, a))
        .collect();
    let by_id: HashMap<i32, ProgrammeRef> = programme::Entity::find()
        .all(db)
        .await?
        .iter()
        .map(|p| (p.id, programme_ref(p)))
        .collect();
    Ok(grants
        .into_iter()
        .filter_map(|g| {
            let a = accounts.get(&g.account_id)?;
            Some(OrganiserGrant {
                id: g.id,
                email: a.email.clone()?,
                name: Localized::new(&a.name_ja, &a.name_en),
                programme: by_id.get(&g.programme_id)?.clone(),
                granted_at: g.granted_at,
            })
        })
        .collect())
}

/// Why a grant was not made.
#[derive(Debug)]
pub enum GrantError {
    /// No active account has the email.
    NoSuchAccount,
    /// No programme has the slug.
    NoSuchProgramme,
    /// The database failed.
    Db(DbErr),
}

impl From<DbErr> for GrantError {
    fn from(e: DbErr) -> Self {
        GrantError::Db(e)
    }
}

/// Makes the account with `email` an organiser of `programme_slug`, unless
/// it already is; records the grant and queues a mail telling the person,
/// all in one transaction.
pub async fn grant_organiser(
    db: &DatabaseConnection,
    admin_id: i32,
    email: &str,
    programme_slug: &str,
    now: DateTime<Utc>,
) -> Result<(), GrantError> {
    let a = account::Entity::find()
        .filter(account::Column::Email.eq(email))
        .one(db)
        .await?
        .ok_or(GrantError::NoSuchAccount)?;
    let p = programme_row(db, programme_slug)
        .await?
        .ok_or(GrantError::NoSuchProgramme)?;
    let existing = role_grant::Entity::find()
        .filter(role_grant::Column::AccountId.eq(a.id))
        .filter(role_grant::Column::Role.eq(Role::Organiser))
        .filter(role_grant::Column::ProgrammeId.eq(p.id))
        .one(db)
        .await?;
    if existing.is_some() {
        return Ok(());
    }
    let txn = crate::store::begin_write(db).await?;
    role_grant::ActiveModel {
        account_id: Set(a.id),
        role: Set(Role::Organiser),
        programme_id: Set(p.id),
        cohort_id: Set(None),
        track_id: Set(None),
        granted_by: Set(Some(admin_id)),
        granted_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let entry = AuditEntry {
        actor_id: Some(admin_id),
        action: "role.grant",
        entity: "account",
        entity_id: a.id.to_string(),
        programme_id: Some(p.id),
        summary: format!("{email} made an organiser of {}", p.slug),
    };
    append_audit(&txn, entry, now).await?;
    let mail = MailTemplate::OrganiserGranted {
        programme: Localized::new(&p.name_ja, &p.name_en),
    };
    super::outbox::enqueue_for_account(&txn, a.id, &mail, Some(p.id), now).await?;
    txn.commit().await?;
    Ok(())
}

/// Revokes the organiser role `grant_id`; `false` when there is none.
pub async fn revoke_organiser(
    db: &DatabaseConnection,
    admin_id: i32,
    grant_id: i32,
    now: DateTime<Utc>,
) -> Result<bool, DbErr> {
    let Some(g) = role_grant::Entity::find_by_id(grant_id)
        .filter(role_grant::Column::Role.eq(Role::Organiser))
        .one(db)
        .await?
    else {
        return Ok(false);
    };
    let txn = crate::store::begin_write(db).await?;
    role_grant::Entity::delete_by_id(g.id).exec(&txn).await?;
    let entry = AuditEntry {
        actor_id: Some(admin_id),
        action: "role.revoke",
        entity: "account",
        entity_id: g.account_id.to_string(),
        programme_id: Some(g.programme_id),
        summary: format!("organiser role {} revoked", g.id),
    };
    append_audit(&txn, entry, now).await?;
    txn.commit().await?;
    Ok(true)
}
