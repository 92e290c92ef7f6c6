//! Loading and saving one alumni profile. A save replaces the profile's
//! parts, records each skill change in the history, keeps tutoring and
//! lecturing in `availability` (where rosters read them) and rewrites the
//! search texts of every audience.

use super::bulk::row_of;
use crate::domain::alumni::search::search_texts;
use crate::domain::alumni::skills::{Change, changes};
use crate::domain::alumni::{
    Camp, Experience, Held, Level, Link, OpenTo, Part, Profile, Skill, Visibilities,
};
use crate::domain::lang::Localized;
use crate::store::entities::{
    alumni_experience, alumni_link, alumni_profile, alumni_qualification, alumni_skill,
    alumni_skill_history, availability, completion,
};
use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait,
    QueryFilter, QueryOrder, Set,
};
use std::collections::HashMap;

/// The visibility columns of a row, by part.
fn visibilities(row: &alumni_profile::Model) -> Visibilities {
    let mut v = Visibilities::all_private();
    for (part, s) in [
        (Part::Name, row.vis_name),
        (Part::Headline, row.vis_headline),
        (Part::Affiliation, row.vis_affiliation),
        (Part::Experience, row.vis_experience),
        (Part::Skills, row.vis_skills),
        (Part::Qualifications, row.vis_qualifications),
        (Part::Links, row.vis_links),
        (Part::OpenTo, row.vis_open_to),
        (Part::Camp, row.vis_camp),
    ] {
        v.set(part, s);
    }
    v
}

/// Rows of `E` whose `col` is one of `ids`, in `order`.
async fn rows_of<E: EntityTrait>(
    db: &impl ConnectionTrait,
    col: E::Column,
    ids: &[i32],
    order: E::Column,
) -> Result<Vec<E::Model>, DbErr> {
    E::find()
        .filter(col.is_in(ids.iter().copied()))
        .order_by_asc(order)
        .all(db)
        .await
}

/// The rows of `E` whose `col` is one of `ids`, by `id_of`.
async fn by_id<E: EntityTrait>(
    db: &impl ConnectionTrait,
    col: E::Column,
    ids: impl IntoIterator<Item = i32>,
    id_of: impl Fn(&E::Model) -> i32,
) -> Result<HashMap<i32, E::Model>, DbErr> {
    Ok(E::find()
        .filter(col.is_in(ids))
        .all(db)
        .await?
        .into_iter()
        .map(|m| (id_of(&m), m))
        .collect())
}

/// The camps of each of `ids` (completions not revoked), by account: four
/// queries however many there are.
pub(crate) async fn camps_of(
    db: &impl ConnectionTrait,
    ids: &[i32],
) -> Result<HashMap<i32, Vec<Camp>>, DbErr> {
    use crate::store::entities::{cohort, programme, track};
    let rows = completion::Entity::find()
        .filter(completion::Column::AccountId.is_in(ids.iter().copied()))
        .filter(completion::Column::RevokedAt.is_null())
        .order_by_asc(completion::Column::CompletedAt)
        .all(db)
        .await?;
    let mut out: HashMap<i32, Vec<Camp>> = HashMap::new();
    if rows.is_empty() {
        return Ok(out);
    }
    let programmes = by_id::<programme::Entity>(
        db,
        programme::Column::Id,
        rows.iter().map(|c| c.programme_id),
        |m| m.id,
    )
    .await?;
    let cohorts = by_id::<cohort::Entity>(
        db,
        cohort::Column::Id,
        rows.iter().map(|c| c.cohort_id),
        |m| m.id,
    )
    .await?;
    let tracks = by_id::<track::Entity>(
        db,
        track::Column::Id,
        rows.iter().map(|c| c.track_id),
        |m| m.id,
    )
    .await?;
    for c in rows {
        let (Some(p), Some(co), Some(t)) = (
            programmes.get(&c.programme_id),
            cohorts.get(&c.cohort_id),
            tracks.get(&c.track_id),
        ) else {
            continue;
        };
        out.entry(c.account_id).or_default().push(Camp {
            programme: Localized::new(p.name_ja.clone(), p.name_en.clone()),
            cohort: co.slug.clone(),
            track: Localized::new(t.name_ja.clone(), t.name_en.clone()),
        });
    }
    Ok(out)
}

