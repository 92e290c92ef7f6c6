//! Sign-in, sessions and cross-site protection on SQLite and PostgreSQL.

use crate::common::{self, Backend, TestApp, on_both_backends, session_cookie};
use camp_connect_app::state::AuthSettings;
use camp_connect_app::store::entities::{audit_event, session};
use camp_connect_app::store::identity::{
    ProvenIdentity, SignInOutcome, make_admin, resolve_sign_in,
};
use chrono::{Duration, Utc};
use sea_orm::{ActiveModelTrait, EntityTrait, PaginatorTrait, Set};

const ORGANISER: &str = "email=demo-organiser%40example.jp";
const LECTURER: &str = "email=demo-lecturer%40example.jp";
const SAME_ORIGIN: (&str, &str) = ("sec-fetch-site", "same-origin");

async fn sign_in(app: &TestApp, form: &str, cookie: Option<&str>) -> String {
    let mut headers = vec![SAME_ORIGIN];
    if let Some(c) = cookie {
        headers.push(("cookie", c));
    }
    let res = app.post_form("/auth/demo", form, &headers).await;
    assert_eq!(res.status, 303, "{}", res.body);
    assert_eq!(res.headers["location"], "/");
    session_cookie(&res).expect("a session cookie")
}

async fn header_name(app: &TestApp, cookie: &str) -> Option<String> {
    let page = app.get_with("/", &[("cookie", cookie)]).await;
    let start = page.body.find("class=\"user-name\"")?;
    let rest = &page.body[start..];
    ["伊藤 直子（主催者）", "田中 誠（講師）"]
        .into_iter()
        .find(|n| rest.contains(n))
        .map(str::to_string)
}

/// The key of the session behind `cookie` in the session table.
fn stored_key(cookie: &str) -> String {
    let id = cookie
        .trim_start_matches("cc_session=")
        .parse()
        .expect("a session id");
    camp_connect_app::store::sessions::stored_id(&id)
}

/// The session table holds only hashes of the ids: a copy of it gives no
/// cookie that signs anyone in.
async fn a_leaked_session_table_gives_no_working_cookie(app: TestApp) {
    let cookie = sign_in(&app, ORGANISER, None).await;
    let id = cookie.trim_start_matches("cc_session=");
    let rows = session::Entity::find().all(&app.db).await.unwrap();
    assert_eq!(rows.len(), 1);
    assert_ne!(rows[0].id, id, "the id itself is not stored");
    assert_eq!(rows[0].id, stored_key(&cookie));
    assert!(!format!("{:?}", rows[0]).contains(id));
    let forged = format!("cc_session={}", rows[0].id);
    assert_eq!(
        header_name(&app, &forged).await,
        None,
        "the stored key signs nobody in"
    );
    assert!(header_name(&app, &cookie).await.is_some());
}

/// Over HTTPS the session cookie is a `__Host-` cookie: Secure, Path=/, no
/// Domain, and it signs the person in.
async fn the_session_cookie_is_a_host_cookie_over_https(app: TestApp) {
    let app = common::over_https(app);
    let res = app.post_form("/auth/demo", ORGANISER, &[SAME_ORIGIN]).await;
    assert_eq!(res.status, 303, "{}", res.body);
    let set = res
        .headers
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|c| c.contains("cc_session="))
        .expect("a session cookie")
        .to_string();
    assert!(set.starts_with("__Host-cc_session="), "{set}");
    let attributes: Vec<&str> = set.split(';').map(str::trim).collect();
    assert!(attributes.contains(&"Secure"), "{set}");
    assert!(attributes.contains(&"Path=/"), "{set}");
    assert!(!set.to_ascii_lowercase().contains("domain="), "{set}");
    let pair = attributes[0];
    assert_eq!(
        header_name(&app, pair).await.as_deref(),
        Some("伊藤 直子（主催者）")
    );
}

