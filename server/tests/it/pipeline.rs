//! The pipeline through the real server functions and pages, on SQLite and
//! PostgreSQL: completion one by one and in bulk, certificates verified and
//! revoked, the stage rules with overrides, candidate support and the funnel.

use crate::common::{self, TestApp, call, on_both_backends, signed_in};
use camp_connect::seed::pipeline::WAITING;
use camp_connect_app::domain::access::Grant;
use camp_connect_app::domain::pipeline::Stage;
use camp_connect_app::domain::pipeline::code::ALPHABET;
use camp_connect_app::store::catalogue::rows::programme_row;
use camp_connect_app::store::entities::{
    completion, outbox_message, stage_change, step_signoff, training_step,
};
use camp_connect_app::store::identity::{
    DEMO_PROVIDER, NewAccount, account_by_email, create_account, grant_role, link_identity,
};
use camp_connect_app::store::pipeline::{current_stage, is_alumnus};
use chrono::Utc;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder};

const IOT: &str = "programme=connect&cohort=2027&track=iot";

async fn id_of(app: &TestApp, email: &str) -> i32 {
    account_by_email(&app.db, email)
        .await
        .unwrap()
        .expect(email)
        .id
}

async fn connect(app: &TestApp) -> i32 {
    programme_row(&app.db, "connect").await.unwrap().unwrap().id
}

async fn completions(app: &TestApp) -> Vec<completion::Model> {
    completion::Entity::find()
        .order_by_asc(completion::Column::Id)
        .all(&app.db)
        .await
        .unwrap()
}

async fn changes(app: &TestApp) -> u64 {
    stage_change::Entity::find().count(&app.db).await.unwrap()
}

async fn post(app: &TestApp, cookie: &str, path: &str, body: &str) -> u16 {
    call(app, cookie, path, body).await.status
}

async fn page(app: &TestApp, cookie: &str, path: &str) -> common::Page {
    app.get_with(path, &[("cookie", cookie), ("accept-language", "en")])
        .await
}

fn people(ids: &[i32]) -> String {
    ids.iter()
        .map(|id| format!("&people%5B{id}%5D=on"))
        .collect()
}

