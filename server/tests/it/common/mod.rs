//! Boots the real router on a real database for integration tests: an SQLite
//! file, or a fresh PostgreSQL database per test.

pub mod apply;
pub mod consent;
pub mod contents;
pub mod process;
pub mod smtp;
pub mod template;
pub mod tls;
pub mod wire;

use axum::Router;
use axum::body::Body;
use axum::extract::ConnectInfo;
use camp_connect::config::{Config, DatabaseUrl};
use camp_connect::http::AuthRoutes;
use camp_connect::rate_limit::{AuthRateLimit, ClientAddress};
use camp_connect::sign_in::github::GitHub;
use camp_connect::sign_in::oidc::OidcProviders;
use camp_connect::{db, http};
use camp_connect_app::state::{AppState, AuthSettings};
use http_body_util::BodyExt;
use sea_orm::{ConnectionTrait, Database, DatabaseConnection};
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::num::NonZeroU32;
use std::sync::atomic::{AtomicU32, Ordering};
use tower::ServiceExt;

/// Which engine a test runs on.
#[derive(Clone, Copy, Debug)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// The admin URL of the PostgreSQL server tests create their databases on.
pub fn postgres_admin_url() -> String {
    std::env::var("TEST_POSTGRES_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".into())
}

static COUNTER: AtomicU32 = AtomicU32::new(0);

pub fn unique_name() -> String {
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or_default();
    format!("cc_test_{}_{n}_{nanos}", std::process::id())
}

/// A database made for one test and removed after it.
pub struct TestDb {
    pub url: DatabaseUrl,
    cleanup: Cleanup,
}

enum Cleanup {
    File(std::path::PathBuf),
    PgDatabase { admin: String, name: String },
}

impl Drop for TestDb {
    fn drop(&mut self) {
        match &self.cleanup {
            Cleanup::File(path) => {
                for suffix in ["", "-wal", "-shm"] {
                    let mut p = path.clone().into_os_string();
                    p.push(suffix);
                    let _ = std::fs::remove_file(p);
                }
            }
            Cleanup::PgDatabase { admin, name } => {
                let (admin, name) = (admin.clone(), name.clone());
                // Drop runs inside the test's runtime: use a thread of its own.
                let _ = std::thread::spawn(move || {
                    let rt = tokio::runtime::Builder::new_current_thread()
                        .enable_all()
                        .build()
                        .expect("runtime for cleanup");
                    rt.block_on(async {
                        if let Ok(conn) = Database::connect(&admin).await {
                            let _ = conn
                                .execute_unprepared(&format!(
                                    "DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)"
                                ))
                                .await;
                        }
                    });
                })
                .join();
            }
        }
    }
}

/// Makes an empty database, or `None` (with the reason printed) when
/// PostgreSQL is not reachable outside CI. In CI a missing PostgreSQL fails.
pub async fn make_db(backend: Backend) -> Option<TestDb> {
    match backend {
        Backend::Sqlite => {
            let dir = std::env::temp_dir().join("camp-connect-tests");
            std::fs::create_dir_all(&dir).expect("temp dir");
            let path = dir.join(format!("{}.db", unique_name()));
            let url = DatabaseUrl::parse(&format!("sqlite://{}", path.display())).expect("url");
            Some(TestDb {
                url,
                cleanup: Cleanup::File(path),
            })
        }
        Backend::Postgres => {
            let admin = postgres_admin_url();
            let conn = match Database::connect(&admin).await {
                Ok(c) => c,
                Err(e) => {
                    if std::env::var("CI").is_ok_and(|v| v == "true") {
                        panic!("CI=true but PostgreSQL at {admin} is not reachable: {e}");
                    }
                    eprintln!(
                        "SKIPPED: PostgreSQL at {admin} is not reachable ({e}); set TEST_POSTGRES_URL"
                    );
                    return None;
                }
            };
            let name = unique_name();
            conn.execute_unprepared(&format!("CREATE DATABASE \"{name}\""))
                .await
                .expect("create test database");
            Some(TestDb::on_postgres(admin, name))
        }
    }
}

impl TestDb {
    /// The PostgreSQL database `name` on the server of `admin`, dropped with
    /// this value.
    fn on_postgres(admin: String, name: String) -> TestDb {
        let base = admin
            .rsplit_once('/')
            .map(|(b, _)| b)
            .expect("admin URL has a path");
        let url = DatabaseUrl::parse(&format!("{base}/{name}")).expect("url");
        TestDb {
            url,
            cleanup: Cleanup::PgDatabase { admin, name },
        }
    }
}

/// The app on a migrated database, optionally with the demo data.
pub struct TestApp {
    pub router: Router,
    pub db: DatabaseConnection,
    pub test_db: TestDb,
}

