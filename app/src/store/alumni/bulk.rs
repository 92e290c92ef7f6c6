//! The rows of profiles, as a save writes them (`profile::save`), and many
//! new profiles at once, for the directory benchmark's data
//! (`camp-connect seed --scale-alumni N`): the same rows in multi-row
//! statements. New profiles only: no history of earlier levels.

use crate::domain::alumni::search::search_texts;
use crate::domain::alumni::skills::key;
use crate::domain::alumni::{Part, Profile};
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
                    kind: Set(q.kind),
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

/// The profile row of `p`, search texts included.
pub(super) fn row_of(p: &Profile, now: DateTime<Utc>) -> alumni_profile::ActiveModel {
    let v = |part: Part| Set(p.visibility.get(part));
    let [public, community, staff] = search_texts(p);
    alumni_profile::ActiveModel {
        account_id: Set(p.account_id),
        name_ja: Set(p.name.ja.clone()),
        name_en: Set(p.name.en.clone()),
        headline: Set(p.headline.clone()),
        affiliation: Set(p.affiliation.clone()),
        hide_employer: Set(p.hide_employer),
        listed_externally: Set(p.listed_externally),
        awaiting_owner: Set(p.awaiting_owner),
        open_to_consulting: Set(p.open_to.consulting),
        open_to_speaking: Set(p.open_to.speaking),
        vis_name: v(Part::Name),
        vis_headline: v(Part::Headline),
        vis_affiliation: v(Part::Affiliation),
        vis_experience: v(Part::Experience),
        vis_skills: v(Part::Skills),
        vis_qualifications: v(Part::Qualifications),
        vis_links: v(Part::Links),
        vis_open_to: v(Part::OpenTo),
        vis_camp: v(Part::Camp),
        search_public: Set(public),
        search_community: Set(community),
        search_staff: Set(staff),
        updated_at: Set(now),
    }
}
