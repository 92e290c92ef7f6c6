//! The `camp-connect` command line: [`parse`] reads the arguments into a
//! [`Command`] (with clap, so every command answers `--help` and none takes
//! `--help` for a file name), [`run`] carries it out.

mod import;
mod run;

pub use run::run;

use clap::{Args, Parser, Subcommand};
use std::ffi::OsString;
use std::path::PathBuf;

/// What the binary was asked to do.
#[derive(Debug, PartialEq, Eq)]
pub enum Command {
    /// Serve the web app (the default).
    Serve,
    /// Show or move the database's migrations.
    Migrate(MigrateAction),
    /// Migrate, then load the demo data if the database has no programme.
    SeedDemo,
    /// Migrate, load the demo data, then fill one track with this many
    /// reviewed applications (the review benchmark's data).
    SeedScale(usize),
    /// Migrate, load the demo data, then add this many alumni with
    /// profiles (the directory benchmark's data).
    SeedScaleAlumni(usize),
    /// Write the generated history file (for the import and its tests)
    /// to this path; needs no database.
    SeedHistory(PathBuf),
    /// Import a history file; with `dry_run`, only say what would happen.
    Import {
        /// The CSV file.
        file: PathBuf,
        /// Show the outcome of every row, change nothing.
        dry_run: bool,
    },
    /// Make the account with this email an instance administrator.
    CreateAdmin(String),
    /// Write a consistent snapshot of the database to this new file.
    Backup(PathBuf),
    /// Replace the database with this backup (instances stopped).
    Restore(PathBuf),
    /// Anonymise the applications of cohorts that ended more than
    /// `RETENTION_YEARS` ago; with `dry_run`, only say what would go.
    Purge {
        /// Count per cohort, change nothing.
        dry_run: bool,
    },
}

/// What `migrate` does to the schema; plain `migrate` is `up` with no count.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Subcommand)]
pub enum MigrateAction {
    /// List the applied and the pending migrations
    Status,
    /// Apply the pending migrations (all of them, or the next N)
    Up {
        /// How many to apply, oldest first; all when left out
        #[arg(value_name = "N", value_parser = count(u32::MAX))]
        steps: Option<u32>,
    },
    /// Roll back the last N applied migrations (stop every instance first)
    Down {
        /// How many to roll back, newest first
        #[arg(value_name = "N", value_parser = count(u32::MAX))]
        steps: u32,
    },
}

/// The most applications or alumni `seed --scale` and `--scale-alumni` add.
pub const MAX_SCALE: u32 = 1_000_000;

/// The settings part of the top-level `--help`: the server reads no
/// options, only the environment, so an operator looks here first.
const CONFIGURATION: &str = "\
Configuration (environment):
  DATABASE_URL        sqlite://data/camp-connect.db (default) or
                      postgres://user@host:port/db
  DATABASE_POOL_SIZE  PostgreSQL connections per instance, 1 to 1000 (default
                      10); an SQLite file always has 4
  LEPTOS_SITE_ADDR    listen address, default 127.0.0.1:3000
  LEPTOS_SITE_ROOT    the built site folder, default target/site
  LEPTOS_HASH_FILE_NAME
                      the build's hash file (content-hashed JS, WASM, CSS),
                      default hash.txt beside the executable
  RUST_LOG            log filter, e.g. info or camp_connect=debug
  LOG_FORMAT          text (default) or json
  APP_ENV             development (default) or production
  PUBLIC_URL          the address people use, default http://<LEPTOS_SITE_ADDR>;
                      https:// required in production
  DEMO_SIGN_IN        true to offer demo accounts on /sign-in (refused in
                      production)
  RETENTION_YEARS     years an application is kept after its cohort ends (purge)

Every variable X can come from a file instead: X_FILE=/run/secrets/x reads the
file (without its trailing line break), for container and systemd secrets such
as DATABASE_URL, SMTP_URL, GITHUB_CLIENT_SECRET, OIDC_<NAME>_CLIENT_SECRET and
METRICS_TOKEN. Setting both X and X_FILE is refused.
docs/configuration.md lists every variable.";

