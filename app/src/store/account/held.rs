//! The records held about a person beyond their account, roles and
//! applications: read for "download my data" ([`held_records`]) and
//! removed or anonymised when the account is deleted ([`forget_held`]).
//! Both walk the same tables, so what is exported is what is forgotten.

use crate::domain::account::held::{
    ExportedCertificate, ExportedClaim, ExportedConflict, ExportedCredit, ExportedFeed,
    ExportedHostedEvent, ExportedInvitation, ExportedMentorship, ExportedRegistration,
    ExportedReview, ExportedSignoff, ExportedStageChange, ExportedTrackAffiliation, ExportedUpload,
    HeldRecords,
};
use crate::store::entities::{
    affiliation, application, calendar_feed, completion, conflict, credit_claim, credit_entry,
    event, event_host, event_rsvp, mentorship, outbox_attempt, outbox_message, review_assignment,
    reviewer_affiliation, roster_invitation, stage_change, step_signoff,
};
use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder,
};
use std::collections::HashMap;

/// The roster invitations addressed to the person (by account or address).
fn invitations_of(id: i32, email: &str) -> Condition {
    let mut c = Condition::any().add(roster_invitation::Column::AccountId.eq(id));
    if !email.is_empty() {
        c = c.add(roster_invitation::Column::Email.eq(email));
    }
    c
}

