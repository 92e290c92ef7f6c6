//! Many new profiles at once, for the directory benchmark's data
//! (`camp-connect seed --scale-alumni N`): the same rows a save writes, in
//! multi-row statements. New profiles only: no history of earlier levels.

use super::profile::row_of;
use crate::domain::alumni::Profile;
use crate::domain::alumni::skills::key;
use crate::store::entities::{
    alumni_experience, alumni_link, alumni_profile, alumni_qualification, alumni_skill,
};
use chrono::{DateTime, Utc};
use sea_orm::{ConnectionTrait, DbErr, EntityTrait, Set};

/// Inserts `profiles` (whose owners have no profile yet).
pub async fn insert_new(
    db: &impl ConnectionTrait,
    profiles: &[Profile],
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    if profiles.is_empty() {
        return Ok(());
    }
    alumni_profile::Entity::insert_many(profiles.iter().map(|p| row_of(p, now)))
        .exec(db)
        .await?;
    insert_parts(db, profiles).await?;
    let ids: Vec<i32> = profiles.iter().map(|p| p.account_id).collect();
    super::changes::touch(db, &ids, now).await
}

/// Inserts the parts (experience, skills, qualifications, links) of
/// `profiles`, in one statement per kind.
pub(super) async fn insert_parts(
    db: &impl ConnectionTrait,
    profiles: &[Profile],
) -> Result<(), DbErr> {
    let experience: Vec<_> = profiles
        .iter()
        .flat_map(|p| {
            p.experience
                .iter()
                .enumerate()
                .map(|(i, e)| alumni_experience::ActiveModel {
                    account_id: Set(p.account_id),
                    position: Set(i as i32),
                    industry: Set(e.industry.clone()),
                    role: Set(e.role.clone()),
                    period: Set(e.period.clone()),
                    text: Set(e.text.clone()),
                    ..Default::default()
                })
        })
        .collect();
    if !experience.is_empty() {
        alumni_experience::Entity::insert_many(experience)
            .exec(db)
            .await?;
    }
    let skills: Vec<_> = profiles
        .iter()
        .flat_map(|p| {
            p.skills.iter().map(|s| alumni_skill::ActiveModel {
                account_id: Set(p.account_id),
                skill_key: Set(key(&s.name)),
                skill: Set(s.name.clone()),
                level: Set(s.level.number()),
            })
        })
        .collect();
    if !skills.is_empty() {
        alumni_skill::Entity::insert_many(skills).exec(db).await?;
    }
    let qualifications: Vec<_> = profiles
        .iter()
        .flat_map(|p| {
            p.qualifications
                .iter()
                .map(|q| alumni_qualification::ActiveModel {
                    account_id: Set(p.account_id),
                    kind: Set(q.kind.as_str().to_string()),
                    other: Set(q.other.clone()),
                    ..Default::default()
                })
        })
        .collect();
    if !qualifications.is_empty() {
        alumni_qualification::Entity::insert_many(qualifications)
            .exec(db)
            .await?;
    }
    let links: Vec<_> = profiles
        .iter()
        .flat_map(|p| {
            p.links
                .iter()
                .enumerate()
                .map(|(i, l)| alumni_link::ActiveModel {
                    account_id: Set(p.account_id),
                    position: Set(i as i32),
                    label: Set(l.label.clone()),
                    url: Set(l.url.clone()),
                    ..Default::default()
                })
        })
        .collect();
    if !links.is_empty() {
        alumni_link::Entity::insert_many(links).exec(db).await?;
    }
    Ok(())
}
