//! The organiser's dashboard of a cohort, counted by the database: one
//! grouped query per breakdown, whatever the number of applications (a
//! national cohort has thousands), then shaped by the domain
//! (`crate::domain::dashboard`).
//!
//! The queries are written as SQL: the day of a submission in Japan has
//! no portable expression (SQLite's `date()` against PostgreSQL's
//! `AT TIME ZONE`), and the groups are expressions, not columns. The
//! cohort is the one bound value; every other literal is a stored enum name.

use crate::domain::application::prefecture::Prefecture;
use crate::domain::application::refusal::RefusalReason;
use crate::domain::application::{ApplicationStatus, Decision, OfferStatus, jst_date};
use crate::domain::dashboard::ages::age_rows;
use crate::domain::dashboard::drafts::{DraftGroup, draft_problems};
use crate::domain::dashboard::refusals::{RefusedPeople, refusal_counts};
use crate::domain::dashboard::regions::region_rows;
use crate::domain::dashboard::{CohortDashboard, ReviewerProgress, TrackFigures, fill_days};
use crate::domain::lang::Localized;
use crate::store::catalogue::rows::programme_ref;
use crate::store::entities::{cohort, programme, track};
use chrono::NaiveDate;
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbBackend, DbErr, EntityTrait, QueryFilter, QueryOrder,
    QueryResult, Statement,
};
use std::collections::HashMap;

/// `sql` with the cohort's id bound to its `$1` (`?` on SQLite).
fn statement(backend: DbBackend, sql: &str, cohort_id: i32) -> Statement {
    let sql = match backend {
        DbBackend::Postgres => sql.to_string(),
        _ => sql.replace("$1", "?"),
    };
    Statement::from_sql_and_values(backend, sql, [cohort_id.into()])
}

/// Runs `sql` for the cohort.
async fn rows(
    db: &impl ConnectionTrait,
    sql: &str,
    cohort_id: i32,
) -> Result<Vec<QueryResult>, DbErr> {
    db.query_all_raw(statement(db.get_database_backend(), sql, cohort_id))
        .await
}

/// A count as the domain holds it.
fn count(row: &QueryResult, col: &str) -> Result<u64, DbErr> {
    Ok(u64::try_from(row.try_get::<i64>("", col)?).unwrap_or(0))
}

/// The applications of the cohort's tracks, joined in every query.
const IN_COHORT: &str = "FROM application a JOIN track t ON t.id = a.track_id";

/// Per track: applications by status, decision and offer.
async fn figures(
    db: &impl ConnectionTrait,
    cohort_id: i32,
    tracks: &[track::Model],
) -> Result<Vec<TrackFigures>, DbErr> {
    let sql = format!(
        "SELECT a.track_id, a.status, a.decision, a.offer_status, COUNT(*) AS n {IN_COHORT} \
         WHERE t.cohort_id = $1 GROUP BY a.track_id, a.status, a.decision, a.offer_status"
    );
    let mut out: Vec<TrackFigures> = tracks
        .iter()
        .map(|t| TrackFigures {
            name: Localized::new(&t.name_ja, &t.name_en),
            capacity: t.capacity,
            ..Default::default()
        })
        .collect();
    let index: HashMap<i32, usize> = tracks.iter().enumerate().map(|(i, t)| (t.id, i)).collect();
    for row in rows(db, &sql, cohort_id).await? {
        let track: i32 = row.try_get("", "track_id")?;
        let Some(f) = index.get(&track).and_then(|&i| out.get_mut(i)) else {
            continue;
        };
        let status = ApplicationStatus::parse(&row.try_get::<String>("", "status")?);
        let decision = row
            .try_get::<Option<String>>("", "decision")?
            .and_then(|d| Decision::parse(&d));
        let offer = row
            .try_get::<Option<String>>("", "offer_status")?
            .and_then(|o| OfferStatus::parse(&o));
        let n = count(&row, "n")?;
        match status {
            Some(ApplicationStatus::Draft) => f.drafts += n,
            Some(ApplicationStatus::Withdrawn) => f.withdrawn += n,
            Some(ApplicationStatus::Submitted) => {
                f.submitted += n;
                // Decisions count for applications still standing; a
                // declined or lapsed offer no longer holds a seat.
                match (decision, offer) {
                    (None, _) => f.undecided += n,
                    (Some(Decision::Waitlisted), _) => f.waitlisted += n,
                    (Some(Decision::Rejected), _) => f.rejected += n,
                    (
                        Some(Decision::Accepted),
                        None | Some(OfferStatus::Offered | OfferStatus::Confirmed),
                    ) => f.accepted += n,
                    (Some(Decision::Accepted), _) => {}
                }
            }
            None => {}
        }
        // Offers are answered whatever became of the application since.
        match offer {
            Some(OfferStatus::Confirmed) => f.offers.accepted += n,
            Some(OfferStatus::Declined) => f.offers.declined += n,
            Some(OfferStatus::Offered) => f.offers.pending += n,
            Some(OfferStatus::Expired) => f.offers.lapsed += n,
            None => {}
        }
    }
    Ok(out)
}

