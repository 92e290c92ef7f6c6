//! A person's own account: the profile, linked identities, "download my
//! data" and deletion.

pub mod held;
pub mod retention;

use super::audit::{AuditEntry, append_audit};
use super::entities::{account, audit_event, identity, outbox_message, role_grant};
use crate::domain::account::held::redact_tokens;
use crate::domain::account::{
    AccountExport, AccountProfile, EXPORT_FORMAT, ExportedAccount, ExportedAuditEvent,
    ExportedIdentity, ExportedMail, ExportedRole, LinkedIdentity, ValidProfile,
};
use crate::domain::identity::ProviderButton;
use crate::domain::lang::Localized;
use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DatabaseConnection, DbErr,
    EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, Set,
};

/// The active account `id`, or `None` when it does not exist or was deleted.
async fn active(db: &impl ConnectionTrait, id: i32) -> Result<Option<account::Model>, DbErr> {
    account::Entity::find_by_id(id)
        .filter(account::Column::Email.is_not_null())
        .one(db)
        .await
}

async fn identities_of(
    db: &impl ConnectionTrait,
    account_id: i32,
) -> Result<Vec<identity::Model>, DbErr> {
    identity::Entity::find()
        .filter(identity::Column::AccountId.eq(account_id))
        .order_by_asc(identity::Column::Id)
        .all(db)
        .await
}

/// The account page of `id`; `providers` are the configured sign-in
/// providers, used for labels and the "link another" buttons.
pub async fn profile(
    db: &DatabaseConnection,
    id: i32,
    providers: &[ProviderButton],
) -> Result<Option<AccountProfile>, DbErr> {
    let Some(a) = active(db, id).await? else {
        return Ok(None);
    };
    let links = identities_of(db, id).await?;
    let label = |name: &str| {
        providers
            .iter()
            .find(|p| p.name == name)
            .map_or_else(|| name.to_string(), |p| p.label.clone())
    };
    let linkable = providers
        .iter()
        .filter(|p| !links.iter().any(|l| l.provider == p.name))
        .cloned()
        .collect();
    Ok(Some(AccountProfile {
        email: a.email.unwrap_or_default(),
        name: Localized::new(a.name_ja, a.name_en),
        language: a.language,
        identities: links
            .into_iter()
            .map(|l| LinkedIdentity {
                id: l.id,
                label: label(&l.provider),
                provider: l.provider,
                linked_at: l.created_at,
            })
            .collect(),
        linkable,
        mail_opt_out: a.mail_opt_out_at.is_some(),
    }))
}

/// Saves the name and language of account `id`; `false` when it is gone.
pub async fn save_profile(
    db: &DatabaseConnection,
    id: i32,
    profile: ValidProfile,
) -> Result<bool, DbErr> {
    let Some(a) = active(db, id).await? else {
        return Ok(false);
    };
    let mut row: account::ActiveModel = a.into();
    row.name_ja = Set(profile.name.ja);
    row.name_en = Set(profile.name.en);
    row.language = Set(profile.language);
    row.update(db).await?;
    Ok(true)
}

/// What unlinking an identity came to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unlinked {
    /// Done.
    Done,
    /// The account has no such identity.
    NotFound,
    /// It is the account's only way to sign in, so it stays.
    LastIdentity,
}

/// Removes identity `identity_id` from account `account_id`, unless it is
/// the last one. Counted and deleted in one transaction, so two unlinks at
/// once cannot together remove both of two identities.
pub async fn unlink_identity(
    db: &DatabaseConnection,
    account_id: i32,
    identity_id: i32,
) -> Result<Unlinked, DbErr> {
    let txn = crate::store::begin_write(db).await?;
    touch_account(&txn, account_id).await?;
    if active(&txn, account_id).await?.is_none() {
        return Ok(Unlinked::NotFound);
    }
    let links = identities_of(&txn, account_id).await?;
    if !links.iter().any(|l| l.id == identity_id) {
        return Ok(Unlinked::NotFound);
    }
    if links.len() <= 1 {
        return Ok(Unlinked::LastIdentity);
    }
    identity::Entity::delete_by_id(identity_id)
        .exec(&txn)
        .await?;
    txn.commit().await?;
    Ok(Unlinked::Done)
}

