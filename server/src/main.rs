//! `camp-connect`: serve the app, migrate the database, load demo data.

use camp_connect::cli::{self, Command};

/// mimalloc instead of glibc's allocator: a server page allocates and frees
/// many small strings, and glibc spent a quarter of the ranking page's time
/// in malloc and free under load.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
use camp_connect::config::{Backend, Config};
use camp_connect::http::AuthRoutes;
use camp_connect::mail::{Mailer, Worker, default_worker_id};
use camp_connect::rate_limit::{AuthRateLimit, ClientAddress};
use camp_connect::sign_in::github::GitHub;
use camp_connect::sign_in::oidc::OidcProviders;
use camp_connect::{db, http, seed, telemetry};
use camp_connect_app::domain::identity::ProviderButton;
use camp_connect_app::state::{AppState, AuthSettings};
use camp_connect_app::store::alumni::index::DirectoryIndex;
use camp_connect_app::store::sessions::DbSessionStore;
use std::net::SocketAddr;
use std::process::ExitCode;
use std::sync::Arc;

#[tokio::main]
async fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let command = match cli::parse(&args) {
        Ok(Command::Help) => {
            println!("{}", cli::USAGE);
            return ExitCode::SUCCESS;
        }
        Ok(c) => c,
        Err(msg) => {
            eprintln!("camp-connect: {msg}\n\n{}", cli::USAGE);
            return ExitCode::from(2);
        }
    };
    // Each failure below is one clear line, not a panic or a backtrace.
    match run(command).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(msg) => {
            eprintln!("camp-connect: {msg}");
            ExitCode::FAILURE
        }
    }
}

