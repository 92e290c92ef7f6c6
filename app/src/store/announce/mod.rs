//! Announcements: drafts saved and found inside their programme, the
//! programme's history of them, what the author's account keeps of them
//! (export and deletion), the segments ([`segment`]) and the preview and
//! sending ([`send`]).

pub mod segment;
pub mod send;

use crate::domain::account::held::ExportedAnnouncement;
use crate::domain::announce::Checked;
use crate::domain::announce::Segment;
use crate::domain::announce::view::{AnnouncementForm, AnnouncementRow, SegmentChoice};
use crate::domain::forms::{FieldError, Problem};
use crate::domain::lang::Localized;
use crate::error::AppError;
use crate::store::entities::{account, announcement, programme};
use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Set,
};

use announcement::Column as C;

/// Why an announcement's save or send was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// The announcement, or the record its segment names, is not in the
    /// programme (or does not exist).
    NotFound,
    /// The form's (or the draft's) problems.
    Invalid(Vec<FieldError>),
}

impl Refusal {
    /// One problem of the field `field`.
    pub fn one(field: &str, problem: Problem) -> Refusal {
        Refusal::Invalid(vec![FieldError {
            field: field.to_string(),
            problem,
        }])
    }
}

impl From<Refusal> for AppError {
    fn from(r: Refusal) -> Self {
        match r {
            Refusal::NotFound => AppError::NotFound,
            Refusal::Invalid(problems) => AppError::Invalid(problems),
        }
    }
}

/// How many announcements the history lists (the newest).
const HISTORY: u64 = 200;

/// Announcement `id` if it belongs to programme `p`; one of another
/// programme is not found, like a missing one.
pub async fn find(
    db: &impl ConnectionTrait,
    p: &programme::Model,
    id: i32,
) -> Result<Option<announcement::Model>, DbErr> {
    announcement::Entity::find_by_id(id)
        .filter(C::ProgrammeId.eq(p.id))
        .one(db)
        .await
}

/// The stored segment of `a`.
pub fn segment_of(a: &announcement::Model) -> Segment {
    Segment {
        kind: a.segment,
        target: a.target_id,
    }
}

/// The checked texts of `a`, as the form would give them back.
pub fn checked_of(a: &announcement::Model) -> Checked {
    Checked {
        segment: segment_of(a),
        subject_ja: a.subject_ja.clone(),
        subject_en: a.subject_en.clone(),
        body_ja: a.body_ja.clone(),
        body_en: a.body_en.clone(),
    }
}

/// `a`'s texts in its form.
pub fn form_of(a: &announcement::Model) -> AnnouncementForm {
    checked_of(a).form(Some(a.id))
}

/// `a` as the history lists it.
pub async fn row_of(
    db: &impl ConnectionTrait,
    p: &programme::Model,
    a: &announcement::Model,
) -> Result<AnnouncementRow, DbErr> {
    let segment = segment_of(a);
    let place = segment::place_of(db, p, segment)
        .await?
        .map_or_else(|| Localized::new("-", "-"), |place| place.label);
    let author = match a.author_id {
        Some(id) => account::Entity::find_by_id(id)
            .one(db)
            .await?
            .map(|w| Localized::new(&w.name_ja, &w.name_en))
            .unwrap_or_default(),
        None => Localized::default(),
    };
    Ok(AnnouncementRow {
        id: a.id,
        segment: SegmentChoice { segment, place },
        subject_ja: a.subject_ja.clone(),
        subject_en: a.subject_en.clone(),
        author,
        created_at: a.created_at,
        sent_at: a.sent_at,
        recipient_count: a.recipient_count,
    })
}

/// `p`'s announcements, newest first.
pub async fn list(
    db: &impl ConnectionTrait,
    p: &programme::Model,
) -> Result<Vec<AnnouncementRow>, DbErr> {
    let all = announcement::Entity::find()
        .filter(C::ProgrammeId.eq(p.id))
        .order_by_desc(C::CreatedAt)
        .order_by_desc(C::Id)
        .limit(HISTORY)
        .all(db)
        .await?;
    let mut rows = Vec::with_capacity(all.len());
    for a in &all {
        rows.push(row_of(db, p, a).await?);
    }
    Ok(rows)
}

