//! "My account": editing the profile, unlinking sign-in methods, "download
//! my data" and deleting the account, on SQLite and PostgreSQL.

mod common;

use camp_connect_app::store::entities::{account, audit_event, identity, role_grant};
use camp_connect_app::store::identity::{
    ProvenIdentity, SignInOutcome, account_by_email, link_identity, make_admin, resolve_sign_in,
};
use chrono::Utc;
use common::{TestApp, call, signed_in};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use serde_json::Value;

const SAME_ORIGIN: (&str, &str) = ("sec-fetch-site", "same-origin");

async fn me(app: &TestApp, cookie: &str) -> common::Page {
    call(app, cookie, "/api/account/me", "").await
}

async fn account_of(app: &TestApp, email: &str) -> account::Model {
    account_by_email(&app.db, email).await.unwrap().unwrap()
}

const SAVE: &str = "/api/account/save";

async fn profile_edits_are_checked_and_set_the_language(app: TestApp) {
    let cookie = signed_in(&app, "lecturer").await;
    let page = me(&app, &cookie).await;
    assert_eq!(page.status, 200);
    assert!(
        page.body.contains("demo-lecturer@example.jp"),
        "{}",
        page.body
    );

    let bad = "draft[name_ja]=+&draft[name_en]=&draft[language]=fr";
    let res = call(&app, &cookie, SAVE, bad).await;
    assert_eq!(res.status, 422, "{}", res.body);
    assert!(res.body.contains("Required") && res.body.contains("BadChoice"));
    let before = account_of(&app, "demo-lecturer@example.jp").await;
    assert!(!before.name_ja.is_empty(), "a refused save changes nothing");

    let good = "draft[name_ja]=%E5%B1%B1%E7%94%B0+%E8%8A%B1%E5%AD%90&draft[name_en]=Hanako+Yamada&draft[language]=en";
    let res = call(&app, &cookie, SAVE, good).await;
    assert_eq!(res.status, 200, "{}", res.body);
    let cookies: Vec<_> = res.headers.get_all("set-cookie").iter().collect();
    assert!(
        cookies
            .iter()
            .any(|c| c.to_str().unwrap().starts_with("i18n_pref_locale=en;")),
        "the new language applies to the site: {cookies:?}"
    );
    let after = account_of(&app, "demo-lecturer@example.jp").await;
    assert_eq!(
        (
            after.name_ja.as_str(),
            after.name_en.as_str(),
            after.language.as_str()
        ),
        ("山田 花子", "Hanako Yamada", "en")
    );
}

async fn first_identity(app: &TestApp, account_id: i32) -> identity::Model {
    identity::Entity::find()
        .filter(identity::Column::AccountId.eq(account_id))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
}

async fn unlink(app: &TestApp, cookie: &str, identity_id: i32) -> common::Page {
    let body = format!("identity={identity_id}");
    call(app, cookie, "/api/account/unlink", &body).await
}

async fn the_last_sign_in_method_stays(app: TestApp) {
    let cookie = signed_in(&app, "tutor").await;
    let tutor = account_of(&app, "demo-tutor@example.jp").await;
    let only = first_identity(&app, tutor.id).await;
    let res = unlink(&app, &cookie, only.id).await;
    assert_eq!(res.status, 422, "{}", res.body);
    assert!(res.body.contains("LastIdentity"));

    // Someone else's identity is not the tutor's to unlink.
    let other = account_of(&app, "demo-alumnus@example.jp").await;
    let theirs = first_identity(&app, other.id).await;
    let res = unlink(&app, &cookie, theirs.id).await;
    assert_eq!(res.status, 404);
    assert!(
        identity::Entity::find_by_id(theirs.id)
            .one(&app.db)
            .await
            .unwrap()
            .is_some()
    );

    // With a second method linked, the first may go.
    link_identity(&app.db, tutor.id, "github", "4242", Utc::now())
        .await
        .unwrap();
    let res = unlink(&app, &cookie, only.id).await;
    assert_eq!(res.status, 200, "{}", res.body);
    let left: Vec<_> = identity::Entity::find()
        .filter(identity::Column::AccountId.eq(tutor.id))
        .all(&app.db)
        .await
        .unwrap()
        .into_iter()
        .map(|i| i.provider)
        .collect();
    assert_eq!(left, vec!["github".to_string()]);
}