/// Per track and day in Japan: applications first submitted that day.
async fn per_day(
    db: &impl ConnectionTrait,
    cohort_id: i32,
    index: &HashMap<i32, usize>,
) -> Result<Vec<(NaiveDate, usize, u64)>, DbErr> {
    let day = match db.get_database_backend() {
        DbBackend::Postgres => "to_char(s.submitted_at AT TIME ZONE 'Asia/Tokyo', 'YYYY-MM-DD')",
        _ => "date(s.submitted_at, '+9 hours')",
    };
    let sql = format!(
        "SELECT a.track_id, {day} AS day, COUNT(*) AS n {IN_COHORT} \
         JOIN application_submission s ON s.application_id = a.id AND s.number = 1 \
         WHERE t.cohort_id = $1 GROUP BY a.track_id, {day}"
    );
    let mut out = Vec::new();
    for row in rows(db, &sql, cohort_id).await? {
        let track: i32 = row.try_get("", "track_id")?;
        let day: String = row.try_get("", "day")?;
        let (Some(&i), Ok(day)) = (index.get(&track), day.parse::<NaiveDate>()) else {
            continue;
        };
        out.push((day, i, count(&row, "n")?));
    }
    Ok(out)
}

/// Per track and reviewer: assignments made and finished.
async fn reviewers(
    db: &impl ConnectionTrait,
    cohort_id: i32,
    index: &HashMap<i32, usize>,
) -> Result<Vec<ReviewerProgress>, DbErr> {
    let sql = "SELECT a.track_id, r.reviewer_id, p.name_ja, p.name_en, \
         COUNT(*) AS assigned, COUNT(r.submitted_at) AS done \
         FROM review_assignment r JOIN application a ON a.id = r.application_id \
         JOIN track t ON t.id = a.track_id JOIN account p ON p.id = r.reviewer_id \
         WHERE t.cohort_id = $1 \
         GROUP BY a.track_id, r.reviewer_id, p.name_ja, p.name_en \
         ORDER BY a.track_id, r.reviewer_id";
    let mut out = Vec::new();
    for row in rows(db, sql, cohort_id).await? {
        let track: i32 = row.try_get("", "track_id")?;
        let Some(&i) = index.get(&track) else {
            continue;
        };
        out.push(ReviewerProgress {
            track: i,
            reviewer: Localized::new(
                row.try_get::<String>("", "name_ja")?,
                row.try_get::<String>("", "name_en")?,
            ),
            assigned: count(&row, "assigned")?,
            done: count(&row, "done")?,
        });
    }
    Ok(out)
}

/// Drafts and submissions grouped by what the eligibility rules and the
/// age bands read: (status, date of birth, declarations, expertise, n).
type PersonGroup = (ApplicationStatus, Option<NaiveDate>, bool, bool, u64);

async fn person_groups(
    db: &impl ConnectionTrait,
    cohort_id: i32,
) -> Result<Vec<PersonGroup>, DbErr> {
    let given = "(TRIM(a.expertise) <> '')";
    let sql = format!(
        "SELECT a.status, a.birth_date, a.declarations_accepted, {given} AS expertise_given, \
         COUNT(*) AS n {IN_COHORT} WHERE t.cohort_id = $1 AND a.status IN ('draft', 'submitted') \
         GROUP BY a.status, a.birth_date, a.declarations_accepted, {given}"
    );
    let mut out = Vec::new();
    for row in rows(db, &sql, cohort_id).await? {
        let Some(status) = ApplicationStatus::parse(&row.try_get::<String>("", "status")?) else {
            continue;
        };
        out.push((
            status,
            row.try_get("", "birth_date")?,
            row.try_get("", "declarations_accepted")?,
            row.try_get("", "expertise_given")?,
            count(&row, "n")?,
        ));
    }
    Ok(out)
}

