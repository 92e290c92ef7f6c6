//! `camp-connect backup` and `restore` round-trip every row of every table,
//! on SQLite and PostgreSQL; a bad file is refused with nothing changed.

mod common;

use camp_connect::backup::{BackupError, backup, restore};
use camp_connect::config::Backend;
use common::TestApp;
use sea_orm::{ConnectionTrait, Database, DatabaseConnection, Statement};
use std::collections::BTreeMap;
use std::path::PathBuf;

/// Every table's rows, each column cast to text, sorted.
async fn contents(db: &DatabaseConnection) -> BTreeMap<String, Vec<Vec<Option<String>>>> {
    let backend = db.get_database_backend();
    let sql = |s: &str| Statement::from_string(backend, s);
    let postgres = backend == sea_orm::DatabaseBackend::Postgres;
    let tables_sql = if postgres {
        "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1"
    } else {
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY 1"
    };
    let mut out = BTreeMap::new();
    for t in db.query_all_raw(sql(tables_sql)).await.unwrap() {
        let table: String = t.try_get_by_index(0).unwrap();
        let columns_sql = if postgres {
            format!(
                "SELECT column_name::text FROM information_schema.columns \
                 WHERE table_schema = 'public' AND table_name = '{table}' ORDER BY ordinal_position"
            )
        } else {
            format!("SELECT name FROM pragma_table_info('{table}') ORDER BY cid")
        };
        let columns: Vec<String> = db
            .query_all_raw(sql(&columns_sql))
            .await
            .unwrap()
            .iter()
            .map(|r| r.try_get_by_index(0).unwrap())
            .collect();
        let select = columns
            .iter()
            .map(|c| format!("CAST(\"{c}\" AS TEXT)"))
            .collect::<Vec<_>>()
            .join(", ");
        let mut rows: Vec<Vec<Option<String>>> = db
            .query_all_raw(sql(&format!("SELECT {select} FROM \"{table}\"")))
            .await
            .unwrap()
            .iter()
            .map(|r| {
                (0..columns.len())
                    .map(|i| r.try_get_by_index::<Option<String>>(i).unwrap())
                    .collect()
            })
            .collect();
        rows.sort();
        out.insert(table, rows);
    }
    out
}

fn backup_file(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join("camp-connect-tests");
    std::fs::create_dir_all(&dir).unwrap();
    dir.join(format!("{}-{name}", common::unique_name()))
}

async fn round_trip(app: TestApp) {
    let url = app.test_db.url.clone();
    let before = contents(&app.db).await;
    assert!(before["account"].len() > 3, "the demo data is there");
    assert!(before["programme"].len() >= 2);

    let file = backup_file("backup");
    backup(&url, &file).await.unwrap();
    assert!(
        matches!(backup(&url, &file).await, Err(BackupError::Exists(_))),
        "a backup never overwrites a file"
    );

    // Changes after the backup: the restore takes them back.
    app.db
        .execute_unprepared("DELETE FROM audit_event")
        .await
        .unwrap();
    app.db
        .execute_unprepared("UPDATE account SET name_en = 'changed'")
        .await
        .unwrap();
    assert_ne!(contents(&app.db).await, before);

    // A file that is no backup is refused, and nothing changes.
    let junk = backup_file("junk");
    std::fs::write(&junk, "not a database").unwrap();
    assert!(restore(&url, &junk).await.is_err());
    let missing = backup_file("missing");
    assert!(matches!(
        restore(&url, &missing).await,
        Err(BackupError::Unreadable { .. })
    ));
    assert_eq!(
        contents(&app.db).await["account"][0].len(),
        before["account"][0].len()
    );

    // SQLite's file is replaced: the running pool must be closed first, as
    // the instances must be stopped in production.
    let changed = contents(&app.db).await;
    app.db.clone().close().await.unwrap();
    let kept = restore(&url, &file).await.unwrap();
    let db = Database::connect(url.as_str()).await.unwrap();
    assert_eq!(contents(&db).await, before, "every row is back");
    if let Some(kept) = kept {
        let old = Database::connect(format!("sqlite://{}", kept.display()))
            .await
            .unwrap();
        assert_eq!(
            contents(&old).await,
            changed,
            "the replaced database is kept"
        );
        old.close().await.unwrap();
        let _ = std::fs::remove_file(kept);
    }
    db.close().await.unwrap();
    for f in [file, junk] {
        let _ = std::fs::remove_file(f);
    }
}

#[test]
fn round_trip_sqlite() {
    common::runtime().block_on(async {
        let app = common::boot(common::Backend::Sqlite, true).await.unwrap();
        assert_eq!(app.test_db.url.backend(), Backend::Sqlite);
        round_trip(app).await;
    });
}

#[test]
fn round_trip_postgres() {
    common::runtime().block_on(async {
        if let Some(app) = common::boot(common::Backend::Postgres, true).await {
            round_trip(app).await;
        }
    });
}
