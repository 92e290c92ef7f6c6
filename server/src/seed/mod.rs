//! Demo data: Security Camp 2026 and 2027, Security Camp Connect 2027 and one
//! demo account per role, loaded by `camp-connect seed --demo` into a
//! database with no programme.

use camp_connect_app::domain::access::{Grant, Role};
use camp_connect_app::domain::catalogue::{CohortSchedule, ProgrammeKind, TrackVector};
use camp_connect_app::domain::identity::is_plausible_email;
use camp_connect_app::domain::slug::is_valid_slug;
use camp_connect_app::store::entities::{cohort, field, programme, track};
use camp_connect_app::store::identity::{
    DEMO_PROVIDER, NewAccount, create_account, grant_role, link_identity,
};
use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait, PaginatorTrait, Set,
    TransactionTrait,
};
use serde::Deserialize;
use std::collections::HashMap;

pub mod alumni;
mod applications;
mod events;
pub mod history;
pub mod pipeline;
pub mod review;
mod rosters;

const DEMO: &str = include_str!("demo.json");

/// What seeding did.
#[derive(Debug, PartialEq, Eq)]
pub enum SeedOutcome {
    /// The database already had programmes; nothing was written.
    AlreadyPopulated,
    /// The demo data was written.
    Inserted {
        /// Programmes written.
        programmes: usize,
        /// Cohorts written.
        cohorts: usize,
        /// Tracks written.
        tracks: usize,
        /// Demo accounts written.
        accounts: usize,
    },
}

/// Why the demo data could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum SeedError {
    /// The bundled data set is malformed (a bug in the data, caught by tests).
    #[error("the demo data is invalid: {0}")]
    Invalid(String),
    /// The database refused the writes.
    #[error("cannot write the demo data: {0}")]
    Db(#[from] DbErr),
}

#[derive(Deserialize)]
struct DemoData {
    fields: Vec<DemoField>,
    programmes: Vec<DemoProgramme>,
    accounts: Vec<DemoAccount>,
    events: Vec<DemoEvent>,
}

/// A community event of the demo, dated from the day of seeding.
#[derive(Deserialize)]
struct DemoEvent {
    host: String,
    programme: Option<String>,
    title_ja: String,
    title_en: String,
    description_ja: String,
    description_en: String,
    kind: String,
    audience: String,
    /// Days from the day of seeding (negative: already held).
    days_from_now: i64,
    start_hour_utc: i64,
    hours: i64,
    venue: String,
    online_link: String,
    capacity: i32,
    credit_tenths: i32,
}

#[derive(Deserialize)]
struct DemoAccount {
    email: String,
    name_ja: String,
    name_en: String,
    is_admin: bool,
    grants: Vec<DemoGrant>,
}

#[derive(Deserialize)]
struct DemoGrant {
    role: String,
    programme: String,
    cohort: Option<String>,
    track: Option<String>,
}

#[derive(Deserialize)]
struct DemoField {
    slug: String,
    name_ja: String,
    name_en: String,
}

#[derive(Deserialize)]
struct DemoProgramme {
    slug: String,
    kind: String,
    name_ja: String,
    name_en: String,
    description_ja: String,
    description_en: String,
    position: i32,
    cohorts: Vec<DemoCohort>,
}

#[derive(Deserialize)]
struct DemoCohort {
    slug: String,
    title_ja: String,
    title_en: String,
    venue_ja: String,
    venue_en: String,
    applications_open_at: DateTime<Utc>,
    applications_close_at: DateTime<Utc>,
    sessions_start_at: DateTime<Utc>,
    sessions_end_at: DateTime<Utc>,
    tracks: Vec<DemoTrack>,
}

#[derive(Deserialize)]
struct DemoTrack {
    slug: String,
    name_ja: String,
    name_en: String,
    summary_ja: String,
    summary_en: String,
    description_ja: String,
    description_en: String,
    vector: Option<String>,
    field: Option<String>,
    dss_role_ja: Option<String>,
    dss_role_en: Option<String>,
    capacity: i32,
    lecturer_target: i32,
    tutor_target: i32,
}

