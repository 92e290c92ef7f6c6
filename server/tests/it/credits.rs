//! Activity credits through the real server functions and routes, on
//! SQLite and PostgreSQL: a self-reported activity confirmed by the
//! supervisor's mailed single-use link (a reused or expired link changes
//! nothing), a finished tutor stint credited, yearly totals, the CSV
//! export, script shown as text and overlong fields refused.

use crate::common::{self, TestApp, call, on_both_backends, signed_in};
use camp_connect_app::domain::access::{Grant, Role};
use camp_connect_app::domain::credits::{CreditKind, CreditStatus, LedgerPage};
use camp_connect_app::store::catalogue::rows::programme_row;
use camp_connect_app::store::catalogue::track_ctx::track_by_slugs;
use camp_connect_app::store::entities::{audit_event, credit_claim, credit_entry, outbox_message};
use camp_connect_app::store::identity::{account_by_email, grant_role};
use chrono::{Duration, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};

const XSS: &str = "<script>alert(1)</script>";

fn encode(s: &str) -> String {
    camp_connect_app::domain::url::encode_query_value(s)
}

async fn post(app: &TestApp, cookie: &str, path: &str, body: &str, status: u16) -> String {
    let res = call(app, cookie, path, body).await;
    assert_eq!(res.status, status, "{path} {body}: {}", res.body);
    res.body
}

fn report(title: &str, hours: &str, date: &str) -> String {
    format!(
        "title={}&hours={hours}&date={date}&evidence={}&evidence_link=&supervisor_name={}&supervisor_email=boss%40example.jp",
        encode(title),
        encode("社内勉強会で講演"),
        encode("上司 太郎"),
    )
}

/// The token of the latest confirmation link mailed to the supervisor, read
/// from the mailbox as a mail client would.
async fn mailed_token(app: &TestApp) -> String {
    common::smtp::mailed_token(app, "boss@example.jp", "/credits/confirm/").await
}

async fn ledger(app: &TestApp, cookie: &str) -> LedgerPage {
    serde_json::from_str(&post(app, cookie, "/api/credits/ledger", "", 200).await).unwrap()
}

async fn a_supervisor_confirms_once_from_the_mailed_link(app: TestApp) {
    let me = signed_in(&app, "applicant").await;
    post(
        &app,
        &me,
        "/api/credits/report",
        &report("社外での講演", "1.5", "2026-10-01"),
        200,
    )
    .await;
    let token = mailed_token(&app).await;
    let stored = credit_claim::Entity::find()
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_ne!(stored.token_hash, token, "only the hash is stored");
    let page = app.get(&format!("/credits/confirm/{token}")).await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("社外での講演"), "{}", page.body);
    let l = ledger(&app, &me).await;
    assert_eq!((l.years[0].confirmed, l.years[0].pending), (0, 15));
    // No account is needed to answer.
    let answer = format!("token={token}&answer=confirm");
    let res = app
        .post_form(
            "/api/credits/answer",
            &answer,
            &[
                ("sec-fetch-site", "same-origin"),
                ("accept", "application/json"),
            ],
        )
        .await;
    assert_eq!(res.status, 200, "{}", res.body);
    let l = ledger(&app, &me).await;
    assert_eq!(
        (l.years[0].year, l.years[0].confirmed, l.years[0].pending),
        (2026, 15, 0)
    );
    assert_eq!(
        outbox_message::Entity::find()
            .filter(outbox_message::Column::Template.eq("credit_confirmed"))
            .all(&app.db)
            .await
            .unwrap()
            .len(),
        1
    );
    // The link works once: a second answer is refused and changes nothing.
    let again = format!("token={token}&answer=decline");
    let res = app
        .post_form(
            "/api/credits/answer",
            &again,
            &[
                ("sec-fetch-site", "same-origin"),
                ("accept", "application/json"),
            ],
        )
        .await;
    assert_eq!(res.status, 422, "{}", res.body);
    assert!(res.body.contains("ConfirmationUsed"), "{}", res.body);
    let l = ledger(&app, &me).await;
    assert_eq!(l.years[0].confirmed, 15);
    let page = app.get(&format!("/credits/confirm/{token}")).await;
    assert!(
        page.body.contains("この確認リンクはすでに使われたか"),
        "a clear message in Japanese"
    );
    let page = app
        .get_with(
            &format!("/credits/confirm/{token}"),
            &[("accept-language", "en")],
        )
        .await;
    assert!(
        page.body.contains("already been used or has expired"),
        "and in English"
    );
}

on_both_backends!(
    supervisor_confirms,
    true,
    a_supervisor_confirms_once_from_the_mailed_link
);