/// Writes the account row without changing it, first thing in a
/// transaction: on PostgreSQL that holds the row's lock until the end, so
/// two unlinks or deletions of one account queue up instead of both
/// passing their checks; on SQLite it makes the transaction a writer at
/// once, and SQLite runs one writer at a time.
async fn touch_account(txn: &impl ConnectionTrait, id: i32) -> Result<(), DbErr> {
    account::Entity::update_many()
        .col_expr(
            account::Column::Id,
            sea_orm::sea_query::Expr::col(account::Column::Id),
        )
        .filter(account::Column::Id.eq(id))
        .exec(txn)
        .await?;
    Ok(())
}

/// The audit events matching `filter`, oldest first, as exported.
async fn events(
    db: &DatabaseConnection,
    filter: impl sea_orm::sea_query::IntoCondition,
) -> Result<Vec<ExportedAuditEvent>, DbErr> {
    Ok(audit_event::Entity::find()
        .filter(filter)
        .order_by_asc(audit_event::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|e| ExportedAuditEvent {
            at: e.at,
            action: e.action,
            record: format!("{} {}", e.entity, e.entity_id),
            summary: e.summary,
        })
        .collect())
}

/// Everything held about account `id`, or `None` when it is gone.
pub async fn export(
    db: &DatabaseConnection,
    id: i32,
    now: DateTime<Utc>,
) -> Result<Option<AccountExport>, DbErr> {
    let Some(a) = active(db, id).await? else {
        return Ok(None);
    };
    let identities = identities_of(db, id)
        .await?
        .into_iter()
        .map(|l| ExportedIdentity {
            provider: l.provider,
            subject: l.subject,
            linked_at: l.created_at,
        })
        .collect();
    let grants = role_grant::Entity::find()
        .filter(role_grant::Column::AccountId.eq(id))
        .order_by_asc(role_grant::Column::Id)
        .all(db)
        .await?;
    let slugs =
        super::catalogue::programme_slugs(db, grants.iter().map(|g| g.programme_id)).await?;
    let roles = grants
        .into_iter()
        .map(|g| ExportedRole {
            role: g.role.as_str().to_string(),
            programme: slugs.get(&g.programme_id).cloned().unwrap_or_default(),
            cohort_id: g.cohort_id,
            track_id: g.track_id,
            granted_at: g.granted_at,
        })
        .collect();
    let actions_taken = events(db, audit_event::Column::ActorId.eq(id)).await?;
    let about_me = Condition::all()
        .add(audit_event::Column::Entity.eq("account"))
        .add(audit_event::Column::EntityId.eq(id.to_string()));
    let actions_about_me = events(db, about_me).await?;
    let email = a.email.clone().unwrap_or_default();
    let held = held::held_records(db, id, &email).await?;
    let mail = outbox_message::Entity::find()
        .filter(outbox_message::Column::RecipientEmail.eq(&email))
        .order_by_asc(outbox_message::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|m| ExportedMail {
            created_at: m.created_at,
            subject: m.subject,
            // A mail waiting in the outbox may still carry a working link
            // (an invitation, a feed): the export never does.
            body: redact_tokens(&m.text_body),
            status: m.status.as_str().to_string(),
            sent_at: m.sent_at,
        })
        .collect();
    Ok(Some(AccountExport {
        format: EXPORT_FORMAT.to_string(),
        exported_at: now,
        account: ExportedAccount {
            id: a.id,
            email: a.email.unwrap_or_default(),
            name_ja: a.name_ja,
            name_en: a.name_en,
            language: a.language.as_str().to_string(),
            is_admin: a.is_admin,
            created_at: a.created_at,
            mail_opt_out_at: a.mail_opt_out_at,
        },
        identities,
        roles,
        actions_taken,
        actions_about_me,
        mail,
        applications: super::application::export::applications_of(db, id).await?,
        rosters: super::rosters::availability::export_of(db, id).await?,
        alumni_profile: super::alumni::profile::profile(db, id)
            .await?
            .and_then(|p| {
                use crate::domain::alumni::visibility::{Viewer, view};
                view(&p, Viewer::Owner)
            }),
        held,
        eligibility_refusals: super::application::refusals::refusals_of(db, id).await?,
    }))
}