/// Loads the demo data unless the database already has a programme. All or
/// nothing: the writes run in one transaction.
pub async fn seed_demo(db: &DatabaseConnection) -> Result<SeedOutcome, SeedError> {
    if programme::Entity::find().count(db).await? > 0 {
        return Ok(SeedOutcome::AlreadyPopulated);
    }
    let data = parse_demo()?;
    let txn = db.begin().await?;
    let outcome = insert(&txn, &data).await?;
    review::seed_review_demo(&txn, chrono::Utc::now()).await?;
    pipeline::seed_pipeline_demo(&txn, chrono::Utc::now()).await?;
    rosters::seed_rosters_demo(&txn, chrono::Utc::now()).await?;
    txn.commit().await?;
    Ok(outcome)
}

fn parse_demo() -> Result<DemoData, SeedError> {
    let data: DemoData =
        serde_json::from_str(DEMO).map_err(|e| SeedError::Invalid(e.to_string()))?;
    validate(&data)?;
    Ok(data)
}

/// Holds the bundled data to the same rules organisers' input will meet.
fn validate(data: &DemoData) -> Result<(), SeedError> {
    let invalid = |what: String| Err(SeedError::Invalid(what));
    for f in &data.fields {
        if !is_valid_slug(&f.slug) {
            return invalid(format!("field slug {:?}", f.slug));
        }
    }
    for p in &data.programmes {
        if !is_valid_slug(&p.slug) || ProgrammeKind::parse(&p.kind).is_none() {
            return invalid(format!("programme {:?}", p.slug));
        }
        for c in &p.cohorts {
            if !is_valid_slug(&c.slug) {
                return invalid(format!("cohort slug {:?}", c.slug));
            }
            schedule(c)
                .validate()
                .or_else(|e| invalid(format!("cohort {}/{}: {e}", p.slug, c.slug)))?;
            for t in &c.tracks {
                let vector_ok = t
                    .vector
                    .as_deref()
                    .is_none_or(|v| TrackVector::parse(v).is_some());
                let field_ok = t
                    .field
                    .as_ref()
                    .is_none_or(|f| data.fields.iter().any(|d| &d.slug == f));
                if !is_valid_slug(&t.slug) || !vector_ok || !field_ok || t.capacity < 0 {
                    return invalid(format!("track {}/{}/{}", p.slug, c.slug, t.slug));
                }
            }
        }
    }
    for a in &data.accounts {
        if !is_plausible_email(&a.email) {
            return invalid(format!("account {:?}", a.email));
        }
        for g in &a.grants {
            let place_ok = match Role::parse(&g.role) {
                Some(Role::Organiser) => g.cohort.is_none() && g.track.is_none(),
                Some(_) => g.cohort.is_some() && g.track.is_some(),
                None => false,
            };
            if !place_ok {
                return invalid(format!("grant {:?} of {}", g.role, a.email));
            }
        }
    }
    Ok(())
}

/// A stored spelling of the demo data as its enum: `validate` has checked
/// it, so a miss is a bug, reported rather than panicking.
fn spelled<T>(parse: fn(&str) -> Option<T>, what: &str, s: &str) -> Result<T, DbErr> {
    parse(s).ok_or_else(|| DbErr::Custom(format!("demo data has unknown {what} {s:?}")))
}

fn schedule(c: &DemoCohort) -> CohortSchedule {
    CohortSchedule {
        applications_open_at: c.applications_open_at,
        applications_close_at: c.applications_close_at,
        sessions_start_at: c.sessions_start_at,
        sessions_end_at: c.sessions_end_at,
    }
}

