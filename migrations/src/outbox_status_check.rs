//! Changing the list of statuses the outbox's `status` CHECK allows.
//! PostgreSQL replaces the constraint; SQLite cannot alter a constraint,
//! so the outbox's two tables are rebuilt from their own stored schema
//! with the new list (SQLite's documented way: new table, copy, drop,
//! rename), inside the migration's transaction, keeping every row, id and
//! index.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::{ConnectionTrait, DbBackend, Statement};

/// Allows exactly `statuses` in `outbox_message.status`.
pub async fn allow_statuses(manager: &SchemaManager<'_>, statuses: &[&str]) -> Result<(), DbErr> {
    let list = statuses
        .iter()
        .map(|s| format!("'{s}'"))
        .collect::<Vec<_>>()
        .join(", ");
    let db = manager.get_connection();
    if db.get_database_backend() != DbBackend::Sqlite {
        db.execute_unprepared(
            "ALTER TABLE outbox_message DROP CONSTRAINT IF EXISTS outbox_message_status_check",
        )
        .await?;
        return db
            .execute_unprepared(&format!(
                "ALTER TABLE outbox_message ADD CONSTRAINT outbox_message_status_check \
                 CHECK (status IN ({list}))"
            ))
            .await
            .map(|_| ());
    }
    let schema = |sql: &str| Statement::from_string(DbBackend::Sqlite, sql.to_string());
    let rows = db
        .query_all_raw(schema(
            "SELECT type, name, sql FROM sqlite_master \
             WHERE tbl_name IN ('outbox_message', 'outbox_attempt') AND sql IS NOT NULL",
        ))
        .await?;
    let mut tables = std::collections::BTreeMap::new();
    let mut indexes = Vec::new();
    for r in rows {
        let (kind, name, sql): (String, String, String) = (
            r.try_get_by_index(0)?,
            r.try_get_by_index(1)?,
            r.try_get_by_index(2)?,
        );
        if kind == "table" {
            tables.insert(name, sql);
        } else {
            indexes.push(sql);
        }
    }
    let (Some(message), Some(attempt)) =
        (tables.get("outbox_message"), tables.get("outbox_attempt"))
    else {
        return Err(DbErr::Migration("the outbox tables are missing".into()));
    };
    let message = with_status_list(message, &list)?.replacen(
        "CREATE TABLE \"outbox_message\"",
        "CREATE TABLE \"outbox_message_new\"",
        1,
    );
    let attempt = attempt
        .replacen(
            "CREATE TABLE \"outbox_attempt\"",
            "CREATE TABLE \"outbox_attempt_new\"",
            1,
        )
        .replace(
            "REFERENCES \"outbox_message\"",
            "REFERENCES \"outbox_message_new\"",
        );
    for sql in [
        message.as_str(),
        "INSERT INTO outbox_message_new SELECT * FROM outbox_message",
        attempt.as_str(),
        "INSERT INTO outbox_attempt_new SELECT * FROM outbox_attempt",
        // Children first: dropping the messages then deletes nothing.
        "DROP TABLE outbox_attempt",
        "DROP TABLE outbox_message",
        // Renaming also renames the new attempts' reference to it.
        "ALTER TABLE outbox_message_new RENAME TO outbox_message",
        "ALTER TABLE outbox_attempt_new RENAME TO outbox_attempt",
    ] {
        db.execute_unprepared(sql).await?;
    }
    for sql in indexes {
        db.execute_unprepared(&sql).await?;
    }
    Ok(())
}

/// `create` (the stored CREATE TABLE of the messages) with its status
/// CHECK listing `list`.
fn with_status_list(create: &str, list: &str) -> Result<String, DbErr> {
    let head = "CHECK (\"status\" IN (";
    let start = create
        .find(head)
        .ok_or_else(|| DbErr::Migration("no status check on outbox_message".into()))?
        + head.len();
    let end = create[start..]
        .find(')')
        .ok_or_else(|| DbErr::Migration("an unclosed status check".into()))?
        + start;
    Ok(format!("{}{list}{}", &create[..start], &create[end..]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_status_list_changes() {
        let create = "CREATE TABLE \"outbox_message\" ( \"language\" varchar(8) NOT NULL CHECK (\"language\" IN ('ja', 'en')), \"status\" varchar(16) NOT NULL CHECK (\"status\" IN ('pending', 'failed')), \"attempts\" integer )";
        assert_eq!(
            with_status_list(create, "'pending', 'failed', 'skipped'").unwrap(),
            "CREATE TABLE \"outbox_message\" ( \"language\" varchar(8) NOT NULL CHECK (\"language\" IN ('ja', 'en')), \"status\" varchar(16) NOT NULL CHECK (\"status\" IN ('pending', 'failed', 'skipped')), \"attempts\" integer )"
        );
        assert!(with_status_list("CREATE TABLE x (a int)", "'a'").is_err());
    }
}
