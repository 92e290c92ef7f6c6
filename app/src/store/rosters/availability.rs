//! What a person says they are open to: tutoring, lecturing, and their
//! fields of expertise. Kept by the person on their own page; exported
//! with their data.

use crate::domain::lang::Localized;
use crate::domain::rosters::view::{AvailabilityPage, FieldChoice};
use crate::store::entities::{availability, availability_field, field};
use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait,
    QueryFilter, QueryOrder, Set,
};

/// The person's availability, with every field to choose from.
pub async fn availability_of(
    db: &impl ConnectionTrait,
    account_id: i32,
) -> Result<AvailabilityPage, DbErr> {
    let row = availability::Entity::find_by_id(account_id).one(db).await?;
    let chosen: Vec<i32> = availability_field::Entity::find()
        .filter(availability_field::Column::AccountId.eq(account_id))
        .all(db)
        .await?
        .into_iter()
        .map(|r| r.field_id)
        .collect();
    let fields = field::Entity::find()
        .order_by_asc(field::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|f| FieldChoice {
            chosen: chosen.contains(&f.id),
            slug: f.slug,
            name: Localized::new(f.name_ja, f.name_en),
        })
        .collect();
    Ok(AvailabilityPage {
        tutoring: row.as_ref().is_some_and(|r| r.open_to_tutoring),
        lecturing: row.as_ref().is_some_and(|r| r.open_to_lecturing),
        fields,
    })
}

/// Replaces the person's availability; unknown field slugs are ignored.
pub async fn save_availability(
    db: &DatabaseConnection,
    account_id: i32,
    tutoring: bool,
    lecturing: bool,
    field_slugs: &[String],
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    let txn = crate::store::begin_write(db).await?;
    availability::Entity::delete_by_id(account_id)
        .exec(&txn)
        .await?;
    availability::ActiveModel {
        account_id: Set(account_id),
        open_to_tutoring: Set(tutoring),
        open_to_lecturing: Set(lecturing),
        updated_at: Set(now),
    }
    .insert(&txn)
    .await?;
    availability_field::Entity::delete_many()
        .filter(availability_field::Column::AccountId.eq(account_id))
        .exec(&txn)
        .await?;
    let ids = field::Entity::find()
        .filter(field::Column::Slug.is_in(field_slugs.iter().map(String::as_str)))
        .all(&txn)
        .await?;
    for f in ids {
        availability_field::ActiveModel {
            account_id: Set(account_id),
            field_id: Set(f.id),
        }
        .insert(&txn)
        .await?;
    }
    // Tutoring and lecturing are also part of the alumni profile's search text.
    crate::store::alumni::profile::reindex(&txn, account_id).await?;
    txn.commit().await
}

/// What rosters keep about account `id`, for its data export.
pub async fn export_of(
    db: &impl ConnectionTrait,
    id: i32,
) -> Result<crate::domain::rosters::view::ExportedRosters, DbErr> {
    use crate::domain::rosters::view::{ExportedLecturerNote, ExportedOffer, ExportedRosters};
    use crate::store::entities::{roster_lecturer, tutor_volunteer};
    let mine = availability_of(db, id).await?;
    let tutor_offers = tutor_volunteer::Entity::find()
        .filter(tutor_volunteer::Column::AccountId.eq(id))
        .order_by_asc(tutor_volunteer::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|v| ExportedOffer {
            call_id: v.call_id,
            statement: v.statement,
            status: v.status.as_str().to_string(),
            created_at: v.created_at,
        })
        .collect();
    let lecturer_notes = roster_lecturer::Entity::find()
        .filter(roster_lecturer::Column::AccountId.eq(id))
        .all(db)
        .await?
        .into_iter()
        .map(|n| ExportedLecturerNote {
            track_id: n.track_id,
            source: n.source.as_str().to_string(),
            affiliation: n.affiliation,
        })
        .collect();
    Ok(ExportedRosters {
        open_to_tutoring: mine.tutoring,
        open_to_lecturing: mine.lecturing,
        fields: mine
            .fields
            .into_iter()
            .filter(|f| f.chosen)
            .map(|f| f.slug)
            .collect(),
        tutor_offers,
        lecturer_notes,
    })
}
