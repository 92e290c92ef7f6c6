//! Reading directory entries from the database: the search texts and
//! settings from the profile row, and the facts the filters ask about
//! (skills, qualifications, availability, completions), a fixed number of
//! queries per batch of accounts.

use super::snapshot::Entry;
use crate::domain::alumni::{OpenTo, Qualification};
use crate::store::entities::{
    alumni_profile, alumni_qualification, alumni_skill, availability, completion,
};
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QuerySelect};
use std::collections::HashMap;
use std::sync::Arc;

/// Accounts read per batch: few enough for any backend's limit on bound
/// values, many enough that a full load of 100,000 takes few round trips.
const BATCH: usize = 2000;

/// Every account that keeps a profile.
pub async fn all_accounts(db: &impl ConnectionTrait) -> Result<Vec<i32>, DbErr> {
    alumni_profile::Entity::find()
        .select_only()
        .column(alumni_profile::Column::AccountId)
        .into_tuple()
        .all(db)
        .await
}

/// The entries of `ids` that keep a profile, by account.
pub async fn entries(db: &impl ConnectionTrait, ids: &[i32]) -> Result<HashMap<i32, Entry>, DbErr> {
    let mut out = HashMap::with_capacity(ids.len());
    for chunk in ids.chunks(BATCH) {
        batch(db, chunk, &mut out).await?;
    }
    Ok(out)
}

/// Shares equal texts between audiences (most profiles show the community
/// and organisers the same).
fn texts(public: String, community: String, staff: String) -> [Arc<str>; 3] {
    let public: Arc<str> = public.into();
    let community: Arc<str> = if *community == *public {
        public.clone()
    } else {
        community.into()
    };
    let staff: Arc<str> = if *staff == *community {
        community.clone()
    } else {
        staff.into()
    };
    [public, community, staff]
}

async fn batch(
    db: &impl ConnectionTrait,
    ids: &[i32],
    out: &mut HashMap<i32, Entry>,
) -> Result<(), DbErr> {
    let ids = || ids.iter().copied();
    let mut skills: HashMap<i32, Vec<(String, i32)>> = HashMap::new();
    for s in alumni_skill::Entity::find()
        .filter(alumni_skill::Column::AccountId.is_in(ids()))
        .all(db)
        .await?
    {
        skills
            .entry(s.account_id)
            .or_default()
            .push((s.skill_key, s.level));
    }
    let mut qualifications: HashMap<i32, Vec<Qualification>> = HashMap::new();
    for q in alumni_qualification::Entity::find()
        .filter(alumni_qualification::Column::AccountId.is_in(ids()))
        .all(db)
        .await?
    {
        qualifications.entry(q.account_id).or_default().push(q.kind);
    }
    let mut available: HashMap<i32, (bool, bool)> = HashMap::new();
    for a in availability::Entity::find()
        .filter(availability::Column::AccountId.is_in(ids()))
        .all(db)
        .await?
    {
        available.insert(a.account_id, (a.open_to_tutoring, a.open_to_lecturing));
    }
    let mut camps: HashMap<i32, Vec<(i32, i32, i32)>> = HashMap::new();
    for c in completion::Entity::find()
        .filter(completion::Column::AccountId.is_in(ids()))
        .filter(completion::Column::RevokedAt.is_null())
        .all(db)
        .await?
    {
        camps
            .entry(c.account_id)
            .or_default()
            .push((c.programme_id, c.cohort_id, c.track_id));
    }
    for p in alumni_profile::Entity::find()
        .filter(alumni_profile::Column::AccountId.is_in(ids()))
        .all(db)
        .await?
    {
        let (tutoring, lecturing) = available.get(&p.account_id).copied().unwrap_or_default();
        let id = p.account_id;
        out.insert(
            id,
            Entry {
                account_id: id,
                updated_at: p.updated_at,
                texts: texts(p.search_public, p.search_community, p.search_staff),
                listed: p.listed_externally,
                awaiting_owner: p.awaiting_owner,
                camps: camps.remove(&id).unwrap_or_default(),
                skills: skills.remove(&id).unwrap_or_default(),
                qualifications: qualifications.remove(&id).unwrap_or_default(),
                open_to: OpenTo {
                    tutoring,
                    lecturing,
                    consulting: p.open_to_consulting,
                    speaking: p.open_to_speaking,
                },
                // In the order of `snapshot::FILTERED`.
                settings: [
                    p.vis_camp,
                    p.vis_skills,
                    p.vis_qualifications,
                    p.vis_open_to,
                ],
            },
        );
    }
    Ok(())
}