async fn an_expired_link_changes_nothing(app: TestApp) {
    let me = signed_in(&app, "applicant").await;
    post(
        &app,
        &me,
        "/api/credits/report",
        &report("論文", "3", "2026-09-01"),
        200,
    )
    .await;
    let token = mailed_token(&app).await;
    credit_claim::Entity::update_many()
        .col_expr(
            credit_claim::Column::ExpiresAt,
            Expr::value(Utc::now() - Duration::minutes(1)),
        )
        .exec(&app.db)
        .await
        .unwrap();
    let res = app
        .post_form(
            "/api/credits/answer",
            &format!("token={token}&answer=confirm"),
            &[
                ("sec-fetch-site", "same-origin"),
                ("accept", "application/json"),
            ],
        )
        .await;
    assert_eq!(res.status, 422, "{}", res.body);
    let entry = credit_entry::Entity::find()
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(entry.status, CreditStatus::Pending);
    // An unknown link is simply not found.
    let res = app
        .get(&format!("/credits/confirm/{}", "a".repeat(64)))
        .await;
    assert_eq!(res.status, 404);
}

on_both_backends!(expired_link, true, an_expired_link_changes_nothing);

async fn a_finished_tutor_stint_is_credited_and_exported(app: TestApp) {
    let me = account_by_email(&app.db, "demo-applicant@example.jp")
        .await
        .unwrap()
        .unwrap()
        .id;
    let camp = programme_row(&app.db, "camp").await.unwrap().unwrap();
    let ctx = track_by_slugs(&app.db, &camp, "2026", "cryptography")
        .await
        .unwrap()
        .unwrap();
    assert!(
        ctx.cohort.sessions_end_at < Utc::now(),
        "the 2026 camp is over"
    );
    grant_role(
        &app.db,
        me,
        Grant::on_track(Role::Tutor, camp.id, ctx.cohort.id, ctx.track.id),
        None,
        Utc::now(),
    )
    .await
    .unwrap();
    let cookie = signed_in(&app, "applicant").await;
    let l = ledger(&app, &cookie).await;
    let stint = l
        .rows
        .iter()
        .find(|r| r.kind == CreditKind::Tutor)
        .expect("the stint is credited");
    assert_eq!(stint.tenths, 100);
    // Syncing again never credits it twice.
    let l = ledger(&app, &cookie).await;
    assert_eq!(
        l.rows
            .iter()
            .filter(|r| r.kind == CreditKind::Tutor)
            .count(),
        1
    );
    post(
        &app,
        &cookie,
        "/api/credits/report",
        &report("=HYPERLINK(\"http://evil\")", "2", "2025-05-05"),
        200,
    )
    .await;
    let csv = app
        .get_with("/account/credits.csv", &[("cookie", &cookie)])
        .await;
    assert_eq!(csv.status, 200);
    assert!(
        csv.headers["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/csv")
    );
    assert!(
        csv.body
            .starts_with("\u{FEFF}日付,種別,内容,時間,状態,確認者,参照"),
        "{}",
        csv.body
    );
    assert!(
        csv.body.contains("チューター") && csv.body.contains(",10,"),
        "{}",
        csv.body
    );
    assert!(
        csv.body.contains("'=HYPERLINK"),
        "formulas are defused: {}",
        csv.body
    );
    // In English for a reader who switched to English.
    let english = app
        .get_with(
            "/account/credits.csv",
            &[("cookie", &format!("{cookie}; i18n_pref_locale=en"))],
        )
        .await;
    assert!(
        english
            .body
            .starts_with("\u{FEFF}date,kind,activity,hours,status,confirmed_by,reference"),
        "{}",
        english.body
    );
    // Another person's export holds none of it.
    let other = signed_in(&app, "tutor").await;
    let theirs = app
        .get_with("/account/credits.csv", &[("cookie", &other)])
        .await;
    assert!(!theirs.body.contains("HYPERLINK"));
}

on_both_backends!(
    stint_and_export,
    true,
    a_finished_tutor_stint_is_credited_and_exported
);

async fn script_is_shown_as_text_and_overlong_fields_are_refused(app: TestApp) {
    let me = signed_in(&app, "applicant").await;
    let body = format!(
        "title={x}&hours=1&date=2026-01-01&evidence={x}&evidence_link=&supervisor_name={x}&supervisor_email=boss%40example.jp",
        x = encode(XSS)
    );
    post(&app, &me, "/api/credits/report", &body, 200).await;
    let page = app.get_with("/account/credits", &[("cookie", &me)]).await;
    assert!(!page.body.contains(XSS) && page.body.contains("&lt;script&gt;"));
    let token = mailed_token(&app).await;
    let page = app.get(&format!("/credits/confirm/{token}")).await;
    assert!(!page.body.contains(XSS) && page.body.contains("&lt;script&gt;"));
    let long = report(&"長".repeat(201), "1", "2026-01-01");
    let res = post(&app, &me, "/api/credits/report", &long, 422).await;
    assert!(res.contains("TooLong"), "{res}");
    let res = post(
        &app,
        &me,
        "/api/credits/report",
        &report("ok", "1.25", "2026-13-01"),
        422,
    )
    .await;
    assert!(res.contains("BadHours") && res.contains("BadDate"), "{res}");
    assert_eq!(
        credit_entry::Entity::find()
            .all(&app.db)
            .await
            .unwrap()
            .len(),
        1
    );
}

on_both_backends!(
    bad_input,
    true,
    script_is_shown_as_text_and_overlong_fields_are_refused
);

