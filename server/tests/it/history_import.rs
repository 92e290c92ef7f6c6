//! The history import (`store::history`, `camp-connect import`) on SQLite
//! and PostgreSQL, with the generated file of `seed --history`: a dry run
//! writes nothing and shows what the import then does; the import's
//! counts; refused rows with their reasons; a second import changes
//! nothing; a corrected row updates; an imported person signs in with
//! GitHub, claims the account and finds their certificates, which
//! `/verify` answers for; an administrator finds them in the directory.

use crate::common::{
    self, Backend, TestApp, on_both_backends, on_each_backend, session_cookie, signed_in,
};
use crate::github;
use camp_connect::seed::history::generate;
use camp_connect_app::domain::forms::Problem;
use camp_connect_app::domain::history::HistoryProblem;
use camp_connect_app::domain::history::view::{Outcome, Report};
use camp_connect_app::domain::pipeline::Stage;
use camp_connect_app::domain::pipeline::code::display;
use camp_connect_app::store::catalogue::rows::programme_row;
use camp_connect_app::store::entities::{account, audit_event, completion};
use camp_connect_app::store::history::{Importer, Scope, import};
use camp_connect_app::store::pipeline::current_stage;
use chrono::Utc;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Statement};
use serde_json::json;

/// The tables an import writes to, or must leave alone.
const TABLES: [&str; 11] = [
    "account",
    "identity",
    "role_grant",
    "completion",
    "stage_change",
    "cohort",
    "track",
    "roster_lecturer",
    "alumni_profile",
    "directory_change",
    "audit_event",
];

async fn counts(app: &TestApp) -> Vec<(&'static str, i64)> {
    let mut out = Vec::new();
    for t in TABLES {
        let row = app
            .db
            .query_one_raw(Statement::from_string(
                app.db.get_database_backend(),
                format!("SELECT COUNT(*) AS n FROM {t}"),
            ))
            .await
            .unwrap()
            .unwrap();
        out.push((t, row.try_get::<i64>("", "n").unwrap()));
    }
    out
}

fn count_of(counts: &[(&str, i64)], table: &str) -> i64 {
    counts.iter().find(|(t, _)| *t == table).unwrap().1
}

async fn run(app: &TestApp, bytes: &[u8], dry_run: bool) -> Report {
    import(&app.db, bytes, &Importer::operator(dry_run), Utc::now())
        .await
        .unwrap()
        .unwrap()
}

const HEADER: &str = "year,programme,cohort,track,track_name_ja,track_name_en,role,family_name,given_name,name_en,email,completed\n";

