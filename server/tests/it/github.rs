//! Sign-in with GitHub against a fake GitHub served from the test itself,
//! on SQLite and PostgreSQL: what our server sends, and what it makes of
//! GitHub's answers.

use crate::common::{self, Backend, TestApp, on_each_backend, session_cookie};
use axum::extract::{Form, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use camp_connect::config::GitHubConfig;
use camp_connect::rate_limit::ClientAddress;
use camp_connect::sign_in::github::GitHub;
use camp_connect_app::state::AuthSettings;
use camp_connect_app::store::entities::account;
use camp_connect_app::store::identity::account_for_identity;
use oauth2::{PkceCodeChallenge, PkceCodeVerifier};
use sea_orm::{EntityTrait, PaginatorTrait};
use serde_json::{Value, json};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

const CLIENT_ID: &str = "camp-connect-test";
const CLIENT_SECRET: &str = "test-only-secret";
const CALLBACK: &str = "http://127.0.0.1:3000/auth/github/callback";

/// Codes and tokens the fake has handed out.
#[derive(Default)]
pub(crate) struct Fake {
    /// code -> (user, PKCE challenge); removed when redeemed.
    codes: HashMap<String, (Value, String)>,
    /// token -> user.
    tokens: HashMap<String, Value>,
}

/// The fake's state, shared with the tests that sign in through it.
pub(crate) type Shared = Arc<Mutex<Fake>>;

async fn access_token(
    State(fake): State<Shared>,
    Form(f): Form<HashMap<String, String>>,
) -> Response {
    let field = |k: &str| f.get(k).map(String::as_str).unwrap_or_default();
    let mut fake = fake.lock().unwrap();
    if field("client_id") != CLIENT_ID || field("client_secret") != CLIENT_SECRET {
        return Json(json!({"error": "incorrect_client_credentials"})).into_response();
    }
    let Some((user, challenge)) = fake.codes.remove(field("code")) else {
        // GitHub answers refusals with 200 and an error field.
        return Json(json!({"error": "bad_verification_code"})).into_response();
    };
    let verifier = PkceCodeVerifier::new(field("code_verifier").to_string());
    let proven = PkceCodeChallenge::from_code_verifier_sha256(&verifier);
    if proven.as_str() != challenge || field("redirect_uri") != CALLBACK {
        return Json(json!({"error": "bad_verification_code"})).into_response();
    }
    let token = format!("gho_{}", fake.tokens.len());
    fake.tokens.insert(token.clone(), user);
    Json(json!({"access_token": token, "token_type": "bearer", "scope": "read:user,user:email"}))
        .into_response()
}

/// The user behind the request's token, with the headers GitHub requires.
fn user_of(fake: &Shared, headers: &HeaderMap) -> Result<Value, StatusCode> {
    let ua = headers.get("user-agent").and_then(|v| v.to_str().ok());
    let accept = headers.get("accept").and_then(|v| v.to_str().ok());
    if ua != Some("camp-connect") || accept != Some("application/vnd.github+json") {
        return Err(StatusCode::FORBIDDEN);
    }
    let token = headers
        .get("authorization")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .ok_or(StatusCode::UNAUTHORIZED)?;
    let fake = fake.lock().unwrap();
    fake.tokens
        .get(token)
        .cloned()
        .ok_or(StatusCode::UNAUTHORIZED)
}

async fn user(State(fake): State<Shared>, headers: HeaderMap) -> Result<Json<Value>, StatusCode> {
    let u = user_of(&fake, &headers)?;
    Ok(Json(
        json!({"id": u["id"], "login": u["login"], "name": u["name"]}),
    ))
}

async fn emails(State(fake): State<Shared>, headers: HeaderMap) -> Result<Json<Value>, StatusCode> {
    Ok(Json(user_of(&fake, &headers)?["emails"].clone()))
}

/// Serves the fake on a free port; its state and base URL.
async fn serve_fake() -> (Shared, String) {
    let fake = Shared::default();
    let app = Router::new()
        .route("/login/oauth/access_token", post(access_token))
        .route("/api/v3/user", get(user))
        .route("/api/v3/user/emails", get(emails))
        .with_state(fake.clone());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await });
    (fake, url)
}

