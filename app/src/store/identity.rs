//! Accounts, linked identities and role grants.

use super::audit::{AuditEntry, append_audit};
use super::entities::{account, identity, role_grant};
use crate::domain::access::{Actor, Grant, Role};
use crate::domain::identity::Viewer;
use crate::domain::lang::{Lang, Localized};
use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, ExprTrait, Func};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait,
    QueryFilter, QueryOrder, Set,
};

/// The actor and what the header shows for an active account; `None` when
/// the account does not exist or was deleted.
pub async fn actor_and_viewer(
    db: &impl ConnectionTrait,
    account_id: i32,
) -> Result<Option<(Actor, Viewer)>, DbErr> {
    let Some(a) = account::Entity::find_by_id(account_id)
        .filter(account::Column::Email.is_not_null())
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    let grants: Vec<Grant> = role_grant::Entity::find()
        .filter(role_grant::Column::AccountId.eq(account_id))
        .order_by_asc(role_grant::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|g| Grant {
            role: g.role,
            programme_id: g.programme_id,
            cohort_id: g.cohort_id,
            track_id: g.track_id,
        })
        .collect();
    let viewer = Viewer {
        name: Localized::new(&a.name_ja, &a.name_en),
        is_admin: a.is_admin,
        is_organiser: grants.iter().any(|g| g.role == Role::Organiser),
    };
    let actor = Actor {
        account_id: a.id,
        is_admin: a.is_admin,
        grants,
    };
    Ok(Some((actor, viewer)))
}

/// The account an identity signs in to, if it is linked and active.
pub async fn account_for_identity(
    db: &impl ConnectionTrait,
    provider: &str,
    subject: &str,
) -> Result<Option<i32>, DbErr> {
    let Some(link) = identity::Entity::find()
        .filter(identity::Column::Provider.eq(provider))
        .filter(identity::Column::Subject.eq(subject))
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    let active = account::Entity::find_by_id(link.account_id)
        .filter(account::Column::Email.is_not_null())
        .one(db)
        .await?;
    Ok(active.map(|a| a.id))
}

/// A new account to create.
#[derive(Clone, Debug)]
pub struct NewAccount<'a> {
    /// Email address (unique).
    pub email: &'a str,
    /// Name in Japanese.
    pub name_ja: &'a str,
    /// Name in English.
    pub name_en: &'a str,
    /// Instance administrator.
    pub is_admin: bool,
}