/// The audit actions written so far, oldest first.
async fn audited(app: &TestApp) -> Vec<(String, String)> {
    audit_event::Entity::find()
        .order_by_asc(audit_event::Column::Id)
        .all(&app.db)
        .await
        .unwrap()
        .into_iter()
        .map(|e| (e.action, e.summary))
        .collect()
}

fn json_answer(token: &str, answer: &str) -> String {
    format!("token={token}&answer={answer}")
}

/// The claimant may not name themself as supervisor (any case of their
/// address), nor answer their own link while signed in; every claim and
/// answer is audited without the supervisor's address or the free texts.
async fn a_claimant_is_never_their_own_supervisor(app: TestApp) {
    let me = signed_in(&app, "applicant").await;
    let own = report("自己申告", "2", "2026-10-01")
        .replace("boss%40example.jp", &encode("  Demo-Applicant@EXAMPLE.jp "));
    let res = post(&app, &me, "/api/credits/report", &own, 422).await;
    assert!(res.contains("SupervisorIsClaimant"), "{res}");
    assert!(
        credit_entry::Entity::find()
            .all(&app.db)
            .await
            .unwrap()
            .is_empty(),
        "nothing saved"
    );
    assert!(
        outbox_message::Entity::find()
            .filter(outbox_message::Column::Template.eq("credit_confirm_request"))
            .all(&app.db)
            .await
            .unwrap()
            .is_empty(),
        "nobody mailed"
    );

    // A real supervisor's link, opened in the claimant's own signed-in
    // browser, is refused and changes nothing.
    post(
        &app,
        &me,
        "/api/credits/report",
        &report("社外での講演", "1.5", "2026-10-01"),
        200,
    )
    .await;
    let token = mailed_token(&app).await;
    let res = post(
        &app,
        &me,
        "/api/credits/answer",
        &json_answer(&token, "confirm"),
        422,
    )
    .await;
    assert!(res.contains("SupervisorIsClaimant"), "{res}");
    let entry = credit_entry::Entity::find()
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(entry.status, CreditStatus::Pending);
    let claim = credit_claim::Entity::find()
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(claim.answered_at, None, "the link stays usable");

    // The supervisor (no account) declines it; claim and answer are audited.
    let res = app
        .post_form(
            "/api/credits/answer",
            &json_answer(&token, "decline"),
            &[
                ("sec-fetch-site", "same-origin"),
                ("accept", "application/json"),
            ],
        )
        .await;
    assert_eq!(res.status, 200, "{}", res.body);
    let log = audited(&app).await;
    let actions: Vec<&str> = log.iter().map(|(a, _)| a.as_str()).collect();
    assert!(
        actions.contains(&"credit.claim") && actions.contains(&"credit.reject"),
        "{log:?}"
    );
    assert!(
        log.iter()
            .all(|(_, s)| !s.contains("boss@example.jp") && !s.contains("社外での講演")),
        "ids only: {log:?}"
    );

    // A second claim confirmed: audited as such.
    post(
        &app,
        &me,
        "/api/credits/report",
        &report("論文", "3", "2026-09-01"),
        200,
    )
    .await;
    let token = mailed_token(&app).await;
    let res = app
        .post_form(
            "/api/credits/answer",
            &json_answer(&token, "confirm"),
            &[
                ("sec-fetch-site", "same-origin"),
                ("accept", "application/json"),
            ],
        )
        .await;
    assert_eq!(res.status, 200, "{}", res.body);
    let log = audited(&app).await;
    assert_eq!(
        log.iter().filter(|(a, _)| a == "credit.claim").count(),
        2,
        "{log:?}"
    );
    assert!(log.iter().any(|(a, _)| a == "credit.confirm"), "{log:?}");
}

on_both_backends!(
    own_supervisor,
    true,
    a_claimant_is_never_their_own_supervisor
);

/// A finished stint's automatic credit is audited once.
async fn an_automatic_credit_is_audited_once(app: TestApp) {
    let me = account_by_email(&app.db, "demo-applicant@example.jp")
        .await
        .unwrap()
        .unwrap()
        .id;
    let camp = programme_row(&app.db, "camp").await.unwrap().unwrap();
    let ctx = track_by_slugs(&app.db, &camp, "2026", "cryptography")
        .await
        .unwrap()
        .unwrap();
    grant_role(
        &app.db,
        me,
        Grant::on_track(Role::Tutor, camp.id, ctx.cohort.id, ctx.track.id),
        None,
        Utc::now(),
    )
    .await
    .unwrap();
    let cookie = signed_in(&app, "applicant").await;
    ledger(&app, &cookie).await;
    ledger(&app, &cookie).await;
    let grants: Vec<_> = audited(&app)
        .await
        .into_iter()
        .filter(|(a, _)| a == "credit.grant")
        .collect();
    assert_eq!(grants.len(), 1, "{grants:?}");
    assert!(
        grants[0].1.contains(&format!("account #{me}")),
        "{grants:?}"
    );
}

on_both_backends!(automatic_audited, true, an_automatic_credit_is_audited_once);
