//! Reviewers and assignments: inviting a reviewer, automatic and manual
//! assignment around conflicts of interest, unassigning.

use super::version::ranking_changed;
use super::{reviewers, submitted, track_assignments};
use crate::domain::access::{Grant, Role};
use crate::domain::review::assign::{ApplicantFacts, ReviewerFacts, auto_assign, conflict};
use crate::store::audit::append_audit;
use crate::store::catalogue::track_ctx::TrackCtx;
use crate::store::entities::{
    account, application, conflict as conflict_row, review_assignment, reviewer_affiliation,
    role_grant,
};
use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait,
    QueryFilter, Set,
};
use std::collections::HashSet;

/// Why an assignment or invitation was refused.
#[derive(Debug)]
pub enum AssignError {
    /// No account has that email.
    NoSuchAccount,
    /// The person does not review this track, or the application is not in it.
    NotFound,
    /// The reviewer has a conflict of interest with the application.
    Conflict,
    /// The database failed.
    Db(DbErr),
}

impl From<DbErr> for AssignError {
    fn from(e: DbErr) -> Self {
        AssignError::Db(e)
    }
}

/// An application as the conflict rules see it.
pub(super) fn applicant(a: &application::Model) -> ApplicantFacts {
    ApplicantFacts {
        application_id: a.id,
        applicant: a.account_id,
        affiliation: a.affiliation.clone(),
        mentors: a.mentors.clone(),
    }
}

/// The declared conflicts on the applications `ids`, as (application, reviewer).
pub(super) async fn declared(
    db: &impl ConnectionTrait,
    ids: &[i32],
) -> Result<HashSet<(i32, i32)>, DbErr> {
    Ok(conflict_row::Entity::find()
        .filter(conflict_row::Column::ApplicationId.is_in(ids.to_vec()))
        .all(db)
        .await?
        .into_iter()
        .map(|c| (c.application_id, c.reviewer_id))
        .collect())
}

/// Grants the account with `email` the reviewer role on the track (unless
/// it already reviews it) and, when one is given, notes its affiliation
/// for this track.
///
/// The organiser's note is kept beside the person's own declared
/// affiliation, never over it: the account is anyone's, the note is about
/// this track only, and conflict checks use both. So no organiser can
/// change whom a person may review in another programme, and no note can
/// hide a conflict the declared affiliation shows.
pub async fn invite_reviewer(
    db: &DatabaseConnection,
    actor: i32,
    ctx: &TrackCtx,
    email: &str,
    org: &str,
    now: DateTime<Utc>,
) -> Result<(), AssignError> {
    let txn = crate::store::begin_write(db).await?;
    let a = account::Entity::find()
        .filter(account::Column::Email.eq(email.trim()))
        .one(&txn)
        .await?
        .ok_or(AssignError::NoSuchAccount)?;
    let already = role_grant::Entity::find()
        .filter(role_grant::Column::AccountId.eq(a.id))
        .filter(role_grant::Column::TrackId.eq(ctx.track.id))
        .filter(role_grant::Column::Role.is_in([Role::Reviewer, Role::Lecturer]))
        .one(&txn)
        .await?
        .is_some();
    if !already {
        let grant = Grant::on_track(
            Role::Reviewer,
            ctx.programme.id,
            ctx.cohort.id,
            ctx.track.id,
        );
        crate::store::identity::grant_role(&txn, a.id, grant, Some(actor), now).await?;
    }
    if !org.trim().is_empty() {
        reviewer_affiliation::Entity::delete_by_id((ctx.track.id, a.id))
            .exec(&txn)
            .await?;
        reviewer_affiliation::ActiveModel {
            track_id: Set(ctx.track.id),
            account_id: Set(a.id),
            name: Set(org.trim().to_string()),
        }
        .insert(&txn)
        .await?;
    }
    let mut entry = ctx.audit(
        actor,
        "review.reviewer.invite",
        a.id,
        format!("{} reviews {}", email.trim(), ctx.track.slug),
    );
    entry.entity = "account";
    append_audit(&txn, entry, now).await?;
    txn.commit().await?;
    Ok(())
}