/// What deleting an account came to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Deleted {
    /// Done: personal data removed, the account can no longer sign in.
    Done,
    /// There is no such active account.
    NotFound,
    /// It is the only administrator's; another must be appointed first.
    LastAdmin,
}

/// Deletes account `id`: its email and names are removed (the row stays,
/// anonymous, so records others depend on keep a valid reference), its
/// identities and roles are deleted, its email is scrubbed from audit
/// summaries (with its names) and the mail to it is deleted from the
/// outbox. Draft applications are deleted; the others keep an anonymous
/// row (reviews and decisions point at it) without answers or personal
/// fields. Credits and claims, event answers, the calendar feed and the
/// rest of [`held::forget_held`] go or are anonymised first, with what
/// third parties (supervisors, guardians) gave only because of the person.
/// Every other session of the account ends at its next request, because
/// sessions are only honoured for active accounts.
pub async fn delete_account(
    db: &DatabaseConnection,
    id: i32,
    now: DateTime<Utc>,
) -> Result<Deleted, DbErr> {
    let txn = crate::store::begin_write(db).await?;
    touch_account(&txn, id).await?;
    let Some(a) = active(&txn, id).await? else {
        return Ok(Deleted::NotFound);
    };
    if a.is_admin {
        let admins = account::Entity::find()
            .filter(account::Column::IsAdmin.eq(true))
            .filter(account::Column::Email.is_not_null())
            .count(&txn)
            .await?;
        if admins <= 1 {
            return Ok(Deleted::LastAdmin);
        }
    }
    let email = a.email.clone().unwrap_or_default();
    let personal = [email.clone(), a.name_ja.clone(), a.name_en.clone()];
    held::forget_held(&txn, id, &email, &personal, now).await?;
    identity::Entity::delete_many()
        .filter(identity::Column::AccountId.eq(id))
        .exec(&txn)
        .await?;
    role_grant::Entity::delete_many()
        .filter(role_grant::Column::AccountId.eq(id))
        .exec(&txn)
        .await?;
    super::application::export::forget_applications(&txn, id).await?;
    super::rosters::forget(&txn, id, &email).await?;
    super::alumni::profile::forget(&txn, id).await?;
    super::history::batch::forget(&txn, id).await?;
    super::announce::forget(&txn, id).await?;
    super::reminders::forget(&txn, id).await?;
    let mut row: account::ActiveModel = a.into();
    row.email = Set(None);
    row.name_ja = Set(String::new());
    row.name_en = Set(String::new());
    row.is_admin = Set(false);
    row.mail_opt_out_at = Set(None);
    row.update(&txn).await?;
    scrub_audit_summaries(&txn, &personal, &format!("account #{id}")).await?;
    super::outbox::delete_for_recipient(&txn, &email).await?;
    let entry = AuditEntry {
        actor_id: Some(id),
        action: "account.delete",
        entity: "account",
        entity_id: id.to_string(),
        programme_id: None,
        summary: "account deleted by its owner; personal data removed".to_string(),
    };
    append_audit(&txn, entry, now).await?;
    txn.commit().await?;
    Ok(Deleted::Done)
}

/// Replaces each of `personal` (the address and names) with
/// `replacement` in every audit summary. The log is otherwise
/// append-only; this is the one change it allows, so a deleted person's
/// address and names do not outlive their account.
async fn scrub_audit_summaries(
    txn: &impl ConnectionTrait,
    personal: &[String],
    replacement: &str,
) -> Result<(), DbErr> {
    let personal: Vec<&String> = personal.iter().filter(|v| !v.trim().is_empty()).collect();
    if personal.is_empty() {
        return Ok(());
    }
    let mut naming = Condition::any();
    for v in &personal {
        naming = naming.add(audit_event::Column::Summary.contains(v.as_str()));
    }
    let rows = audit_event::Entity::find().filter(naming).all(txn).await?;
    for e in rows {
        let summary = personal
            .iter()
            .fold(e.summary.clone(), |s, v| s.replace(v.as_str(), replacement));
        let mut row: audit_event::ActiveModel = e.into();
        row.summary = Set(summary);
        row.update(txn).await?;
    }
    Ok(())
}