/// The app with GitHub sign-in against a fresh fake GitHub; the fake and
/// its URL.
pub(crate) async fn app(backend: Backend) -> Option<(TestApp, Shared, String)> {
    let (fake, url) = serve_fake().await;
    let config = GitHubConfig {
        label: "GitHub".into(),
        url: url.clone(),
        api_url: format!("{url}/api/v3"),
        client_id: CLIENT_ID.into(),
        client_secret: CLIENT_SECRET.into(),
    };
    let mut routes = common::auth_routes(common::TEST_RATE_LIMIT, ClientAddress::Peer);
    routes.github = GitHub::new(&config, "http://127.0.0.1:3000").expect("usable URLs");
    let app = common::boot_with_routes(backend, true, AuthSettings::default(), routes).await?;
    Some((app, fake, url))
}

/// Starts a sign-in; its session cookie and the authorize URL's query.
pub(crate) async fn start(app: &TestApp, github_url: &str) -> (String, HashMap<String, String>) {
    start_at(app, github_url, "/auth/github/start").await
}

/// Like [`start`], from `path` (e.g. with `?next=`).
async fn start_at(
    app: &TestApp,
    github_url: &str,
    path: &str,
) -> (String, HashMap<String, String>) {
    let res = app.get(path).await;
    assert_eq!(res.status, 303, "{}", res.body);
    let location = res.headers["location"].to_str().unwrap();
    let authorize = format!("{github_url}/login/oauth/authorize?");
    let query = location.strip_prefix(&authorize).expect(location);
    let query = parse_query(query);
    (session_cookie(&res).expect("a session for the flow"), query)
}

fn parse_query(query: &str) -> HashMap<String, String> {
    oauth2::url::form_urlencoded::parse(query.as_bytes())
        .into_owned()
        .collect()
}

/// Lets GitHub approve the flow `query` describes as `user`; the code.
pub(crate) fn approve(fake: &Shared, query: &HashMap<String, String>, user: Value) -> String {
    let mut fake = fake.lock().unwrap();
    let code = format!("code-{}", fake.codes.len() + fake.tokens.len());
    fake.codes
        .insert(code.clone(), (user, query["code_challenge"].clone()));
    code
}

/// Returns from GitHub to the app with `code` and `state`.
pub(crate) async fn callback(app: &TestApp, cookie: &str, code: &str, state: &str) -> common::Page {
    let path = format!("/auth/github/callback?code={code}&state={state}");
    app.get_with(&path, &[("cookie", cookie)]).await
}

fn hanako() -> Value {
    json!({
        "id": 4242, "login": "hanako-gh", "name": "GitHub Hanako",
        "emails": [
            {"email": "old@users.example.jp", "primary": false, "verified": true},
            {"email": "hanako-gh@users.example.jp", "primary": true, "verified": true},
        ],
    })
}

