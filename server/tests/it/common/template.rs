//! Migrated databases made once per run and copied for every test: running
//! the migrations and the demo seed for each of the ~300 tests cost more
//! than the tests themselves. A copy is the same database a fresh
//! migrate-and-seed makes (ids and sequences included), minus the wait.

use super::{Backend, Cleanup, TestDb, make_db, postgres_admin_url};
use camp_connect::{db, seed};
use sea_orm::{ConnectionTrait, Database};
use tokio::sync::{Mutex, OnceCell};

/// What a template holds: just the schema, or the schema and the demo.
fn label(with_demo: bool) -> &'static str {
    if with_demo { "demo" } else { "empty" }
}

/// Where a template lives.
enum Template {
    /// An SQLite file, copied with `std::fs::copy`.
    File(std::path::PathBuf),
    /// A PostgreSQL database, copied with `CREATE DATABASE … TEMPLATE`.
    Pg(String),
}

static TEMPLATES: [[OnceCell<Option<Template>>; 2]; 2] = [
    [OnceCell::const_new(), OnceCell::const_new()],
    [OnceCell::const_new(), OnceCell::const_new()],
];

/// PostgreSQL refuses to copy a template while another copy of it is being
/// made; copies are quick, so one at a time.
static PG_COPY: Mutex<()> = Mutex::const_new(());

/// A database for one test, migrated (and seeded when `with_demo`), removed
/// after it; `None` when PostgreSQL is unavailable outside CI.
pub async fn migrated_db(backend: Backend, with_demo: bool) -> Option<TestDb> {
    let cell = &TEMPLATES[backend as usize][usize::from(with_demo)];
    let template = cell.get_or_init(|| make_template(backend, with_demo)).await;
    match template.as_ref()? {
        Template::File(source) => {
            let copy = make_db(Backend::Sqlite).await?;
            let Cleanup::File(path) = &copy.cleanup else {
                unreachable!("an SQLite test database is a file")
            };
            std::fs::copy(source, path).expect("copy the template database");
            Some(copy)
        }
        Template::Pg(template) => {
            let admin = postgres_admin_url();
            let name = super::unique_name();
            let conn = Database::connect(&admin).await.expect("PostgreSQL admin");
            {
                let _one_at_a_time = PG_COPY.lock().await;
                conn.execute_unprepared(&format!(
                    "CREATE DATABASE \"{name}\" TEMPLATE \"{template}\""
                ))
                .await
                .expect("copy the template database");
            }
            let _ = conn.close().await;
            Some(TestDb::on_postgres(admin, name))
        }
    }
}

/// Migrates (and seeds) a database of its own and closes it, so it can be
/// copied; it stays for the rest of the run.
async fn make_template(backend: Backend, with_demo: bool) -> Option<Template> {
    remove_stale_templates(backend).await;
    let name = format!("cc_template_{}_{}", std::process::id(), label(with_demo));
    let (url, template) = match backend {
        Backend::Sqlite => {
            let path = std::env::temp_dir()
                .join("camp-connect-tests")
                .join(format!("{name}.db"));
            std::fs::create_dir_all(path.parent().expect("a folder")).expect("temp dir");
            let _ = std::fs::remove_file(&path);
            let url = format!("sqlite://{}", path.display());
            (url, Template::File(path))
        }
        Backend::Postgres => {
            // make_db says whether PostgreSQL is there (and fails in CI when
            // it is not); its database is dropped at once, the name reused.
            drop(make_db(Backend::Postgres).await?);
            let admin = postgres_admin_url();
            let conn = Database::connect(&admin).await.expect("PostgreSQL admin");
            conn.execute_unprepared(&format!("CREATE DATABASE \"{name}\""))
                .await
                .expect("create the template database");
            let _ = conn.close().await;
            let base = admin.rsplit_once('/').map(|(b, _)| b).expect("a path");
            (format!("{base}/{name}"), Template::Pg(name))
        }
    };
    let url = camp_connect::config::DatabaseUrl::parse(&url).expect("url");
    let conn = db::connect(&url).await.expect("connect to the template");
    db::migrate(&conn, &url)
        .await
        .expect("migrate the template");
    if with_demo {
        seed::seed_demo(&conn).await.expect("seed the template");
    }
    // Closed, so SQLite folds its write-ahead log into the file and
    // PostgreSQL lets it be used as a template.
    conn.close().await.expect("close the template");
    Some(template)
}

/// Removes the templates of earlier runs whose process has ended (a test
/// binary cannot clean up after its last test).
async fn remove_stale_templates(backend: Backend) {
    let stale = |name: &str| {
        name.strip_prefix("cc_template_")
            .and_then(|rest| rest.split('_').next())
            .and_then(|pid| pid.parse::<u32>().ok())
            .is_some_and(|pid| {
                pid != std::process::id() && !std::path::Path::new(&format!("/proc/{pid}")).exists()
            })
    };
    match backend {
        Backend::Sqlite => {
            let dir = std::env::temp_dir().join("camp-connect-tests");
            for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
                let name = entry.file_name().to_string_lossy().into_owned();
                if stale(&name) {
                    let _ = std::fs::remove_file(entry.path());
                }
            }
        }
        Backend::Postgres => {
            let Ok(conn) = Database::connect(&postgres_admin_url()).await else {
                return;
            };
            let rows = conn
                .query_all_raw(sea_orm::Statement::from_string(
                    conn.get_database_backend(),
                    "SELECT datname FROM pg_database WHERE datname LIKE 'cc_template_%'",
                ))
                .await
                .unwrap_or_default();
            for row in rows {
                let Ok(name) = row.try_get::<String>("", "datname") else {
                    continue;
                };
                if stale(&name) {
                    let _ = conn
                        .execute_unprepared(&format!(
                            "DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)"
                        ))
                        .await;
                }
            }
            let _ = conn.close().await;
        }
    }
}