/// The whole profile of `account_id`, if they keep one.
pub async fn profile(db: &impl ConnectionTrait, account_id: i32) -> Result<Option<Profile>, DbErr> {
    Ok(profiles(db, &[account_id]).await?.pop())
}

/// The whole profiles of `ids` that exist, in the order of `ids`: a fixed
/// number of queries however many there are (a directory page's twenty).
pub async fn profiles(db: &impl ConnectionTrait, ids: &[i32]) -> Result<Vec<Profile>, DbErr> {
    use alumni_profile::Column as P;
    let rows = rows_of::<alumni_profile::Entity>(db, P::AccountId, ids, P::AccountId).await?;
    if rows.is_empty() {
        return Ok(Vec::new());
    }
    let mut experience: HashMap<i32, Vec<Experience>> = HashMap::new();
    use alumni_experience::Column as E;
    for e in rows_of::<alumni_experience::Entity>(db, E::AccountId, ids, E::Position).await? {
        experience
            .entry(e.account_id)
            .or_default()
            .push(Experience {
                industry: e.industry,
                role: e.role,
                period: e.period,
                text: e.text,
            });
    }
    let mut skills: HashMap<i32, Vec<Skill>> = HashMap::new();
    use alumni_skill::Column as S;
    for s in rows_of::<alumni_skill::Entity>(db, S::AccountId, ids, S::SkillKey).await? {
        if let Some(level) = Level::from_number(s.level) {
            skills.entry(s.account_id).or_default().push(Skill {
                name: s.skill,
                level,
            });
        }
    }
    for list in skills.values_mut() {
        list.sort_by_key(|s| std::cmp::Reverse(s.level));
    }
    let mut qualifications: HashMap<i32, Vec<Held>> = HashMap::new();
    use alumni_qualification::Column as Q;
    for q in rows_of::<alumni_qualification::Entity>(db, Q::AccountId, ids, Q::Id).await? {
        qualifications.entry(q.account_id).or_default().push(Held {
            kind: q.kind,
            other: q.other,
        });
    }
    let mut links: HashMap<i32, Vec<Link>> = HashMap::new();
    use alumni_link::Column as L;
    for l in rows_of::<alumni_link::Entity>(db, L::AccountId, ids, L::Position).await? {
        links.entry(l.account_id).or_default().push(Link {
            label: l.label,
            url: l.url,
        });
    }
    use availability::Column as A;
    let open: HashMap<i32, (bool, bool)> =
        rows_of::<availability::Entity>(db, A::AccountId, ids, A::AccountId)
            .await?
            .into_iter()
            .map(|a| (a.account_id, (a.open_to_tutoring, a.open_to_lecturing)))
            .collect();
    let mut camps = camps_of(db, ids).await?;
    let mut by_id: HashMap<i32, Profile> = HashMap::new();
    for row in rows {
        let id = row.account_id;
        let (tutoring, lecturing) = open.get(&id).copied().unwrap_or_default();
        let visibility = visibilities(&row);
        by_id.insert(
            id,
            Profile {
                account_id: id,
                name: Localized::new(row.name_ja, row.name_en),
                headline: row.headline,
                affiliation: row.affiliation,
                hide_employer: row.hide_employer,
                listed_externally: row.listed_externally,
                awaiting_owner: row.awaiting_owner,
                experience: experience.remove(&id).unwrap_or_default(),
                skills: skills.remove(&id).unwrap_or_default(),
                qualifications: qualifications.remove(&id).unwrap_or_default(),
                links: links.remove(&id).unwrap_or_default(),
                open_to: OpenTo {
                    tutoring,
                    lecturing,
                    consulting: row.open_to_consulting,
                    speaking: row.open_to_speaking,
                },
                camps: camps.remove(&id).unwrap_or_default(),
                visibility,
            },
        );
    }
    Ok(ids.iter().filter_map(|id| by_id.remove(id)).collect())
}

