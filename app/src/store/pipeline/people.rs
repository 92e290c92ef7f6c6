//! Who the people of a programme are: the one definition every lookup of
//! a person on behalf of its organisers (the pipeline, the support rules,
//! completions, alumni profiles' organiser-only parts) asks.

use crate::store::entities::{
    application, cohort, completion, mentorship, role_grant, roster_invitation, roster_lecturer,
    stage_change, track, tutor_call, tutor_volunteer,
};
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QuerySelect, Select};
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