/// Gives every submitted application of the track its k reviewers (see
/// [`auto_assign`]); returns how many assignments were made and the
/// applications left short.
pub async fn assign_automatically(
    db: &DatabaseConnection,
    actor: i32,
    ctx: &TrackCtx,
    k: usize,
    now: DateTime<Utc>,
) -> Result<(usize, Vec<i32>), DbErr> {
    let txn = crate::store::begin_write(db).await?;
    let apps = submitted(&txn, ctx.track.id).await?;
    let revs = reviewers(&txn, ctx.track.id).await?;
    let existing: Vec<(i32, i32)> = track_assignments(&txn, ctx.track.id)
        .await?
        .into_iter()
        .map(|a| (a.application_id, a.reviewer_id))
        .collect();
    let ids: Vec<i32> = apps.iter().map(|a| a.id).collect();
    let declared = declared(&txn, &ids).await?;
    let rfacts: Vec<ReviewerFacts> = revs.iter().map(|r| r.facts()).collect();
    let afacts: std::collections::HashMap<i32, ApplicantFacts> =
        apps.iter().map(|a| (a.id, applicant(a))).collect();
    let blocked = |app: i32, r: i32| {
        declared.contains(&(app, r))
            || match (rfacts.iter().find(|f| f.id == r), afacts.get(&app)) {
                (Some(rf), Some(af)) => conflict(rf, af).is_some(),
                _ => true,
            }
    };
    let rids: Vec<i32> = rfacts.iter().map(|f| f.id).collect();
    let plan = auto_assign(&ids, &rids, &existing, k, blocked);
    let rows: Vec<review_assignment::ActiveModel> = plan
        .new
        .iter()
        .map(|&(a, r)| review_assignment::ActiveModel {
            application_id: Set(a),
            reviewer_id: Set(r),
            assigned_at: Set(now),
            assigned_by: Set(None),
            comment: Set(String::new()),
            submitted_at: Set(None),
            updated_at: Set(None),
            ..Default::default()
        })
        .collect();
    for chunk in rows.chunks(500) {
        review_assignment::Entity::insert_many(chunk.to_vec())
            .exec_without_returning(&txn)
            .await?;
    }
    ranking_changed(&txn, ctx.track.id).await?;
    let mut entry = ctx.audit(
        actor,
        "review.assign.auto",
        ctx.track.id,
        format!(
            "{} assignments made (k={k}), {} short",
            plan.new.len(),
            plan.short.len()
        ),
    );
    entry.entity = "track";
    append_audit(&txn, entry, now).await?;
    txn.commit().await?;
    Ok((plan.new.len(), plan.short))
}