async fn completion_makes_certificates_that_verify_and_revoke(app: TestApp) {
    let org = signed_in(&app, "organiser").await;
    let p = connect(&app).await;
    let hina = id_of(&app, WAITING[0].0).await;
    let ren = id_of(&app, WAITING[1].0).await;
    let before = completions(&app).await.len();
    let listing = page(&app, &org, "/manage/connect/2027/tracks/iot/completion").await;
    assert_eq!(listing.status, 200);
    assert!(listing.body.contains("Hina Nakamura"), "{}", listing.body);

    // Someone of the programme who is not a participant of the track:
    // refused; someone not of the programme: not found. Nothing written.
    let applicant = id_of(&app, "review-demo-1@example.jp").await;
    let status = post(
        &app,
        &org,
        "/api/pipeline/complete",
        &format!("{IOT}{}", people(&[hina, applicant])),
    )
    .await;
    assert_eq!(status, 422);
    let stranger = id_of(&app, "demo-applicant@example.jp").await;
    let status = post(
        &app,
        &org,
        "/api/pipeline/complete",
        &format!("{IOT}{}", people(&[hina, stranger])),
    )
    .await;
    assert_eq!(status, 404);
    assert_eq!(completions(&app).await.len(), before);

    // One by one, then in bulk (Hina again is left as she is).
    assert_eq!(
        post(
            &app,
            &org,
            "/api/pipeline/complete",
            &format!("{IOT}{}", people(&[hina]))
        )
        .await,
        200
    );
    assert_eq!(
        post(
            &app,
            &org,
            "/api/pipeline/complete",
            &format!("{IOT}{}", people(&[hina, ren]))
        )
        .await,
        200
    );
    let all = completions(&app).await;
    assert_eq!(all.len(), before + 2);
    let mine = all.iter().find(|c| c.account_id == hina).unwrap().clone();
    assert_eq!(mine.code.len(), 16);
    assert!(mine.code.bytes().all(|b| ALPHABET.contains(&b)));
    assert!(is_alumnus(&app.db, hina, p).await.unwrap());
    assert_eq!(
        current_stage(&app.db, hina, p).await.unwrap(),
        Some(camp_connect_app::domain::pipeline::Stage::Alumnus)
    );

    // Anyone verifies, in groups of four and lower case too.
    let shown = camp_connect_app::domain::pipeline::code::display(&mine.code);
    // Each person is mailed their certificate (two new, none for the seed's).
    let mails = outbox_message::Entity::find()
        .filter(outbox_message::Column::Template.eq("certificate_issued"))
        .all(&app.db)
        .await
        .unwrap();
    assert_eq!(mails.len(), 2);
    let hinas = mails
        .iter()
        .find(|m| m.recipient_email == WAITING[0].0)
        .unwrap();
    assert!(
        hinas.text_body.contains(&format!("/verify/{shown}\n")),
        "{}",
        hinas.text_body
    );
    let verify = app
        .get_with(
            &format!("/verify/{}", shown.to_lowercase()),
            &[("accept-language", "en")],
        )
        .await;
    assert_eq!(verify.status, 200);
    assert!(
        verify.body.contains("This certificate is valid."),
        "{}",
        verify.body
    );
    assert!(verify.body.contains("Hina Nakamura"));
    let printable = app.get(&format!("/certificates/{shown}")).await;
    assert!(
        printable.body.contains("修了証") && printable.body.contains("Certificate of Completion")
    );
    let unknown = app
        .get_with("/verify/2222-2222-2222-2222", &[("accept-language", "en")])
        .await;
    assert!(unknown.body.contains("No certificate has this code"));
    assert_eq!(unknown.status, 404, "an unknown code is not found");

    // Revoking needs a reason; then the page says so and she is no alumna.
    let revoke = format!("{IOT}&code={shown}&reason=");
    assert_eq!(post(&app, &org, "/api/pipeline/revoke", &revoke).await, 422);
    let bell = format!("{IOT}&code={shown}&reason=plagiarised%07report");
    assert_eq!(post(&app, &org, "/api/pipeline/revoke", &bell).await, 422);
    let n = changes(&app).await;
    let revoke = format!("{IOT}&code={shown}&reason=plagiarised+final+report");
    assert_eq!(post(&app, &org, "/api/pipeline/revoke", &revoke).await, 200);
    assert_eq!(
        post(&app, &org, "/api/pipeline/revoke", &revoke).await,
        422,
        "twice"
    );
    assert_eq!(changes(&app).await, n + 1, "stepped back once");
    let verify = app
        .get_with(&format!("/verify/{shown}"), &[("accept-language", "en")])
        .await;
    assert!(verify.body.contains("has been revoked"), "{}", verify.body);
    assert!(!is_alumnus(&app.db, hina, p).await.unwrap());
    let last = stage_change::Entity::find()
        .order_by_desc(stage_change::Column::Id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!((last.to_stage, last.overridden), (Stage::Participant, true));
    assert_eq!(last.reason, "plagiarised final report");

    // A deleted account leaves no name behind: its certificate no longer verifies.
    let rens = all
        .iter()
        .find(|c| c.account_id == ren)
        .unwrap()
        .code
        .clone();
    let path = format!("/verify/{rens}");
    let before = app.get_with(&path, &[("accept-language", "en")]).await;
    assert!(before.body.contains("Ren Matsumoto"));
    camp_connect_app::store::account::delete_account(&app.db, ren, Utc::now())
        .await
        .unwrap();
    let after = app.get_with(&path, &[("accept-language", "en")]).await;
    assert!(after.body.contains("No certificate has this code"));
}

on_both_backends!(
    certificates,
    true,
    completion_makes_certificates_that_verify_and_revoke
);

async fn organisers_of_other_programmes_change_nothing(app: TestApp) {
    let now = Utc::now();
    let camp = programme_row(&app.db, "camp").await.unwrap().unwrap();
    let email = "other-organiser@example.jp";
    let id = create_account(
        &app.db,
        NewAccount {
            email,
            name_ja: "他",
            name_en: "Other",
            is_admin: false,
        },
        now,
    )
    .await
    .unwrap();
    link_identity(&app.db, id, DEMO_PROVIDER, email, now)
        .await
        .unwrap();
    grant_role(&app.db, id, Grant::organiser(camp.id), None, now)
        .await
        .unwrap();
    let other = common::session_cookie(
        &app.post_form(
            "/auth/demo",
            "email=other-organiser%40example.jp",
            &[("sec-fetch-site", "same-origin")],
        )
        .await,
    )
    .unwrap();
    let hina = id_of(&app, WAITING[0].0).await;
    let before = (completions(&app).await.len(), changes(&app).await);
    assert_eq!(
        post(
            &app,
            &other,
            "/api/pipeline/complete",
            &format!("{IOT}{}", people(&[hina]))
        )
        .await,
        403
    );
    let stage = format!("programme=connect&account={hina}&stage=lecturer&reason=why+not");
    assert_eq!(post(&app, &other, "/api/pipeline/stage", &stage).await, 403);
    assert_eq!((completions(&app).await.len(), changes(&app).await), before);
    let csv = page(&app, &other, "/manage/connect/funnel.csv").await;
    assert_eq!(csv.status, 403);
}

on_both_backends!(
    other_organisers,
    true,
    organisers_of_other_programmes_change_nothing
);

/// Every row of the tables a pipeline write may touch, to see that a
/// refused call wrote nothing.
async fn pipeline_rows(app: &TestApp) -> String {
    use camp_connect_app::store::entities::{audit_event, mentorship};
    format!(
        "{:?}{:?}{:?}{:?}{:?}{:?}",
        stage_change::Entity::find().all(&app.db).await.unwrap(),
        completion::Entity::find().all(&app.db).await.unwrap(),
        mentorship::Entity::find().all(&app.db).await.unwrap(),
        step_signoff::Entity::find().all(&app.db).await.unwrap(),
        audit_event::Entity::find().count(&app.db).await.unwrap(),
        outbox_message::Entity::find().count(&app.db).await.unwrap(),
    )
}

/// The organiser of Connect reaches the people of Connect only: someone
/// whose records are all in Security Camp (the demo alumna) or who has
/// none (the demo applicant) is not found on the person page or its server
/// function, exactly as a missing account, and stage changes, mentors,
/// completions and sign-offs for them write nothing. A certificate of
/// another track of the same programme is not found either.
async fn organisers_reach_only_the_people_of_their_programme(app: TestApp) {
    let org = signed_in(&app, "organiser").await;
    let camp_org = signed_in(&app, "camp-organiser").await;
    let lecturer = signed_in(&app, "lecturer").await;
    let alumna = id_of(&app, "demo-alumna@example.jp").await;
    let nobody = id_of(&app, "demo-applicant@example.jp").await;
    let applicant = id_of(&app, "review-demo-1@example.jp").await;
    let alumnus = id_of(&app, "demo-alumnus@example.jp").await;
    let before = pipeline_rows(&app).await;
    for stranger in [alumna, nobody, 999_999] {
        let person = page(&app, &org, &format!("/manage/connect/people/{stranger}")).await;
        assert_eq!(person.status, 404, "person page of {stranger}");
        assert!(!person.body.contains("Rei Nakamura") && !person.body.contains("demo-alumna"));
        let body = format!("programme=connect&account={stranger}");
        let api = call(&app, &org, "/api/pipeline/person", &body).await;
        assert_eq!(api.status, 404, "{}", api.body);
        assert!(!api.body.contains("demo-alumna"), "{}", api.body);
        let stage =
            format!("programme=connect&account={stranger}&stage=participant&reason=why+not");
        assert_eq!(post(&app, &org, "/api/pipeline/stage", &stage).await, 404);
        let mentor =
            format!("programme=connect&candidate={stranger}&email=demo-lecturer%40example.jp");
        assert_eq!(post(&app, &org, "/api/pipeline/mentor", &mentor).await, 404);
        let done = format!("{IOT}{}", people(&[stranger]));
        assert_eq!(post(&app, &org, "/api/pipeline/complete", &done).await, 404);
    }
    // A mentor from outside the programme is answered as an unknown address.
    let outside = format!("programme=connect&candidate={alumnus}&email=demo-alumna%40example.jp");
    let refused = call(&app, &org, "/api/pipeline/mentor", &outside).await;
    assert_eq!(refused.status, 422);
    assert!(refused.body.contains("NoSuchPerson"), "{}", refused.body);
    assert_eq!(pipeline_rows(&app).await, before, "nothing written");
    // The demo lecturer mentors the alumnus in Connect only: a step of
    // Security Camp's is not theirs to sign off.
    let camp = programme_row(&app.db, "camp").await.unwrap().unwrap();
    assert_eq!(
        post(
            &app,
            &camp_org,
            "/api/pipeline/step",
            "programme=camp&name_ja=準備&name_en=Preparation"
        )
        .await,
        200
    );
    let camp_step = training_step::Entity::find()
        .filter(training_step::Column::ProgrammeId.eq(camp.id))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let before = pipeline_rows(&app).await;
    let sign = format!("candidate={alumnus}&step={}", camp_step.id);
    assert_eq!(
        post(&app, &lecturer, "/api/pipeline/sign-off", &sign).await,
        404
    );
    // A certificate of the IoT track is not found through the AI track.
    let code = completions(&app)
        .await
        .into_iter()
        .find(|c| c.account_id == alumnus)
        .unwrap()
        .code;
    let revoke = format!("programme=connect&cohort=2027&track=ai&code={code}&reason=x");
    assert_eq!(post(&app, &org, "/api/pipeline/revoke", &revoke).await, 404);
    assert_eq!(pipeline_rows(&app).await, before, "nothing written");
    // The people of the programme stay in reach: an applicant to one of
    // its tracks, for its organisers and not for Security Camp's.
    let hers = format!("/manage/connect/people/{applicant}");
    let shown = page(&app, &org, &hers).await;
    assert_eq!(shown.status, 200);
    assert!(shown.body.contains("Hana Kobayashi"), "{}", shown.body);
    let theirs = format!("/manage/camp/people/{applicant}");
    assert_eq!(page(&app, &camp_org, &theirs).await.status, 404);
    let alumna_at_camp = format!("/manage/camp/people/{alumna}");
    assert_eq!(page(&app, &camp_org, &alumna_at_camp).await.status, 200);
}

on_both_backends!(
    people_in_scope,
    true,
    organisers_reach_only_the_people_of_their_programme
);

async fn stages_follow_the_rules_or_an_override_with_a_reason(app: TestApp) {
    let org = signed_in(&app, "organiser").await;
    let p = connect(&app).await;
    let alumnus = id_of(&app, "demo-alumnus@example.jp").await;
    let hina = id_of(&app, WAITING[0].0).await;
    let to = |who: i32, stage: &str, reason: &str| {
        format!("programme=connect&account={who}&stage={stage}&reason={reason}")
    };
    // Alumnus comes only from a completion, whatever the reason.
    let n = changes(&app).await;
    assert_eq!(
        post(
            &app,
            &org,
            "/api/pipeline/stage",
            &to(hina, "alumnus", "sure")
        )
        .await,
        422
    );
    // A skipped stage without a reason: refused, no change.
    assert_eq!(
        post(&app, &org, "/api/pipeline/stage", &to(hina, "tutor", "")).await,
        422
    );
    assert_eq!(changes(&app).await, n);
    // The demo alumnus is a tutor candidate: tutor is the regular next step.
    assert_eq!(
        post(&app, &org, "/api/pipeline/stage", &to(alumnus, "tutor", "")).await,
        200
    );
    // No finished tutor stint: lecturer candidate only with a reason.
    assert_eq!(
        post(
            &app,
            &org,
            "/api/pipeline/stage",
            &to(alumnus, "lecturer_candidate", "")
        )
        .await,
        422
    );
    // A reason holding a control character: refused with its message.
    let bell = call(
        &app,
        &org,
        "/api/pipeline/stage",
        &to(alumnus, "lecturer_candidate", "taught%07here"),
    )
    .await;
    assert_eq!(bell.status, 422, "{}", bell.body);
    assert!(bell.body.contains("ControlCharacter"), "{}", bell.body);
    let reason = "taught+the+IoT+track+at+a+regional+camp";
    assert_eq!(
        post(
            &app,
            &org,
            "/api/pipeline/stage",
            &to(alumnus, "lecturer_candidate", reason)
        )
        .await,
        200
    );
    assert_eq!(
        current_stage(&app.db, alumnus, p).await.unwrap(),
        Some(camp_connect_app::domain::pipeline::Stage::LecturerCandidate)
    );
    // The person's page shows every change with who and why, to organisers only.
    let person = page(&app, &org, &format!("/manage/connect/people/{alumnus}")).await;
    assert_eq!(person.status, 200);
    assert!(
        person
            .body
            .contains("taught the IoT track at a regional camp")
    );
    assert!(person.body.contains("(override)"));
    assert!(person.body.contains("Naoko Ito"), "who made the change");
    let lecturer = signed_in(&app, "lecturer").await;
    assert_eq!(
        page(
            &app,
            &lecturer,
            &format!("/manage/connect/people/{alumnus}")
        )
        .await
        .status,
        403
    );
}

on_both_backends!(
    stages,
    true,
    stages_follow_the_rules_or_an_override_with_a_reason
);

async fn mentors_sign_off_and_organisers_see_who_is_ready(app: TestApp) {
    let org = signed_in(&app, "organiser").await;
    let lecturer = signed_in(&app, "lecturer").await;
    let tutor = signed_in(&app, "tutor").await;
    let alumnus = id_of(&app, "demo-alumnus@example.jp").await;
    let steps = training_step::Entity::find()
        .order_by_asc(training_step::Column::Position)
        .all(&app.db)
        .await
        .unwrap();
    assert_eq!(steps.len(), 3);
    let candidates = page(&app, &org, "/manage/connect/candidates").await;
    assert!(
        candidates.body.contains("Ken Suzuki"),
        "{}",
        candidates.body
    );
    assert!(candidates.body.contains("Ready to promote: 0"));
    // Only the candidate's own mentor signs off.
    let body = format!("candidate={alumnus}&step={}", steps[1].id);
    assert_eq!(
        post(&app, &tutor, "/api/pipeline/sign-off", &body).await,
        404
    );
    assert_eq!(
        step_signoff::Entity::find().count(&app.db).await.unwrap(),
        1
    );
    // The candidate sees their progress, the mentor their mentee.
    let own = page(&app, &signed_in(&app, "alumnus").await, "/training").await;
    assert!(own.body.contains("Trial lecture") && own.body.contains("to do"));
    for step in &steps[1..] {
        let body = format!("candidate={alumnus}&step={}", step.id);
        assert_eq!(
            post(&app, &lecturer, "/api/pipeline/sign-off", &body).await,
            200
        );
    }
    let candidates = page(&app, &org, "/manage/connect/candidates").await;
    assert!(candidates.body.contains("Ready to promote: 1"));
    // A mentor must be experienced: a mere candidate is refused.
    let body = format!("programme=connect&candidate={alumnus}&email=demo-alumnus%40example.jp");
    assert_eq!(post(&app, &org, "/api/pipeline/mentor", &body).await, 422);
    // A new step makes nobody ready until it is signed off too.
    assert_eq!(
        post(
            &app,
            &org,
            "/api/pipeline/step",
            "programme=connect&name_ja=教材審査&name_en=Review"
        )
        .await,
        200
    );
    let candidates = page(&app, &org, "/manage/connect/candidates").await;
    assert!(candidates.body.contains("Ready to promote: 0"));

    // The step added by mistake goes again, and the candidate is ready; a
    // step with sign-offs stays (their record is kept), as does another
    // programme's, which its organisers alone may remove.
    let added = training_step::Entity::find()
        .order_by_desc(training_step::Column::Id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let camp_org = signed_in(&app, "camp-organiser").await;
    let remove = format!("programme=connect&step={}", added.id);
    assert_eq!(
        post(&app, &camp_org, "/api/pipeline/remove-step", &remove).await,
        403
    );
    let elsewhere = format!("programme=camp&step={}", added.id);
    assert_eq!(
        post(&app, &camp_org, "/api/pipeline/remove-step", &elsewhere).await,
        404
    );
    assert_eq!(
        post(&app, &org, "/api/pipeline/remove-step", &remove).await,
        200
    );
    assert_eq!(
        post(&app, &org, "/api/pipeline/remove-step", &remove).await,
        404,
        "gone"
    );
    let candidates = page(&app, &org, "/manage/connect/candidates").await;
    assert!(candidates.body.contains("Ready to promote: 1"));
    let used = format!("programme=connect&step={}", steps[1].id);
    let refused = call(&app, &org, "/api/pipeline/remove-step", &used).await;
    assert_eq!(refused.status, 422);
    assert!(refused.body.contains("StepSignedOff"), "{}", refused.body);
    assert_eq!(
        training_step::Entity::find().count(&app.db).await.unwrap(),
        3
    );
}

on_both_backends!(
    support,
    true,
    mentors_sign_off_and_organisers_see_who_is_ready
);

async fn the_funnel_draws_counts_and_exports(app: TestApp) {
    let org = signed_in(&app, "organiser").await;
    let funnel = page(&app, &org, "/manage/connect/funnel").await;
    assert_eq!(funnel.status, 200);
    assert!(funnel.body.contains("<svg"), "{}", funnel.body);
    let narrowed = page(&app, &org, "/manage/connect/funnel?cohort=2027&track=iot").await;
    assert_eq!(narrowed.status, 200);
    let csv = page(
        &app,
        &org,
        "/manage/connect/funnel.csv?cohort=2027&track=iot",
    )
    .await;
    assert_eq!(csv.status, 200);
    assert!(
        csv.headers["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/csv")
    );
    let lines: Vec<&str> = csv.body.lines().collect();
    assert_eq!(
        lines[0],
        "\u{FEFF}stage,now,reached,conversion_to_next_percent,mean_days"
    );
    // Demo: two waiting participants, the alumnus (now a tutor candidate)
    // and the lecturer, who came in as a lecturer (counted there only).
    assert!(lines[1].starts_with("participant,2,3,"), "{}", csv.body);
    assert!(lines[3].starts_with("tutor_candidate,1,1,"), "{}", csv.body);
    assert!(lines[6].starts_with("lecturer,1,1,"), "{}", csv.body);
    let applicant = signed_in(&app, "applicant").await;
    assert_eq!(
        page(&app, &applicant, "/manage/connect/funnel.csv")
            .await
            .status,
        403
    );
}

on_both_backends!(funnel, true, the_funnel_draws_counts_and_exports);

async fn holders_see_their_own_certificates(app: TestApp) {
    let alumnus = signed_in(&app, "alumnus").await;
    let alumnus_id = id_of(&app, "demo-alumnus@example.jp").await;
    let code = completions(&app)
        .await
        .into_iter()
        .find(|c| c.account_id == alumnus_id)
        .expect("the seed completed the demo alumnus")
        .code;
    let shown = camp_connect_app::domain::pipeline::code::display(&code);
    let mine = page(&app, &alumnus, "/account/certificates").await;
    assert_eq!(mine.status, 200);
    assert!(mine.body.contains(&shown), "{}", mine.body);
    assert!(mine.body.contains(&format!("/certificates/{shown}")));
    assert!(mine.body.contains(&format!("/verify/{shown}")));
    assert!(!mine.body.contains("Revoked"));

    // Someone else sees none of it; nobody signed in is asked to sign in.
    let applicant = signed_in(&app, "applicant").await;
    let theirs = page(&app, &applicant, "/account/certificates").await;
    assert_eq!(theirs.status, 200);
    assert!(
        theirs.body.contains("No certificates yet"),
        "{}",
        theirs.body
    );
    assert!(!theirs.body.contains(&shown));
    assert_eq!(app.get("/account/certificates").await.status, 401);

    // Revoked: still listed, marked, without the links that no longer verify.
    let org = signed_in(&app, "organiser").await;
    let revoke = format!("{IOT}&code={shown}&reason=duplicate+record");
    assert_eq!(post(&app, &org, "/api/pipeline/revoke", &revoke).await, 200);
    let mine = page(&app, &alumnus, "/account/certificates").await;
    assert!(mine.body.contains(&shown));
    assert!(mine.body.contains("Revoked"), "{}", mine.body);
    assert!(!mine.body.contains(&format!("/verify/{shown}")));
}

on_both_backends!(own_certificates, true, holders_see_their_own_certificates);

async fn two_organisers_completing_at_once_complete_once(app: TestApp) {
    use camp_connect_app::store::pipeline::completion::complete;
    let p = programme_row(&app.db, "connect").await.unwrap().unwrap();
    let ctx =
        camp_connect_app::store::catalogue::track_ctx::track_by_slugs(&app.db, &p, "2027", "iot")
            .await
            .unwrap()
            .unwrap();
    let org = id_of(&app, "demo-organiser@example.jp").await;
    let hina = id_of(&app, WAITING[0].0).await;
    let before = completions(&app).await.len();
    let now = Utc::now();
    let site = "https://cc.example";
    let her = [hina];
    let (a, b) = tokio::join!(
        complete(&app.db, org, &ctx, &her, site, now),
        complete(&app.db, org, &ctx, &her, site, now),
    );
    let made = a.expect("first completion") + b.expect("second completion");
    assert_eq!(
        made, 1,
        "one of the two completed her, the other found it done"
    );
    assert_eq!(completions(&app).await.len(), before + 1);
    let mails = outbox_message::Entity::find()
        .filter(outbox_message::Column::Template.eq("certificate_issued"))
        .count(&app.db)
        .await
        .unwrap();
    assert_eq!(mails, 1, "one certificate mailed");
}

on_both_backends!(
    simultaneous_completion,
    true,
    two_organisers_completing_at_once_complete_once
);
