//! A person's pipeline in one programme, as its organisers see and change it.

use super::support::{mentor_of, steps_of};
use super::{PipelineError, StageMove, current_stage, names, record_stage};
use crate::domain::pipeline::Stage;
use crate::domain::pipeline::code::display;
use crate::domain::pipeline::view::{CompletionRow, HistoryRow, PersonPage};
use crate::store::entities::{
    account, application, cohort, completion, mentorship, programme, role_grant, roster_invitation,
    roster_lecturer, stage_change, track, tutor_call, tutor_volunteer,
};
use crate::store::review::programme_ref;
use chrono::{DateTime, Utc};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Select,
};
use std::collections::HashSet;

/// The accounts of `column` in the rows `rows` selects, among `among`
/// (all when `None`).
async fn accounts_of<E: EntityTrait>(
    db: &impl ConnectionTrait,
    rows: Select<E>,
    column: E::Column,
    among: Option<&[i32]>,
) -> Result<Vec<i32>, DbErr> {
    let rows = match among {
        Some(ids) => rows.filter(column.is_in(ids.iter().copied())),
        None => rows,
    };
    rows.select_only()
        .column(column)
        .distinct()
        .into_tuple()
        .all(db)
        .await
}

/// The people in the scope of the programmes `programmes`, among `among`
/// (everyone when `None`): those who have a record in one of them, i.e. an
/// application submitted to one of its tracks (a draft nobody was shown
/// does not count), a completion (revoked or not), a role on it, a stage
/// change, a mentorship (as candidate or mentor), a tutor volunteering for
/// one of its calls, or a place or an answered invitation on one of its
/// lecturer rosters. The one definition of "a person of a programme":
/// every lookup of a person by id on behalf of a programme's organisers
/// (the pipeline's endpoints, alumni profiles' organiser-only parts) asks
/// it, and treats someone outside as if they did not exist.
pub async fn people_in(
    db: &impl ConnectionTrait,
    programmes: &[i32],
    among: Option<&[i32]>,
) -> Result<HashSet<i32>, DbErr> {
    let mut out = HashSet::new();
    if programmes.is_empty() || among.is_some_and(<[i32]>::is_empty) {
        return Ok(out);
    }
    let in_p = || programmes.iter().copied();
    let cohorts: Vec<i32> = cohort::Entity::find()
        .select_only()
        .column(cohort::Column::Id)
        .filter(cohort::Column::ProgrammeId.is_in(in_p()))
        .into_tuple()
        .all(db)
        .await?;
    let tracks: Vec<i32> = track::Entity::find()
        .select_only()
        .column(track::Column::Id)
        .filter(track::Column::CohortId.is_in(cohorts))
        .into_tuple()
        .all(db)
        .await?;
    let calls: Vec<i32> = tutor_call::Entity::find()
        .select_only()
        .column(tutor_call::Column::Id)
        .filter(tutor_call::Column::TrackId.is_in(tracks.iter().copied()))
        .into_tuple()
        .all(db)
        .await?;
    let on_tracks = || tracks.iter().copied();
    let found = [
        accounts_of(
            db,
            application::Entity::find()
                .filter(application::Column::TrackId.is_in(on_tracks()))
                .filter(application::Column::SubmittedAt.is_not_null()),
            application::Column::AccountId,
            among,
        )
        .await?,
        accounts_of(
            db,
            completion::Entity::find().filter(completion::Column::ProgrammeId.is_in(in_p())),
            completion::Column::AccountId,
            among,
        )
        .await?,
        accounts_of(
            db,
            role_grant::Entity::find().filter(role_grant::Column::ProgrammeId.is_in(in_p())),
            role_grant::Column::AccountId,
            among,
        )
        .await?,
        accounts_of(
            db,
            stage_change::Entity::find().filter(stage_change::Column::ProgrammeId.is_in(in_p())),
            stage_change::Column::AccountId,
            among,
        )
        .await?,
        accounts_of(
            db,
            mentorship::Entity::find().filter(mentorship::Column::ProgrammeId.is_in(in_p())),
            mentorship::Column::CandidateId,
            among,
        )
        .await?,
        accounts_of(
            db,
            mentorship::Entity::find().filter(mentorship::Column::ProgrammeId.is_in(in_p())),
            mentorship::Column::MentorId,
            among,
        )
        .await?,
        accounts_of(
            db,
            tutor_volunteer::Entity::find().filter(tutor_volunteer::Column::CallId.is_in(calls)),
            tutor_volunteer::Column::AccountId,
            among,
        )
        .await?,
        accounts_of(
            db,
            roster_lecturer::Entity::find()
                .filter(roster_lecturer::Column::TrackId.is_in(on_tracks())),
            roster_lecturer::Column::AccountId,
            among,
        )
        .await?,
        // Filtered on answered ones: the column is null until then.
        accounts_of(
            db,
            roster_invitation::Entity::find()
                .filter(roster_invitation::Column::TrackId.is_in(on_tracks()))
                .filter(roster_invitation::Column::AccountId.is_not_null()),
            roster_invitation::Column::AccountId,
            among,
        )
        .await?,
    ];
    out.extend(found.into_iter().flatten());
    Ok(out)
}