/// Assigns one reviewer of the track to one of its applications, unless
/// they have a conflict of interest with it.
pub async fn assign_manually(
    db: &DatabaseConnection,
    actor: i32,
    ctx: &TrackCtx,
    application_id: i32,
    reviewer_id: i32,
    now: DateTime<Utc>,
) -> Result<(), AssignError> {
    let txn = crate::store::begin_write(db).await?;
    let app = application::Entity::find_by_id(application_id)
        .filter(application::Column::TrackId.eq(ctx.track.id))
        .one(&txn)
        .await?
        .ok_or(AssignError::NotFound)?;
    let revs = reviewers(&txn, ctx.track.id).await?;
    let reviewer = revs
        .iter()
        .find(|r| r.account.id == reviewer_id)
        .ok_or(AssignError::NotFound)?;
    let r = &reviewer.account;
    if declared(&txn, &[app.id]).await?.contains(&(app.id, r.id))
        || conflict(&reviewer.facts(), &applicant(&app)).is_some()
    {
        return Err(AssignError::Conflict);
    }
    let exists = review_assignment::Entity::find()
        .filter(review_assignment::Column::ApplicationId.eq(app.id))
        .filter(review_assignment::Column::ReviewerId.eq(r.id))
        .one(&txn)
        .await?
        .is_some();
    if !exists {
        review_assignment::ActiveModel {
            application_id: Set(app.id),
            reviewer_id: Set(r.id),
            assigned_at: Set(now),
            assigned_by: Set(Some(actor)),
            comment: Set(String::new()),
            submitted_at: Set(None),
            updated_at: Set(None),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        ranking_changed(&txn, ctx.track.id).await?;
        let entry = ctx.audit(
            actor,
            "review.assign",
            app.id,
            format!("reviewer {} assigned", r.id),
        );
        append_audit(&txn, entry, now).await?;
    }
    txn.commit().await?;
    Ok(())
}

/// Removes a reviewer's assignment (and its scores) from an application of
/// the track; `false` when there was none.
pub async fn unassign(
    db: &DatabaseConnection,
    actor: i32,
    ctx: &TrackCtx,
    application_id: i32,
    reviewer_id: i32,
    now: DateTime<Utc>,
) -> Result<bool, DbErr> {
    let txn = crate::store::begin_write(db).await?;
    let in_track = application::Entity::find_by_id(application_id)
        .filter(application::Column::TrackId.eq(ctx.track.id))
        .one(&txn)
        .await?
        .is_some();
    if !in_track {
        return Ok(false);
    }
    let gone = review_assignment::Entity::delete_many()
        .filter(review_assignment::Column::ApplicationId.eq(application_id))
        .filter(review_assignment::Column::ReviewerId.eq(reviewer_id))
        .exec(&txn)
        .await?
        .rows_affected
        > 0;
    if gone {
        ranking_changed(&txn, ctx.track.id).await?;
        let entry = ctx.audit(
            actor,
            "review.unassign",
            application_id,
            format!("reviewer {reviewer_id} unassigned"),
        );
        append_audit(&txn, entry, now).await?;
    }
    txn.commit().await?;
    Ok(gone)
}

/// Revokes `reviewer_id`'s reviewer role on the track and removes their
/// unfinished assignments there (finished reviews stay: they were given
/// while the role held); `false` when they hold no reviewer role on it.
/// The grant is read on every request, so the revocation holds from the
/// person's next request.
pub async fn revoke_reviewer(
    db: &DatabaseConnection,
    actor: i32,
    ctx: &TrackCtx,
    reviewer_id: i32,
    now: DateTime<Utc>,
) -> Result<bool, DbErr> {
    use sea_orm::sea_query::Query;
    let txn = crate::store::begin_write(db).await?;
    let gone = role_grant::Entity::delete_many()
        .filter(role_grant::Column::AccountId.eq(reviewer_id))
        .filter(role_grant::Column::TrackId.eq(ctx.track.id))
        .filter(role_grant::Column::Role.eq(Role::Reviewer))
        .exec(&txn)
        .await?
        .rows_affected;
    if gone == 0 {
        return Ok(false);
    }
    let unfinished = review_assignment::Entity::delete_many()
        .filter(review_assignment::Column::ReviewerId.eq(reviewer_id))
        .filter(review_assignment::Column::SubmittedAt.is_null())
        .filter(
            review_assignment::Column::ApplicationId.in_subquery(
                Query::select()
                    .column(application::Column::Id)
                    .from(application::Entity)
                    .and_where(application::Column::TrackId.eq(ctx.track.id))
                    .to_owned(),
            ),
        )
        .exec(&txn)
        .await?
        .rows_affected;
    reviewer_affiliation::Entity::delete_by_id((ctx.track.id, reviewer_id))
        .exec(&txn)
        .await?;
    ranking_changed(&txn, ctx.track.id).await?;
    let mut entry = ctx.audit(
        actor,
        "review.reviewer.revoke",
        reviewer_id,
        format!(
            "account {reviewer_id} no longer reviews {} ({unfinished} unfinished assignments removed)",
            ctx.track.slug
        ),
    );
    entry.entity = "account";
    append_audit(&txn, entry, now).await?;
    txn.commit().await?;
    Ok(true)
}
