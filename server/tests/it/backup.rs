//! `camp-connect backup` and `restore` round-trip every row of every table,
//! on SQLite and PostgreSQL; a bad file is refused with nothing changed.

use crate::common::contents::contents;
use crate::common::{self, TestApp};
use camp_connect::backup::{BackupError, backup, restore};
use camp_connect::config::Backend;
use sea_orm::{ConnectionTrait, Database};
use std::path::PathBuf;

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