/// Everything of [`HeldRecords`] about account `id` (address `email`).
pub async fn held_records(
    db: &impl ConnectionTrait,
    id: i32,
    email: &str,
) -> Result<HeldRecords, DbErr> {
    let entries = credit_entry::Entity::find()
        .filter(credit_entry::Column::AccountId.eq(id))
        .order_by_asc(credit_entry::Column::Id)
        .all(db)
        .await?;
    let mut claims: HashMap<i32, credit_claim::Model> = credit_claim::Entity::find()
        .filter(credit_claim::Column::EntryId.is_in(entries.iter().map(|e| e.id)))
        .all(db)
        .await?
        .into_iter()
        .map(|c| (c.entry_id, c))
        .collect();
    let credits = entries
        .into_iter()
        .map(|e| ExportedCredit {
            claim: claims.remove(&e.id).map(|c| ExportedClaim {
                evidence: c.evidence,
                evidence_link: c.evidence_link,
                supervisor_name: c.supervisor_name,
                supervisor_email: c.supervisor_email,
                expires_at: c.expires_at,
                answered_at: c.answered_at,
            }),
            id: e.id,
            kind: e.kind.as_str().to_string(),
            title: e.title,
            tenths: e.credit_tenths,
            earned_on: e.earned_on,
            status: e.status.as_str().to_string(),
            source: e.source,
        })
        .collect();
    let answers = event_rsvp::Entity::find()
        .filter(event_rsvp::Column::AccountId.eq(id))
        .order_by_asc(event_rsvp::Column::Id)
        .all(db)
        .await?;
    let events: HashMap<i32, event::Model> = event::Entity::find()
        .filter(
            Condition::any()
                .add(event::Column::Id.is_in(answers.iter().map(|r| r.event_id)))
                .add(event::Column::HostId.eq(id)),
        )
        .order_by_asc(event::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|e| (e.id, e))
        .collect();
    let event_registrations = answers
        .into_iter()
        .filter_map(|r| {
            let e = events.get(&r.event_id)?;
            Some(ExportedRegistration {
                event_id: e.id,
                title: e.title_ja.clone(),
                starts_at: e.starts_at,
                status: r.status.as_str().to_string(),
                created_at: r.created_at,
                checked_in_at: r.checked_in_at,
            })
        })
        .collect();
    let mut hosted_events: Vec<ExportedHostedEvent> = events
        .values()
        .filter(|e| e.host_id == Some(id))
        .map(|e| ExportedHostedEvent {
            event_id: e.id,
            title: e.title_ja.clone(),
            starts_at: e.starts_at,
        })
        .collect();
    hosted_events.sort_by_key(|e| e.event_id);
    let event_host_since = event_host::Entity::find_by_id(id)
        .one(db)
        .await?
        .map(|h| h.approved_at);
    let calendar_feed = calendar_feed::Entity::find_by_id(id)
        .one(db)
        .await?
        .map(|f| ExportedFeed {
            created_at: f.created_at,
        });
    let completions = completion::Entity::find()
        .filter(completion::Column::AccountId.eq(id))
        .order_by_asc(completion::Column::Id)
        .all(db)
        .await?;
    let changes = stage_change::Entity::find()
        .filter(stage_change::Column::AccountId.eq(id))
        .order_by_asc(stage_change::Column::Id)
        .all(db)
        .await?;
    let mentoring = mentorship::Entity::find()
        .filter(
            Condition::any()
                .add(mentorship::Column::CandidateId.eq(id))
                .add(mentorship::Column::MentorId.eq(id)),
        )
        .order_by_asc(mentorship::Column::Id)
        .all(db)
        .await?;
    let programmes = crate::store::catalogue::programme_slugs(
        db,
        completions
            .iter()
            .map(|c| c.programme_id)
            .chain(changes.iter().map(|c| c.programme_id))
            .chain(mentoring.iter().map(|m| m.programme_id)),
    )
    .await?;
    let slug = |p: i32| programmes.get(&p).cloned().unwrap_or_default();
    let certificates = completions
        .into_iter()
        .map(|c| ExportedCertificate {
            programme: slug(c.programme_id),
            cohort_id: c.cohort_id,
            track_id: c.track_id,
            code: c.code,
            completed_at: c.completed_at,
            revoked_at: c.revoked_at,
            revoke_reason: c.revoke_reason,
        })
        .collect();
    let pipeline_history = changes
        .into_iter()
        .map(|c| ExportedStageChange {
            programme: slug(c.programme_id),
            from_stage: c.from_stage.map(|s| s.as_str().to_string()),
            to_stage: c.to_stage.as_str().to_string(),
            reason: c.reason,
            overridden: c.overridden,
            at: c.at,
        })
        .collect();
    let mentorships = mentoring
        .into_iter()
        .map(|m| {
            let (as_role, other) = if m.candidate_id == id {
                ("candidate", m.mentor_id)
            } else {
                ("mentor", m.candidate_id)
            };
            ExportedMentorship {
                programme: slug(m.programme_id),
                as_role: as_role.to_string(),
                other_account_id: other,
                assigned_at: m.assigned_at,
            }
        })
        .collect();
    let training_steps = step_signoff::Entity::find()
        .filter(step_signoff::Column::CandidateId.eq(id))
        .all(db)
        .await?
        .into_iter()
        .map(|s| ExportedSignoff {
            step_id: s.step_id,
            signed_at: s.signed_at,
        })
        .collect();
    let declared_affiliation = affiliation::Entity::find_by_id(id)
        .one(db)
        .await?
        .map(|a| a.name);
    let track_affiliations = reviewer_affiliation::Entity::find()
        .filter(reviewer_affiliation::Column::AccountId.eq(id))
        .order_by_asc(reviewer_affiliation::Column::TrackId)
        .all(db)
        .await?
        .into_iter()
        .map(|a| ExportedTrackAffiliation {
            track_id: a.track_id,
            name: a.name,
        })
        .collect();
    let reviews = review_assignment::Entity::find()
        .filter(review_assignment::Column::ReviewerId.eq(id))
        .order_by_asc(review_assignment::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|r| ExportedReview {
            application_id: r.application_id,
            comment: r.comment,
            assigned_at: r.assigned_at,
            submitted_at: r.submitted_at,
        })
        .collect();
    let conflicts = conflict::Entity::find()
        .filter(conflict::Column::ReviewerId.eq(id))
        .order_by_asc(conflict::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|c| ExportedConflict {
            application_id: c.application_id,
            reason: c.reason.as_str().to_string(),
            note: c.note,
        })
        .collect();
    let roster_invitations = roster_invitation::Entity::find()
        .filter(invitations_of(id, email))
        .order_by_asc(roster_invitation::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|i| ExportedInvitation {
            track_id: i.track_id,
            source: i.source.as_str().to_string(),
            affiliation: i.affiliation,
            created_at: i.created_at,
            outcome: i.outcome.map(|o| o.as_str().to_string()),
        })
        .collect();
    Ok(HeldRecords {
        credits,
        event_registrations,
        hosted_events,
        event_host_since,
        calendar_feed,
        certificates,
        pipeline_history,
        training_steps,
        mentorships,
        reviewer_affiliation: declared_affiliation,
        track_affiliations,
        reviews,
        conflicts,
        roster_invitations,
        history_uploads: uploads_of(db, id).await?,
        announcements: crate::store::announce::written_by(db, id).await?,
        reminders: reminders_of(db, id).await?,
    })
}