/// The command line as clap reads it; [`parse`] turns it into a [`Command`].
#[derive(Debug, Parser)]
#[command(
    name = "camp-connect",
    version,
    about = "Camp Connect: applications, review and alumni for the Security Camp",
    after_help = "Settings come from the environment: `camp-connect --help` lists them.",
    after_long_help = CONFIGURATION
)]
struct Cli {
    /// What to do; `serve` when left out.
    #[command(subcommand)]
    task: Option<Task>,
}

/// The subcommands as spelled on the command line.
#[derive(Debug, Subcommand)]
enum Task {
    /// Serve the web app (the default)
    Serve,
    /// Apply pending database migrations (or: status, up [N], down N)
    Migrate {
        /// Left out: apply every pending migration.
        #[command(subcommand)]
        action: Option<MigrateAction>,
    },
    /// Migrate, then load demo or benchmark data
    Seed(Seed),
    /// Import past cohorts, their people and completions from a CSV file
    ///
    /// Migrates first. Prints every row that is not unchanged (created,
    /// matched, updated, refused with the reason) and a summary line;
    /// refused rows do not stop the import. docs/operations.md has the
    /// file's format.
    Import {
        /// The history file (UTF-8 CSV)
        file: PathBuf,
        /// Only show what would happen, writing nothing
        #[arg(long)]
        dry_run: bool,
    },
    /// Make an account an instance administrator (created if missing)
    ///
    /// Migrates first; the change is audit-logged.
    CreateAdmin {
        /// The account's email address
        #[arg(long, value_name = "ADDRESS", value_parser = email)]
        email: String,
    },
    /// Write a consistent snapshot of the database to a new file
    ///
    /// Runs while the site serves. SQLite: online, with VACUUM INTO;
    /// PostgreSQL: pg_dump --format=custom (pg_dump of the server's major
    /// version must be on the PATH).
    Backup {
        /// The file to create; an existing file is never overwritten
        file: PathBuf,
    },
    /// Replace the database with a backup; stop every instance first
    ///
    /// SQLite: the backup is checked and the current file kept as
    /// <db>.before-restore-<time>. PostgreSQL: pg_restore --clean in one
    /// transaction, so a failure changes nothing. Run `migrate` after
    /// restoring an older backup.
    Restore {
        /// The backup to bring back
        file: PathBuf,
    },
    /// Anonymise the applications of cohorts that ended more than
    /// RETENTION_YEARS years ago (audited)
    Purge {
        /// Only count them per cohort, changing nothing
        #[arg(long)]
        dry_run: bool,
    },
}

/// `seed`'s options: exactly one of them.
#[derive(Debug, Args)]
#[group(required = true, multiple = false)]
struct Seed {
    /// Load the demo data into an empty database
    #[arg(long)]
    demo: bool,
    /// Also fill Connect 2027's AI track with N reviewed applications and 30
    /// reviewers (the review benchmark)
    #[arg(long, value_name = "N", value_parser = count(MAX_SCALE))]
    scale: Option<u32>,
    /// Also add N alumni with profiles (the directory benchmark)
    #[arg(long, value_name = "N", value_parser = count(MAX_SCALE))]
    scale_alumni: Option<u32>,
    /// Write a generated history file (2004–2026, about 1,500 people) for
    /// `import` to OUT; needs no database
    #[arg(long, value_name = "OUT")]
    history: Option<PathBuf>,
}

impl From<Task> for Command {
    fn from(task: Task) -> Self {
        match task {
            Task::Serve => Command::Serve,
            Task::Migrate { action } => {
                Command::Migrate(action.unwrap_or(MigrateAction::Up { steps: None }))
            }
            Task::Seed(Seed { scale: Some(n), .. }) => Command::SeedScale(n as usize),
            Task::Seed(Seed {
                scale_alumni: Some(n),
                ..
            }) => Command::SeedScaleAlumni(n as usize),
            Task::Seed(Seed {
                history: Some(out), ..
            }) => Command::SeedHistory(out),
            // The group requires one option: here, --demo.
            Task::Seed(_) => Command::SeedDemo,
            Task::Import { file, dry_run } => Command::Import { file, dry_run },
            Task::CreateAdmin { email } => Command::CreateAdmin(email),
            Task::Backup { file } => Command::Backup(file),
            Task::Restore { file } => Command::Restore(file),
            Task::Purge { dry_run } => Command::Purge { dry_run },
        }
    }
}

