//! `camp-connect serve`: brings the schema up to date (or checks it),
//! starts the background jobs and answers HTTP until told to stop.

use crate::config::{Backend, Config};
use crate::http::middleware::rate_limit::{AuthRateLimit, ClientAddress};
use crate::http::{self, AuthRoutes, Operations};
use crate::sign_in::github::GitHub;
use crate::sign_in::oidc::OidcProviders;
use crate::{db, jobs};
use camp_connect_app::domain::identity::ProviderButton;
use camp_connect_app::state::{AppState, AuthSettings};
use camp_connect_app::store::alumni::index::DirectoryIndex;
use sea_orm::DatabaseConnection;
use std::net::SocketAddr;
use std::sync::Arc;
use tokio_util::sync::CancellationToken;

/// Serves the app on `config.site_addr` with the database `conn` until
/// Ctrl-C or SIGTERM; an error is one line saying what failed.
///
/// Stopping is graceful: no new connections are accepted, requests in
/// flight finish, and the background jobs finish the unit of work they are
/// doing and start no other, within `config.shutdown_grace`.
pub async fn serve(config: Config, conn: DatabaseConnection) -> Result<(), String> {
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
    let directory = Arc::new(DirectoryIndex::default());
    // One stop for the HTTP server and every job: cancelled by a signal,
    // or by the server failing, so the jobs never outlive it.
    let stop = CancellationToken::new();
    tokio::spawn(cancel_on_signal(stop.clone()));
    let jobs = jobs::spawn_all(&config, &conn, directory.clone(), &stop)?;
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
    http::routes::files::check_assets(&state.leptos_options);
    let auth = auth_routes(&config)?;
    auth.rate_limit.spawn_cleanup();
    let listener = tokio::net::TcpListener::bind(config.site_addr)
        .await
        .map_err(|e| format!("cannot listen on {}: {e}", config.site_addr))?;
    tracing::info!(addr = %config.site_addr, db = %config.database_url.redacted(), "serving");
    let ops = Operations {
        metrics_token: config.metrics_token.clone(),
    };
    let app = http::router_with(state, config.secure_cookies(), auth, ops);
    // The peer address is what the sign-in rate limit counts by.
    let app = app.into_make_service_with_connect_info::<SocketAddr>();
    let http = async {
        let served = axum::serve(listener, app)
            .with_graceful_shutdown(stop.clone().cancelled_owned())
            .await;
        stop.cancel();
        served
    };
    let (served, ()) = tokio::join!(http, jobs.stopped(stop.clone(), config.shutdown_grace));
    tracing::info!("stopped");
    served.map_err(|e| format!("server stopped: {e}"))
}

/// The sign-in providers and the sign-in rate limit `config` asks for.
fn auth_routes(config: &Config) -> Result<AuthRoutes, String> {
    Ok(AuthRoutes {
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
    })
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
        name: crate::sign_in::github::PROVIDER.to_string(),
        start_path: "/auth/github/start".to_string(),
        label: g.label.clone(),
    });
    oidc.chain(github).collect()
}

/// Cancels `stop` on Ctrl-C or SIGTERM, so that in-flight requests and the
/// jobs' work in progress can finish.
async fn cancel_on_signal(stop: CancellationToken) {
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
    stop.cancel();
}