/// Boots the app like `camp-connect serve` does, with demo sign-in on;
/// `None` when the backend is unavailable outside CI.
pub async fn boot(backend: Backend, with_demo: bool) -> Option<TestApp> {
    let auth = AuthSettings {
        demo_sign_in: true,
        providers: Vec::new(),
    };
    boot_with(backend, with_demo, auth).await
}

/// The sign-in rate limit of test apps: far above what any test sends, so
/// only the tests of the limit itself meet it.
pub const TEST_RATE_LIMIT: u32 = 1000;

/// The address requests come from unless a test says otherwise.
pub const PEER: SocketAddr = SocketAddr::new(IpAddr::V4(Ipv4Addr::new(127, 0, 0, 1)), 40000);

/// Auth routes without providers, with a limit of `per_minute` on `from`.
pub fn auth_routes(per_minute: u32, from: ClientAddress) -> AuthRoutes {
    AuthRoutes {
        oidc: OidcProviders::new(Vec::new(), "http://127.0.0.1:3000"),
        github: GitHub::off(),
        rate_limit: AuthRateLimit::new(
            NonZeroU32::new(per_minute).expect("a limit of at least 1"),
            from,
        ),
    }
}

/// Like [`boot`], with the given sign-in settings.
pub async fn boot_with(backend: Backend, with_demo: bool, auth: AuthSettings) -> Option<TestApp> {
    let routes = auth_routes(TEST_RATE_LIMIT, ClientAddress::Peer);
    boot_with_routes(backend, with_demo, auth, routes).await
}

/// Like [`boot_with`], with the given providers and rate limit.
pub async fn boot_with_routes(
    backend: Backend,
    with_demo: bool,
    auth: AuthSettings,
    routes: AuthRoutes,
) -> Option<TestApp> {
    let config = Config::from_lookup(|_| None).expect("default config");
    boot_configured(backend, with_demo, auth, routes, &config).await
}

/// Like [`boot_with_routes`], with the server's settings `config` (its site
/// folder and hash file among them).
pub async fn boot_configured(
    backend: Backend,
    with_demo: bool,
    auth: AuthSettings,
    routes: AuthRoutes,
    config: &Config,
) -> Option<TestApp> {
    let test_db = template::migrated_db(backend, with_demo).await?;
    let conn = db::connect(&test_db.url).await.expect("connect");
    let state = AppState {
        leptos_options: config.leptos_options(),
        db: conn.clone(),
        auth,
        mail_sending: false,
        public_url: config.public_url.clone(),
        directory: Default::default(),
    };
    Some(TestApp {
        router: http::router(state, false, routes),
        db: conn,
        test_db,
    })
}

/// `app` served as behind `https://camp.example.jp`: secure cookies (the
/// `__Host-` session cookie) and HSTS.
pub fn over_https(mut app: TestApp) -> TestApp {
    let config =
        Config::from_lookup(|k| (k == "PUBLIC_URL").then(|| "https://camp.example.jp".to_string()))
            .expect("an https config");
    app.router = demo_router(&app.db, &config);
    app
}

/// A router over `db` as `config` sets it up, with the demo sign-in on
/// (for a test whose app was booted with other sign-in settings).
pub fn demo_router(db: &DatabaseConnection, config: &Config) -> Router {
    let state = AppState {
        leptos_options: config.leptos_options(),
        db: db.clone(),
        auth: AuthSettings {
            demo_sign_in: true,
            providers: Vec::new(),
        },
        mail_sending: false,
        public_url: config.public_url.clone(),
        directory: Default::default(),
    };
    let routes = auth_routes(TEST_RATE_LIMIT, ClientAddress::Peer);
    http::router(state, config.secure_cookies(), routes)
}

/// The `cc_session=…` pair of a response's session cookie, if it set one.
pub fn session_cookie(page: &Page) -> Option<String> {
    page.headers
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|c| c.starts_with("cc_session="))
        .and_then(|c| c.split(';').next())
        .map(str::to_string)
}

/// Signs in as the demo account `demo-<who>@example.jp`; its session cookie.
pub async fn signed_in(app: &TestApp, who: &str) -> String {
    let form = format!("email=demo-{who}%40example.jp");
    let res = app
        .post_form("/auth/demo", &form, &[("sec-fetch-site", "same-origin")])
        .await;
    session_cookie(&res).unwrap_or_else(|| panic!("demo-{who} signs in"))
}

/// Calls the server function at `path` as the Leptos client does (same
/// origin, JSON answer), signed in with `cookie`.
pub async fn call(app: &TestApp, cookie: &str, path: &str, body: &str) -> Page {
    let headers = [
        ("sec-fetch-site", "same-origin"),
        ("accept", "application/json"),
        ("cookie", cookie),
    ];
    app.post_form(path, body, &headers).await
}

/// A response, read whole.
pub struct Page {
    pub status: u16,
    pub headers: axum::http::HeaderMap,
    /// The body, with `<!>` hydration markers removed.
    pub body: String,
}