/// Parses the arguments after the program name. `--help`, `--version` and
/// mistakes come back as the [`clap::Error`] to print; its
/// [`exit_code`](clap::Error::exit_code) is 0 for the first two and 2 for
/// a mistake.
pub fn parse<I, T>(args: I) -> Result<Command, clap::Error>
where
    I: IntoIterator<Item = T>,
    T: Into<OsString>,
{
    let argv =
        std::iter::once(OsString::from("camp-connect")).chain(args.into_iter().map(Into::into));
    let cli = Cli::try_parse_from(argv)?;
    Ok(cli.task.map_or(Command::Serve, Command::from))
}

/// A value parser for a whole number from 1 to `max`.
fn count(max: u32) -> impl Fn(&str) -> Result<u32, String> + Clone + Send + Sync + 'static {
    move |value| {
        value
            .trim()
            .parse::<u32>()
            .ok()
            .filter(|n| (1..=max).contains(n))
            .ok_or_else(|| {
                if max == u32::MAX {
                    "give a whole number, 1 or more".to_string()
                } else {
                    format!("give a whole number from 1 to {max}")
                }
            })
    }
}

/// `--email`'s value parser: a plausible address, trimmed.
fn email(value: &str) -> Result<String, String> {
    if camp_connect_app::domain::identity::is_plausible_email(value) {
        Ok(value.trim().to_string())
    } else {
        Err("not an email address: give one like you@example.jp".into())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::error::ErrorKind;

    fn p(args: &[&str]) -> Result<Command, clap::Error> {
        parse(args)
    }

    /// The error `args` give, rendered as the operator sees it.
    fn refused(args: &[&str], kind: ErrorKind) -> String {
        let err = p(args).unwrap_err();
        assert_eq!(err.kind(), kind, "{args:?}: {err}");
        assert_eq!(err.exit_code(), 2, "{args:?}");
        err.to_string()
    }

    #[test]
    fn parses_each_command() {
        assert_eq!(p(&[]).unwrap(), Command::Serve);
        assert_eq!(p(&["serve"]).unwrap(), Command::Serve);
        assert_eq!(p(&["seed", "--demo"]).unwrap(), Command::SeedDemo);
        assert_eq!(
            p(&["seed", "--scale", "5000"]).unwrap(),
            Command::SeedScale(5000)
        );
        assert_eq!(
            p(&["seed", "--scale-alumni", "100000"]).unwrap(),
            Command::SeedScaleAlumni(100_000)
        );
        assert_eq!(
            p(&["create-admin", "--email", "a@example.jp"]).unwrap(),
            Command::CreateAdmin("a@example.jp".into())
        );
        assert_eq!(
            p(&["backup", "snap.db"]).unwrap(),
            Command::Backup("snap.db".into())
        );
        assert_eq!(
            p(&["restore", "snap.db"]).unwrap(),
            Command::Restore("snap.db".into())
        );
        assert_eq!(
            p(&["seed", "--history", "h.csv"]).unwrap(),
            Command::SeedHistory("h.csv".into())
        );
        assert_eq!(
            p(&["import", "h.csv", "--dry-run"]).unwrap(),
            Command::Import {
                file: "h.csv".into(),
                dry_run: true
            }
        );
        assert_eq!(p(&["purge"]).unwrap(), Command::Purge { dry_run: false });
        assert_eq!(
            p(&["purge", "--dry-run"]).unwrap(),
            Command::Purge { dry_run: true }
        );
    }

    #[test]
    fn parses_the_migrate_actions() {
        let up = |steps| Command::Migrate(MigrateAction::Up { steps });
        assert_eq!(p(&["migrate"]).unwrap(), up(None));
        assert_eq!(p(&["migrate", "up"]).unwrap(), up(None));
        assert_eq!(p(&["migrate", "up", "2"]).unwrap(), up(Some(2)));
        assert_eq!(
            p(&["migrate", "down", "1"]).unwrap(),
            Command::Migrate(MigrateAction::Down { steps: 1 })
        );
        assert_eq!(
            p(&["migrate", "status"]).unwrap(),
            Command::Migrate(MigrateAction::Status)
        );
        let missing = refused(&["migrate", "down"], ErrorKind::MissingRequiredArgument);
        assert!(missing.contains("<N>"), "{missing}");
        for bad in ["0", "all"] {
            let err = refused(&["migrate", "down", bad], ErrorKind::ValueValidation);
            assert!(err.contains("1 or more"), "{bad}: {err}");
        }
        refused(&["migrate", "down", "-1"], ErrorKind::UnknownArgument);
        refused(&["migrate", "sideways"], ErrorKind::InvalidSubcommand);
    }

    #[test]
    fn help_is_never_a_file_name() {
        for args in [
            &["backup", "--help"][..],
            &["restore", "--help"],
            &["backup", "-h"],
            &["restore", "-h"],
            &["help", "backup"],
        ] {
            let err = p(args).unwrap_err();
            assert_eq!(err.kind(), ErrorKind::DisplayHelp, "{args:?}");
            assert_eq!(err.exit_code(), 0, "{args:?}");
            let help = err.to_string();
            assert!(help.contains("Usage: camp-connect"), "{args:?}: {help}");
            assert!(help.contains("<FILE>"), "{args:?}: {help}");
        }
        // A file that really is named so is still reachable.
        assert_eq!(
            p(&["backup", "--", "--help"]).unwrap(),
            Command::Backup("--help".into())
        );
    }

    #[test]
    fn every_command_answers_help() {
        for command in [
            "serve",
            "migrate",
            "seed",
            "create-admin",
            "backup",
            "restore",
            "purge",
            "import",
        ] {
            let err = p(&[command, "--help"]).unwrap_err();
            assert_eq!(err.kind(), ErrorKind::DisplayHelp, "{command}");
            assert!(
                err.to_string()
                    .contains(&format!("Usage: camp-connect {command}")),
                "{command}: {err}"
            );
        }
        for action in ["status", "up", "down"] {
            let err = p(&["migrate", action, "--help"]).unwrap_err();
            assert_eq!(err.kind(), ErrorKind::DisplayHelp, "{action}");
        }
    }

    #[test]
    fn top_level_help_lists_commands_and_configuration() {
        for args in [&["--help"][..], &["help"]] {
            let help = p(args).unwrap_err();
            assert_eq!(help.kind(), ErrorKind::DisplayHelp, "{args:?}");
            let help = help.to_string();
            for word in ["serve", "migrate", "create-admin", "purge", "DATABASE_URL"] {
                assert!(help.contains(word), "{args:?} lacks {word}: {help}");
            }
            assert!(help.contains("DATABASE_POOL_SIZE"), "{help}");
            assert!(help.contains("X_FILE"), "{help}");
        }
        let short = p(&["-h"]).unwrap_err().to_string();
        assert!(short.contains("--help"), "{short}");
    }

    #[test]
    fn prints_the_version() {
        let err = p(&["--version"]).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::DisplayVersion);
        assert_eq!(err.exit_code(), 0);
        assert_eq!(
            err.to_string().trim(),
            format!("camp-connect {}", env!("CARGO_PKG_VERSION"))
        );
    }

    #[test]
    fn refuses_unknown_commands_clearly() {
        let seed = refused(&["seed"], ErrorKind::MissingRequiredArgument);
        assert!(seed.contains("--demo"), "{seed}");
        refused(
            &["seed", "--demo", "--scale", "5"],
            ErrorKind::ArgumentConflict,
        );
        for bad in ["lots", "0", "1000001"] {
            let err = refused(&["seed", "--scale", bad], ErrorKind::ValueValidation);
            assert!(err.contains("from 1 to 1000000"), "{bad}: {err}");
        }
        refused(&["seed", "--scale-alumni", "0"], ErrorKind::ValueValidation);
        let serve = refused(&["serve", "now"], ErrorKind::UnknownArgument);
        assert!(serve.contains("now"), "{serve}");
        refused(&["frobnicate"], ErrorKind::InvalidSubcommand);
        let admin = refused(&["create-admin"], ErrorKind::MissingRequiredArgument);
        assert!(admin.contains("--email"), "{admin}");
        let nobody = refused(
            &["create-admin", "--email", "nobody"],
            ErrorKind::ValueValidation,
        );
        assert!(nobody.contains("not an email"), "{nobody}");
        let backup = refused(&["backup"], ErrorKind::MissingRequiredArgument);
        assert!(backup.contains("<FILE>"), "{backup}");
        refused(&["backup", "a", "b"], ErrorKind::UnknownArgument);
        let purge = refused(&["purge", "--now"], ErrorKind::UnknownArgument);
        assert!(purge.contains("--now"), "{purge}");
    }
}