/// The lecturer is made an organiser (an audit event about them), then
/// downloads their data.
async fn download_my_data_holds_mine_and_nobody_elses(app: TestApp) {
    let admin = signed_in(&app, "admin").await;
    let res = call(
        &app,
        &admin,
        "/api/admin/grant-organiser",
        "email=demo-lecturer%40example.jp&programme=camp",
    )
    .await;
    assert_eq!(res.status, 200);
    let cookie = signed_in(&app, "lecturer").await;
    let res = app
        .get_with("/api/account/export", &[("cookie", cookie.as_str())])
        .await;
    assert_eq!(res.status, 200, "{}", res.body);
    let disposition = res.headers["content-disposition"].to_str().unwrap();
    assert!(disposition.starts_with("attachment; filename=\"camp-connect-my-data-"));
    assert_eq!(res.headers["cache-control"], "no-store");
    let data: Value = serde_json::from_str(&res.body).unwrap();
    assert_eq!(data["format"], "camp-connect/account-export/1");
    assert_eq!(data["account"]["email"], "demo-lecturer@example.jp");
    assert_eq!(data["identities"][0]["provider"], "demo");
    let roles: Vec<&str> = data["roles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["role"].as_str().unwrap())
        .collect();
    assert!(
        roles.contains(&"organiser") && roles.contains(&"lecturer"),
        "{roles:?}"
    );
    assert_eq!(data["actions_about_me"][0]["action"], "role.grant");
    // The grant queued a mail to the lecturer: it is theirs to download.
    assert_eq!(data["mail"].as_array().unwrap().len(), 1, "{}", res.body);
    assert_eq!(data["mail"][0]["status"], "pending");
    assert!(!res.body.contains("demo-admin@example.jp"), "{}", res.body);

    let anonymous = app.get("/api/account/export").await;
    assert_eq!(anonymous.status, 401);
}

async fn deleting_removes_personal_data_and_ends_every_session(app: TestApp) {
    let admin = signed_in(&app, "admin").await;
    call(
        &app,
        &admin,
        "/api/admin/grant-organiser",
        "email=demo-alumnus%40example.jp&programme=camp",
    )
    .await;
    let alumnus = account_of(&app, "demo-alumnus@example.jp").await;
    let first = signed_in(&app, "alumnus").await;
    let second = signed_in(&app, "alumnus").await;

    let res = call(&app, &first, "/api/account/delete", "").await;
    assert_eq!(res.status, 422, "unconfirmed: {}", res.body);
    assert!(res.body.contains("NotConfirmed"));
    assert_eq!(me(&app, &first).await.status, 200, "nothing happened");

    let res = call(&app, &first, "/api/account/delete", "confirm=yes").await;
    assert_eq!(res.status, 200, "{}", res.body);
    assert_eq!(me(&app, &first).await.status, 401);
    assert_eq!(
        me(&app, &second).await.status,
        401,
        "other sessions end too"
    );

    let row = account::Entity::find_by_id(alumnus.id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(row.email, None);
    assert_eq!((row.name_ja.as_str(), row.name_en.as_str()), ("", ""));
    let identities = identity::Entity::find()
        .filter(identity::Column::AccountId.eq(alumnus.id))
        .count(&app.db)
        .await
        .unwrap();
    let roles = role_grant::Entity::find()
        .filter(role_grant::Column::AccountId.eq(alumnus.id))
        .count(&app.db)
        .await
        .unwrap();
    assert_eq!((identities, roles), (0, 0));
    let events = audit_event::Entity::find().all(&app.db).await.unwrap();
    assert!(
        events
            .iter()
            .all(|e| !e.summary.contains("demo-alumnus@example.jp")),
        "the email is scrubbed from the audit log"
    );
    assert!(
        events
            .iter()
            .any(|e| e.summary == format!("account #{} made an organiser of camp", alumnus.id))
    );
    assert!(events.iter().any(|e| e.action == "account.delete"
        && e.entity_id == alumnus.id.to_string()
        && e.actor_id == Some(alumnus.id)));

    // The demo sign-in no longer finds the account; a provider sign-in with
    // the same email makes a new, empty one.
    let res = app
        .post_form(
            "/auth/demo",
            "email=demo-alumnus%40example.jp",
            &[SAME_ORIGIN],
        )
        .await;
    assert_eq!(res.headers["location"], "/sign-in?error=unknown-account");
    let who = ProvenIdentity {
        provider: "github",
        label: "GitHub",
        subject: "77",
        email: "demo-alumnus@example.jp",
        name: "Again",
    };
    let again = resolve_sign_in(&app.db, who, None, Utc::now())
        .await
        .unwrap();
    assert!(matches!(again, SignInOutcome::Account(id) if id != alumnus.id));
}

async fn the_only_admin_cannot_delete_their_account(app: TestApp) {
    let admin = signed_in(&app, "admin").await;
    let res = call(&app, &admin, "/api/account/delete", "confirm=yes").await;
    assert_eq!(res.status, 422, "{}", res.body);
    assert!(res.body.contains("LastAdmin"));
    assert_eq!(me(&app, &admin).await.status, 200);

    make_admin(&app.db, "second-admin@example.jp", Utc::now())
        .await
        .unwrap();
    let res = call(&app, &admin, "/api/account/delete", "confirm=yes").await;
    assert_eq!(res.status, 200, "{}", res.body);
}

/// Without JavaScript a refused form post comes back to the page it came
/// from, with the problem in the URL for the page to show.
async fn a_refused_plain_form_post_returns_to_the_page(app: TestApp) {
    let cookie = signed_in(&app, "applicant").await;
    let res = app
        .post_form(
            "/api/account/delete",
            "",
            &[
                SAME_ORIGIN,
                ("cookie", cookie.as_str()),
                ("accept", "text/html"),
                ("referer", "http://127.0.0.1:3000/account"),
            ],
        )
        .await;
    assert_eq!(res.status, 302, "{}", res.body);
    let location = res.headers["location"].to_str().unwrap();
    assert!(
        location.contains("/account?") && location.contains("__err="),
        "{location}"
    );
    let page = app
        .get_with(
            location.trim_start_matches("http://127.0.0.1:3000"),
            &[("cookie", cookie.as_str())],
        )
        .await;
    assert_eq!(page.status, 200);
    assert!(
        page.body.contains("確認のチェックを入れてください。"),
        "{}",
        page.body
    );
}

on_both_backends!(
    profile,
    true,
    profile_edits_are_checked_and_set_the_language
);
on_both_backends!(unlink, true, the_last_sign_in_method_stays);
on_both_backends!(export, true, download_my_data_holds_mine_and_nobody_elses);
on_both_backends!(
    delete,
    true,
    deleting_removes_personal_data_and_ends_every_session
);
on_both_backends!(last_admin, true, the_only_admin_cannot_delete_their_account);
on_both_backends!(
    plain_form,
    true,
    a_refused_plain_form_post_returns_to_the_page
);
