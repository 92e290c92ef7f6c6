//! The directory after an import: an imported alumnus gets a profile so
//! the programme's staff find them, holding only their name and camps.
//! It awaits its owner: only organisers (and the person, once they claim
//! the account) see it, since nobody asked the person's consent to be
//! found, until they save it themself on `/account/alumni`; then their own
//! choices apply (name and camps start at community, the rest private).

use crate::domain::alumni::{OpenTo, Part, Profile, Visibilities, Visibility};
use crate::domain::lang::Localized;
use crate::store::alumni::{bulk, changes, profile};
use crate::store::entities::alumni_profile;
use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QuerySelect};
use std::collections::HashSet;

/// The profile an import gives a person it made.
fn imported(account_id: i32, name: &Localized) -> Profile {
    let mut visibility = Visibilities::all_private();
    visibility.set(Part::Name, Visibility::Community);
    visibility.set(Part::Camp, Visibility::Community);
    Profile {
        account_id,
        name: name.clone(),
        headline: String::new(),
        affiliation: String::new(),
        hide_employer: false,
        listed_externally: false,
        awaiting_owner: true,
        experience: Vec::new(),
        skills: Vec::new(),
        qualifications: Vec::new(),
        links: Vec::new(),
        open_to: OpenTo::default(),
        camps: Vec::new(),
        visibility,
    }
}

/// Tells the directory about the people an import completed: a profile
/// for each of `alumni` (unclaimed accounts) that has none, and a changed
/// entry for every one of `completed`.
pub async fn publish(
    db: &impl ConnectionTrait,
    alumni: &[(i32, Localized)],
    completed: &[i32],
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    let mut alumni = alumni.to_vec();
    alumni.sort_by_key(|(id, _)| *id);
    alumni.dedup_by_key(|(id, _)| *id);
    let ids: Vec<i32> = alumni.iter().map(|(id, _)| *id).collect();
    let mut have: HashSet<i32> = HashSet::new();
    for chunk in ids.chunks(1000) {
        have.extend(
            alumni_profile::Entity::find()
                .select_only()
                .column(alumni_profile::Column::AccountId)
                .filter(alumni_profile::Column::AccountId.is_in(chunk.iter().copied()))
                .into_tuple::<i32>()
                .all(db)
                .await?,
        );
    }
    let new: Vec<Profile> = alumni
        .iter()
        .filter(|(id, _)| !have.contains(id))
        .map(|(id, name)| imported(*id, name))
        .collect();
    for chunk in new.chunks(500) {
        bulk::insert_new(db, chunk, now).await?;
    }
    // One statement may not name an account twice (PostgreSQL's ON
    // CONFLICT), and a person may complete several tracks.
    let mut completed = completed.to_vec();
    completed.sort_unstable();
    completed.dedup();
    changes::touch(db, &completed, now).await
}

/// Renames the profile of `account_id`, if they keep one, and rewrites
/// its search texts.
pub async fn rename_profile(
    db: &impl ConnectionTrait,
    account_id: i32,
    name: &Localized,
) -> Result<(), DbErr> {
    let updated = alumni_profile::Entity::update_many()
        .col_expr(alumni_profile::Column::NameJa, Expr::value(name.ja.clone()))
        .col_expr(alumni_profile::Column::NameEn, Expr::value(name.en.clone()))
        .filter(alumni_profile::Column::AccountId.eq(account_id))
        .exec(db)
        .await?;
    if updated.rows_affected > 0 {
        profile::reindex(db, account_id).await?;
    }
    Ok(())
}
