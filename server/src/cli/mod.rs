//! The `camp-connect` command line: [`parse`] reads the arguments into a
//! [`Command`], [`run`] carries it out.

mod run;

pub use run::run;

/// What the binary was asked to do.
#[derive(Debug, PartialEq, Eq)]
pub enum Command {
    /// Serve the web app (the default).
    Serve,
    /// Apply pending migrations and exit.
    Migrate,
    /// Migrate, then load the demo data if the database has no programme.
    SeedDemo,
    /// Migrate, load the demo data, then fill one track with this many
    /// reviewed applications (the review benchmark's data).
    SeedScale(usize),
    /// Migrate, load the demo data, then add this many alumni with
    /// profiles (the directory benchmark's data).
    SeedScaleAlumni(usize),
    /// Make the account with this email an instance administrator.
    CreateAdmin(String),
    /// Write a consistent snapshot of the database to this new file.
    Backup(std::path::PathBuf),
    /// Replace the database with this backup (instances stopped).
    Restore(std::path::PathBuf),
    /// Anonymise the applications of cohorts that ended more than
    /// `RETENTION_YEARS` ago; with `dry_run`, only say what would go.
    Purge {
        /// Count per cohort, change nothing.
        dry_run: bool,
    },
    /// Print usage.
    Help,
}

/// The usage text.
pub const USAGE: &str = "\
usage: camp-connect [COMMAND]

commands:
  serve          serve the web app (default)
  migrate        apply pending database migrations
  seed --demo    migrate, then load demo data into an empty database
  seed --scale N migrate, load the demo data, then fill Connect 2027's AI
                 track with N reviewed applications and 30 reviewers
  seed --scale-alumni N
                 migrate, load the demo data, then add N alumni with profiles
  create-admin --email <address>
                 make that account an administrator (created if missing)
  backup <file>  write a consistent snapshot of the database to a new file
                 (SQLite: online, VACUUM INTO; PostgreSQL: pg_dump)
  restore <file> replace the database with a backup; stop every instance
                 first (SQLite keeps the old file as <db>.before-restore-…;
                 PostgreSQL: pg_restore in one transaction)
  purge [--dry-run]
                 anonymise the applications of cohorts that ended more than
                 RETENTION_YEARS years ago (audited); --dry-run only counts
                 them per cohort
  help           show this text

configuration (environment):
  DATABASE_URL       sqlite://data/camp-connect.db (default) or postgres://user@host:port/db
  LEPTOS_SITE_ADDR   listen address, default 127.0.0.1:3000
  LEPTOS_SITE_ROOT   the built site folder, default target/site
  RUST_LOG           log filter, e.g. info or camp_connect=debug
  LOG_FORMAT         text (default) or json
  APP_ENV            development (default) or production
  PUBLIC_URL         the address people use, default http://<LEPTOS_SITE_ADDR>;
                     https:// required in production
  DEMO_SIGN_IN       true to offer demo accounts on /sign-in (refused in production)
  RETENTION_YEARS    years an application is kept after its cohort ends (purge)";

/// Parses the arguments after the program name.
pub fn parse(args: &[String]) -> Result<Command, String> {
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    match args.as_slice() {
        [] | ["serve"] => Ok(Command::Serve),
        ["migrate"] => Ok(Command::Migrate),
        ["seed", "--demo"] => Ok(Command::SeedDemo),
        ["seed", "--scale", n] => n
            .parse::<usize>()
            .ok()
            .filter(|n| (1..=1_000_000).contains(n))
            .map(Command::SeedScale)
            .ok_or_else(|| format!("--scale needs a number from 1 to 1000000, not {n:?}")),
        ["seed", "--scale-alumni", n] => n
            .parse::<usize>()
            .ok()
            .filter(|n| (1..=1_000_000).contains(n))
            .map(Command::SeedScaleAlumni)
            .ok_or_else(|| format!("--scale-alumni needs a number from 1 to 1000000, not {n:?}")),
        ["seed"] => Err("seed needs --demo or --scale N".into()),
        ["create-admin", "--email", email] => {
            if camp_connect_app::domain::identity::is_plausible_email(email) {
                Ok(Command::CreateAdmin(email.trim().to_string()))
            } else {
                Err(format!("{email:?} is not an email address"))
            }
        }
        ["create-admin", ..] => Err("create-admin needs --email <address>".into()),
        ["backup", file] => Ok(Command::Backup(file.into())),
        ["restore", file] => Ok(Command::Restore(file.into())),
        ["backup" | "restore", ..] => Err("backup and restore need one file name".into()),
        ["purge"] => Ok(Command::Purge { dry_run: false }),
        ["purge", "--dry-run"] => Ok(Command::Purge { dry_run: true }),
        ["purge", ..] => Err("purge takes only --dry-run".into()),
        ["help" | "--help" | "-h"] => Ok(Command::Help),
        other => Err(format!("unknown command: {}", other.join(" "))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(args: &[&str]) -> Result<Command, String> {
        parse(&args.iter().map(|s| s.to_string()).collect::<Vec<_>>())
    }

    #[test]
    fn parses_each_command() {
        assert_eq!(p(&[]), Ok(Command::Serve));
        assert_eq!(p(&["serve"]), Ok(Command::Serve));
        assert_eq!(p(&["migrate"]), Ok(Command::Migrate));
        assert_eq!(p(&["seed", "--demo"]), Ok(Command::SeedDemo));
        assert_eq!(
            p(&["seed", "--scale", "5000"]),
            Ok(Command::SeedScale(5000))
        );
        assert!(p(&["seed", "--scale", "lots"]).is_err());
        assert_eq!(
            p(&["seed", "--scale-alumni", "100000"]),
            Ok(Command::SeedScaleAlumni(100_000))
        );
        assert!(p(&["seed", "--scale-alumni", "0"]).is_err());
        assert_eq!(p(&["--help"]), Ok(Command::Help));
        assert_eq!(
            p(&["create-admin", "--email", "a@example.jp"]),
            Ok(Command::CreateAdmin("a@example.jp".into()))
        );
        assert_eq!(
            p(&["backup", "snap.db"]),
            Ok(Command::Backup("snap.db".into()))
        );
        assert_eq!(
            p(&["restore", "snap.db"]),
            Ok(Command::Restore("snap.db".into()))
        );
        assert!(p(&["backup"]).unwrap_err().contains("file name"));
        assert_eq!(p(&["purge"]), Ok(Command::Purge { dry_run: false }));
        assert_eq!(
            p(&["purge", "--dry-run"]),
            Ok(Command::Purge { dry_run: true })
        );
        assert!(p(&["purge", "--now"]).unwrap_err().contains("--dry-run"));
    }

    #[test]
    fn refuses_unknown_commands_clearly() {
        assert!(p(&["seed"]).unwrap_err().contains("--demo"));
        assert!(p(&["serve", "now"]).unwrap_err().contains("serve now"));
        assert!(p(&["create-admin"]).unwrap_err().contains("--email"));
        assert!(
            p(&["create-admin", "--email", "nobody"])
                .unwrap_err()
                .contains("not an email")
        );
    }
}
