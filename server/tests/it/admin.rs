//! Administrators granting and revoking organiser roles, and the audit log
//! each kind of staff may read, on SQLite and PostgreSQL.

use crate::common::{TestApp, call, on_both_backends, signed_in};
use camp_connect_app::store::entities::role_grant;
use sea_orm::{EntityTrait, QueryOrder};

const CAMP_COHORT: &str = "programme=camp&cohort=2027";

async fn grants_take_effect_at_once_and_are_recorded(app: TestApp) {
    let admin = signed_in(&app, "admin").await;
    let lecturer = signed_in(&app, "lecturer").await;
    assert_eq!(
        call(&app, &lecturer, "/api/manage/cohort", CAMP_COHORT)
            .await
            .status,
        403
    );

    let res = call(
        &app,
        &admin,
        "/api/admin/grant-organiser",
        "email=demo-lecturer%40example.jp&programme=camp",
    )
    .await;
    assert_eq!(res.status, 200, "{}", res.body);
    // The lecturer's existing session sees the new role on the next request.
    assert_eq!(
        call(&app, &lecturer, "/api/manage/cohort", CAMP_COHORT)
            .await
            .status,
        200
    );
    // Granting again changes nothing.
    call(
        &app,
        &admin,
        "/api/admin/grant-organiser",
        "email=demo-lecturer%40example.jp&programme=camp",
    )
    .await;

    let newest = role_grant::Entity::find()
        .order_by_desc(role_grant::Column::Id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let res = call(
        &app,
        &admin,
        "/api/admin/revoke-organiser",
        &format!("grant={}", newest.id),
    )
    .await;
    assert_eq!(res.status, 200, "{}", res.body);
    assert_eq!(
        call(&app, &lecturer, "/api/manage/cohort", CAMP_COHORT)
            .await
            .status,
        403
    );

    let log = call(&app, &admin, "/api/audit/search", "q=role.&page=0").await;
    assert_eq!(log.status, 200);
    let grants = log.body.matches("role.grant").count();
    let revokes = log.body.matches("role.revoke").count();
    assert_eq!((grants, revokes), (1, 1), "{}", log.body);
    // Search ignores case on both engines, and `%` / `_` are no wildcards.
    let upper = call(&app, &admin, "/api/audit/search", "q=ROLE.GRANT&page=0").await;
    assert_eq!(
        upper.body.matches("role.grant").count(),
        1,
        "{}",
        upper.body
    );
    for wildcard in ["%25", "r_le"] {
        let none = call(
            &app,
            &admin,
            "/api/audit/search",
            &format!("q={wildcard}&page=0"),
        )
        .await;
        assert!(
            none.body.contains(r#""rows":[]"#),
            "{wildcard}: {}",
            none.body
        );
    }
}

async fn bad_grants_are_explained(app: TestApp) {
    let admin = signed_in(&app, "admin").await;
    let res = call(
        &app,
        &admin,
        "/api/admin/grant-organiser",
        "email=nobody%40example.jp&programme=camp",
    )
    .await;
    assert_eq!(res.status, 422);
    assert!(res.body.contains("NoSuchAccount"));
    let res = call(
        &app,
        &admin,
        "/api/admin/grant-organiser",
        "email=&programme=camp",
    )
    .await;
    assert_eq!(res.status, 422);
    let res = call(
        &app,
        &admin,
        "/api/admin/grant-organiser",
        "email=demo-tutor%40example.jp&programme=nope",
    )
    .await;
    assert_eq!(res.status, 422);
    let res = call(&app, &admin, "/api/admin/revoke-organiser", "grant=424242").await;
    assert_eq!(res.status, 404);
}

async fn organisers_read_only_their_programmes_log(app: TestApp) {
    let organiser = signed_in(&app, "organiser").await;
    let admin = signed_in(&app, "admin").await;
    // One event in each programme.
    call(
        &app,
        &admin,
        "/api/admin/grant-organiser",
        "email=demo-tutor%40example.jp&programme=camp",
    )
    .await;
    call(
        &app,
        &admin,
        "/api/admin/grant-organiser",
        "email=demo-tutor%40example.jp&programme=connect",
    )
    .await;
    let theirs = call(&app, &organiser, "/api/audit/search", "q=&page=0").await;
    assert_eq!(theirs.status, 200);
    assert!(theirs.body.contains("organiser of connect"));
    assert!(
        !theirs.body.contains("organiser of camp"),
        "{}",
        theirs.body
    );
    let all = call(&app, &admin, "/api/audit/search", "q=&page=0").await;
    assert!(all.body.contains("organiser of camp") && all.body.contains("organiser of connect"));
    // The page, without JavaScript, with the query in the URL.
    let page = app
        .get_with("/audit?q=connect", &[("cookie", &organiser)])
        .await;
    assert_eq!(page.status, 200);
    assert!(
        page.body
            .contains("demo-tutor@example.jp made an organiser of connect")
    );
}

on_both_backends!(
    grant_and_revoke,
    true,
    grants_take_effect_at_once_and_are_recorded
);
on_both_backends!(bad_grants, true, bad_grants_are_explained);
on_both_backends!(audit_scope, true, organisers_read_only_their_programmes_log);
