//! Start-up, migrations and seeding against real SQLite and PostgreSQL.

use crate::common::{self, Backend, TestApp, on_both_backends, on_each_backend};
use camp_connect::config::DatabaseUrl;
use camp_connect::db;
use camp_connect::seed::{SeedOutcome, seed_demo};
use camp_connect_app::store::catalogue;
use camp_connect_migrations::{Migrator, MigratorTrait};
use chrono::{TimeZone, Utc};

async fn migrations_are_reversible(app: TestApp) {
    Migrator::down(&app.db, None).await.expect("down");
    Migrator::up(&app.db, None).await.expect("up again");
    assert_eq!(
        seed_demo(&app.db).await.unwrap(),
        SeedOutcome::Inserted {
            programmes: 2,
            cohorts: 3,
            tracks: 12,
            accounts: 6,
        }
    );
}

async fn seeding_twice_changes_nothing(app: TestApp) {
    assert_eq!(
        seed_demo(&app.db).await.unwrap(),
        SeedOutcome::AlreadyPopulated
    );
    let programmes = catalogue::list_programmes(&app.db, Utc::now())
        .await
        .unwrap();
    assert_eq!(programmes.len(), 2);
}

async fn status_is_derived_from_dates(app: TestApp) {
    let at = |y, m, d| Utc.with_ymd_and_hms(y, m, d, 0, 0, 0).unwrap();
    let status = |now| {
        let db = app.db.clone();
        async move {
            catalogue::cohort_detail(&db, "connect", "2027", now)
                .await
                .unwrap()
                .unwrap()
                .cohort
                .status
        }
    };
    use camp_connect_app::domain::catalogue::CohortStatus::*;
    assert_eq!(status(at(2026, 10, 1)).await, Planned);
    assert_eq!(status(at(2026, 12, 1)).await, Open);
    assert_eq!(status(at(2027, 2, 1)).await, Reviewing);
    assert_eq!(status(at(2027, 3, 2)).await, Running);
    assert_eq!(status(at(2027, 4, 1)).await, Finished);
}

on_both_backends!(reversible, true, migrations_are_reversible);
on_both_backends!(seed_idempotent, true, seeding_twice_changes_nothing);
on_both_backends!(derived_status, true, status_is_derived_from_dates);

#[test]
fn unreachable_postgres_fails_with_one_clear_line() {
    common::runtime().block_on(unreachable_postgres());
}

async fn unreachable_postgres() {
    // Port 1 on loopback: nothing listens there.
    let url = DatabaseUrl::parse("postgres://nobody@127.0.0.1:1/none").unwrap();
    let err = db::connect(&url).await.unwrap_err().to_string();
    assert!(
        err.starts_with("cannot connect to the database at postgres://"),
        "{err}"
    );
    assert!(!err.contains('\n'), "one line: {err}");
}

/// `DATABASE_POOL_SIZE` sizes a PostgreSQL pool; an SQLite file keeps its
/// own size.
async fn pool_size(backend: Backend) {
    let Some(test_db) = common::make_db(backend).await else {
        return;
    };
    let conn = db::connect_with_pool(&test_db.url, 3)
        .await
        .expect("connect");
    let (max, want) = match backend {
        Backend::Postgres => (
            conn.get_postgres_connection_pool()
                .options()
                .get_max_connections(),
            3,
        ),
        Backend::Sqlite => (
            conn.get_sqlite_connection_pool()
                .options()
                .get_max_connections(),
            db::SQLITE_POOL_SIZE,
        ),
    };
    assert_eq!(max, want);
    conn.close().await.unwrap();
}
on_each_backend!(pool_sizes, pool_size);

#[test]
fn sqlite_creates_its_folder() {
    common::runtime().block_on(sqlite_folder());
}

async fn sqlite_folder() {
    let dir = std::env::temp_dir().join(format!("cc-folder-{}", common::unique_name()));
    let _ = std::fs::remove_dir_all(&dir);
    let url = DatabaseUrl::parse(&format!("sqlite://{}/sub/app.db", dir.display())).unwrap();
    let conn = db::connect(&url).await.expect("connect creates the file");
    db::migrate(&conn, &url).await.expect("migrate");
    assert!(dir.join("sub/app.db").exists());
    conn.close().await.unwrap();
    std::fs::remove_dir_all(&dir).unwrap();
}
