//! The organiser's review page: settings, rubric, reviewers with their
//! load, and the ranking with decisions, in a fixed number of queries.

use super::cache::ranks;
use super::{accepted_count, reviewers, settings};
use crate::domain::application::{ApplicationStatus, Decision, OfferStatus};
use crate::domain::lang::Localized;
use crate::domain::review::rank::Ranked;
use crate::domain::review::view::{
    AssignedReviewer, ManageReview, RANKING_PAGE, RankingRow, ReviewerRow,
};
use crate::store::catalogue::track_ctx::TrackCtx;
use crate::store::entities::{account, application};
use chrono::{DateTime, Utc};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbErr, EntityTrait, JoinType, PaginatorTrait, QueryFilter,
    QuerySelect,
};
use std::collections::HashMap;

/// What a ranking row shows of an application, with the applicant's name.
struct Shown {
    decision: Option<Decision>,
    waitlist_position: Option<i32>,
    released: bool,
    offer_status: Option<OfferStatus>,
    applicant: Localized,
}

/// The given applications and their applicants' names, in one query.
async fn shown_applications(
    db: &impl ConnectionTrait,
    ids: Vec<i32>,
) -> Result<HashMap<i32, Shown>, DbErr> {
    type Row = (
        i32,
        Option<Decision>,
        Option<i32>,
        Option<DateTime<Utc>>,
        Option<OfferStatus>,
        String,
        String,
    );
    let applicant = application::Entity::belongs_to(account::Entity)
        .from(application::Column::AccountId)
        .to(account::Column::Id)
        .into();
    let rows: Vec<Row> = application::Entity::find()
        .select_only()
        .column(application::Column::Id)
        .column(application::Column::Decision)
        .column(application::Column::WaitlistPosition)
        .column(application::Column::ReleasedAt)
        .column(application::Column::OfferStatus)
        .column(account::Column::NameJa)
        .column(account::Column::NameEn)
        .join(JoinType::InnerJoin, applicant)
        .filter(application::Column::Id.is_in(ids))
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(
            |(id, decision, waitlist_position, released_at, offer_status, ja, en)| {
                let shown = Shown {
                    decision,
                    waitlist_position,
                    released: released_at.is_some(),
                    offer_status,
                    applicant: Localized::new(ja, en),
                };
                (id, shown)
            },
        )
        .collect())
}

/// Decided applications of the track whose decision is not yet released.
/// Read through the partial index `ix_application_unreleased`, whose
/// conditions (decided, not released) this query must keep.
async fn unreleased(db: &impl ConnectionTrait, track_id: i32) -> Result<usize, DbErr> {
    let n = application::Entity::find()
        .filter(application::Column::TrackId.eq(track_id))
        .filter(application::Column::Status.eq(ApplicationStatus::Submitted))
        .filter(application::Column::Decision.is_not_null())
        .filter(application::Column::ReleasedAt.is_null())
        .count(db)
        .await?;
    Ok(usize::try_from(n).unwrap_or(usize::MAX))
}

/// Everything the organiser's review page shows, with page `page` of the
/// ranking: the ranking comes from the cache, and only the page's
/// applications are read (a fixed number of queries, whatever the size).
pub async fn manage_review(
    db: &impl ConnectionTrait,
    ctx: &TrackCtx,
    page: usize,
) -> Result<ManageReview, DbErr> {
    let page = crate::domain::forms::bounded_page(page);
    let s = settings(db, ctx.track.id).await?;
    let ranks = ranks(db, ctx.track.id, s.normalise).await?;
    let revs = reviewers(db, ctx.track.id).await?;
    let reviewer_name: HashMap<i32, Localized> = revs
        .iter()
        .map(|r| {
            let a = &r.account;
            (a.id, Localized::new(&a.name_ja, &a.name_en))
        })
        .collect();
    let reviewer_rows = revs
        .iter()
        .map(|r| {
            let a = &r.account;
            let (assigned, done) = ranks.load.get(&a.id).copied().unwrap_or_default();
            ReviewerRow {
                account_id: a.id,
                name: Localized::new(&a.name_ja, &a.name_en),
                email: a.email.clone().unwrap_or_default(),
                affiliation: r.affiliation().to_string(),
                assigned,
                done,
                revocable: r.invited,
            }
        })
        .collect();
    let short_of_reviewers = ranks.short_of(usize::try_from(s.k).unwrap_or(0));
    let shown: Vec<&Ranked> = ranks
        .ranked
        .iter()
        .skip(page * RANKING_PAGE)
        .take(RANKING_PAGE)
        .collect();
    let apps = shown_applications(db, shown.iter().map(|x| x.application_id).collect()).await?;
    let rows = shown
        .iter()
        .filter_map(|x| {
            let a = apps.get(&x.application_id)?;
            let reviewers = ranks
                .reviewers
                .get(&x.application_id)
                .map(|v| {
                    v.iter()
                        .map(|&(reviewer_id, done)| AssignedReviewer {
                            reviewer_id,
                            name: reviewer_name.get(&reviewer_id).cloned().unwrap_or_default(),
                            done,
                        })
                        .collect()
                })
                .unwrap_or_default();
            Some(RankingRow {
                application_id: x.application_id,
                rank: x.rank,
                applicant: a.applicant.clone(),
                score: x.score,
                spread: x.spread,
                reviewers,
                decision: a.decision,
                waitlist_position: a.waitlist_position,
                released: a.released,
                offer: a.offer_status,
            })
        })
        .collect();
    Ok(ManageReview {
        programme: crate::store::catalogue::rows::programme_ref(&ctx.programme),
        cohort_slug: ctx.cohort.slug.clone(),
        track_slug: ctx.track.slug.clone(),
        track_name: ctx.name(),
        capacity: ctx.track.capacity,
        accepted: accepted_count(db, ctx.track.id).await?,
        settings: s,
        criteria: ranks.criteria.clone(),
        reviewers: reviewer_rows,
        ranking: rows,
        ranking_total: ranks.ranked.len(),
        page,
        unreleased: unreleased(db, ctx.track.id).await?,
        unreviewed: ranks.unreviewed,
        short_of_reviewers,
    })
}