async fn demo_sign_in_shows_the_person(app: TestApp) {
    let cookie = sign_in(&app, ORGANISER, None).await;
    assert_eq!(
        header_name(&app, &cookie).await.as_deref(),
        Some("伊藤 直子（主催者）")
    );
    let anonymous = app.get("/").await;
    assert!(anonymous.body.contains("href=\"/sign-in\""));
    let page = app.get("/sign-in").await;
    assert!(
        page.body.contains("demo-lecturer@example.jp"),
        "demo accounts listed"
    );
}

async fn session_id_changes_at_sign_in(app: TestApp) {
    let first = sign_in(&app, ORGANISER, None).await;
    let second = sign_in(&app, LECTURER, Some(&first)).await;
    assert_ne!(first, second, "a new id at every sign-in");
    assert_eq!(
        header_name(&app, &second).await.as_deref(),
        Some("田中 誠（講師）")
    );
    assert_eq!(header_name(&app, &first).await, None, "the old id is dead");
}

async fn sign_out_ends_the_session_on_the_server(app: TestApp) {
    let cookie = sign_in(&app, ORGANISER, None).await;
    let res = app
        .post_form("/auth/sign-out", "", &[SAME_ORIGIN, ("cookie", &cookie)])
        .await;
    assert_eq!(res.status, 303);
    // Replaying the old cookie finds nothing.
    assert_eq!(header_name(&app, &cookie).await, None);
    assert_eq!(session::Entity::find().count(&app.db).await.unwrap(), 0);
}

/// The race behind a flaky browser test: a request that loaded the session
/// (a stylesheet, a page still rendering) finishes after sign-out and saves
/// what it loaded. It must not bring the session back.
async fn a_request_outliving_sign_out_does_not_restore_the_session(app: TestApp) {
    use camp_connect_app::store::sessions::DbSessionStore;
    use tower_sessions::SessionStore;
    use tower_sessions::session::Id;
    let cookie = sign_in(&app, ORGANISER, None).await;
    let id: Id = cookie
        .trim_start_matches("cc_session=")
        .parse()
        .expect("a session id");
    let store = DbSessionStore::new(app.db.clone());
    let in_flight = store.load(&id).await.unwrap().expect("signed in");
    let res = app
        .post_form("/auth/sign-out", "", &[SAME_ORIGIN, ("cookie", &cookie)])
        .await;
    assert_eq!(res.status, 303);
    store.save(&in_flight).await.unwrap();
    assert_eq!(header_name(&app, &cookie).await, None, "still signed out");
    assert_eq!(session::Entity::find().count(&app.db).await.unwrap(), 0);
}

/// Sets `key` in the stored data of the session behind `cookie`, as if
/// that much time had passed.
async fn set_session_value(app: &TestApp, cookie: &str, key: &str, value: serde_json::Value) {
    let row = session::Entity::find_by_id(stored_key(cookie))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let mut data: serde_json::Value = serde_json::from_str(&row.data).unwrap();
    data[key] = value;
    let mut row: session::ActiveModel = row.into();
    row.data = Set(data.to_string());
    row.update(&app.db).await.unwrap();
}

/// Scripts and styles are served outside the session layer, so a slow one
/// can never set a session cookie that sign-in or sign-out has replaced.
async fn scripts_and_styles_set_no_session_cookie(app: TestApp) {
    let cookie = sign_in(&app, ORGANISER, None).await;
    // Due for a refresh: a page would now set the cookie again.
    set_session_value(&app, &cookie, "refreshed_at", 0.into()).await;
    let style = app
        .get_with("/pkg/camp-connect.css", &[("cookie", &cookie)])
        .await;
    assert!(matches!(style.status, 200 | 404), "{}", style.status);
    assert!(session_cookie(&style).is_none());
    let page = app.get_with("/", &[("cookie", &cookie)]).await;
    assert!(session_cookie(&page).is_some(), "a page does refresh it");
}