async fn the_generated_history_imports_once(backend: Backend) {
    let Some((mut app, fake, url)) = github::app(backend).await else {
        return;
    };
    let g = generate();
    let before = counts(&app).await;

    // The dry run writes nothing and says what the import will do.
    let dry = run(&app, g.csv.as_bytes(), true).await;
    assert_eq!(counts(&app).await, before, "a dry run writes nothing");
    assert_eq!(dry.rows.len(), g.rows);
    assert_eq!(dry.count(Outcome::Refused), g.broken, "{}", dry.summary());
    assert_eq!(
        dry.count(Outcome::Created) + dry.count(Outcome::Matched),
        g.rows - g.broken
    );
    assert_eq!(dry.people_created, g.people - g.demo_people);
    assert_eq!(dry.certificates, g.completions);

    // The import does just that.
    let started = std::time::Instant::now();
    let done = run(&app, g.csv.as_bytes(), false).await;
    eprintln!(
        "{backend:?}: imported {} in {:?}",
        done.summary(),
        started.elapsed()
    );
    assert_eq!(done, dry, "the dry run showed what the import did");
    let after = counts(&app).await;
    let grew = |t: &str| count_of(&after, t) - count_of(&before, t);
    assert_eq!(grew("account"), g.people as i64 - g.demo_people as i64);
    assert_eq!(grew("completion"), g.completions as i64);
    assert_eq!(
        grew("identity"),
        0,
        "imported accounts have no sign-in method"
    );
    assert_eq!(grew("audit_event"), 1, "one audit event for the import");
    let event = audit_event::Entity::find()
        .filter(audit_event::Column::Action.eq("history.import"))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(event.summary, done.summary());

    // Refused rows come with their reasons, in both languages.
    let refused: Vec<_> = done
        .rows
        .iter()
        .filter(|r| r.outcome == Outcome::Refused)
        .collect();
    assert!(refused.iter().all(|r| !r.problems.is_empty()));
    let has = |p: Problem| {
        refused
            .iter()
            .any(|r| r.problems.iter().any(|e| e.problem == p))
    };
    for p in [
        Problem::Required,
        Problem::History(HistoryProblem::BadYear),
        Problem::History(HistoryProblem::UnknownRole),
        Problem::History(HistoryProblem::Duplicate),
        Problem::History(HistoryProblem::UnknownProgramme),
        Problem::History(HistoryProblem::OnlyParticipantsComplete),
        Problem::History(HistoryProblem::BadEmail),
    ] {
        assert!(has(p), "a row refused for {p:?}");
    }
    let unknown = refused
        .iter()
        .find(|r| r.problems[0].problem == Problem::History(HistoryProblem::UnknownProgramme))
        .unwrap();
    assert!(
        unknown
            .reasons(camp_connect_app::domain::lang::Lang::Ja)
            .contains("プログラムはありません")
    );

    // The same file again changes nothing but the audit log.
    let again = run(&app, g.csv.as_bytes(), false).await;
    assert_eq!(
        again.count(Outcome::Unchanged),
        g.rows - g.broken,
        "{}",
        again.summary()
    );
    assert_eq!(again.count(Outcome::Refused), g.broken);
    let twice = counts(&app).await;
    for (t, n) in &after {
        let extra = i64::from(*t == "audit_event");
        assert_eq!(count_of(&twice, t), n + extra, "{t} after a second import");
    }

    // A corrected file updates: a name spelled anew, a completion added.
    let person = imported_participant(&g.csv, "yes");
    let unfinished = imported_participant(&g.csv, "no");
    let mut renamed = person.clone();
    renamed[7] = "訂正".into();
    let mut finished = unfinished.clone();
    finished[11] = "yes".into();
    let file = format!("{HEADER}{}\n{}\n", renamed.join(","), finished.join(","));
    let fixed = run(&app, file.as_bytes(), false).await;
    assert_eq!(fixed.count(Outcome::Updated), 2, "{:?}", fixed.rows);
    let email = person[10].to_lowercase();
    let who = account::Entity::find()
        .filter(account::Column::Email.eq(&email))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert!(who.name_ja.starts_with("訂正 "), "{}", who.name_ja);
    let late = account::Entity::find()
        .filter(account::Column::Email.eq(unfinished[10].to_lowercase()))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(completions_of(&app, late.id).await.len(), 1);

    // The person signs in with GitHub and a verified address equal to the
    // imported one: the account is theirs, with its certificates.
    let (cookie, query) = github::start(&app, &url).await;
    let user = json!({
        "id": 5150, "login": "alumna", "name": "GitHub Alumna",
        "emails": [{"email": email, "primary": true, "verified": true}],
    });
    let code = github::approve(&fake, &query, user);
    let res = github::callback(&app, &cookie, &code, &query["state"]).await;
    assert_eq!(res.status, 303, "{}", res.body);
    let signed = session_cookie(&res).expect("signed in");
    let claimed =
        camp_connect_app::store::identity::account_for_identity(&app.db, "github", "5150")
            .await
            .unwrap();
    assert_eq!(claimed, Some(who.id), "the imported account is claimed");
    let codes = completions_of(&app, who.id).await;
    assert!(!codes.is_empty());
    let shown = display(&codes[0]);
    let mine = app
        .get_with(
            "/account/certificates",
            &[("cookie", &signed), ("accept-language", "en")],
        )
        .await;
    assert!(mine.body.contains(&shown), "{}", mine.body);
    let camp = programme_row(&app.db, "camp").await.unwrap().unwrap();
    let stage = current_stage(&app.db, who.id, camp.id).await.unwrap();
    assert!(stage >= Some(Stage::Alumnus), "{stage:?}");
    let verify = app
        .get_with(&format!("/verify/{shown}"), &[("accept-language", "en")])
        .await;
    assert_eq!(verify.status, 200);
    assert!(
        verify.body.contains("This certificate is valid."),
        "{}",
        verify.body
    );

    // An administrator finds imported alumni in the directory (signing in
    // with the demo sign-in, which this app's GitHub settings left off).
    let config = camp_connect::config::Config::from_lookup(|_| None).expect("default config");
    app.router = common::demo_router(&app.db, &config);
    let admin = signed_in(&app, "admin").await;
    let who = account::Entity::find_by_id(who.id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let name = who.name_ja.clone();
    let found = app
        .get_with(
            &format!(
                "/alumni?q={}",
                camp_connect_app::domain::url::encode_query_value(&name)
            ),
            &[("cookie", &admin)],
        )
        .await;
    assert_eq!(found.status, 200);
    assert!(found.body.contains(&name), "{name} in {}", found.body);

    // Nobody asked her consent to be found, so until she saves her profile
    // the community (the demo alumnus) neither lists, finds nor opens it.
    let alumnus = signed_in(&app, "alumnus").await;
    let search = format!(
        "/alumni?q={}",
        camp_connect_app::domain::url::encode_query_value(&name)
    );
    let profile_path = format!("/alumni/{}", who.id);
    // (The search box shows the name typed; the result is the link.)
    let link = format!("href=\"{profile_path}\"");
    let hidden = app.get_with(&search, &[("cookie", &alumnus)]).await;
    assert_eq!(hidden.status, 200);
    assert!(
        !hidden.body.contains(&link),
        "{name} hidden: {}",
        hidden.body
    );
    let by_admin = app.get_with(&search, &[("cookie", &admin)]).await;
    assert!(by_admin.body.contains(&link), "{name} found by the admin");
    let listing = app.get_with("/alumni", &[("cookie", &alumnus)]).await;
    assert!(!listing.body.contains(&link));
    assert_eq!(
        app.get_with(&profile_path, &[("cookie", &alumnus)])
            .await
            .status,
        404
    );
    assert_eq!(
        app.get_with(&profile_path, &[("cookie", &admin)])
            .await
            .status,
        200
    );
    // Her editor tells her; saving it applies her own choices.
    let editor = app
        .get_with(
            "/account/alumni",
            &[("cookie", &signed), ("accept-language", "en")],
        )
        .await;
    assert!(
        editor.body.contains("only the organisers can see it"),
        "{}",
        editor.body
    );
    let body = format!(
        "draft[name_ja]={}&draft[name_en]=Alumna&draft[vis_name]=community&draft[vis_camp]=community",
        camp_connect_app::domain::url::encode_query_value(&name)
    );
    let saved = common::call(&app, &signed, "/api/alumni/save", &body).await;
    assert_eq!(saved.status, 200, "{}", saved.body);
    let found = app.get_with(&search, &[("cookie", &alumnus)]).await;
    assert!(found.body.contains(&link), "{name} found after saving");
    assert_eq!(
        app.get_with(&profile_path, &[("cookie", &alumnus)])
            .await
            .status,
        200
    );
}

/// The cells of a good participant row of an imported person (made by
/// the import, not a demo account) with `completed`.
fn imported_participant(csv: &str, completed: &str) -> Vec<String> {
    csv.lines()
        .skip(1)
        .map(|l| l.split(',').map(str::to_string).collect::<Vec<_>>())
        .find(|c| {
            c.len() == 12
                && c[1] == "camp"
                && !c[7].is_empty()
                && c[6] == "participant"
                && c[11] == completed
                && c[0] == "2012"
                && c[10].contains('@')
                && !c[10].starts_with("demo")
        })
        .expect("such a row")
}

async fn completions_of(app: &TestApp, account_id: i32) -> Vec<String> {
    completion::Entity::find()
        .filter(completion::Column::AccountId.eq(account_id))
        .all(&app.db)
        .await
        .unwrap()
        .into_iter()
        .map(|c| c.code)
        .collect()
}

async fn organisers_import_only_their_programmes(app: TestApp) {
    let connect = programme_row(&app.db, "connect").await.unwrap().unwrap();
    let who = Importer {
        scope: Scope::Programmes(vec![connect.id]),
        ..Importer::operator(false)
    };
    let file = format!(
        "{HEADER}2015,camp,2015,web,Web,Web,participant,山田,太郎,,taro@example.jp,yes\n\
         2015,connect,2015,ai,AI,AI,lecturer,佐藤,花子,,hanako@example.jp,\n"
    );
    let report = import(&app.db, file.as_bytes(), &who, Utc::now())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(report.rows[0].outcome, Outcome::Refused);
    assert_eq!(
        report.rows[0].problems[0].problem,
        Problem::History(HistoryProblem::NotYourProgramme)
    );
    assert_eq!(report.rows[1].outcome, Outcome::Created);
    let nobody = account::Entity::find()
        .filter(account::Column::Email.eq("taro@example.jp"))
        .one(&app.db)
        .await
        .unwrap();
    assert!(nobody.is_none(), "a refused row leaves no trace");

    // A file in Shift_JIS is refused as a whole, with nothing written.
    let before = counts(&app).await;
    let sjis = b"year,programme\n2015,\x8eR\x93c\n";
    let refused = import(&app.db, sjis, &who, Utc::now()).await.unwrap();
    assert_eq!(refused, Err(HistoryProblem::NotUtf8));
    assert_eq!(counts(&app).await, before);
}

/// Posts `csv` to the upload route as a browser's multipart form.
async fn upload(app: &TestApp, cookie: &str, csv: &str) -> common::Page {
    let b = "----history-boundary";
    let body = format!(
        "--{b}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"history.csv\"\r\n\
         Content-Type: text/csv\r\n\r\n{csv}\r\n--{b}--\r\n"
    );
    let content_type = format!("multipart/form-data; boundary={b}");
    let headers = [
        ("content-type", content_type.as_str()),
        ("cookie", cookie),
        ("sec-fetch-site", "same-origin"),
    ];
    app.send("POST", "/manage/history/upload", &headers, body)
        .await
}

/// The page's way: upload (staff only), preview (nothing written), import
/// with invitations (one mail per person made), and the file is emptied.
async fn the_page_uploads_previews_and_imports(app: TestApp) {
    use camp_connect_app::store::entities::{history_batch, outbox_message};
    let csv = format!(
        "{HEADER}2012,camp,2012,web,Web,Web,participant,取込,花子,Hanako,imported-hanako@example.jp,yes\n\
         2012,camp,2012,web,Web,Web,participant,取込,次郎,,,yes\n"
    );
    assert_eq!(upload(&app, "", &csv).await.status, 401);
    let applicant = signed_in(&app, "applicant").await;
    assert_eq!(upload(&app, &applicant, &csv).await.status, 403);
    let organiser = signed_in(&app, "organiser").await;
    let res = upload(&app, &organiser, &csv).await;
    assert_eq!(res.status, 303, "{}", res.body);
    let theirs = res.headers["location"].to_str().unwrap().to_string();
    let before = counts(&app).await;
    let page = app
        .get_with(
            &theirs,
            &[("cookie", &organiser), ("accept-language", "en")],
        )
        .await;
    assert_eq!(page.status, 200, "{}", page.body);
    assert_eq!(counts(&app).await, before, "the preview writes nothing");
    // The organiser runs Connect only: the Security Camp rows are refused.
    assert!(
        page.body.contains("You do not organise this programme"),
        "{}",
        page.body
    );

    // The administrator's own upload is not the organiser's to see.
    let admin = signed_in(&app, "admin").await;
    let res = upload(&app, &admin, &csv).await;
    let to = res.headers["location"].to_str().unwrap().to_string();
    let id: i32 = to.rsplit('/').next().unwrap().parse().unwrap();
    assert_eq!(
        app.get_with(&to, &[("cookie", &organiser)]).await.status,
        404
    );
    let page = app
        .get_with(&to, &[("cookie", &admin), ("accept-language", "en")])
        .await;
    assert_eq!(page.status, 200, "{}", page.body);
    assert!(page.body.contains("created"), "{}", page.body);
    assert!(page.body.contains("email: "), "{}", page.body);
    let res = common::call(
        &app,
        &admin,
        "/api/history/apply",
        &format!("batch={id}&invite=on"),
    )
    .await;
    assert_eq!(res.status, 200, "{}", res.body);
    let mails = outbox_message::Entity::find()
        .filter(outbox_message::Column::Template.eq("history_claim"))
        .all(&app.db)
        .await
        .unwrap();
    assert_eq!(mails.len(), 1);
    assert_eq!(mails[0].recipient_email, "imported-hanako@example.jp");
    let b = history_batch::Entity::find_by_id(id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert!(
        b.content.is_empty() && b.applied_at.is_some(),
        "the file is emptied"
    );
    let again = common::call(&app, &admin, "/api/history/apply", &format!("batch={id}")).await;
    assert_eq!(again.status, 422, "imported once");
}

on_each_backend!(generated_history, the_generated_history_imports_once);
on_both_backends!(page, true, the_page_uploads_previews_and_imports);
on_both_backends!(
    organiser_scope,
    true,
    organisers_import_only_their_programmes
);
