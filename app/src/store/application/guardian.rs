//! Guardian consent for applicants under 18: the request (a single-use,
//! expiring link mailed to the guardian; only the token's hash is stored),
//! the guardian's answer, and the check the offer confirmation relies on.

use super::super::entities::{account, application, guardian_consent};
use super::super::outbox::{Recipient, enqueue_for_account, enqueue_typed};
use crate::domain::application::ApplicationStatus;
use crate::domain::application::consent::{CONSENT_LINK_LIFETIME, ConsentOutcome};
use crate::domain::application::form::{GuardianRequest, same_address};
use crate::domain::lang::{Lang, Localized};
use crate::domain::mail::MailTemplate;
use crate::domain::time::format_date_range;
use crate::domain::tokens::{is_token_shaped, link, token_hash};
use crate::store::audit::{AuditEntry, append_audit};
use crate::store::catalogue::track_ctx::{TrackCtx, track_by_id};
use crate::store::tokens::new_token;
use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait,
    QueryFilter, QueryOrder, Set,
};

use guardian_consent::Column as C;

/// The newest consent request of an application.
async fn latest(
    db: &impl ConnectionTrait,
    application_id: i32,
) -> Result<Option<guardian_consent::Model>, DbErr> {
    guardian_consent::Entity::find()
        .filter(C::ApplicationId.eq(application_id))
        .order_by_desc(C::Id)
        .one(db)
        .await
}

/// The guardian's answer for the application's current guardian: `None`
/// when none was asked, `Some(None)` while waiting, `Some(Some(yes))`.
pub async fn state(
    db: &impl ConnectionTrait,
    a: &application::Model,
) -> Result<Option<Option<bool>>, DbErr> {
    Ok(latest(db, a.id)
        .await?
        .filter(|c| c.guardian_email == a.guardian_email)
        .map(|c| c.outcome.map(|o| o == ConsentOutcome::Consented)))
}

/// Whether the application's current guardian has consented: the gate an
/// offer's confirmation must pass for an applicant under 18. A guardian
/// changed since (a new email on resubmission) must consent again.
pub async fn guardian_consented(
    db: &impl ConnectionTrait,
    application_id: i32,
) -> Result<bool, DbErr> {
    let Some(a) = application::Entity::find_by_id(application_id)
        .one(db)
        .await?
    else {
        return Ok(false);
    };
    Ok(state(db, &a).await? == Some(Some(true)))
}

/// Asks the guardian of a minor's submitted application for consent,
/// unless the same guardian was already asked (and the link still works or
/// was answered). A new request kills the older links. Joins the caller's
/// transaction; the mail is queued in it.
pub async fn request_if_needed(
    db: &impl ConnectionTrait,
    a: &application::Model,
    place: &TrackCtx,
    public_url: &str,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    if let Some(last) = latest(db, a.id).await?
        && last.guardian_email == a.guardian_email
        && (last.decided_at.is_some() || last.expires_at > now)
    {
        return Ok(());
    }
    guardian_consent::Entity::update_many()
        .col_expr(C::ExpiresAt, Expr::value(now))
        .filter(C::ApplicationId.eq(a.id))
        .filter(C::DecidedAt.is_null())
        .exec(db)
        .await?;
    let token = new_token()?;
    let expires_at = now + CONSENT_LINK_LIFETIME;
    guardian_consent::ActiveModel {
        application_id: Set(a.id),
        guardian_name: Set(a.guardian_name.clone()),
        guardian_email: Set(a.guardian_email.clone()),
        token_hash: Set(token_hash(&token)),
        created_at: Set(now),
        expires_at: Set(expires_at),
        ..Default::default()
    }
    .insert(db)
    .await?;
    let applicant = account::Entity::find_by_id(a.account_id).one(db).await?;
    let lang = applicant.as_ref().map(|x| x.language).unwrap_or_default();
    let name = applicant
        .map(|x| Localized::new(x.name_ja, x.name_en).get(lang).to_string())
        .unwrap_or_default();
    let c = &place.cohort;
    let mail = MailTemplate::GuardianConsentRequest {
        applicant: name,
        track: place.label(),
        dates: Localized::new(
            format_date_range(c.sessions_start_at, c.sessions_end_at, Lang::Ja),
            format_date_range(c.sessions_start_at, c.sessions_end_at, Lang::En),
        ),
        link: link(public_url, &format!("/guardian/{token}")),
        expires_at,
    };
    let to = Recipient {
        email: a.guardian_email.clone(),
        name: a.guardian_name.clone(),
        lang,
    };
    enqueue_typed(db, a.account_id, &to, &mail, Some(place.programme.id), now).await?;
    Ok(())
}