/// Who is signed in is worked out once per request and kept with that
/// request only: pages of one person interleaved with server-function calls
/// of another, on the same worker threads, each name their own person.
async fn each_request_sees_its_own_person(app: TestApp) {
    let organiser = sign_in(&app, ORGANISER, None).await;
    let lecturer = sign_in(&app, LECTURER, None).await;
    let app = std::sync::Arc::new(app);
    let mut tasks = Vec::new();
    for i in 0..40 {
        let (app, organiser, lecturer) = (app.clone(), organiser.clone(), lecturer.clone());
        tasks.push(tokio::spawn(async move {
            if i % 2 == 0 {
                let name = header_name(&app, &organiser).await;
                assert_eq!(name.as_deref(), Some("伊藤 直子（主催者）"), "page {i}");
            } else {
                let res = common::call(&app, &lecturer, "/api/identity/whoami", "").await;
                assert!(
                    res.body.contains("田中 誠（講師）"),
                    "call {i}: {}",
                    res.body
                );
                assert!(!res.body.contains("伊藤"), "call {i}: {}", res.body);
            }
        }));
    }
    for t in tasks {
        t.await.unwrap();
    }
}

async fn sessions_expire(app: TestApp) {
    // Idle: the stored expiry has passed.
    let cookie = sign_in(&app, ORGANISER, None).await;
    let row = session::Entity::find_by_id(stored_key(&cookie))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let mut idle: session::ActiveModel = row.clone().into();
    idle.expires_at = Set(Utc::now() - Duration::minutes(1));
    idle.update(&app.db).await.unwrap();
    assert_eq!(header_name(&app, &cookie).await, None, "idle expiry");

    // Absolute: signed in longer ago than the limit, however busy since.
    let cookie = sign_in(&app, ORGANISER, None).await;
    let old = (Utc::now() - Duration::days(15)).timestamp();
    set_session_value(&app, &cookie, "signed_in_at", old.into()).await;
    assert_eq!(header_name(&app, &cookie).await, None, "absolute expiry");
}

async fn idle_expiry_is_refreshed_without_a_write_per_request(app: TestApp) {
    use camp_connect_app::auth::IDLE_TIMEOUT;
    use camp_connect_app::store::sessions::EXPIRY_REFRESH_SLACK;
    let cookie = sign_in(&app, ORGANISER, None).await;
    let id = stored_key(&cookie);
    let stored = || session::Entity::find_by_id(id.clone()).one(&app.db);
    // A page view soon after leaves the row as it is.
    let before = stored().await.unwrap().unwrap();
    assert!(header_name(&app, &cookie).await.is_some());
    assert_eq!(
        stored().await.unwrap().unwrap(),
        before,
        "no write while nothing changed"
    );

    assert!(
        session_cookie(&app.get_with("/", &[("cookie", &cookie)]).await).is_none(),
        "an unchanged session sends no cookie"
    );

    // Once the last refresh is older than the slack, the expiry moves
    // forward and the cookie is sent again with it.
    let lagging = Utc::now() + IDLE_TIMEOUT - EXPIRY_REFRESH_SLACK - Duration::minutes(1);
    let mut data: serde_json::Value = serde_json::from_str(&before.data).unwrap();
    data["refreshed_at"] = (Utc::now() - EXPIRY_REFRESH_SLACK - Duration::minutes(1))
        .timestamp()
        .into();
    let mut row: session::ActiveModel = before.into();
    row.expires_at = Set(lagging);
    row.data = Set(data.to_string());
    row.update(&app.db).await.unwrap();
    let page = app.get_with("/", &[("cookie", &cookie)]).await;
    assert!(page.body.contains("伊藤 直子（主催者）"));
    assert!(
        session_cookie(&page).is_some(),
        "the cookie's max-age moves too"
    );
    let after = stored().await.unwrap().unwrap().expires_at;
    assert!(
        after > Utc::now() + IDLE_TIMEOUT - EXPIRY_REFRESH_SLACK,
        "expiry refreshed: {after}"
    );
}

