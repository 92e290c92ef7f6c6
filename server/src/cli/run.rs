//! Carrying out a [`Command`]: the one-off tasks here, `serve` in
//! [`crate::serve`].

use super::{Command, MigrateAction};
use crate::config::Config;
use crate::{backup, db, seed, serve, telemetry};
use camp_connect_app::store::account::retention::{purge, purge_plan};
use sea_orm::DatabaseConnection;

/// Reads the configuration, starts the logs and runs `command`; an error
/// is one line saying what failed.
pub async fn run(command: Command) -> Result<(), String> {
    if let Command::SeedHistory(out) = &command {
        let g = seed::history::write(out)
            .map_err(|e| format!("cannot write {}: {e}", out.display()))?;
        println!(
            "wrote {}: {} rows ({} broken on purpose), {} people",
            out.display(),
            g.rows,
            g.broken,
            g.people
        );
        return Ok(());
    }
    let config = Config::from_env().map_err(|e| e.to_string())?;
    telemetry::init(config.log_format);
    // Before connecting: a restore replaces the SQLite file itself.
    match &command {
        Command::Backup(file) => {
            return backup::backup(&config.database_url, file)
                .await
                .map(|()| println!("backup written to {}", file.display()))
                .map_err(|e| e.to_string());
        }
        Command::Restore(file) => {
            let kept = backup::restore(&config.database_url, file)
                .await
                .map_err(|e| e.to_string())?;
            println!("restored from {}", file.display());
            if let Some(kept) = kept {
                println!("the database as it was is kept in {}", kept.display());
            }
            return Ok(());
        }
        _ => {}
    }
    let conn = db::connect_with_pool(&config.database_url, config.database_pool_size)
        .await
        .map_err(|e| e.to_string())?;
    match command {
        Command::Serve => serve::serve(config, conn).await?,
        Command::Migrate(action) => migrate_action(&conn, &config, action).await?,
        Command::SeedDemo => {
            migrate(&conn, &config).await?;
            let outcome = seed::seed_demo(&conn).await.map_err(|e| e.to_string())?;
            tracing::info!(?outcome, "demo data");
        }
        Command::SeedScale(n) => {
            migrate(&conn, &config).await?;
            seed::seed_demo(&conn).await.map_err(|e| e.to_string())?;
            let scaled = seed::review::seed_scale(&conn, n)
                .await
                .map_err(|e| format!("cannot seed {n} applications: {e}"))?;
            println!("{scaled:?}");
        }
        Command::SeedScaleAlumni(n) => {
            migrate(&conn, &config).await?;
            seed::seed_demo(&conn).await.map_err(|e| e.to_string())?;
            let added = seed::alumni::seed_scale_alumni(&conn, n)
                .await
                .map_err(|e| format!("cannot seed {n} alumni: {e}"))?;
            println!("added {added} alumni");
        }
        Command::CreateAdmin(email) => {
            migrate(&conn, &config).await?;
            let id =
                camp_connect_app::store::identity::make_admin(&conn, &email, chrono::Utc::now())
                    .await
                    .map_err(|e| format!("cannot make {email} an administrator: {e}"))?;
            println!("{email} (account {id}) is an administrator");
        }
        Command::Import { file, dry_run } => {
            let bytes =
                std::fs::read(&file).map_err(|e| format!("cannot read {}: {e}", file.display()))?;
            migrate(&conn, &config).await?;
            println!("{}", super::import::import(&conn, &bytes, dry_run).await?);
        }
        Command::Purge { dry_run } => {
            let years = config.retention_years.ok_or(
                "RETENTION_YEARS is not set: set it to the years an application is kept after its cohort ends",
            )?;
            let now = chrono::Utc::now();
            let cohorts = if dry_run {
                purge_plan(&conn, years, now).await
            } else {
                purge(&conn, years, now).await
            }
            .map_err(|e| format!("cannot purge: {e}"))?;
            println!("{}", purge_report(&cohorts, years, dry_run));
        }
        Command::Backup(_) | Command::Restore(_) | Command::SeedHistory(_) => {}
    }
    Ok(())
}

/// Applies pending migrations, as every task that writes data does first.
async fn migrate(conn: &DatabaseConnection, config: &Config) -> Result<(), String> {
    db::migrate(conn, &config.database_url)
        .await
        .map_err(|e| e.to_string())
}

/// `migrate status`, `up` and `down`: prints the list, or the migrations
/// the step applied or rolled back.
async fn migrate_action(
    conn: &DatabaseConnection,
    config: &Config,
    action: MigrateAction,
) -> Result<(), String> {
    let status = || async {
        db::migration_status(conn)
            .await
            .map_err(|e| format!("cannot read the migrations: {e}"))
    };
    let before = status().await?;
    let url = &config.database_url;
    let (verb, nothing, result) = match action {
        MigrateAction::Status => {
            println!("{}", status_report(&before));
            return Ok(());
        }
        MigrateAction::Up { steps } => (
            "applied",
            "nothing to apply",
            db::migrate_up(conn, url, steps).await,
        ),
        MigrateAction::Down { steps } => (
            "rolled back",
            "nothing to roll back",
            db::migrate_down(conn, url, steps).await,
        ),
    };
    result.map_err(|e| e.to_string())?;
    let after = status().await?;
    let mut moved: Vec<&str> = after
        .iter()
        .filter(|m| !before.contains(m))
        .map(|m| m.name.as_str())
        .collect();
    // In the order they ran: `down` takes the newest first.
    if matches!(action, MigrateAction::Down { .. }) {
        moved.reverse();
    }
    if moved.is_empty() {
        println!("{nothing}: {}", summary(&after));
    }
    for name in moved {
        println!("{verb} {name}");
    }
    Ok(())
}

/// What `migrate status` prints: one line per migration, oldest first,
/// then the counts.
fn status_report(migrations: &[db::Migration]) -> String {
    let mut out = String::new();
    for m in migrations {
        out.push_str(match m.state {
            db::MigrationState::Applied => "applied  ",
            db::MigrationState::Pending => "pending  ",
            db::MigrationState::Unknown => "applied  (not known to this version) ",
        });
        out.push_str(&m.name);
        out.push('\n');
    }
    out.push_str(&summary(migrations));
    out
}

/// The counts of applied and pending migrations, in words.
fn summary(migrations: &[db::Migration]) -> String {
    let pending = migrations
        .iter()
        .filter(|m| m.state == db::MigrationState::Pending)
        .count();
    format!("{} applied, {pending} pending", migrations.len() - pending)
}

/// What `purge` prints: one line per cohort (what went, or with
/// `dry_run` what would go) and the total.
fn purge_report(
    cohorts: &[camp_connect_app::store::account::retention::CohortPurge],
    years: u32,
    dry_run: bool,
) -> String {
    let verb = if dry_run {
        "would anonymise"
    } else {
        "anonymised"
    };
    let mut out = String::new();
    for c in cohorts {
        out.push_str(&format!(
            "{}/{} (ended {}): {verb} {} applications\n",
            c.programme,
            c.cohort,
            camp_connect_app::domain::time::to_jst(c.ended).date_naive(),
            c.applications
        ));
    }
    let total: usize = cohorts.iter().map(|c| c.applications).sum();
    out.push_str(&format!(
        "{verb} {total} applications in {} cohorts that ended more than {years} years ago",
        cohorts.len()
    ));
    out
}