impl TestApp {
    /// GETs `path` with extra request headers.
    pub async fn get_with(&self, path: &str, headers: &[(&str, &str)]) -> Page {
        self.send("GET", path, headers, String::new()).await
    }

    /// POSTs a form body to `path` with extra request headers.
    pub async fn post_form(&self, path: &str, body: &str, headers: &[(&str, &str)]) -> Page {
        let mut all = vec![("content-type", "application/x-www-form-urlencoded")];
        all.extend_from_slice(headers);
        self.send("POST", path, &all, body.to_string()).await
    }

    /// Sends any request from [`PEER`].
    pub async fn send(
        &self,
        method: &str,
        path: &str,
        headers: &[(&str, &str)],
        body: String,
    ) -> Page {
        self.send_from(PEER, method, path, headers, body).await
    }

    /// Sends any request from the client address `peer`, as the server's
    /// `into_make_service_with_connect_info` would record it. (axum's
    /// `MockConnectInfo` layer would not do: it only feeds the `ConnectInfo`
    /// extractor, while the rate limiter reads the request's extensions.)
    pub async fn send_from(
        &self,
        peer: SocketAddr,
        method: &str,
        path: &str,
        headers: &[(&str, &str)],
        body: String,
    ) -> Page {
        let mut req = axum::http::Request::builder()
            .method(method)
            .uri(path)
            .extension(ConnectInfo(peer));
        for (k, v) in headers {
            req = req.header(*k, *v);
        }
        let res = self
            .router
            .clone()
            .oneshot(req.body(Body::from(body)).expect("request"))
            .await
            .expect("router answers");
        let status = res.status().as_u16();
        let headers = res.headers().clone();
        let bytes = res.into_body().collect().await.expect("body").to_bytes();
        Page {
            status,
            headers,
            // Without Leptos' empty hydration markers, so tests can match
            // markup such as `Title</h1>`.
            body: String::from_utf8_lossy(&bytes).replace("<!>", ""),
        }
    }

    /// GETs `path` as a browser that prefers no language.
    pub async fn get(&self, path: &str) -> Page {
        self.get_with(path, &[]).await
    }
}

/// The one runtime every test of a binary runs on, as a server has one:
/// Leptos keeps process-wide state (its task spawner among it), which should
/// never outlive the runtime it was handed.
pub fn runtime() -> &'static tokio::runtime::Runtime {
    static RUNTIME: std::sync::LazyLock<tokio::runtime::Runtime> = std::sync::LazyLock::new(|| {
        tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .expect("test runtime")
    });
    &RUNTIME
}

/// Runs a check on SQLite and on PostgreSQL, as two tests.
macro_rules! on_both_backends {
    ($name:ident, $with_demo:expr, $check:path) => {
        mod $name {
            use super::*;
            use $crate::common;
            #[test]
            fn sqlite() {
                common::runtime().block_on(async {
                    let app = common::boot(common::Backend::Sqlite, $with_demo)
                        .await
                        .unwrap();
                    $check(app).await;
                });
            }
            #[test]
            fn postgres() {
                common::runtime().block_on(async {
                    if let Some(app) = common::boot(common::Backend::Postgres, $with_demo).await {
                        $check(app).await;
                    }
                });
            }
        }
    };
}
pub(crate) use on_both_backends;

/// Runs `$check(backend)` on SQLite and on PostgreSQL, as two tests, for
/// checks that boot their own app; the check returns early when
/// [`make_db`] finds no PostgreSQL.
macro_rules! on_each_backend {
    ($name:ident, $check:path) => {
        mod $name {
            use super::*;
            use $crate::common;
            #[test]
            fn sqlite() {
                common::runtime().block_on($check(common::Backend::Sqlite));
            }
            #[test]
            fn postgres() {
                common::runtime().block_on($check(common::Backend::Postgres));
            }
        }
    };
}
pub(crate) use on_each_backend;

/// An account that signs in with the demo sign-in (a test person outside
/// the demo data); its id.
pub async fn demo_person(app: &TestApp, email: &str, name: &str) -> i32 {
    use camp_connect_app::store::identity::{
        DEMO_PROVIDER, NewAccount, create_account, link_identity,
    };
    let now = chrono::Utc::now();
    let new = NewAccount {
        email,
        name_ja: name,
        name_en: name,
        is_admin: false,
    };
    let id = create_account(&app.db, new, now).await.unwrap();
    link_identity(&app.db, id, DEMO_PROVIDER, email, now)
        .await
        .unwrap();
    id
}

/// Signs `email` in through the demo sign-in; the session cookie.
pub async fn sign_in_as(app: &TestApp, email: &str) -> String {
    let form = format!("email={}", email.replace('@', "%40"));
    let res = app
        .post_form("/auth/demo", &form, &[("sec-fetch-site", "same-origin")])
        .await;
    session_cookie(&res).unwrap_or_else(|| panic!("{email} signs in"))
}
