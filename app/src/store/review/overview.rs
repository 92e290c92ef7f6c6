//! The organiser's review page: settings, rubric, reviewers with their
//! load, and the ranking with decisions, in a fixed number of queries.

use super::{TrackCtx, accepted_count, ranking, reviewers, settings};
use crate::domain::application::{Decision, OfferStatus};
use crate::domain::lang::Localized;
use crate::domain::review::view::{
    AssignedReviewer, ManageReview, RANKING_PAGE, RankingRow, ReviewerRow,
};
use crate::store::entities::{account, application};
use sea_orm::sea_query::Query;
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QuerySelect};
use std::collections::HashMap;

/// Names of the track's applicants: account id → name.
async fn applicant_names(
    db: &impl ConnectionTrait,
    track_id: i32,
) -> Result<HashMap<i32, Localized>, DbErr> {
    let rows: Vec<(i32, String, String)> = account::Entity::find()
        .select_only()
        .column(account::Column::Id)
        .column(account::Column::NameJa)
        .column(account::Column::NameEn)
        .filter(
            account::Column::Id.in_subquery(
                Query::select()
                    .column(application::Column::AccountId)
                    .from(application::Entity)
                    .and_where(application::Column::TrackId.eq(track_id))
                    .to_owned(),
            ),
        )
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|(id, ja, en)| (id, Localized::new(ja, en)))
        .collect())
}

/// Everything the organiser's review page shows, with page `page` of the
/// ranking (the whole ranking is computed, only one page is built).
pub async fn manage_review(
    db: &impl ConnectionTrait,
    ctx: &TrackCtx,
    page: usize,
) -> Result<ManageReview, DbErr> {
    let s = settings(db, ctx.track.id).await?;
    let r = ranking(db, ctx.track.id, s.normalise).await?;
    let revs = reviewers(db, ctx.track.id).await?;
    let names = applicant_names(db, ctx.track.id).await?;
    let reviewer_name: HashMap<i32, Localized> = revs
        .iter()
        .map(|(a, _)| (a.id, Localized::new(&a.name_ja, &a.name_en)))
        .collect();
    let mut load: HashMap<i32, (usize, usize)> = HashMap::new();
    for a in r.assignments.values().flatten() {
        let e = load.entry(a.reviewer_id).or_default();
        e.0 += 1;
        if a.submitted_at.is_some() {
            e.1 += 1;
        }
    }
    let reviewer_rows = revs
        .iter()
        .map(|(a, org)| {
            let (assigned, done) = load.get(&a.id).copied().unwrap_or_default();
            ReviewerRow {
                account_id: a.id,
                name: Localized::new(&a.name_ja, &a.name_en),
                email: a.email.clone().unwrap_or_default(),
                affiliation: org.clone(),
                assigned,
                done,
            }
        })
        .collect();
    let unreleased = r
        .applications
        .values()
        .filter(|a| a.decision.is_some() && a.released_at.is_none())
        .count();
    let rows = r
        .ranked
        .iter()
        .skip(page * RANKING_PAGE)
        .take(RANKING_PAGE)
        .filter_map(|x| {
            let a = r.applications.get(&x.application_id)?;
            let decision = a.decision.as_deref().and_then(Decision::parse);
            let reviewers = r
                .assignments
                .get(&a.id)
                .map(|v| {
                    v.iter()
                        .map(|asg| AssignedReviewer {
                            reviewer_id: asg.reviewer_id,
                            name: reviewer_name
                                .get(&asg.reviewer_id)
                                .cloned()
                                .unwrap_or_default(),
                            done: asg.submitted_at.is_some(),
                        })
                        .collect()
                })
                .unwrap_or_default();
            Some(RankingRow {
                application_id: a.id,
                rank: x.rank,
                applicant: names.get(&a.account_id).cloned().unwrap_or_default(),
                score: x.score,
                spread: x.spread,
                reviewers,
                decision,
                waitlist_position: a.waitlist_position,
                released: a.released_at.is_some(),
                offer: a.offer_status.as_deref().and_then(OfferStatus::parse),
            })
        })
        .collect();
    Ok(ManageReview {
        programme: crate::store::review::programme_ref(&ctx.programme),
        cohort_slug: ctx.cohort.slug.clone(),
        track_slug: ctx.track.slug.clone(),
        track_name: ctx.name(),
        capacity: ctx.track.capacity,
        accepted: accepted_count(db, ctx.track.id).await?,
        settings: s,
        criteria: r.criteria.clone(),
        reviewers: reviewer_rows,
        ranking: rows,
        ranking_total: r.ranked.len(),
        page,
        unreleased,
    })
}