/// Per track and reason: the people the eligibility rules refused
/// (one row each, however often they tried).
async fn refusals(
    db: &impl ConnectionTrait,
    cohort_id: i32,
    index: &HashMap<i32, usize>,
) -> Result<Vec<(usize, RefusalReason, u64)>, DbErr> {
    let sql = "SELECT r.track_id, r.reason, COUNT(*) AS n \
         FROM eligibility_refusal r JOIN track t ON t.id = r.track_id \
         WHERE t.cohort_id = $1 GROUP BY r.track_id, r.reason";
    let mut out = Vec::new();
    for row in rows(db, sql, cohort_id).await? {
        let track: i32 = row.try_get("", "track_id")?;
        let reason = RefusalReason::parse(&row.try_get::<String>("", "reason")?);
        let (Some(&i), Some(reason)) = (index.get(&track), reason) else {
            continue;
        };
        out.push((i, reason, count(&row, "n")?));
    }
    Ok(out)
}

/// Per track: the people refused at least once, and of them those whose
/// application to the track stands submitted now.
async fn refused_people(
    db: &impl ConnectionTrait,
    cohort_id: i32,
    index: &HashMap<i32, usize>,
) -> Result<Vec<RefusedPeople>, DbErr> {
    let sql = "SELECT r.track_id, COUNT(DISTINCT r.account_id) AS refused, \
         COUNT(DISTINCT a.account_id) AS submitted_since \
         FROM eligibility_refusal r JOIN track t ON t.id = r.track_id \
         LEFT JOIN application a ON a.track_id = r.track_id \
         AND a.account_id = r.account_id AND a.status = 'submitted' \
         WHERE t.cohort_id = $1 GROUP BY r.track_id";
    let mut out = vec![RefusedPeople::default(); index.len()];
    for row in rows(db, sql, cohort_id).await? {
        let track: i32 = row.try_get("", "track_id")?;
        let Some(slot) = index.get(&track).and_then(|&i| out.get_mut(i)) else {
            continue;
        };
        *slot = RefusedPeople {
            refused: count(&row, "refused")?,
            submitted_since: count(&row, "submitted_since")?,
        };
    }
    Ok(out)
}

/// Submitted applications per prefecture of residence as stored (`None`:
/// not given). An unknown stored value counts as not given.
async fn prefectures(
    db: &impl ConnectionTrait,
    cohort_id: i32,
) -> Result<Vec<(Option<Prefecture>, u64)>, DbErr> {
    let sql = format!(
        "SELECT a.prefecture, COUNT(*) AS n {IN_COHORT} \
         WHERE t.cohort_id = $1 AND a.status = 'submitted' GROUP BY a.prefecture"
    );
    let mut out = Vec::new();
    for row in rows(db, &sql, cohort_id).await? {
        let stored: Option<String> = row.try_get("", "prefecture")?;
        out.push((
            stored.as_deref().and_then(Prefecture::parse),
            count(&row, "n")?,
        ));
    }
    Ok(out)
}

/// The dashboard of cohort `c` of programme `p`.
pub async fn cohort_dashboard(
    db: &impl ConnectionTrait,
    p: &programme::Model,
    c: &cohort::Model,
) -> Result<CohortDashboard, DbErr> {
    let tracks = track::Entity::find()
        .filter(track::Column::CohortId.eq(c.id))
        .order_by_asc(track::Column::Position)
        .order_by_asc(track::Column::Id)
        .all(db)
        .await?;
    let index: HashMap<i32, usize> = tracks.iter().enumerate().map(|(i, t)| (t.id, i)).collect();
    let starts_on = jst_date(c.sessions_start_at);
    let groups = person_groups(db, c.id).await?;
    let drafts: Vec<DraftGroup> = groups
        .iter()
        .filter(|g| g.0 == ApplicationStatus::Draft)
        .map(
            |&(_, birth_date, declarations_accepted, expertise_given, drafts)| DraftGroup {
                birth_date,
                declarations_accepted,
                expertise_given,
                drafts,
            },
        )
        .collect();
    let rules = crate::store::application::rules(db, p.id).await?;
    let (refusable_drafts, draft_problems) = draft_problems(&rules, &drafts, c.sessions_start_at);
    let submitted: Vec<(Option<NaiveDate>, u64)> = groups
        .iter()
        .filter(|g| g.0 == ApplicationStatus::Submitted)
        .map(|g| (g.1, g.4))
        .collect();
    Ok(CohortDashboard {
        programme: programme_ref(p),
        cohort_slug: c.slug.clone(),
        cohort_title: Localized::new(&c.title_ja, &c.title_en),
        starts_on,
        days: fill_days(&per_day(db, c.id, &index).await?, tracks.len()),
        reviewers: reviewers(db, c.id, &index).await?,
        refusals: refusal_counts(&refusals(db, c.id, &index).await?, tracks.len()),
        refused: refused_people(db, c.id, &index).await?,
        tracks: figures(db, c.id, &tracks).await?,
        refusable_drafts,
        draft_problems,
        ages: age_rows(&submitted, starts_on),
        regions: region_rows(&prefectures(db, c.id).await?),
    })
}