/// Saves `c` as a draft of programme `p` by `author`: a new one (`id`
/// none) or draft `id`, which must be `p`'s and not sent. The segment's
/// record must be `p`'s (else not found), and the texts must fit the
/// segment and reach somebody ([`send::preview`] decides both). Returns
/// the draft's id.
pub async fn save(
    db: &impl ConnectionTrait,
    author: i32,
    p: &programme::Model,
    id: Option<i32>,
    c: &Checked,
    now: DateTime<Utc>,
) -> Result<Result<i32, Refusal>, DbErr> {
    if let Err(refusal) = send::preview(db, p, c).await? {
        return Ok(Err(refusal));
    }
    let Some(id) = id else {
        let row = announcement::ActiveModel {
            programme_id: Set(p.id),
            author_id: Set(Some(author)),
            segment: Set(c.segment.kind),
            target_id: Set(c.segment.target),
            subject_ja: Set(c.subject_ja.clone()),
            subject_en: Set(c.subject_en.clone()),
            body_ja: Set(c.body_ja.clone()),
            body_en: Set(c.body_en.clone()),
            created_at: Set(now),
            updated_at: Set(now),
            sent_at: Set(None),
            sent_by: Set(None),
            recipient_count: Set(None),
            ..Default::default()
        }
        .insert(db)
        .await?;
        return Ok(Ok(row.id));
    };
    let done = announcement::Entity::update_many()
        .col_expr(C::Segment, Expr::value(c.segment.kind))
        .col_expr(C::TargetId, Expr::value(c.segment.target))
        .col_expr(C::SubjectJa, Expr::value(c.subject_ja.clone()))
        .col_expr(C::SubjectEn, Expr::value(c.subject_en.clone()))
        .col_expr(C::BodyJa, Expr::value(c.body_ja.clone()))
        .col_expr(C::BodyEn, Expr::value(c.body_en.clone()))
        .col_expr(C::UpdatedAt, Expr::value(now))
        .filter(C::Id.eq(id))
        .filter(C::ProgrammeId.eq(p.id))
        .filter(C::SentAt.is_null())
        .exec(db)
        .await?;
    if done.rows_affected == 1 {
        return Ok(Ok(id));
    }
    Ok(Err(match find(db, p, id).await? {
        Some(_) => Refusal::one("announcement", Problem::AlreadySent),
        None => Refusal::NotFound,
    }))
}

/// The announcements account `id` wrote, oldest first, for their data.
pub async fn written_by(
    db: &impl ConnectionTrait,
    id: i32,
) -> Result<Vec<ExportedAnnouncement>, DbErr> {
    Ok(announcement::Entity::find()
        .filter(C::AuthorId.eq(id))
        .order_by_asc(C::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|a| ExportedAnnouncement {
            segment: segment_of(&a).key(),
            subject_ja: a.subject_ja,
            subject_en: a.subject_en,
            body_ja: a.body_ja,
            body_en: a.body_en,
            created_at: a.created_at,
            sent_at: a.sent_at,
            recipient_count: a.recipient_count,
        })
        .collect())
}

/// Forgets who wrote and sent announcements, for account `id`'s deletion:
/// the announcements stay the programme's record, anonymous.
pub async fn forget(db: &impl ConnectionTrait, id: i32) -> Result<(), DbErr> {
    let nobody: Option<i32> = None;
    announcement::Entity::update_many()
        .col_expr(C::AuthorId, Expr::value(nobody))
        .filter(C::AuthorId.eq(id))
        .exec(db)
        .await?;
    announcement::Entity::update_many()
        .col_expr(C::SentBy, Expr::value(nobody))
        .filter(C::SentBy.eq(id))
        .exec(db)
        .await?;
    Ok(())
}
