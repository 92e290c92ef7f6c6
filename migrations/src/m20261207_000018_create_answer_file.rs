//! File answers: a question kind `file` with its limits (the largest size
//! in MB and the types accepted), and `answer_file`, the uploaded bytes
//! themselves. They live in the database, not on a disk: every instance
//! behind the load balancer reads them without a shared volume, backups
//! hold them, and deleting an application or an account removes them in
//! the same transaction.
//!
//! The question kinds are a CHECK constraint. PostgreSQL drops and adds it;
//! SQLite cannot alter a constraint, and rebuilding the table would cascade
//! its deletion into every answer, so the table's stored definition is
//! edited instead, as SQLite's documentation describes for a change that
//! leaves every stored row valid (widening a CHECK), in one transaction.

use sea_orm_migration::sea_orm::{ConnectionTrait, DbBackend, Statement};
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Question {
    Table,
    Id,
    MaxMb,
    FileTypes,
}

#[derive(DeriveIden)]
enum AnswerFile {
    Table,
    Id,
    ApplicationId,
    QuestionId,
    Name,
    Kind,
    Size,
    Sha256,
    Content,
    UploadedAt,
}

#[derive(DeriveIden)]
enum Application {
    Table,
    Id,
}

/// The kinds before this migration, as the CHECK lists them.
const OLD_KINDS: &str = "'long_text', 'short_text', 'single_choice', 'multiple_choice', 'url'";
/// The kinds after it.
const NEW_KINDS: &str =
    "'long_text', 'short_text', 'single_choice', 'multiple_choice', 'url', 'file'";

/// Rewrites the question table's CHECK on its kinds from `from` to `to`.
async fn set_kinds(manager: &SchemaManager<'_>, from: &str, to: &str) -> Result<(), DbErr> {
    let db = manager.get_connection();
    match manager.get_database_backend() {
        DbBackend::Postgres => {
            db.execute_unprepared(&format!(
                "ALTER TABLE question DROP CONSTRAINT IF EXISTS question_kind_check; \
                 ALTER TABLE question ADD CONSTRAINT question_kind_check CHECK (kind IN ({to}))"
            ))
            .await?;
        }
        DbBackend::Sqlite => {
            let row = db
                .query_one_raw(Statement::from_string(
                    DbBackend::Sqlite,
                    "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'question'",
                ))
                .await?
                .ok_or_else(|| DbErr::Migration("no question table".into()))?;
            let sql: String = row.try_get_by_index(0)?;
            // The constraint as sea-query wrote it; anything else is a
            // schema this migration does not know, and it stops.
            let (old, new) = (format!("IN ({from})"), format!("IN ({to})"));
            if sql.matches(&old).count() != 1 {
                return Err(DbErr::Migration(format!(
                    "the question table's kinds are not as expected: {sql}"
                )));
            }
            let version: i64 = db
                .query_one_raw(Statement::from_string(
                    DbBackend::Sqlite,
                    "PRAGMA schema_version",
                ))
                .await?
                .ok_or_else(|| DbErr::Migration("no schema version".into()))?
                .try_get_by_index(0)?;
            db.execute_unprepared("PRAGMA writable_schema = ON").await?;
            db.execute_raw(Statement::from_sql_and_values(
                DbBackend::Sqlite,
                "UPDATE sqlite_master SET sql = ? WHERE type = 'table' AND name = 'question'",
                [sql.replace(&old, &new).into()],
            ))
            .await?;
            db.execute_unprepared(&format!("PRAGMA schema_version = {}", version + 1))
                .await?;
            db.execute_unprepared("PRAGMA writable_schema = OFF")
                .await?;
        }
        other => {
            return Err(DbErr::Migration(format!("unsupported backend {other:?}")));
        }
    }
    Ok(())
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    // One transaction on SQLite too: the schema edit and the rest of the
    // migration happen together, on one connection, or not at all.
    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }

    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        set_kinds(manager, OLD_KINDS, NEW_KINDS).await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Question::Table)
                    .add_column(integer_null(Question::MaxMb))
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Question::Table)
                    .add_column(text(Question::FileTypes).default(""))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(AnswerFile::Table)
                    .col(pk_auto(AnswerFile::Id))
                    .col(integer(AnswerFile::ApplicationId))
                    .col(integer(AnswerFile::QuestionId))
                    .col(string_len(AnswerFile::Name, 255))
                    .col(string_len(AnswerFile::Kind, 8).check(
                        Expr::col(AnswerFile::Kind).is_in(["pdf", "zip", "png", "jpeg", "text"]),
                    ))
                    .col(big_integer(AnswerFile::Size))
                    .col(string_len(AnswerFile::Sha256, 64))
                    .col(blob(AnswerFile::Content))
                    .col(timestamp_with_time_zone(AnswerFile::UploadedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(AnswerFile::Table, AnswerFile::ApplicationId)
                            .to(Application::Table, Application::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(AnswerFile::Table, AnswerFile::QuestionId)
                            .to(Question::Table, Question::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_answer_file_application_question")
                    .table(AnswerFile::Table)
                    .col(AnswerFile::ApplicationId)
                    .col(AnswerFile::QuestionId)
                    .unique()
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(AnswerFile::Table).to_owned())
            .await?;
        // File questions cannot exist under the old CHECK: they go, with
        // their answers (cascade).
        manager
            .get_connection()
            .execute_unprepared("DELETE FROM question WHERE kind = 'file'")
            .await?;
        for column in [Question::MaxMb, Question::FileTypes] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Question::Table)
                        .drop_column(column)
                        .to_owned(),
                )
                .await?;
        }
        set_kinds(manager, NEW_KINDS, OLD_KINDS).await
    }
}
