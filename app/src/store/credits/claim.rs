//! Self-reported activities: the person reports what they did with
//! evidence and names a supervisor, who gets a single-use, expiring link
//! (only its hash is stored) to confirm or decline without an account. A
//! used or expired link changes nothing. The claimant can never be their
//! own supervisor, and every change is written to the audit log (with ids
//! only: the free texts and the supervisor's address stay out of it).

use crate::domain::credits::mail::CreditMail;
use crate::domain::credits::{CONFIRMATION_LIFETIME, ConfirmPage, CreditKind, CreditStatus};
use crate::domain::events::rules::format_tenths;
use crate::domain::forms::Problem;
use crate::domain::lang::{Lang, Localized};
use crate::domain::mail::MailTemplate;
use crate::domain::tokens::{is_token_shaped, link, token_hash};
use crate::store::audit::{AuditEntry, append_audit};
use crate::store::entities::{account, credit_claim, credit_entry};
use crate::store::events::EventError;
use crate::store::outbox::{Recipient, enqueue_for_account, enqueue_typed};
use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    Set,
};

pub use crate::domain::credits::claim::Claim;

/// Whether `address` is one of the claimant's own: the account's address,
/// compared without regard to case or surrounding spaces. (Linked
/// identities keep no address of their own: a sign-in with another
/// provider is matched to this same account address.)
fn is_own_address(person: &account::Model, address: &str) -> bool {
    let typed = address.trim().to_lowercase();
    person
        .email
        .as_deref()
        .is_some_and(|own| own.trim().to_lowercase() == typed)
}