async fn signs_in_by_numeric_id(backend: Backend) {
    let Some((app, fake, url)) = app(backend).await else {
        return;
    };
    let (cookie, query) = start(&app, &url).await;
    assert_eq!(query["client_id"], CLIENT_ID);
    assert_eq!(query["redirect_uri"], CALLBACK);
    assert_eq!(query["response_type"], "code");
    assert_eq!(query["scope"], "read:user user:email");
    assert_eq!(query["code_challenge_method"], "S256");
    assert!(!query.contains_key("client_secret"));
    let code = approve(&fake, &query, hanako());
    let res = callback(&app, &cookie, &code, &query["state"]).await;
    assert_eq!(res.status, 303, "{}", res.body);
    assert_eq!(res.headers["location"], "/");
    let signed_in = session_cookie(&res).expect("a new session");
    let page = app.get_with("/", &[("cookie", &signed_in)]).await;
    assert!(
        page.body.contains("GitHub Hanako"),
        "the name in the banner"
    );

    let id = account_for_identity(&app.db, "github", "4242")
        .await
        .unwrap()
        .expect("the GitHub identity is linked by numeric id");
    let account = account::Entity::find_by_id(id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(account.email.as_deref(), Some("hanako-gh@users.example.jp"));

    // Renamed on GitHub, with a new address: still the same person. This
    // sign-in started from a page that asked for it, and returns there.
    let accounts = account::Entity::find().count(&app.db).await.unwrap();
    let (cookie, query) = start_at(&app, &url, "/auth/github/start?next=%2Faccount").await;
    let mut renamed = hanako();
    renamed["login"] = "hanako-renamed".into();
    renamed["name"] = Value::Null;
    renamed["emails"] =
        json!([{"email": "new@users.example.jp", "primary": true, "verified": true}]);
    let code = approve(&fake, &query, renamed);
    let res = callback(&app, &cookie, &code, &query["state"]).await;
    assert_eq!(res.headers["location"], "/account");
    let signed_in = session_cookie(&res).expect("a new session");
    let page = app.get_with("/", &[("cookie", &signed_in)]).await;
    assert!(
        page.body.contains("GitHub Hanako"),
        "the account made before"
    );
    assert_eq!(
        account::Entity::find().count(&app.db).await.unwrap(),
        accounts
    );
}

async fn name_falls_back_to_login_and_email_to_any_verified(backend: Backend) {
    let Some((app, fake, url)) = app(backend).await else {
        return;
    };
    let (cookie, query) = start(&app, &url).await;
    let user = json!({
        "id": 77, "login": "taro-gh", "name": null,
        "emails": [
            {"email": "unchecked@users.example.jp", "primary": true, "verified": false},
            {"email": "taro@users.example.jp", "primary": false, "verified": true},
        ],
    });
    let code = approve(&fake, &query, user);
    let res = callback(&app, &cookie, &code, &query["state"]).await;
    assert_eq!(res.headers["location"], "/", "{}", res.body);
    let id = account_for_identity(&app.db, "github", "77")
        .await
        .unwrap()
        .unwrap();
    let account = account::Entity::find_by_id(id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(account.email.as_deref(), Some("taro@users.example.jp"));
    assert_eq!(account.name_ja, "taro-gh");
}

async fn refusals(backend: Backend) {
    let Some((app, fake, url)) = app(backend).await else {
        return;
    };
    // Only unverified addresses: refused, and no account is made.
    let (cookie, query) = start(&app, &url).await;
    let user = json!({
        "id": 99, "login": "nobody-gh", "name": "Nobody",
        "emails": [{"email": "nobody@users.example.jp", "primary": true, "verified": false}],
    });
    let code = approve(&fake, &query, user);
    let res = callback(&app, &cookie, &code, &query["state"]).await;
    assert_eq!(res.headers["location"], "/sign-in?error=no-email");
    assert_eq!(
        account_for_identity(&app.db, "github", "99").await.unwrap(),
        None
    );

    // A forged state: refused before GitHub is asked.
    let (cookie, query) = start(&app, &url).await;
    let code = approve(&fake, &query, hanako());
    let res = callback(&app, &cookie, &code, "forged").await;
    assert_eq!(res.headers["location"], "/sign-in?error=state");
    // The flow was used up by that attempt: the right state is too late.
    let res = callback(&app, &cookie, &code, &query["state"]).await;
    assert_eq!(res.headers["location"], "/sign-in?error=state");

    // A code GitHub does not know (or already redeemed): refused.
    let (cookie, query) = start(&app, &url).await;
    let res = callback(&app, &cookie, "made-up", &query["state"]).await;
    assert_eq!(res.headers["location"], "/sign-in?error=provider");

    // GitHub's own refusal on the callback.
    let (cookie, query) = start(&app, &url).await;
    let path = format!(
        "/auth/github/callback?error=access_denied&state={}",
        query["state"]
    );
    let res = app.get_with(&path, &[("cookie", &cookie)]).await;
    assert_eq!(res.headers["location"], "/sign-in?error=provider");
    assert_eq!(
        account_for_identity(&app.db, "github", "4242")
            .await
            .unwrap(),
        None
    );
}

on_each_backend!(numeric_id, signs_in_by_numeric_id);
on_each_backend!(
    fallbacks,
    name_falls_back_to_login_and_email_to_any_verified
);
on_each_backend!(refused, refusals);
