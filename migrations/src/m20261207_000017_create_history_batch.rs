//! A history file uploaded on `/manage/history`, kept between the upload
//! and the import so the preview and the import read the same bytes (the
//! bytes as uploaded: a file that is not UTF-8 is refused with its reason
//! on the preview). Once imported, its content is emptied: the file holds
//! other people's names and addresses, and only the counts stay.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum HistoryBatch {
    Table,
    Id,
    UploadedBy,
    FileName,
    Content,
    UploadedAt,
    AppliedAt,
    Summary,
}

#[derive(DeriveIden)]
enum Account {
    Table,
    Id,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(HistoryBatch::Table)
                    .col(pk_auto(HistoryBatch::Id))
                    .col(integer(HistoryBatch::UploadedBy))
                    .col(string_len(HistoryBatch::FileName, 255))
                    .col(blob(HistoryBatch::Content))
                    .col(timestamp_with_time_zone(HistoryBatch::UploadedAt))
                    .col(timestamp_with_time_zone_null(HistoryBatch::AppliedAt))
                    .col(text(HistoryBatch::Summary))
                    .foreign_key(
                        ForeignKey::create()
                            .from(HistoryBatch::Table, HistoryBatch::UploadedBy)
                            .to(Account::Table, Account::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_history_batch_uploaded_by")
                    .table(HistoryBatch::Table)
                    .col(HistoryBatch::UploadedBy)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(HistoryBatch::Table).to_owned())
            .await
    }
}
