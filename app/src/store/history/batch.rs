//! Uploaded history files (`history_batch`): kept from the upload to the
//! import, seen only by who uploaded them and administrators.

use crate::domain::history::view::Upload;
use crate::store::entities::history_batch;
use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Set,
};

/// The longest file name kept (longer ones are cut).
const MAX_FILE_NAME: usize = 200;

/// Who is looking for a batch.
#[derive(Clone, Copy, Debug)]
pub struct Seeker {
    /// Their account.
    pub account_id: i32,
    /// Whether they administer the instance (and so see every batch).
    pub is_admin: bool,
}

/// Keeps an uploaded file; its id.
pub async fn save(
    db: &impl ConnectionTrait,
    by: i32,
    file_name: &str,
    content: Vec<u8>,
    now: DateTime<Utc>,
) -> Result<i32, DbErr> {
    let name: String = file_name
        .chars()
        .filter(|c| !c.is_control())
        .take(MAX_FILE_NAME)
        .collect();
    let row = history_batch::ActiveModel {
        uploaded_by: Set(by),
        file_name: Set(name),
        content: Set(content),
        uploaded_at: Set(now),
        applied_at: Set(None),
        summary: Set(String::new()),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(row.id)
}

/// The batch `id` if `who` may see it: their own, or any for an
/// administrator. Another's batch is not found, as a missing one is.
pub async fn find(
    db: &impl ConnectionTrait,
    id: i32,
    who: Seeker,
) -> Result<Option<history_batch::Model>, DbErr> {
    let mut q = history_batch::Entity::find_by_id(id);
    if !who.is_admin {
        q = q.filter(history_batch::Column::UploadedBy.eq(who.account_id));
    }
    q.one(db).await
}

/// Marks batch `id` imported with `summary` and empties its content, in
/// the import's transaction; `false` when it was imported already (by a
/// second click or another tab), and then the import must not commit.
pub async fn mark_applied(
    txn: &impl ConnectionTrait,
    id: i32,
    summary: &str,
    now: DateTime<Utc>,
) -> Result<bool, DbErr> {
    let done = history_batch::Entity::update_many()
        .col_expr(history_batch::Column::AppliedAt, Expr::value(now))
        .col_expr(history_batch::Column::Summary, Expr::value(summary))
        .col_expr(
            history_batch::Column::Content,
            Expr::value(Vec::<u8>::new()),
        )
        .filter(history_batch::Column::Id.eq(id))
        .filter(history_batch::Column::AppliedAt.is_null())
        .exec(txn)
        .await?;
    Ok(done.rows_affected == 1)
}

/// Deletes the batches `account_id` uploaded (their account is deleted:
/// the files hold other people's data that nobody else may open).
pub async fn forget(db: &impl ConnectionTrait, account_id: i32) -> Result<(), DbErr> {
    history_batch::Entity::delete_many()
        .filter(history_batch::Column::UploadedBy.eq(account_id))
        .exec(db)
        .await?;
    Ok(())
}

/// The batch as the pages show it.
pub fn upload_of(b: &history_batch::Model) -> Upload {
    Upload {
        id: b.id,
        file_name: b.file_name.clone(),
        uploaded_at: b.uploaded_at,
        applied_at: b.applied_at,
    }
}

/// The batches `who` may see (their own; every one for an
/// administrator), newest first, at most 100.
pub async fn list(db: &impl ConnectionTrait, who: Seeker) -> Result<Vec<Upload>, DbErr> {
    let mut q = history_batch::Entity::find()
        .order_by_desc(history_batch::Column::Id)
        .limit(100);
    if !who.is_admin {
        q = q.filter(history_batch::Column::UploadedBy.eq(who.account_id));
    }
    Ok(q.all(db).await?.iter().map(upload_of).collect())
}