/// Whether `account_id` is a person of the programme `programme_id` (see
/// [`people_in`]); a missing account is not.
pub async fn in_programme(
    db: &impl ConnectionTrait,
    programme_id: i32,
    account_id: i32,
) -> Result<bool, DbErr> {
    Ok(people_in(db, &[programme_id], Some(&[account_id]))
        .await?
        .contains(&account_id))
}

/// The person page of `account_id` in `p`; `None` when no active account
/// has the id or its person is not of the programme (see [`in_programme`]).
pub async fn person_page(
    db: &impl ConnectionTrait,
    p: &programme::Model,
    account_id: i32,
) -> Result<Option<PersonPage>, DbErr> {
    if !in_programme(db, p.id, account_id).await? {
        return Ok(None);
    }
    let Some(a) = account::Entity::find_by_id(account_id)
        .filter(account::Column::Email.is_not_null())
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    let changes = stage_change::Entity::find()
        .filter(stage_change::Column::AccountId.eq(account_id))
        .filter(stage_change::Column::ProgrammeId.eq(p.id))
        .order_by_asc(stage_change::Column::At)
        .order_by_asc(stage_change::Column::Id)
        .all(db)
        .await?;
    let who = names(db, changes.iter().filter_map(|c| c.changed_by)).await?;
    let history = changes
        .iter()
        .filter_map(|c| {
            Some(HistoryRow {
                from: c.from_stage.as_deref().and_then(Stage::parse),
                to: Stage::parse(&c.to_stage)?,
                at: c.at,
                by: c
                    .changed_by
                    .and_then(|id| who.get(&id).map(|(n, _)| n.clone())),
                reason: c.reason.clone(),
                overridden: c.overridden,
            })
        })
        .collect();
    let certificates = completion::Entity::find()
        .filter(completion::Column::AccountId.eq(account_id))
        .filter(completion::Column::ProgrammeId.eq(p.id))
        .order_by_asc(completion::Column::CompletedAt)
        .all(db)
        .await?
        .into_iter()
        .map(|c| CompletionRow {
            account_id,
            name: crate::domain::lang::Localized::new(&a.name_ja, &a.name_en),
            code: Some(display(&c.code)),
            completed_at: Some(c.completed_at),
            revoked: c.revoked_at.is_some(),
        })
        .collect();
    let stage = current_stage(db, account_id, p.id).await?;
    let candidate = stage.is_some_and(Stage::is_candidate);
    Ok(Some(PersonPage {
        programme: programme_ref(p),
        account_id,
        name: crate::domain::lang::Localized::new(&a.name_ja, &a.name_en),
        email: a.email.unwrap_or_default(),
        stage,
        history,
        certificates,
        mentor: if candidate {
            mentor_of(db, p.id, account_id).await?.map(|(_, n)| n)
        } else {
            None
        },
        steps: if candidate {
            steps_of(db, p.id, Some(account_id)).await?
        } else {
            Vec::new()
        },
    }))
}

/// An organiser moves `account_id` to `to` in `p`, with `reason` (needed
/// when the rules are overridden), in one transaction; someone not of the
/// programme is not found, and nothing is written.
pub async fn change_stage(
    db: &DatabaseConnection,
    by: i32,
    p: &programme::Model,
    account_id: i32,
    to: Stage,
    reason: &str,
    now: DateTime<Utc>,
) -> Result<(), PipelineError> {
    let exists = account::Entity::find_by_id(account_id)
        .filter(account::Column::Email.is_not_null())
        .one(db)
        .await?;
    if exists.is_none() || !in_programme(db, p.id, account_id).await? {
        return Err(PipelineError::NotFound);
    }
    let txn = crate::store::begin_write(db).await?;
    let m = StageMove {
        account_id,
        programme_id: p.id,
        to,
        cohort_id: None,
        track_id: None,
        reason,
        by: Some(by),
    };
    record_stage(&txn, m, now).await?;
    txn.commit().await?;
    Ok(())
}
