//! The staffing dashboard: each track's lecturers, tutors and participants
//! against its targets, over a programme or one cohort, and for tracks
//! short of people the alumni open to tutoring or lecturing in the field.

use super::people;
use crate::domain::access::Role;
use crate::domain::lang::Localized;
use crate::domain::rosters::gap::{Headcount, Staffing, total};
use crate::domain::rosters::view::{OpenPerson, StaffingPage, TrackStaffing};
use crate::store::alumni::is_alumnus;
use crate::store::entities::{
    availability, availability_field, cohort, field, programme, role_grant, track,
};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
};
use std::collections::HashMap;

async fn count(db: &impl ConnectionTrait, track_id: i32, role: Role) -> Result<i32, DbErr> {
    let n = role_grant::Entity::find()
        .filter(role_grant::Column::TrackId.eq(track_id))
        .filter(role_grant::Column::Role.eq(role))
        .count(db)
        .await?;
    Ok(i32::try_from(n).unwrap_or(i32::MAX))
}

/// The track's people against its targets.
pub async fn track_staffing(
    db: &impl ConnectionTrait,
    t: &track::Model,
) -> Result<Staffing, DbErr> {
    Ok(Staffing {
        lecturers: Headcount {
            assigned: count(db, t.id, Role::Lecturer).await?,
            target: t.lecturer_target,
        },
        tutors: Headcount {
            assigned: count(db, t.id, Role::Tutor).await?,
            target: t.tutor_target,
        },
        participants: count(db, t.id, Role::Participant).await?,
    })
}

/// Alumni of the programme open to tutoring or lecturing in `field_id`
/// (in anything, for a track without a field), not yet staff of the track.
async fn open_alumni(
    db: &impl ConnectionTrait,
    programme_id: i32,
    t: &track::Model,
) -> Result<Vec<OpenPerson>, DbErr> {
    let open: Vec<availability::Model> = availability::Entity::find()
        .filter(
            sea_orm::Condition::any()
                .add(availability::Column::OpenToTutoring.eq(true))
                .add(availability::Column::OpenToLecturing.eq(true)),
        )
        .order_by_asc(availability::Column::AccountId)
        .all(db)
        .await?;
    let in_field: Option<Vec<i32>> = match t.field_id {
        Some(f) => Some(
            availability_field::Entity::find()
                .filter(availability_field::Column::FieldId.eq(f))
                .all(db)
                .await?
                .into_iter()
                .map(|r| r.account_id)
                .collect(),
        ),
        None => None,
    };
    let staff: Vec<i32> = role_grant::Entity::find()
        .filter(role_grant::Column::TrackId.eq(t.id))
        .filter(role_grant::Column::Role.is_in([Role::Lecturer, Role::Tutor]))
        .all(db)
        .await?
        .into_iter()
        .map(|g| g.account_id)
        .collect();
    let mut out = Vec::new();
    for a in open {
        let fits = in_field
            .as_ref()
            .is_none_or(|ids| ids.contains(&a.account_id));
        if !fits || staff.contains(&a.account_id) {
            continue;
        }
        if !is_alumnus(db, a.account_id, programme_id).await? {
            continue;
        }
        if let Some(member) = people(db, &[a.account_id]).await?.pop() {
            out.push(OpenPerson {
                member,
                tutoring: a.open_to_tutoring,
                lecturing: a.open_to_lecturing,
            });
        }
    }
    Ok(out)
}

/// The dashboard over the programme, or over its cohort `cohort_slug`;
/// `None` when that cohort does not exist.
pub async fn staffing_page(
    db: &impl ConnectionTrait,
    p: &programme::Model,
    cohort_slug: Option<&str>,
) -> Result<Option<StaffingPage>, DbErr> {
    let cohorts = cohort::Entity::find()
        .filter(cohort::Column::ProgrammeId.eq(p.id))
        .order_by_desc(cohort::Column::SessionsStartAt)
        .all(db)
        .await?;
    let shown: Vec<&cohort::Model> = match cohort_slug {
        Some(slug) => match cohorts.iter().find(|c| c.slug == slug) {
            Some(c) => vec![c],
            None => return Ok(None),
        },
        None => cohorts.iter().collect(),
    };
    let fields: HashMap<i32, Localized> = field::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|f| (f.id, Localized::new(f.name_ja, f.name_en)))
        .collect();
    let mut tracks = Vec::new();
    for c in shown {
        let rows = track::Entity::find()
            .filter(track::Column::CohortId.eq(c.id))
            .order_by_asc(track::Column::Position)
            .all(db)
            .await?;
        for t in rows {
            let staffing = track_staffing(db, &t).await?;
            let open = if staffing.is_short() {
                open_alumni(db, p.id, &t).await?
            } else {
                Vec::new()
            };
            tracks.push(TrackStaffing {
                cohort_slug: c.slug.clone(),
                track_slug: t.slug.clone(),
                label: Localized::new(
                    format!("{}: {}", c.title_ja, t.name_ja),
                    format!("{}: {}", c.title_en, t.name_en),
                ),
                field: t.field_id.and_then(|f| fields.get(&f).cloned()),
                staffing,
                open_alumni: open,
            });
        }
    }
    let all: Vec<Staffing> = tracks.iter().map(|t| t.staffing).collect();
    let (sum, short) = total(&all);
    Ok(Some(StaffingPage {
        programme: crate::store::catalogue::rows::programme_ref(p),
        cohorts: cohorts
            .iter()
            .map(|c| (c.slug.clone(), Localized::new(&c.title_ja, &c.title_en)))
            .collect(),
        cohort: cohort_slug.map(str::to_string),
        tracks,
        total: sum,
        short,
    }))
}
