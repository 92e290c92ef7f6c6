//! `announcement`: an organiser's mail to a segment of a programme's
//! people, kept as a draft until sent and then as the programme's record.

use crate::domain::announce::SegmentKind;
use sea_orm::entity::prelude::*;

/// One announcement.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "announcement")]
pub struct Model {
    /// Surrogate key.
    #[sea_orm(primary_key)]
    pub id: i32,
    /// The programme it belongs to (its organisers see and send it).
    pub programme_id: i32,
    /// Who wrote it; `None` once their account is deleted.
    pub author_id: Option<i32>,
    /// Which people it goes to.
    pub segment: SegmentKind,
    /// The cohort, track or event of the segment (none for alumni).
    pub target_id: Option<i32>,
    /// Subject in Japanese.
    #[sea_orm(column_type = "Text")]
    pub subject_ja: String,
    /// Subject in English.
    #[sea_orm(column_type = "Text")]
    pub subject_en: String,
    /// Body in Japanese.
    #[sea_orm(column_type = "Text")]
    pub body_ja: String,
    /// Body in English.
    #[sea_orm(column_type = "Text")]
    pub body_en: String,
    /// When it was first saved.
    pub created_at: DateTimeUtc,
    /// When its draft was last saved.
    pub updated_at: DateTimeUtc,
    /// When it was sent (set once).
    pub sent_at: Option<DateTimeUtc>,
    /// Who sent it; `None` while a draft or once their account is deleted.
    pub sent_by: Option<i32>,
    /// How many mails sending it queued.
    pub recipient_count: Option<i32>,
}

/// Relations are followed by explicit queries.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