async fn unknown_demo_account_is_refused(app: TestApp) {
    let res = app
        .post_form("/auth/demo", "email=nobody%40example.jp", &[SAME_ORIGIN])
        .await;
    assert_eq!(res.status, 303);
    assert_eq!(res.headers["location"], "/sign-in?error=unknown-account");
    assert!(session_cookie(&res).is_none());
    let page = app.get("/sign-in?error=unknown-account").await;
    assert!(page.body.contains("サインインできませんでした"));
    // Refusals the person can act on are explained.
    let page = app.get("/sign-in?error=email-taken").await;
    assert!(
        page.body
            .contains("このメールアドレスは別のアカウントで使われています。")
    );
}

/// Asked to sign in on a page, people come back to it after signing in;
/// a `next` that leaves the site is ignored.
async fn sign_in_returns_to_where_the_person_was_going(app: TestApp) {
    let page = app.get("/account").await;
    assert_eq!(page.status, 401);
    assert!(
        page.body.contains("/sign-in?next=%2Faccount"),
        "{}",
        page.body
    );
    let form = app.get("/sign-in?next=%2Faccount").await;
    assert!(
        form.body.contains(r#"name="next" value="/account""#),
        "{}",
        form.body
    );
    for (next, expected) in [
        ("%2Faccount", "/account"),
        ("https%3A%2F%2Fevil.example%2F", "/"),
        ("%2F%2Fevil.example", "/"),
    ] {
        let body = format!("email=demo-alumnus%40example.jp&next={next}");
        let res = app.post_form("/auth/demo", &body, &[SAME_ORIGIN]).await;
        assert_eq!(res.headers["location"], expected, "next={next}");
    }
}

async fn cross_site_posts_are_refused(app: TestApp) {
    let evil = [
        ("origin", "https://evil.example"),
        ("host", "127.0.0.1:3000"),
    ];
    for path in ["/auth/demo", "/auth/sign-out", "/api/catalogue/programmes"] {
        let res = app.post_form(path, ORGANISER, &evil).await;
        assert_eq!(res.status, 403, "{path}");
        assert!(res.body.contains("他のサイトからの送信"));
        let res = app
            .post_form(path, ORGANISER, &[("sec-fetch-site", "cross-site")])
            .await;
        assert_eq!(res.status, 403, "{path}");
    }
    // The same request from the site itself goes through.
    let ok = app
        .post_form(
            "/api/catalogue/programmes",
            "",
            &[SAME_ORIGIN, ("accept", "application/json")],
        )
        .await;
    assert_eq!(ok.status, 200, "{}", ok.body);
    assert!(ok.body.contains("connect"));
}

/// A signed-in person's post that has neither `Origin` nor
/// `Sec-Fetch-Site` goes through only with this site's `Referer`.
async fn cookie_posts_without_origin_need_this_sites_referer(app: TestApp) {
    let cookie = sign_in(&app, ORGANISER, None).await;
    let host = ("host", "127.0.0.1:3000");
    let bare = app
        .post_form("/auth/sign-out", "", &[host, ("cookie", &cookie)])
        .await;
    assert_eq!(bare.status, 403, "{}", bare.body);
    assert!(bare.body.contains("他のサイトからの送信"));
    let theirs = app
        .post_form(
            "/auth/sign-out",
            "",
            &[
                host,
                ("cookie", &cookie),
                ("referer", "https://evil.example/"),
            ],
        )
        .await;
    assert_eq!(theirs.status, 403);
    assert!(
        header_name(&app, &cookie).await.is_some(),
        "still signed in"
    );
    let ours = app
        .post_form(
            "/auth/sign-out",
            "",
            &[
                host,
                ("cookie", &cookie),
                ("referer", "http://127.0.0.1:3000/"),
            ],
        )
        .await;
    assert_eq!(ours.status, 303, "{}", ours.body);
    assert_eq!(header_name(&app, &cookie).await, None);
}

/// Forms may post only to this site: an injected form cannot send what a
/// person types elsewhere.
async fn forms_post_only_to_this_site(app: TestApp) {
    let page = app.get("/").await;
    let csp = page.headers["content-security-policy"].to_str().unwrap();
    assert!(csp.contains("form-action 'self'"), "{csp}");
}

async fn create_admin_is_recorded_and_idempotent(app: TestApp) {
    let now = Utc::now();
    let id = make_admin(&app.db, "new-admin@example.jp", now)
        .await
        .unwrap();
    assert_eq!(
        make_admin(&app.db, "new-admin@example.jp", now)
            .await
            .unwrap(),
        id
    );
    let events = audit_event::Entity::find().all(&app.db).await.unwrap();
    assert_eq!(events.len(), 1, "recorded once, when it happened");
    assert_eq!(events[0].action, "account.make_admin");
    assert_eq!(events[0].entity_id, id.to_string());
}

async fn provider_identities_resolve_to_accounts(app: TestApp) {
    let now = Utc::now();
    let who = |subject: &'static str, email: &'static str| ProvenIdentity {
        provider: "univ",
        label: "大学アカウント",
        subject,
        email,
        name: "山田 太郎",
    };
    // A new person gets an account, linked to the identity.
    let SignInOutcome::Account(id) =
        resolve_sign_in(&app.db, who("u-1", "taro@univ.ac.jp"), None, now)
            .await
            .unwrap()
    else {
        panic!("a new account")
    };
    // The same identity finds it again, whatever email the provider sends now.
    assert_eq!(
        resolve_sign_in(&app.db, who("u-1", "new@univ.ac.jp"), None, now)
            .await
            .unwrap(),
        SignInOutcome::Account(id)
    );
    // Another identity with a taken email is not linked silently.
    assert_eq!(
        resolve_sign_in(&app.db, who("u-2", "taro@univ.ac.jp"), None, now)
            .await
            .unwrap(),
        SignInOutcome::EmailTaken
    );
    assert_eq!(
        resolve_sign_in(&app.db, who("u-3", "demo-organiser@example.jp"), None, now)
            .await
            .unwrap(),
        SignInOutcome::EmailTaken
    );
    // Signed in, a new identity is linked to the signed-in account.
    assert_eq!(
        resolve_sign_in(&app.db, who("u-2", "taro@univ.ac.jp"), Some(id), now)
            .await
            .unwrap(),
        SignInOutcome::Account(id)
    );
    assert_eq!(
        resolve_sign_in(&app.db, who("u-2", "other@univ.ac.jp"), None, now)
            .await
            .unwrap(),
        SignInOutcome::Account(id)
    );
}

/// The first administrator: `create-admin` makes an account with no
/// sign-in method; the first sign-in whose verified email is that address
/// claims it (it was refused as "email already used" and locked out), and
/// only once: afterwards another provider with the same address is refused.
async fn first_sign_in_claims_an_account_made_by_create_admin(app: TestApp) {
    use camp_connect_app::store::identity::actor_and_viewer;
    let now = Utc::now();
    let id = make_admin(&app.db, "first-admin@camp.example.jp", now)
        .await
        .unwrap();
    let who = |provider: &'static str, subject: &'static str| ProvenIdentity {
        provider,
        label: "大学アカウント",
        subject,
        email: "first-admin@camp.example.jp",
        name: "佐藤 花子",
    };
    assert_eq!(
        resolve_sign_in(&app.db, who("univ", "admin-1"), None, now)
            .await
            .unwrap(),
        SignInOutcome::Account(id)
    );
    let (actor, _) = actor_and_viewer(&app.db, id).await.unwrap().unwrap();
    assert!(actor.is_admin, "the claimed account is the administrator");
    let events = audit_event::Entity::find().all(&app.db).await.unwrap();
    assert!(
        events
            .iter()
            .any(|e| e.action == "account.claim" && e.entity_id == id.to_string()),
        "the claim is audited: {events:?}"
    );
    // The same identity again finds it; another provider with the same
    // address does not take over an account that has a sign-in method.
    assert_eq!(
        resolve_sign_in(&app.db, who("univ", "admin-1"), None, now)
            .await
            .unwrap(),
        SignInOutcome::Account(id)
    );
    assert_eq!(
        resolve_sign_in(&app.db, who("github", "77"), None, now)
            .await
            .unwrap(),
        SignInOutcome::EmailTaken
    );
}

/// A provider reporting the address in other letter case still claims the
/// account the office made (imported addresses are stored lower-case).
async fn a_claim_ignores_letter_case(app: TestApp) {
    let now = Utc::now();
    let id = make_admin(&app.db, "office@camp.example.jp", now)
        .await
        .unwrap();
    let who = ProvenIdentity {
        provider: "univ",
        label: "大学アカウント",
        subject: "office-1",
        email: "Office@Camp.Example.jp",
        name: "事務局",
    };
    assert_eq!(
        resolve_sign_in(&app.db, who, None, now).await.unwrap(),
        SignInOutcome::Account(id)
    );
}

async fn unknown_provider_is_refused(app: TestApp) {
    for path in [
        "/auth/oidc/nope/start",
        "/auth/oidc/nope/callback?code=x&state=y",
        // GitHub is not configured in these tests.
        "/auth/github/start",
        "/auth/github/callback?code=x&state=y",
    ] {
        let res = app.get(path).await;
        assert_eq!(res.status, 404, "{path}");
        assert!(res.body.contains("不明なサインイン方法です。"));
        assert!(session_cookie(&res).is_none());
    }
}

on_both_backends!(demo_sign_in, true, demo_sign_in_shows_the_person);
on_both_backends!(
    host_cookie,
    true,
    the_session_cookie_is_a_host_cookie_over_https
);
on_both_backends!(
    hashed_sessions,
    true,
    a_leaked_session_table_gives_no_working_cookie
);
on_both_backends!(unknown_provider, true, unknown_provider_is_refused);
on_both_backends!(
    provider_identities,
    true,
    provider_identities_resolve_to_accounts
);
on_both_backends!(
    first_admin,
    true,
    first_sign_in_claims_an_account_made_by_create_admin
);
on_both_backends!(claim_any_case, true, a_claim_ignores_letter_case);
on_both_backends!(fixation, true, session_id_changes_at_sign_in);
on_both_backends!(sign_out, true, sign_out_ends_the_session_on_the_server);
on_both_backends!(
    sign_out_race,
    true,
    a_request_outliving_sign_out_does_not_restore_the_session
);
on_both_backends!(
    static_files_sessionless,
    true,
    scripts_and_styles_set_no_session_cookie
);
on_both_backends!(own_person, true, each_request_sees_its_own_person);
on_both_backends!(expiry, true, sessions_expire);
on_both_backends!(
    expiry_refresh,
    true,
    idle_expiry_is_refreshed_without_a_write_per_request
);
on_both_backends!(unknown_demo, true, unknown_demo_account_is_refused);
on_both_backends!(cross_site, true, cross_site_posts_are_refused);
on_both_backends!(
    referer_check,
    true,
    cookie_posts_without_origin_need_this_sites_referer
);
on_both_backends!(form_action, true, forms_post_only_to_this_site);
on_both_backends!(create_admin, true, create_admin_is_recorded_and_idempotent);

#[test]
fn demo_sign_in_is_off_unless_configured() {
    common::runtime().block_on(demo_off());
}

async fn demo_off() {
    let app = common::boot_with(Backend::Sqlite, true, AuthSettings::default())
        .await
        .unwrap();
    let res = app.post_form("/auth/demo", ORGANISER, &[SAME_ORIGIN]).await;
    assert_eq!(res.status, 404);
    assert!(session_cookie(&res).is_none());
    let page = app.get("/sign-in").await;
    assert!(!page.body.contains("demo-organiser@example.jp"));
    assert!(page.body.contains("サインイン方法がまだ設定されていません"));
}
on_both_backends!(
    sign_in_next,
    true,
    sign_in_returns_to_where_the_person_was_going
);
