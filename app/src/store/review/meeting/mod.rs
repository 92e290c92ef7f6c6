//! The selection meeting in the database: the track's ranking searched and
//! filtered as the person may see it, and one application with its
//! answers, reviews, conflicts and decision.
//!
//! The ranking comes from the per-version cache ([`super::cache`]) and the
//! answer texts from theirs ([`texts`]); a filter reads the decisions or
//! conflicts of the track only when it asks for them, and a page then reads
//! its fifty applications: a fixed handful of queries at any size.

mod opened;
pub mod texts;

pub use opened::meeting_application;

use super::cache::{Ranks, ranks};
use super::settings;
use crate::domain::application::{ApplicationStatus, Decision};
use crate::domain::lang::Localized;
use crate::domain::review::meeting::{
    Filter, MEETING_PAGE, MeetingQuery, MeetingRanking, MeetingRole, MeetingRow, OwnReview,
    RowFacts, applicant_visible, opens, reading_key, scores_visible,
};
use crate::domain::review::view::Settings;
use crate::store::catalogue::track_ctx::TrackCtx;
use crate::store::entities::{account, application, conflict};
use chrono::{DateTime, Utc};
use sea_orm::sea_query::Query;
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbErr, EntityTrait, JoinType, QueryFilter, QuerySelect,
};
use std::collections::{HashMap, HashSet};
use std::sync::Arc;

/// Who is at the meeting: their account and role.
#[derive(Clone, Copy, Debug)]
pub struct Attendee {
    /// Their account.
    pub account: i32,
    /// Their role at this track's meeting.
    pub role: MeetingRole,
}

/// The person's own review of an application, from the cached ranking.
fn own_review(ranks: &Ranks, application: i32, me: i32) -> OwnReview {
    match ranks
        .reviewers
        .get(&application)
        .and_then(|v| v.iter().find(|(r, _)| *r == me))
    {
        None => OwnReview::NotAssigned,
        Some((_, false)) => OwnReview::Pending,
        Some((_, true)) => OwnReview::Submitted,
    }
}

/// The submitted applications of the track as a subquery.
fn submitted(track_id: i32) -> sea_orm::sea_query::SelectStatement {
    Query::select()
        .column(application::Column::Id)
        .from(application::Entity)
        .and_where(application::Column::TrackId.eq(track_id))
        .and_where(application::Column::Status.eq(ApplicationStatus::Submitted))
        .to_owned()
}

/// The decision of every submitted application of the track.
async fn decisions(
    db: &impl ConnectionTrait,
    track_id: i32,
) -> Result<HashMap<i32, Option<Decision>>, DbErr> {
    let rows: Vec<(i32, Option<Decision>)> = application::Entity::find()
        .select_only()
        .column(application::Column::Id)
        .column(application::Column::Decision)
        .filter(application::Column::TrackId.eq(track_id))
        .filter(application::Column::Status.eq(ApplicationStatus::Submitted))
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows.into_iter().collect())
}

/// Conflicts marked per application, of the given applications or (`None`)
/// of every submitted application of the track.
async fn conflict_counts(
    db: &impl ConnectionTrait,
    track_id: i32,
    ids: Option<Vec<i32>>,
) -> Result<HashMap<i32, usize>, DbErr> {
    let q = conflict::Entity::find()
        .select_only()
        .column(conflict::Column::ApplicationId);
    let q = match ids {
        Some(ids) => q.filter(conflict::Column::ApplicationId.is_in(ids)),
        None => q.filter(conflict::Column::ApplicationId.in_subquery(submitted(track_id))),
    };
    let mut out = HashMap::new();
    for id in q.into_tuple::<i32>().all(db).await? {
        *out.entry(id).or_insert(0) += 1;
    }
    Ok(out)
}

/// The applications the person may open that the filter keeps, in the
/// order they read them ([`reading_key`]: ranked while their scores are
/// shown to them), each with whether its score is shown to them.
pub(super) async fn filtered(
    db: &impl ConnectionTrait,
    track_id: i32,
    who: Attendee,
    s: &Settings,
    ranks: &Ranks,
    f: &Filter,
) -> Result<Vec<(usize, bool)>, DbErr> {
    let decided = match f.decision {
        Some(_) => Some(decisions(db, track_id).await?),
        None => None,
    };
    let conflicted: Option<HashSet<i32>> = if f.conflicts {
        Some(
            conflict_counts(db, track_id, None)
                .await?
                .into_keys()
                .collect(),
        )
    } else {
        None
    };
    let texts = if f.terms.is_empty() {
        None
    } else {
        Some(texts::texts(db, track_id).await?)
    };
    let mut out = Vec::new();
    for (i, r) in ranks.ranked.iter().enumerate() {
        let id = r.application_id;
        let own = own_review(ranks, id, who.account);
        if !opens(who.role, own) {
            continue;
        }
        let shown = scores_visible(who.role, own, s.closed);
        let facts = RowFacts {
            score: r.score,
            score_shown: shown,
            decision: decided.as_ref().and_then(|d| d.get(&id).copied().flatten()),
            reviewed_by_me: own == OwnReview::Submitted,
            conflicted: conflicted.as_ref().is_some_and(|c| c.contains(&id)),
            text: texts
                .as_ref()
                .and_then(|t| t.get(&id))
                .map_or("", String::as_str),
        };
        if f.keeps(&facts) {
            out.push((i, shown));
        }
    }
    out.sort_by_key(|&(i, shown)| reading_key(shown, i, ranks.ranked[i].application_id));
    Ok(out)
}

