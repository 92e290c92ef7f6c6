//! The owner's skills self-assessment: each current skill, where it stood
//! before, and the anonymous distribution of its levels in each of the
//! owner's cohorts.

use crate::domain::alumni::Level;
use crate::domain::alumni::skills::{
    CohortDistribution, SkillsPage, Standing, before, distribution,
};
use crate::domain::lang::Localized;
use crate::store::entities::{alumni_skill, alumni_skill_history, cohort, completion, programme};
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder};

/// The cohorts `account_id` completed: a label and the cohort's alumni.
async fn cohorts_of(
    db: &impl ConnectionTrait,
    account_id: i32,
) -> Result<Vec<(Localized, Vec<i32>)>, DbErr> {
    let mine = completion::Entity::find()
        .filter(completion::Column::AccountId.eq(account_id))
        .filter(completion::Column::RevokedAt.is_null())
        .all(db)
        .await?;
    let mut out: Vec<(i32, Localized, Vec<i32>)> = Vec::new();
    for c in mine {
        if out.iter().any(|(id, _, _)| *id == c.cohort_id) {
            continue;
        }
        let (Some(p), Some(co)) = (
            programme::Entity::find_by_id(c.programme_id)
                .one(db)
                .await?,
            cohort::Entity::find_by_id(c.cohort_id).one(db).await?,
        ) else {
            continue;
        };
        let mut members: Vec<i32> = completion::Entity::find()
            .filter(completion::Column::CohortId.eq(c.cohort_id))
            .filter(completion::Column::RevokedAt.is_null())
            .all(db)
            .await?
            .into_iter()
            .map(|m| m.account_id)
            .collect();
        members.sort_unstable();
        members.dedup();
        let label = Localized::new(
            format!("{} {}", p.name_ja, co.slug),
            format!("{} {}", p.name_en, co.slug),
        );
        out.push((c.cohort_id, label, members));
    }
    Ok(out.into_iter().map(|(_, l, m)| (l, m)).collect())
}

/// The self-assessment page of `account_id`.
pub async fn skills_page(db: &impl ConnectionTrait, account_id: i32) -> Result<SkillsPage, DbErr> {
    let current = alumni_skill::Entity::find()
        .filter(alumni_skill::Column::AccountId.eq(account_id))
        .order_by_asc(alumni_skill::Column::SkillKey)
        .all(db)
        .await?;
    let history = alumni_skill_history::Entity::find()
        .filter(alumni_skill_history::Column::AccountId.eq(account_id))
        .order_by_asc(alumni_skill_history::Column::RecordedAt)
        .order_by_asc(alumni_skill_history::Column::Id)
        .all(db)
        .await?;
    let cohorts = cohorts_of(db, account_id).await?;
    let mut skills = Vec::new();
    for s in current {
        let Some(now) = Level::from_number(s.level) else {
            continue;
        };
        let past: Vec<_> = history
            .iter()
            .filter(|h| h.skill_key == s.skill_key)
            .map(|h| (Level::from_number(h.level), h.recorded_at))
            .collect();
        let mut per_cohort = Vec::new();
        for (label, members) in &cohorts {
            let levels: Vec<Level> = alumni_skill::Entity::find()
                .filter(alumni_skill::Column::SkillKey.eq(&s.skill_key))
                .filter(alumni_skill::Column::AccountId.is_in(members.iter().copied()))
                .all(db)
                .await?
                .into_iter()
                .filter_map(|r| Level::from_number(r.level))
                .collect();
            per_cohort.push(CohortDistribution {
                cohort: label.clone(),
                counts: distribution(&levels),
            });
        }
        skills.push(Standing {
            name: s.skill,
            now,
            before: before(&past, now),
            cohorts: per_cohort,
        });
    }
    Ok(SkillsPage { skills })
}
