//! The retention rule: applications to cohorts whose sessions ended more
//! than the configured number of years ago are anonymised. The rows stay
//! (the programme's counts, decisions and reviews' scores still hold), but
//! everything the applicant wrote or declared, their guardian's consent
//! requests and what reviewers and organisers wrote about them is cleared.
//! The eligibility refusals recorded on those cohorts' tracks are deleted:
//! they name people, and a finished cohort's dashboard needs them no more.

use crate::store::audit::{AuditEntry, append_audit};
use crate::store::entities::{
    application, application_answer, application_submission, cohort, conflict, guardian_consent,
    review_assignment, track,
};
use chrono::{DateTime, Months, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait, QueryFilter, QueryOrder,
};
use std::collections::{HashMap, HashSet};

/// What the purge takes (or would take) from one cohort.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CohortPurge {
    /// The programme's slug.
    pub programme: String,
    /// The cohort's slug.
    pub cohort: String,
    /// The cohort's id.
    pub cohort_id: i32,
    /// When its sessions ended.
    pub ended: DateTime<Utc>,
    /// How many of its applications still hold personal data.
    pub applications: usize,
}

/// Cohorts whose sessions ended before this are due.
fn cutoff(years: u32, now: DateTime<Utc>) -> DateTime<Utc> {
    now.checked_sub_months(Months::new(years.saturating_mul(12)))
        .unwrap_or(DateTime::<Utc>::MIN_UTC)
}

/// The applications of each cohort that ended before `now - years` and
/// still hold personal data, by cohort (oldest first, cohorts with none
/// left out).
async fn due(
    db: &impl ConnectionTrait,
    years: u32,
    now: DateTime<Utc>,
) -> Result<Vec<(CohortPurge, Vec<i32>)>, DbErr> {
    let cutoff = cutoff(years, now);
    let cohorts = cohort::Entity::find()
        .filter(cohort::Column::SessionsEndAt.lt(cutoff))
        .order_by_asc(cohort::Column::SessionsEndAt)
        .order_by_asc(cohort::Column::Id)
        .all(db)
        .await?;
    let tracks: HashMap<i32, i32> = track::Entity::find()
        .filter(track::Column::CohortId.is_in(cohorts.iter().map(|c| c.id)))
        .all(db)
        .await?
        .into_iter()
        .map(|t| (t.id, t.cohort_id))
        .collect();
    let apps = application::Entity::find()
        .filter(application::Column::TrackId.is_in(tracks.keys().copied()))
        .order_by_asc(application::Column::Id)
        .all(db)
        .await?;
    let ids: Vec<i32> = apps.iter().map(|a| a.id).collect();
    let mut written: HashSet<i32> = application_answer::Entity::find()
        .filter(application_answer::Column::ApplicationId.is_in(ids.clone()))
        .all(db)
        .await?
        .into_iter()
        .map(|a| a.application_id)
        .collect();
    written.extend(
        application_submission::Entity::find()
            .filter(application_submission::Column::ApplicationId.is_in(ids.clone()))
            .filter(application_submission::Column::Answers.ne("{}"))
            .all(db)
            .await?
            .into_iter()
            .map(|s| s.application_id),
    );
    written.extend(
        guardian_consent::Entity::find()
            .filter(guardian_consent::Column::ApplicationId.is_in(ids))
            .all(db)
            .await?
            .into_iter()
            .map(|g| g.application_id),
    );
    let mut by_cohort: HashMap<i32, Vec<i32>> = HashMap::new();
    for a in apps {
        let personal = a.birth_date.is_some()
            || !a.affiliation.is_empty()
            || !a.expertise.is_empty()
            || !a.mentors.is_empty()
            || !a.guardian_name.is_empty()
            || !a.guardian_email.is_empty()
            || a.decision_reason.is_some()
            || written.contains(&a.id);
        if let (true, Some(c)) = (personal, tracks.get(&a.track_id)) {
            by_cohort.entry(*c).or_default().push(a.id);
        }
    }
    let slugs =
        crate::store::catalogue::programme_slugs(db, cohorts.iter().map(|c| c.programme_id))
            .await?;
    Ok(cohorts
        .into_iter()
        .filter_map(|c| {
            let ids = by_cohort.remove(&c.id)?;
            let purge = CohortPurge {
                programme: slugs.get(&c.programme_id).cloned().unwrap_or_default(),
                cohort: c.slug,
                cohort_id: c.id,
                ended: c.sessions_end_at,
                applications: ids.len(),
            };
            Some((purge, ids))
        })
        .collect())
}

/// What [`purge`] would do now, changing nothing (`purge --dry-run`).
pub async fn purge_plan(
    db: &impl ConnectionTrait,
    years: u32,
    now: DateTime<Utc>,
) -> Result<Vec<CohortPurge>, DbErr> {
    Ok(due(db, years, now)
        .await?
        .into_iter()
        .map(|(p, _)| p)
        .collect())
}

/// Anonymises the applications of cohorts that ended more than `years`
/// years before `now`, one transaction, one audit event per cohort (by the
/// command line); what it did. Running it again finds nothing left.
pub async fn purge(
    db: &DatabaseConnection,
    years: u32,
    now: DateTime<Utc>,
) -> Result<Vec<CohortPurge>, DbErr> {
    let txn = crate::store::begin_write(db).await?;
    let due = due(&txn, years, now).await?;
    for (p, ids) in &due {
        anonymise(&txn, ids).await?;
        let entry = AuditEntry {
            actor_id: None,
            action: "application.purge",
            entity: "cohort",
            entity_id: p.cohort_id.to_string(),
            programme_id: None,
            summary: format!(
                "{} applications of {}/{} anonymised: the cohort ended more than {years} years ago",
                p.applications, p.programme, p.cohort
            ),
        };
        append_audit(&txn, entry, now).await?;
    }
    crate::store::application::refusals::purge_ended(&txn, cutoff(years, now)).await?;
    txn.commit().await?;
    Ok(due.into_iter().map(|(p, _)| p).collect())
}

/// Clears what applications `ids` hold about their applicant (as account
/// deletion does), and what reviewers and organisers wrote about them.
async fn anonymise(db: &impl ConnectionTrait, ids: &[i32]) -> Result<(), DbErr> {
    use application::Column as C;
    crate::store::application::export::erase_personal(db, ids).await?;
    review_assignment::Entity::update_many()
        .col_expr(review_assignment::Column::Comment, Expr::value(""))
        .filter(review_assignment::Column::ApplicationId.is_in(ids.to_vec()))
        .exec(db)
        .await?;
    conflict::Entity::update_many()
        .col_expr(conflict::Column::Note, Expr::value(""))
        .filter(conflict::Column::ApplicationId.is_in(ids.to_vec()))
        .exec(db)
        .await?;
    application::Entity::update_many()
        .col_expr(C::DecisionReason, Expr::value(None::<String>))
        .filter(C::Id.is_in(ids.to_vec()))
        .exec(db)
        .await?;
    Ok(())
}