/// Why a guardian's link does not work.
#[derive(Debug)]
pub enum LinkError {
    /// No such link.
    Unknown,
    /// Already answered, expired or replaced by a newer one.
    Gone,
    /// The database failed.
    Db(DbErr),
}

impl From<DbErr> for LinkError {
    fn from(e: DbErr) -> Self {
        LinkError::Db(e)
    }
}

/// The request behind a working link.
async fn open_request(
    db: &impl ConnectionTrait,
    token: &str,
    now: DateTime<Utc>,
) -> Result<(guardian_consent::Model, application::Model, TrackCtx), LinkError> {
    if !is_token_shaped(token) {
        return Err(LinkError::Unknown);
    }
    let Some(row) = guardian_consent::Entity::find()
        .filter(C::TokenHash.eq(token_hash(token)))
        .one(db)
        .await?
    else {
        return Err(LinkError::Unknown);
    };
    if row.decided_at.is_some() || row.expires_at <= now {
        return Err(LinkError::Gone);
    }
    let a = application::Entity::find_by_id(row.application_id)
        .one(db)
        .await?
        .ok_or(LinkError::Unknown)?;
    // Consent is to the application as submitted: a withdrawn one has
    // nothing left to consent to (and a consent given to it must not count
    // should it ever come back).
    if a.status != ApplicationStatus::Submitted {
        return Err(LinkError::Gone);
    }
    // An applicant is never their own guardian, even where a request went
    // to their own address before that was refused at submission.
    let own = account::Entity::find_by_id(a.account_id)
        .one(db)
        .await?
        .and_then(|x| x.email)
        .unwrap_or_default();
    if same_address(&row.guardian_email, &own) {
        return Err(LinkError::Gone);
    }
    let place = track_by_id(db, a.track_id)
        .await?
        .ok_or(LinkError::Unknown)?;
    Ok((row, a, place))
}

/// What the guardian's page shows for a working link.
pub async fn request_by_token(
    db: &impl ConnectionTrait,
    token: &str,
    now: DateTime<Utc>,
) -> Result<GuardianRequest, LinkError> {
    let (row, a, place) = open_request(db, token, now).await?;
    let applicant = account::Entity::find_by_id(a.account_id)
        .one(db)
        .await?
        .map(|x| Localized::new(x.name_ja, x.name_en))
        .unwrap_or_default();
    Ok(GuardianRequest {
        applicant,
        guardian_name: row.guardian_name,
        track: place.context(now),
        expires_at: row.expires_at,
    })
}

/// Records the guardian's answer, signed with `signed_name`, once: the
/// conditional update lets only the first of two answers through. The
/// applicant is mailed the outcome; an audit event records it.
pub async fn decide(
    db: &DatabaseConnection,
    token: &str,
    consented: bool,
    signed_name: &str,
    now: DateTime<Utc>,
) -> Result<(), LinkError> {
    let (row, a, place) = open_request(db, token, now).await?;
    let outcome = if consented {
        ConsentOutcome::Consented
    } else {
        ConsentOutcome::Refused
    };
    let txn = crate::store::begin_write(db).await?;
    let done = guardian_consent::Entity::update_many()
        .col_expr(C::DecidedAt, Expr::value(Some(now)))
        .col_expr(C::Outcome, Expr::value(Some(outcome)))
        .col_expr(C::SignedName, Expr::value(Some(signed_name.to_string())))
        .filter(C::Id.eq(row.id))
        .filter(C::DecidedAt.is_null())
        .filter(C::ExpiresAt.gt(now))
        .exec(&txn)
        .await?;
    if done.rows_affected == 0 {
        return Err(LinkError::Gone);
    }
    let entry = AuditEntry {
        actor_id: None,
        action: "guardian_consent.decide",
        entity: "application",
        entity_id: a.id.to_string(),
        programme_id: Some(place.programme.id),
        summary: format!("guardian {} (signed as {signed_name})", outcome.as_str()),
    };
    append_audit(&txn, entry, now).await?;
    let mail = MailTemplate::GuardianConsentOutcome {
        track: place.label(),
        consented,
    };
    enqueue_for_account(&txn, a.account_id, &mail, Some(place.programme.id), now).await?;
    txn.commit().await?;
    Ok(())
}
