//! Durability: many applicants submit at once to a real `camp-connect
//! serve` process, which is killed with SIGKILL in the middle. After a
//! restart, every submission that was answered with success is there, and
//! no application is half-written. On SQLite (WAL) and PostgreSQL.

use crate::common;
use crate::common::apply::{form, question_ids};
use crate::common::process::{kill, serve};
use crate::common::smtp::free_port;
use crate::common::wire::{body, request, sign_in};
use camp_connect::db;
use camp_connect::seed;
use camp_connect_app::domain::application::ApplicationStatus;
use camp_connect_app::store::entities::{application, application_submission};
use camp_connect_app::store::identity::{DEMO_PROVIDER, NewAccount, create_account, link_identity};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::Value;
use std::collections::HashMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;
use tokio::sync::Mutex;

/// Concurrent applicants.
const CLIENTS: usize = 24;
/// Successful submissions after which the server is killed.
const KILL_AFTER: usize = 60;

/// One applicant: signs in, submits to ai and iot, then resubmits ai until
/// the server dies. Records each acknowledged submission.
async fn applicant(
    addr: String,
    email: String,
    acked: Arc<Mutex<HashMap<(String, String), usize>>>,
    count: Arc<AtomicUsize>,
) {
    let Some(cookie) = sign_in(&addr, &email).await else {
        return;
    };
    let mut tracks = vec!["ai", "iot"];
    tracks.extend(std::iter::repeat_n("ai", 50));
    let mut revisions: HashMap<&str, i64> = HashMap::new();
    for track in tracks {
        let query = format!("programme=connect&cohort=2027&track={track}");
        let Ok((200, page)) = request(
            &addr,
            "POST",
            "/api/apply/page",
            &cookie,
            &query,
            "application/json",
        )
        .await
        else {
            return;
        };
        let Ok(page): Result<Value, _> = serde_json::from_str(body(&page)) else {
            return;
        };
        let q = question_ids(&page);
        let revision = page["revision"].as_i64().unwrap_or(0);
        let revision = *revisions.get(track).unwrap_or(&revision);
        let form = form(track, revision, &q, "1990-04-01", "");
        match request(
            &addr,
            "POST",
            "/api/apply/submit",
            &cookie,
            &form,
            "application/json",
        )
        .await
        {
            Ok((200, res)) => {
                if let Some(r) = serde_json::from_str::<Value>(body(&res))
                    .ok()
                    .and_then(|v| v["revision"].as_i64())
                {
                    revisions.insert(track, r);
                }
                *acked
                    .lock()
                    .await
                    .entry((email.clone(), track.to_string()))
                    .or_default() += 1;
                count.fetch_add(1, Ordering::SeqCst);
            }
            // Refused (e.g. a stale revision) or cut off by the kill:
            // neither was acknowledged.
            Ok(_) => {}
            Err(_) => return,
        }
    }
}

async fn survives_sigkill(backend: common::Backend) {
    let Some(test_db) = common::make_db(backend).await else {
        return;
    };
    let conn = db::connect(&test_db.url).await.expect("connect");
    db::migrate(&conn, &test_db.url).await.expect("migrate");
    seed::seed_demo(&conn).await.expect("seed");
    let now = chrono::Utc::now();
    let mut emails = Vec::new();
    for i in 0..CLIENTS {
        let email = format!("durable-{i}@example.jp");
        let new = NewAccount {
            email: &email,
            name_ja: "耐久 太郎",
            name_en: "Durable Taro",
            is_admin: false,
        };
        let id = create_account(&conn, new, now).await.unwrap();
        link_identity(&conn, id, DEMO_PROVIDER, &email, now)
            .await
            .unwrap();
        emails.push(email);
    }
    conn.close().await.unwrap();

    let addr = format!("127.0.0.1:{}", free_port());
    let server = serve(test_db.url.as_str(), &addr, &[]).await;
    let acked = Arc::new(Mutex::new(HashMap::new()));
    let count = Arc::new(AtomicUsize::new(0));
    let clients: Vec<_> = emails
        .iter()
        .map(|e| {
            tokio::spawn(applicant(
                addr.clone(),
                e.clone(),
                acked.clone(),
                count.clone(),
            ))
        })
        .collect();
    while count.load(Ordering::SeqCst) < KILL_AFTER {
        assert!(
            !clients.iter().all(|c| c.is_finished()),
            "the applicants stopped after {} submissions",
            count.load(Ordering::SeqCst)
        );
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    kill(server);
    for c in clients {
        c.await.unwrap();
    }
    let acked = acked.lock().await.clone();
    assert!(acked.values().sum::<usize>() >= KILL_AFTER);

    // Restarted on the same database: recovery happens on open.
    let server = serve(test_db.url.as_str(), &addr, &[]).await;
    let conn = db::connect(&test_db.url).await.expect("reconnect");
    let accounts: HashMap<i32, String> = camp_connect_app::store::entities::account::Entity::find()
        .all(&conn)
        .await
        .unwrap()
        .into_iter()
        .filter_map(|a| Some((a.id, a.email?)))
        .collect();
    let tracks: HashMap<i32, String> = camp_connect_app::store::entities::track::Entity::find()
        .all(&conn)
        .await
        .unwrap()
        .into_iter()
        .map(|t| (t.id, t.slug))
        .collect();
    let mut stored: HashMap<(String, String), usize> = HashMap::new();
    let mut answer_count = None;
    for app in application::Entity::find()
        .filter(application::Column::AccountId.is_in(accounts.keys().copied()))
        .all(&conn)
        .await
        .unwrap()
    {
        let versions = application_submission::Entity::find()
            .filter(application_submission::Column::ApplicationId.eq(app.id))
            .all(&conn)
            .await
            .unwrap();
        let Some(email) = accounts.get(&app.account_id) else {
            continue;
        };
        if !email.starts_with("durable-") {
            continue;
        }
        // Never half-written: a submitted application has its versions,
        // each with every answer.
        assert_eq!(
            app.status == ApplicationStatus::Submitted,
            !versions.is_empty(),
            "application {} is {} with {} versions",
            app.id,
            app.status.as_str(),
            versions.len()
        );
        for v in &versions {
            let answers: Value = serde_json::from_str(&v.answers).expect("whole answers");
            let keys = answers.as_object().map(|o| o.len()).unwrap_or(0);
            // Every version answers the same form in full.
            assert_eq!(*answer_count.get_or_insert(keys), keys, "{answers}");
            assert!(keys > 0);
        }
        stored.insert(
            (email.clone(), tracks[&app.track_id].clone()),
            versions.len(),
        );
    }
    for (key, n) in &acked {
        let have = stored.get(key).copied().unwrap_or(0);
        assert!(have >= *n, "{key:?}: {n} acknowledged, {have} stored");
    }
    eprintln!(
        "{backend:?}: {} submissions acknowledged before SIGKILL, {} stored after restart",
        acked.values().sum::<usize>(),
        stored.values().sum::<usize>()
    );
    // And the restarted server serves the applicants their applications.
    let cookie = sign_in(&addr, &emails[0]).await.expect("sign in again");
    let (status, _) = request(&addr, "GET", "/applications", &cookie, "", "text/html")
        .await
        .unwrap();
    assert_eq!(status, 200);
    kill(server);
    conn.close().await.unwrap();
}

#[test]
fn sqlite_survives_sigkill() {
    common::runtime().block_on(survives_sigkill(common::Backend::Sqlite));
}

#[test]
fn postgres_survives_sigkill() {
    common::runtime().block_on(survives_sigkill(common::Backend::Postgres));
}