async fn run(command: Command) -> Result<(), String> {
    let config = Config::from_env().map_err(|e| e.to_string())?;
    telemetry::init(config.log_format);
    // Before connecting: a restore replaces the SQLite file itself.
    match &command {
        Command::Backup(file) => {
            return camp_connect::backup::backup(&config.database_url, file)
                .await
                .map(|()| println!("backup written to {}", file.display()))
                .map_err(|e| e.to_string());
        }
        Command::Restore(file) => {
            let kept = camp_connect::backup::restore(&config.database_url, file)
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
    let conn = db::connect(&config.database_url)
        .await
        .map_err(|e| e.to_string())?;
    match command {
        Command::Migrate => {
            db::migrate(&conn, &config.database_url)
                .await
                .map_err(|e| e.to_string())?;
            tracing::info!("migrations applied");
        }
        Command::SeedDemo => {
            db::migrate(&conn, &config.database_url)
                .await
                .map_err(|e| e.to_string())?;
            let outcome = seed::seed_demo(&conn).await.map_err(|e| e.to_string())?;
            tracing::info!(?outcome, "demo data");
        }
        Command::SeedScale(n) => {
            db::migrate(&conn, &config.database_url)
                .await
                .map_err(|e| e.to_string())?;
            seed::seed_demo(&conn).await.map_err(|e| e.to_string())?;
            let scaled = seed::review::seed_scale(&conn, n)
                .await
                .map_err(|e| format!("cannot seed {n} applications: {e}"))?;
            println!("{scaled:?}");
        }
        Command::SeedScaleAlumni(n) => {
            db::migrate(&conn, &config.database_url)
                .await
                .map_err(|e| e.to_string())?;
            seed::seed_demo(&conn).await.map_err(|e| e.to_string())?;
            let added = seed::alumni::seed_scale_alumni(&conn, n)
                .await
                .map_err(|e| format!("cannot seed {n} alumni: {e}"))?;
            println!("added {added} alumni");
        }
        Command::CreateAdmin(email) => {
            db::migrate(&conn, &config.database_url)
                .await
                .map_err(|e| e.to_string())?;
            let id =
                camp_connect_app::store::identity::make_admin(&conn, &email, chrono::Utc::now())
                    .await
                    .map_err(|e| format!("cannot make {email} an administrator: {e}"))?;
            println!("{email} (account {id}) is an administrator");
        }
        Command::Serve => {
            // The embedded SQLite default migrates itself; with PostgreSQL
            // and several instances, `camp-connect migrate` runs once per
            // deploy instead, so instances never race on the schema.
            // PostgreSQL's instances refuse a schema behind their code.
            if config.database_url.backend() == Backend::Sqlite {
                db::migrate(&conn, &config.database_url)
                    .await
                    .map_err(|e| e.to_string())?;
            } else {
                db::require_current(&conn, &config.database_url)
                    .await
                    .map_err(|e| e.to_string())?;
            }
            spawn_session_cleanup(DbSessionStore::new(conn.clone()));
            spawn_mail_worker(&config, &conn)?;
            camp_connect::offers::spawn(
                conn.clone(),
                config.public_url.clone(),
                camp_connect::offers::EVERY,
            );
            camp_connect::events_routes::spawn(
                conn.clone(),
                config.public_url.clone(),
                camp_connect::events_routes::EVERY,
            );
            let directory = Arc::new(DirectoryIndex::default());
            spawn_directory_warm_up(directory.clone(), conn.clone());
            let state = AppState {
                leptos_options: config.leptos_options(),
                db: conn,
                auth: AuthSettings {
                    demo_sign_in: config.demo_sign_in,
                    providers: provider_buttons(&config),
                },
                mail_sending: config.mail.is_some(),
                public_url: config.public_url.clone(),
                directory,
            };
            let auth = AuthRoutes {
                oidc: OidcProviders::new(config.oidc.clone(), &config.public_url),
                github: match &config.github {
                    Some(c) => GitHub::new(c, &config.public_url)?,
                    None => GitHub::off(),
                },
                rate_limit: AuthRateLimit::new(
                    config.auth_rate_limit,
                    if config.trust_proxy_headers {
                        ClientAddress::Forwarded
                    } else {
                        ClientAddress::Peer
                    },
                ),
            };
            auth.rate_limit.spawn_cleanup();
            let listener = tokio::net::TcpListener::bind(config.site_addr)
                .await
                .map_err(|e| format!("cannot listen on {}: {e}", config.site_addr))?;
            tracing::info!(addr = %config.site_addr, db = %config.database_url.redacted(), "serving");
            let ops = http::Operations {
                metrics_token: config.metrics_token.clone(),
            };
            let app = http::router_with(state, config.secure_cookies(), auth, ops);
            // The peer address is what the sign-in rate limit counts by.
            let app = app.into_make_service_with_connect_info::<SocketAddr>();
            axum::serve(listener, app)
                .with_graceful_shutdown(shutdown_signal())
                .await
                .map_err(|e| format!("server stopped: {e}"))?;
        }
        Command::Purge { dry_run } => {
            let years = config.retention_years.ok_or(
                "RETENTION_YEARS is not set: set it to the years an application is kept after its cohort ends",
            )?;
            use camp_connect_app::store::account::retention::{purge, purge_plan};
            let now = chrono::Utc::now();
            let cohorts = if dry_run {
                purge_plan(&conn, years, now).await
            } else {
                purge(&conn, years, now).await
            }
            .map_err(|e| format!("cannot purge: {e}"))?;
            println!("{}", cli::purge_report(&cohorts, years, dry_run));
        }
        Command::Help => println!("{}", cli::USAGE),
        Command::Backup(_) | Command::Restore(_) => {}
    }
    Ok(())
}

/// One sign-in button per configured provider: OpenID Connect ones in the
/// order configured, then GitHub.
fn provider_buttons(config: &Config) -> Vec<ProviderButton> {
    let oidc = config.oidc.iter().map(|p| ProviderButton {
        name: p.name.clone(),
        start_path: format!("/auth/oidc/{}/start", p.name),
        label: p.label.clone(),
    });
    let github = config.github.iter().map(|g| ProviderButton {
        name: camp_connect::sign_in::github::PROVIDER.to_string(),
        start_path: "/auth/github/start".to_string(),
        label: g.label.clone(),
    });
    oidc.chain(github).collect()
}

/// Starts the mail worker when `SMTP_URL` is set; says in the log that mail
/// stays pending when it is not.
fn spawn_mail_worker(config: &Config, conn: &sea_orm::DatabaseConnection) -> Result<(), String> {
    let Some(mail) = &config.mail else {
        tracing::warn!("SMTP_URL is not set: the mail worker is off and queued mail stays pending");
        return Ok(());
    };
    let mailer = Mailer::new(mail)?;
    let worker = Worker::new(conn.clone(), mailer, default_worker_id());
    tracing::info!(
        smtp = %mail.redacted_url(),
        from = %mail.from,
        worker = worker.id(),
        every_secs = config.mail_poll.as_secs(),
        "mail worker started"
    );
    worker.spawn(config.mail_poll);
    Ok(())
}

/// Deletes expired sessions every 15 minutes, so the table does not grow.
fn spawn_session_cleanup(store: DbSessionStore) {
    let every = std::time::Duration::from_secs(15 * 60);
    camp_connect::periodic::spawn("expired-session cleanup", every, move || {
        let store = store.clone();
        async move {
            let n = store.delete_expired(chrono::Utc::now()).await?;
            if n > 0 {
                tracing::info!(deleted = n, "expired sessions");
            }
            Ok::<_, sea_orm::DbErr>(())
        }
    });
}

/// Loads the directory index in the background, so the first directory
/// search after a start need not wait for 100,000 profiles to load.
fn spawn_directory_warm_up(index: Arc<DirectoryIndex>, conn: sea_orm::DatabaseConnection) {
    tokio::spawn(async move {
        let started = std::time::Instant::now();
        match index.warm(&conn).await {
            Ok(n) => tracing::info!(
                profiles = n,
                ms = started.elapsed().as_millis() as u64,
                "directory index loaded"
            ),
            // The first search loads it again and answers 503 if it fails too.
            Err(e) => tracing::warn!(error = %e, "directory index not loaded"),
        }
    });
}

/// Resolves on Ctrl-C or SIGTERM so in-flight requests can finish.
async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    tokio::select! {
        () = ctrl_c => {},
        () = term => {},
    }
    tracing::info!("shutting down");
}