/// The automatic reminders sent to `id`, oldest first.
async fn reminders_of(
    db: &impl ConnectionTrait,
    id: i32,
) -> Result<Vec<crate::domain::account::held::ExportedReminder>, DbErr> {
    use crate::store::entities::reminder_sent;
    Ok(reminder_sent::Entity::find()
        .filter(reminder_sent::Column::AccountId.eq(id))
        .order_by_asc(reminder_sent::Column::SentAt)
        .all(db)
        .await?
        .into_iter()
        .map(|r| crate::domain::account::held::ExportedReminder {
            kind: r.kind,
            record_id: r.record_id,
            days_before: r.step,
            sent_at: r.sent_at,
        })
        .collect())
}

/// The history files `id` uploaded, oldest first.
async fn uploads_of(db: &impl ConnectionTrait, id: i32) -> Result<Vec<ExportedUpload>, DbErr> {
    use crate::store::entities::history_batch;
    Ok(history_batch::Entity::find()
        .filter(history_batch::Column::UploadedBy.eq(id))
        .order_by_asc(history_batch::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|b| ExportedUpload {
            file_name: b.file_name,
            uploaded_at: b.uploaded_at,
            applied_at: b.applied_at,
            summary: b.summary,
        })
        .collect())
}

/// Removes or anonymises every record of [`held_records`] for account `id`
/// (address `email`, names `names`), in the deletion's transaction: the
/// credit ledger and its claims (with the supervisors' names and
/// addresses), event answers, host approval and calendar feed go (the
/// feed's address stops working at once); invitations to the address are
/// closed and stripped; certificates, stage changes, mentorships and
/// reviews stay as anonymous rows (others' records and counts point at
/// them) with their free texts cleared, as do the notes and comments that
/// others wrote about the person's applications. The requests mailed to
/// their supervisors and guardians are deleted from the outbox, and any
/// other mail held that names them (`personal`: their names and address)
/// has those replaced with `account #id`. Call it before the applications
/// are forgotten: it reads their guardians.
pub async fn forget_held(
    db: &impl ConnectionTrait,
    id: i32,
    email: &str,
    personal: &[String],
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    let entries: Vec<i32> = credit_entry::Entity::find()
        .filter(credit_entry::Column::AccountId.eq(id))
        .all(db)
        .await?
        .into_iter()
        .map(|e| e.id)
        .collect();
    let claims = credit_claim::Entity::find()
        .filter(credit_claim::Column::EntryId.is_in(entries.clone()))
        .all(db)
        .await?;
    let mut third_parties: Vec<String> =
        claims.iter().map(|c| c.supervisor_email.clone()).collect();
    let applications: Vec<application::Model> = application::Entity::find()
        .filter(application::Column::AccountId.eq(id))
        .all(db)
        .await?;
    third_parties.extend(
        applications
            .iter()
            .map(|a| a.guardian_email.clone())
            .filter(|e| !e.is_empty()),
    );
    let app_ids: Vec<i32> = applications.iter().map(|a| a.id).collect();
    third_parties.extend(
        crate::store::entities::guardian_consent::Entity::find()
            .filter(
                crate::store::entities::guardian_consent::Column::ApplicationId
                    .is_in(app_ids.clone()),
            )
            .all(db)
            .await?
            .into_iter()
            .map(|g| g.guardian_email),
    );
    credit_claim::Entity::delete_many()
        .filter(credit_claim::Column::EntryId.is_in(entries))
        .exec(db)
        .await?;
    credit_entry::Entity::delete_many()
        .filter(credit_entry::Column::AccountId.eq(id))
        .exec(db)
        .await?;
    event_rsvp::Entity::delete_many()
        .filter(event_rsvp::Column::AccountId.eq(id))
        .exec(db)
        .await?;
    event_host::Entity::delete_by_id(id).exec(db).await?;
    calendar_feed::Entity::delete_by_id(id).exec(db).await?;
    affiliation::Entity::delete_by_id(id).exec(db).await?;
    reviewer_affiliation::Entity::delete_many()
        .filter(reviewer_affiliation::Column::AccountId.eq(id))
        .exec(db)
        .await?;
    // Who asked for a mail to a typed address is kept only to limit how
    // many one account may cause; it goes with the account.
    outbox_message::Entity::update_many()
        .col_expr(
            outbox_message::Column::RequestedBy,
            Expr::value(Option::<i32>::None),
        )
        .filter(outbox_message::Column::RequestedBy.eq(id))
        .exec(db)
        .await?;
    roster_invitation::Entity::update_many()
        .col_expr(
            roster_invitation::Column::Email,
            Expr::value(format!("account #{id}")),
        )
        .col_expr(roster_invitation::Column::Affiliation, Expr::value(""))
        .col_expr(roster_invitation::Column::ExpiresAt, Expr::value(now))
        .filter(invitations_of(id, email))
        .exec(db)
        .await?;
    completion::Entity::update_many()
        .col_expr(completion::Column::RevokeReason, Expr::value(""))
        .filter(completion::Column::AccountId.eq(id))
        .exec(db)
        .await?;
    stage_change::Entity::update_many()
        .col_expr(stage_change::Column::Reason, Expr::value(""))
        .filter(stage_change::Column::AccountId.eq(id))
        .exec(db)
        .await?;
    conflict::Entity::update_many()
        .col_expr(conflict::Column::Note, Expr::value(""))
        .filter(
            Condition::any()
                .add(conflict::Column::ReviewerId.eq(id))
                .add(conflict::Column::ApplicationId.is_in(app_ids.clone())),
        )
        .exec(db)
        .await?;
    review_assignment::Entity::update_many()
        .col_expr(review_assignment::Column::Comment, Expr::value(""))
        .filter(
            Condition::any()
                .add(review_assignment::Column::ReviewerId.eq(id))
                .add(review_assignment::Column::ApplicationId.is_in(app_ids.clone())),
        )
        .exec(db)
        .await?;
    application::Entity::update_many()
        .col_expr(
            application::Column::DecisionReason,
            Expr::value(None::<String>),
        )
        .filter(application::Column::Id.is_in(app_ids))
        .exec(db)
        .await?;
    forget_mail(db, &third_parties, personal, &format!("account #{id}")).await
}