/// Records the activity as pending and mails the supervisor the link.
/// Returns the link's token (for tests; only its hash is stored). A
/// supervisor address that is the claimant's own is refused, nothing saved.
pub async fn report(
    db: &DatabaseConnection,
    account_id: i32,
    c: &Claim,
    site: &str,
    now: DateTime<Utc>,
) -> Result<String, EventError> {
    let txn = crate::store::begin_write(db).await?;
    let person = account::Entity::find_by_id(account_id)
        .one(&txn)
        .await?
        .ok_or(EventError::NotFound)?;
    if is_own_address(&person, &c.supervisor_email) {
        return Err(EventError::Refused(
            "supervisor_email",
            Problem::SupervisorIsClaimant,
        ));
    }
    let entry = credit_entry::ActiveModel {
        account_id: Set(account_id),
        kind: Set(CreditKind::SelfReported),
        title: Set(c.title.clone()),
        credit_tenths: Set(c.tenths),
        earned_on: Set(c.earned_on),
        source: Set(None),
        status: Set(CreditStatus::Pending),
        created_at: Set(now),
        decided_at: Set(None),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let token = crate::store::tokens::new_token()?;
    let expires_at = now + CONFIRMATION_LIFETIME;
    credit_claim::ActiveModel {
        entry_id: Set(entry.id),
        evidence: Set(c.evidence.clone()),
        evidence_link: Set(c.evidence_link.clone()),
        supervisor_name: Set(c.supervisor_name.clone()),
        supervisor_email: Set(c.supervisor_email.clone()),
        token_hash: Set(token_hash(&token)),
        expires_at: Set(expires_at),
        answered_at: Set(None),
    }
    .insert(&txn)
    .await?;
    // The supervisor reads the mail in the person's language: they chose
    // whom to ask.
    let lang = person.language;
    let mail = MailTemplate::Credit(CreditMail::ConfirmRequest {
        person: Localized::new(&person.name_ja, &person.name_en)
            .get(lang)
            .to_string(),
        title: c.title.clone(),
        hours: format_tenths(c.tenths),
        link: link(site, &format!("/credits/confirm/{token}")),
        expires_at,
    });
    let to = Recipient {
        email: c.supervisor_email.clone(),
        name: c.supervisor_name.clone(),
        lang,
    };
    enqueue_typed(&txn, account_id, &to, &mail, None, now).await?;
    let entry_audit = AuditEntry {
        actor_id: Some(account_id),
        action: "credit.claim",
        entity: "credit_entry",
        entity_id: entry.id.to_string(),
        programme_id: None,
        summary: format!(
            "account #{account_id} claimed {} hours (entry #{}); supervisor asked to confirm",
            format_tenths(c.tenths),
            entry.id
        ),
    };
    append_audit(&txn, entry_audit, now).await?;
    txn.commit().await?;
    Ok(token)
}

async fn by_token(
    db: &impl ConnectionTrait,
    token: &str,
) -> Result<(credit_claim::Model, credit_entry::Model), EventError> {
    if !is_token_shaped(token) {
        return Err(EventError::NotFound);
    }
    let claim = credit_claim::Entity::find()
        .filter(credit_claim::Column::TokenHash.eq(token_hash(token)))
        .one(db)
        .await?
        .ok_or(EventError::NotFound)?;
    let entry = credit_entry::Entity::find_by_id(claim.entry_id)
        .one(db)
        .await?
        .ok_or(EventError::NotFound)?;
    Ok((claim, entry))
}

/// What the supervisor's link shows; a used or expired link says so.
pub async fn confirm_page(
    db: &impl ConnectionTrait,
    token: &str,
    now: DateTime<Utc>,
) -> Result<ConfirmPage, EventError> {
    let (claim, entry) = by_token(db, token).await?;
    let person = account::Entity::find_by_id(entry.account_id)
        .one(db)
        .await?
        .map(|a| {
            Localized::new(a.name_ja, a.name_en)
                .get(Lang::Ja)
                .to_string()
        })
        .unwrap_or_default();
    Ok(ConfirmPage {
        person,
        title: entry.title,
        tenths: entry.credit_tenths,
        earned_on: entry.earned_on,
        evidence: claim.evidence,
        evidence_link: claim.evidence_link,
        supervisor: claim.supervisor_name,
        open: claim.answered_at.is_none() && claim.expires_at > now,
        expires_at: claim.expires_at,
    })
}

/// The supervisor's answer, once: the entry is confirmed or declined and
/// the person told. The conditional update lets only the first of two
/// answers through; a used or expired link is refused, nothing changed.
/// `answerer` is the account signed in where the link is opened, if any:
/// the claimant's own account cannot answer their claim.
pub async fn answer(
    db: &DatabaseConnection,
    token: &str,
    confirm: bool,
    answerer: Option<i32>,
    now: DateTime<Utc>,
) -> Result<(), EventError> {
    let (claim, entry) = by_token(db, token).await?;
    if answerer == Some(entry.account_id) {
        return Err(EventError::Refused("token", Problem::SupervisorIsClaimant));
    }
    let txn = crate::store::begin_write(db).await?;
    let done = credit_claim::Entity::update_many()
        .col_expr(credit_claim::Column::AnsweredAt, Expr::value(Some(now)))
        .filter(credit_claim::Column::EntryId.eq(claim.entry_id))
        .filter(credit_claim::Column::AnsweredAt.is_null())
        .filter(credit_claim::Column::ExpiresAt.gt(now))
        .exec(&txn)
        .await?;
    if done.rows_affected == 0 {
        return Err(EventError::Refused("token", Problem::ConfirmationUsed));
    }
    let status = if confirm {
        CreditStatus::Confirmed
    } else {
        CreditStatus::Declined
    };
    credit_entry::Entity::update_many()
        .col_expr(credit_entry::Column::Status, Expr::value(status))
        .col_expr(credit_entry::Column::DecidedAt, Expr::value(Some(now)))
        .filter(credit_entry::Column::Id.eq(entry.id))
        .exec(&txn)
        .await?;
    let mail = MailTemplate::Credit(CreditMail::Decided {
        title: entry.title.clone(),
        confirmed: confirm,
    });
    enqueue_for_account(&txn, entry.account_id, &mail, None, now).await?;
    let (action, verb) = if confirm {
        ("credit.confirm", "confirmed")
    } else {
        ("credit.reject", "declined")
    };
    let entry_audit = AuditEntry {
        actor_id: answerer,
        action,
        entity: "credit_entry",
        entity_id: entry.id.to_string(),
        programme_id: None,
        summary: format!(
            "entry #{} of account #{} {verb} by its supervisor's link",
            entry.id, entry.account_id
        ),
    };
    append_audit(&txn, entry_audit, now).await?;
    txn.commit().await?;
    Ok(())
}
