//! One checked row applied: find or make its cohort, track and person,
//! give the role, record the completion with its certificate, move the
//! person along the pipeline. Every reason to refuse the row is found
//! before anything is written, so a refused row leaves no trace.

use super::stages::{Reached, advance};
use super::world::{Person, World};
use super::{Done, Scope};
use crate::domain::access::{Grant, Role};
use crate::domain::forms::FieldError;
use crate::domain::history::row::history;
use crate::domain::history::view::Outcome;
use crate::domain::history::{HistoryProblem, HistoryRole, HistoryRow};
use crate::domain::lang::Localized;
use crate::domain::pipeline::Stage;
use crate::domain::rosters::LecturerSource;
use crate::store::entities::{cohort, completion, role_grant};
use crate::store::identity::grant_role;
use crate::store::pipeline::completion::new_code;
use crate::store::pipeline::is_alumnus;
use crate::store::rosters::note_lecturer;
use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait, QueryFilter, Set};

/// The pipeline role of a history role.
fn role_of(r: HistoryRole) -> (Role, Stage) {
    match r {
        HistoryRole::Participant => (Role::Participant, Stage::Participant),
        HistoryRole::Tutor => (Role::Tutor, Stage::Tutor),
        HistoryRole::Lecturer => (Role::Lecturer, Stage::Lecturer),
    }
}

/// What is already recorded of a row's person in its track.
struct Recorded {
    granted: bool,
    completed: bool,
}

async fn recorded(
    db: &impl ConnectionTrait,
    account_id: i32,
    track_id: i32,
    role: Role,
) -> Result<Recorded, DbErr> {
    let granted = role_grant::Entity::find()
        .filter(role_grant::Column::AccountId.eq(account_id))
        .filter(role_grant::Column::TrackId.eq(track_id))
        .filter(role_grant::Column::Role.eq(role))
        .count(db)
        .await?
        > 0;
    let completed = completion::Entity::find()
        .filter(completion::Column::AccountId.eq(account_id))
        .filter(completion::Column::TrackId.eq(track_id))
        .count(db)
        .await?
        > 0;
    Ok(Recorded { granted, completed })
}

/// Applies `row`; `name` is the name the file gives the person (from its
/// latest row). The outcome, or why the row is refused.
pub async fn apply_row(
    txn: &impl ConnectionTrait,
    world: &mut World,
    row: &HistoryRow,
    name: &Localized,
    (scope, by): (&Scope, Option<i32>),
    done: &mut Done,
    now: DateTime<Utc>,
) -> Result<Result<Outcome, Vec<FieldError>>, DbErr> {
    let refuse = |field: &str, p: HistoryProblem| Ok(Err(vec![history(field, p)]));
    let Some(p) = world.programme(&row.programme).cloned() else {
        return refuse("programme", HistoryProblem::UnknownProgramme);
    };
    if !scope.allows(p.id) {
        return refuse("programme", HistoryProblem::NotYourProgramme);
    }
    let (role, stage) = role_of(row.role);
    let cohort = world.cohort(txn, p.id, &row.cohort).await?;
    if row.completed && cohort.as_ref().is_some_and(|c| c.sessions_end_at > now) {
        return refuse("completed", HistoryProblem::CohortNotEnded);
    }
    let track = match &cohort {
        Some(c) => world.track(txn, c.id, &row.track).await?,
        None => None,
    };
    if track.is_none() && row.track_name.ja.is_empty() {
        return refuse("track_name_ja", HistoryProblem::TrackNameMissing);
    }
    let person = world.person(&row.email).cloned();
    let before = match (&person, &track) {
        (Some(person), Some(t)) => recorded(txn, person.id, t.id, role).await?,
        _ => Recorded {
            granted: false,
            completed: false,
        },
    };
    if before.completed && !row.completed && role == Role::Participant {
        return refuse("completed", HistoryProblem::CompletionWithdrawn);
    }
    // Nothing refuses the row from here on.
    let cohort = match cohort {
        Some(c) => c,
        None => world.make_cohort(txn, &p, row).await?,
    };
    let track = match track {
        Some(t) => t,
        None => world.make_track(txn, &cohort, row).await?,
    };
    let mut changed = false;
    let person = match person {
        Some(person) => {
            if !person.claimed && person.name != *name {
                world.rename(txn, &row.email, name).await?;
                changed = true;
            }
            person
        }
        None => {
            let person = world.make_person(txn, &row.email, name, now).await?;
            done.made.push(person.id);
            person
        }
    };
    let place = (p.id, cohort.id, track.id);
    if !before.granted {
        let grant = Grant::on_track(role, p.id, cohort.id, track.id);
        grant_role(txn, person.id, grant, by, cohort.sessions_start_at).await?;
    }
    let reached = |to, at| Reached {
        account_id: person.id,
        place,
        to,
        at,
        by,
    };
    advance(txn, reached(stage, cohort.sessions_start_at), now).await?;
    if row.completed && !before.completed {
        complete(txn, &person, &cohort, place, by).await?;
        done.completed.push(person.id);
        // Until the person claims it, the import speaks for the account:
        // its directory entry shows what the history holds.
        if !person.claimed {
            done.alumni.push((person.id, name.clone()));
        }
        changed = true;
    }
    if row.completed {
        advance(txn, reached(Stage::Alumnus, cohort.sessions_end_at), now).await?;
    }
    if role == Role::Lecturer && !before.granted && is_alumnus(txn, person.id, p.id).await? {
        note_lecturer(txn, track.id, person.id, LecturerSource::Alumni, "").await?;
    }
    Ok(Ok(match (before.granted, changed) {
        (false, _) if person.made_now => Outcome::Created,
        (false, _) => Outcome::Matched,
        (true, true) => Outcome::Updated,
        (true, false) => Outcome::Unchanged,
    }))
}

/// Records the completion of `person` in the track at `place`, dated at
/// the cohort's end, with a fresh certificate code.
async fn complete(
    txn: &impl ConnectionTrait,
    person: &Person,
    cohort: &cohort::Model,
    (programme_id, cohort_id, track_id): (i32, i32, i32),
    by: Option<i32>,
) -> Result<(), DbErr> {
    let code = new_code(txn).await?;
    completion::Entity::insert(completion::ActiveModel {
        account_id: Set(person.id),
        programme_id: Set(programme_id),
        cohort_id: Set(cohort_id),
        track_id: Set(track_id),
        code: Set(code),
        completed_at: Set(cohort.sessions_end_at),
        completed_by: Set(by),
        revoked_at: Set(None),
        revoked_by: Set(None),
        revoke_reason: Set(String::new()),
        ..Default::default()
    })
    .exec_without_returning(txn)
    .await?;
    Ok(())
}