/// The mail sent to a third party only because of the person: the
/// supervisor's confirmation request and the guardian's consent request.
const ON_THEIR_BEHALF: [&str; 2] = ["credit_confirm_request", "guardian_consent_request"];

/// Deletes the requests mailed on the person's behalf to `addresses`
/// (their supervisors and guardians), and replaces the person's `names`
/// and address in every other mail still held with a placeholder (a mail
/// to someone else that names them stays, anonymous).
async fn forget_mail(
    db: &impl ConnectionTrait,
    addresses: &[String],
    personal: &[String],
    placeholder: &str,
) -> Result<(), DbErr> {
    let behalf: Vec<i64> = outbox_message::Entity::find()
        .filter(outbox_message::Column::RecipientEmail.is_in(addresses.to_vec()))
        .filter(outbox_message::Column::Template.is_in(ON_THEIR_BEHALF))
        .all(db)
        .await?
        .into_iter()
        .map(|m| m.id)
        .collect();
    outbox_attempt::Entity::delete_many()
        .filter(outbox_attempt::Column::MessageId.is_in(behalf.clone()))
        .exec(db)
        .await?;
    outbox_message::Entity::delete_many()
        .filter(outbox_message::Column::Id.is_in(behalf))
        .exec(db)
        .await?;
    let personal: Vec<&String> = personal.iter().filter(|v| !v.trim().is_empty()).collect();
    if personal.is_empty() {
        return Ok(());
    }
    let mut naming = Condition::any();
    for v in &personal {
        naming = naming
            .add(outbox_message::Column::TextBody.contains(v.as_str()))
            .add(outbox_message::Column::Subject.contains(v.as_str()))
            .add(outbox_message::Column::RecipientName.contains(v.as_str()));
    }
    for m in outbox_message::Entity::find()
        .filter(naming)
        .all(db)
        .await?
    {
        let scrub = |text: &str| {
            personal
                .iter()
                .fold(text.to_string(), |t, v| t.replace(v.as_str(), placeholder))
        };
        outbox_message::Entity::update_many()
            .col_expr(
                outbox_message::Column::TextBody,
                Expr::value(scrub(&m.text_body)),
            )
            .col_expr(
                outbox_message::Column::Subject,
                Expr::value(scrub(&m.subject)),
            )
            .col_expr(
                outbox_message::Column::RecipientName,
                Expr::value(scrub(&m.recipient_name)),
            )
            .filter(outbox_message::Column::Id.eq(m.id))
            .exec(db)
            .await?;
    }
    Ok(())
}