/// Rewrites the search texts of `account_id`'s profile, if they keep one,
/// and marks its directory entry changed (after a change made elsewhere,
/// such as `/account/availability`).
pub async fn reindex(db: &impl ConnectionTrait, account_id: i32) -> Result<(), DbErr> {
    let Some(p) = profile(db, account_id).await? else {
        return Ok(());
    };
    let [public, community, staff] = search_texts(&p);
    alumni_profile::ActiveModel {
        account_id: Set(account_id),
        search_public: Set(public),
        search_community: Set(community),
        search_staff: Set(staff),
        ..Default::default()
    }
    .update(db)
    .await?;
    super::changes::touch(db, &[account_id], Utc::now()).await
}

/// Keeps tutoring and lecturing in `availability`, leaving the person's
/// fields of expertise as they are.
async fn save_availability(
    db: &impl ConnectionTrait,
    account_id: i32,
    open: OpenTo,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    let row = availability::ActiveModel {
        account_id: Set(account_id),
        open_to_tutoring: Set(open.tutoring),
        open_to_lecturing: Set(open.lecturing),
        updated_at: Set(now),
    };
    if availability::Entity::find_by_id(account_id)
        .one(db)
        .await?
        .is_some()
    {
        row.update(db).await?;
    } else {
        row.insert(db).await?;
    }
    Ok(())
}

async fn record(
    db: &impl ConnectionTrait,
    account_id: i32,
    c: Change,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    alumni_skill_history::ActiveModel {
        account_id: Set(account_id),
        skill_key: Set(c.key),
        skill: Set(c.name),
        level: Set(c.level.map_or(0, Level::number)),
        recorded_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}

/// Deletes the parts of `account_id`'s profile (the profile row stays).
async fn delete_parts(db: &impl ConnectionTrait, account_id: i32) -> Result<(), DbErr> {
    alumni_experience::Entity::delete_many()
        .filter(alumni_experience::Column::AccountId.eq(account_id))
        .exec(db)
        .await?;
    alumni_skill::Entity::delete_many()
        .filter(alumni_skill::Column::AccountId.eq(account_id))
        .exec(db)
        .await?;
    alumni_qualification::Entity::delete_many()
        .filter(alumni_qualification::Column::AccountId.eq(account_id))
        .exec(db)
        .await?;
    alumni_link::Entity::delete_many()
        .filter(alumni_link::Column::AccountId.eq(account_id))
        .exec(db)
        .await?;
    Ok(())
}

async fn insert_parts(db: &impl ConnectionTrait, p: &Profile) -> Result<(), DbErr> {
    super::bulk::insert_parts(db, std::slice::from_ref(p)).await
}

/// Saves `p` as its owner's profile, in one transaction.
pub async fn save(db: &DatabaseConnection, p: &Profile, now: DateTime<Utc>) -> Result<(), DbErr> {
    let txn = crate::store::begin_write(db).await?;
    let old = profile(&txn, p.account_id).await?;
    let row = row_of(p, now);
    if old.is_some() {
        row.update(&txn).await?;
    } else {
        row.insert(&txn).await?;
    }
    delete_parts(&txn, p.account_id).await?;
    insert_parts(&txn, p).await?;
    let before = old.map(|o| o.skills).unwrap_or_default();
    for c in changes(&before, &p.skills) {
        record(&txn, p.account_id, c, now).await?;
    }
    save_availability(&txn, p.account_id, p.open_to, now).await?;
    // The row above already holds the search texts.
    super::changes::touch(&txn, &[p.account_id], now).await?;
    txn.commit().await
}

/// Removes `account_id`'s profile, its history and its search entry (part
/// of account deletion's transaction).
pub async fn forget(db: &impl ConnectionTrait, account_id: i32) -> Result<(), DbErr> {
    delete_parts(db, account_id).await?;
    alumni_skill_history::Entity::delete_many()
        .filter(alumni_skill_history::Column::AccountId.eq(account_id))
        .exec(db)
        .await?;
    alumni_profile::Entity::delete_by_id(account_id)
        .exec(db)
        .await?;
    super::changes::touch(db, &[account_id], Utc::now()).await
}