/// Creates an account; fails on a taken email.
pub async fn create_account(
    db: &impl ConnectionTrait,
    new: NewAccount<'_>,
    now: DateTime<Utc>,
) -> Result<i32, DbErr> {
    let row = account::ActiveModel {
        email: Set(Some(new.email.to_string())),
        name_ja: Set(new.name_ja.to_string()),
        name_en: Set(new.name_en.to_string()),
        language: Set(Lang::Ja),
        is_admin: Set(new.is_admin),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(row.id)
}

/// The active account with `email`, if any.
pub async fn account_by_email(
    db: &impl ConnectionTrait,
    email: &str,
) -> Result<Option<account::Model>, DbErr> {
    account::Entity::find()
        .filter(account::Column::Email.eq(email))
        .one(db)
        .await
}

/// The account with `email`, or else with `email` in other letter case
/// (`Taro@Example.jp` for `taro@example.jp`). Providers report addresses
/// as their users typed them, while `create-admin` and the history import
/// store what the office wrote: the same mailbox must find the same
/// account, to be claimed or refused, never to get a second one.
async fn account_by_email_any_case(
    db: &impl ConnectionTrait,
    email: &str,
) -> Result<Option<account::Model>, DbErr> {
    if let Some(exact) = account_by_email(db, email).await? {
        return Ok(Some(exact));
    }
    account::Entity::find()
        .filter(ExprTrait::eq(
            Expr::expr(Func::lower(Expr::col(account::Column::Email))),
            email.to_lowercase(),
        ))
        .order_by_asc(account::Column::Id)
        .one(db)
        .await
}

/// Links a sign-in identity to an account.
pub async fn link_identity(
    db: &impl ConnectionTrait,
    account_id: i32,
    provider: &str,
    subject: &str,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    identity::ActiveModel {
        account_id: Set(account_id),
        provider: Set(provider.to_string()),
        subject: Set(subject.to_string()),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}

/// Gives `account_id` a role.
pub async fn grant_role(
    db: &impl ConnectionTrait,
    account_id: i32,
    grant: Grant,
    granted_by: Option<i32>,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    role_grant::ActiveModel {
        account_id: Set(account_id),
        role: Set(grant.role),
        programme_id: Set(grant.programme_id),
        cohort_id: Set(grant.cohort_id),
        track_id: Set(grant.track_id),
        granted_by: Set(granted_by),
        granted_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}

/// Makes the account with `email` an instance administrator, creating it
/// when missing, and records it in the audit log. Returns the account id.
pub async fn make_admin(
    db: &impl ConnectionTrait,
    email: &str,
    now: DateTime<Utc>,
) -> Result<i32, DbErr> {
    let id = match account_by_email(db, email).await? {
        Some(a) if a.is_admin => return Ok(a.id),
        Some(a) => {
            let id = a.id;
            let mut active: account::ActiveModel = a.into();
            active.is_admin = Set(true);
            active.update(db).await?;
            id
        }
        None => {
            let new = NewAccount {
                email,
                name_ja: "",
                name_en: "",
                is_admin: true,
            };
            create_account(db, new, now).await?
        }
    };
    let entry = AuditEntry {
        actor_id: None,
        action: "account.make_admin",
        entity: "account",
        entity_id: id.to_string(),
        programme_id: None,
        summary: format!("{email} made an instance administrator from the command line"),
    };
    append_audit(db, entry, now).await?;
    Ok(id)
}

/// The provider name of demo identities (`make run` only).
pub const DEMO_PROVIDER: &str = "demo";

/// The accounts that have a demo identity, in creation order.
pub async fn demo_accounts(
    db: &impl ConnectionTrait,
) -> Result<Vec<crate::domain::identity::DemoAccount>, DbErr> {
    let links = identity::Entity::find()
        .filter(identity::Column::Provider.eq(DEMO_PROVIDER))
        .order_by_asc(identity::Column::AccountId)
        .all(db)
        .await?;
    let ids: Vec<i32> = links.iter().map(|l| l.account_id).collect();
    let accounts = account::Entity::find()
        .filter(account::Column::Id.is_in(ids))
        .filter(account::Column::Email.is_not_null())
        .order_by_asc(account::Column::Id)
        .all(db)
        .await?;
    Ok(accounts
        .into_iter()
        .filter_map(|a| {
            Some(crate::domain::identity::DemoAccount {
                email: a.email?,
                name: Localized::new(a.name_ja, a.name_en),
            })
        })
        .collect())
}

/// What a successful provider sign-in leads to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SignInOutcome {
    /// Sign in to this account.
    Account(i32),
    /// Another account already uses the email the provider gave. It is not
    /// linked automatically: whoever controls an email at some provider
    /// must not thereby take over an account made elsewhere.
    EmailTaken,
}

/// The person a provider vouched for, as the store needs them.
#[derive(Clone, Debug)]
pub struct ProvenIdentity<'a> {
    /// The provider's configured name.
    pub provider: &'a str,
    /// The provider as people know it (its button's text), for mail.
    pub label: &'a str,
    /// The provider's id for the person.
    pub subject: &'a str,
    /// Their verified email.
    pub email: &'a str,
    /// Their name, if given.
    pub name: &'a str,
}

/// The first sign-in to an account that has no sign-in method yet: made by
/// `create-admin` (the first administrator) or brought in by an import, for
/// exactly this address. The provider has verified the address, so the
/// identity is linked and the account claimed (audited). An account that
/// already has a sign-in method is never linked this way: whoever controls
/// the address at some other provider must not take it over.
async fn claim_unlinked(
    db: &DatabaseConnection,
    existing: account::Model,
    who: &ProvenIdentity<'_>,
    now: DateTime<Utc>,
) -> Result<SignInOutcome, DbErr> {
    let txn = crate::store::begin_write(db).await?;
    let linked = identity::Entity::find()
        .filter(identity::Column::AccountId.eq(existing.id))
        .one(&txn)
        .await?;
    if linked.is_some() {
        return Ok(SignInOutcome::EmailTaken);
    }
    let id = existing.id;
    if existing.name_ja.is_empty() && existing.name_en.is_empty() && !who.name.is_empty() {
        let mut active: account::ActiveModel = existing.into();
        active.name_ja = Set(who.name.to_string());
        active.name_en = Set(who.name.to_string());
        active.update(&txn).await?;
    }
    link_identity(&txn, id, who.provider, who.subject, now).await?;
    let entry = AuditEntry {
        actor_id: Some(id),
        action: "account.claim",
        entity: "account",
        entity_id: id.to_string(),
        programme_id: None,
        summary: format!(
            "first sign-in through {} with the verified address {}",
            who.provider, who.email
        ),
    };
    append_audit(&txn, entry, now).await?;
    txn.commit().await?;
    Ok(SignInOutcome::Account(id))
}

/// Finds the account of a proven identity: the linked one; else the
/// signed-in account (`current`), which the identity is then linked to,
/// with a security notice mailed to the account in the same transaction;
/// else the account with the verified email if it has no sign-in method
/// yet (claimed, see `claim_unlinked`); else a new account, unless the email belongs
/// to another one.
pub async fn resolve_sign_in(
    db: &DatabaseConnection,
    who: ProvenIdentity<'_>,
    current: Option<i32>,
    now: DateTime<Utc>,
) -> Result<SignInOutcome, DbErr> {
    if let Some(id) = account_for_identity(db, who.provider, who.subject).await? {
        return Ok(SignInOutcome::Account(id));
    }
    if let Some(id) = current {
        let txn = crate::store::begin_write(db).await?;
        link_identity(&txn, id, who.provider, who.subject, now).await?;
        let notice = crate::domain::mail::MailTemplate::IdentityLinked {
            provider: who.label.to_string(),
            at: now,
        };
        super::outbox::enqueue_for_account(&txn, id, &notice, None, now).await?;
        txn.commit().await?;
        return Ok(SignInOutcome::Account(id));
    }
    if let Some(existing) = account_by_email_any_case(db, who.email).await? {
        return claim_unlinked(db, existing, &who, now).await;
    }
    let new = NewAccount {
        email: who.email,
        name_ja: who.name,
        name_en: who.name,
        is_admin: false,
    };
    let id = create_account(db, new, now).await?;
    link_identity(db, id, who.provider, who.subject, now).await?;
    Ok(SignInOutcome::Account(id))
}