async fn insert(db: &impl ConnectionTrait, data: &DemoData) -> Result<SeedOutcome, DbErr> {
    let mut field_ids = HashMap::new();
    for f in &data.fields {
        let row = field::ActiveModel {
            slug: Set(f.slug.clone()),
            name_ja: Set(f.name_ja.clone()),
            name_en: Set(f.name_en.clone()),
            ..Default::default()
        }
        .insert(db)
        .await?;
        field_ids.insert(f.slug.as_str(), row.id);
    }
    let (mut cohorts, mut tracks) = (0, 0);
    // Ids by slug path, so demo grants can name their place.
    let mut places: HashMap<String, (i32, Option<i32>, Option<i32>)> = HashMap::new();
    for p in &data.programmes {
        let programme = programme::ActiveModel {
            slug: Set(p.slug.clone()),
            kind: Set(spelled(ProgrammeKind::parse, "programme kind", &p.kind)?),
            name_ja: Set(p.name_ja.clone()),
            name_en: Set(p.name_en.clone()),
            description_ja: Set(p.description_ja.clone()),
            description_en: Set(p.description_en.clone()),
            position: Set(p.position),
            ..Default::default()
        }
        .insert(db)
        .await?;
        places.insert(p.slug.clone(), (programme.id, None, None));
        for c in &p.cohorts {
            let cohort = cohort::ActiveModel {
                programme_id: Set(programme.id),
                slug: Set(c.slug.clone()),
                title_ja: Set(c.title_ja.clone()),
                title_en: Set(c.title_en.clone()),
                venue_ja: Set(c.venue_ja.clone()),
                venue_en: Set(c.venue_en.clone()),
                applications_open_at: Set(c.applications_open_at),
                applications_close_at: Set(c.applications_close_at),
                sessions_start_at: Set(c.sessions_start_at),
                sessions_end_at: Set(c.sessions_end_at),
                ..Default::default()
            }
            .insert(db)
            .await?;
            cohorts += 1;
            places.insert(
                format!("{}/{}", p.slug, c.slug),
                (programme.id, Some(cohort.id), None),
            );
            for (position, t) in (0..).zip(&c.tracks) {
                let row = track::ActiveModel {
                    cohort_id: Set(cohort.id),
                    slug: Set(t.slug.clone()),
                    name_ja: Set(t.name_ja.clone()),
                    name_en: Set(t.name_en.clone()),
                    summary_ja: Set(t.summary_ja.clone()),
                    summary_en: Set(t.summary_en.clone()),
                    description_ja: Set(t.description_ja.clone()),
                    description_en: Set(t.description_en.clone()),
                    vector: Set(t
                        .vector
                        .as_deref()
                        .map(|v| spelled(TrackVector::parse, "track vector", v))
                        .transpose()?),
                    field_id: Set(t.field.as_deref().and_then(|f| field_ids.get(f).copied())),
                    dss_role_ja: Set(t.dss_role_ja.clone()),
                    dss_role_en: Set(t.dss_role_en.clone()),
                    capacity: Set(t.capacity),
                    lecturer_target: Set(t.lecturer_target),
                    tutor_target: Set(t.tutor_target),
                    position: Set(position),
                    ..Default::default()
                }
                .insert(db)
                .await?;
                places.insert(
                    format!("{}/{}/{}", p.slug, c.slug, t.slug),
                    (programme.id, Some(cohort.id), Some(row.id)),
                );
                tracks += 1;
            }
        }
    }
    let now = chrono::Utc::now();
    for a in &data.accounts {
        let new = NewAccount {
            email: &a.email,
            name_ja: &a.name_ja,
            name_en: &a.name_en,
            is_admin: a.is_admin,
        };
        let id = create_account(db, new, now).await?;
        link_identity(db, id, DEMO_PROVIDER, &a.email, now).await?;
        for g in &a.grants {
            let path = [Some(&g.programme), g.cohort.as_ref(), g.track.as_ref()]
                .into_iter()
                .flatten()
                .map(String::as_str)
                .collect::<Vec<_>>()
                .join("/");
            let (programme_id, cohort_id, track_id) = *places
                .get(&path)
                .ok_or_else(|| DbErr::Custom(format!("demo grant names unknown {path}")))?;
            let grant = Grant {
                role: spelled(Role::parse, "role", &g.role)?,
                programme_id,
                cohort_id,
                track_id,
            };
            grant_role(db, id, grant, None, now).await?;
        }
    }
    applications::insert(db, now).await?;
    let programmes: HashMap<String, i32> = places
        .iter()
        .filter(|(path, _)| !path.contains('/'))
        .map(|(slug, (id, _, _))| (slug.clone(), *id))
        .collect();
    events::insert(db, &data.events, &programmes, now).await?;
    Ok(SeedOutcome::Inserted {
        programmes: data.programmes.len(),
        cohorts,
        tracks,
        accounts: data.accounts.len(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_demo_data_is_valid() {
        let data = parse_demo().unwrap();
        assert_eq!(data.programmes.len(), 2);
        let connect = data
            .programmes
            .iter()
            .find(|p| p.kind == "connect")
            .unwrap();
        let vectors: Vec<_> = connect.cohorts[0]
            .tracks
            .iter()
            .filter_map(|t| t.vector.as_deref())
            .collect();
        assert!(vectors.contains(&"industry") && vectors.contains(&"tech"));
    }
}