/// What a ranking row shows of an application besides the ranking.
struct Shown {
    decision: Option<Decision>,
    released: bool,
    applicant: Localized,
}

/// The given applications with their applicants' names, in one query.
async fn shown(db: &impl ConnectionTrait, ids: Vec<i32>) -> Result<HashMap<i32, Shown>, DbErr> {
    type Row = (i32, Option<Decision>, Option<DateTime<Utc>>, String, String);
    let applicant = application::Entity::belongs_to(account::Entity)
        .from(application::Column::AccountId)
        .to(account::Column::Id)
        .into();
    let rows: Vec<Row> = application::Entity::find()
        .select_only()
        .column(application::Column::Id)
        .column(application::Column::Decision)
        .column(application::Column::ReleasedAt)
        .column(account::Column::NameJa)
        .column(account::Column::NameEn)
        .join(JoinType::InnerJoin, applicant)
        .filter(application::Column::Id.is_in(ids))
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|(id, decision, released, ja, en)| {
            let s = Shown {
                decision,
                released: released.is_some(),
                applicant: Localized::new(ja, en),
            };
            (id, s)
        })
        .collect())
}

/// The settings and cached ranking of the track.
pub(super) async fn ranking_of(
    db: &impl ConnectionTrait,
    track_id: i32,
) -> Result<(Settings, Arc<Ranks>), DbErr> {
    let s = settings(db, track_id).await?;
    let r = ranks(db, track_id, s.normalise).await?;
    Ok((s, r))
}

/// One page of the track's ranking at the meeting, searched and filtered
/// by `query`, as `who` may see it.
pub async fn meeting_ranking(
    db: &impl ConnectionTrait,
    ctx: &TrackCtx,
    who: Attendee,
    query: &MeetingQuery,
) -> Result<MeetingRanking, DbErr> {
    let f = query.filter();
    let (s, ranks) = ranking_of(db, ctx.track.id).await?;
    let kept = filtered(db, ctx.track.id, who, &s, &ranks, &f).await?;
    let page: Vec<(usize, bool)> = kept
        .iter()
        .skip(f.page.saturating_mul(MEETING_PAGE))
        .take(MEETING_PAGE)
        .copied()
        .collect();
    let ids: Vec<i32> = page
        .iter()
        .map(|&(i, _)| ranks.ranked[i].application_id)
        .collect();
    let apps = shown(db, ids.clone()).await?;
    let conflicts = conflict_counts(db, ctx.track.id, Some(ids)).await?;
    let rows = page
        .into_iter()
        .filter_map(|(i, score_shown)| {
            let r = &ranks.ranked[i];
            let id = r.application_id;
            let a = apps.get(&id)?;
            let revs = ranks.reviewers.get(&id);
            let accepted = a.decision == Some(Decision::Accepted);
            Some(MeetingRow {
                application_id: id,
                // A rank is a reading of the scores: hidden with them.
                rank: r.rank.filter(|_| score_shown),
                applicant: applicant_visible(who.role, s.anonymous, a.released, accepted)
                    .then(|| a.applicant.clone()),
                score: r.score.filter(|_| score_shown),
                score_hidden: !score_shown,
                done: revs.map_or(0, |v| v.iter().filter(|x| x.1).count()),
                assigned: revs.map_or(0, Vec::len),
                own: own_review(&ranks, id, who.account),
                conflicts: conflicts.get(&id).copied().unwrap_or(0),
                decision: a.decision,
            })
        })
        .collect();
    Ok(MeetingRanking {
        programme: crate::store::catalogue::rows::programme_ref(&ctx.programme),
        cohort_slug: ctx.cohort.slug.clone(),
        track_slug: ctx.track.slug.clone(),
        track_name: ctx.name(),
        role: who.role,
        closed: s.closed,
        query: query.applied(),
        total: kept.len(),
        page: f.page,
        rows,
    })
}
