//! Selection data: a few anonymised applications to review in the demo,
//! and `seed --scale N` for the review benchmark. Also the building blocks
//! the integration tests use to make submitted applications.

use camp_connect_app::domain::access::{Grant, Role};
use camp_connect_app::domain::application::ApplicationStatus;
use camp_connect_app::domain::application::questions::QuestionKind;
use camp_connect_app::store::application::questions::current_set;
use camp_connect_app::store::catalogue::track_ctx::{TrackCtx, track_by_slugs};
use camp_connect_app::store::entities::{
    application, application_submission, question, question_set, review_assignment, review_score,
    rubric_criterion, track_review,
};
use camp_connect_app::store::identity::{
    DEMO_PROVIDER, NewAccount, create_account, grant_role, link_identity,
};
use camp_connect_app::store::review::version::ranking_changed;
use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait,
    QueryFilter, QueryOrder, Set, TransactionTrait,
};

/// What is known about an applicant, beyond their answers.
#[derive(Clone, Debug, Default)]
pub struct Applicant<'a> {
    /// School or employer.
    pub affiliation: &'a str,
    /// Mentors they named.
    pub mentors: &'a str,
    /// Date of birth.
    pub birth_date: Option<NaiveDate>,
}

/// The track's question set (made, version 1 with two questions, when it
/// has none); its id and the ids of its text questions.
pub async fn question_set_of(
    db: &impl ConnectionTrait,
    track_id: i32,
    now: DateTime<Utc>,
) -> Result<(i32, Vec<i32>), DbErr> {
    let set = match current_set(db, track_id).await? {
        Some(s) => s,
        None => {
            let s = question_set::ActiveModel {
                track_id: Set(track_id),
                version: Set(1),
                created_at: Set(now),
                ..Default::default()
            }
            .insert(db)
            .await?;
            for (i, (ja, en)) in [
                ("応募の動機を書いてください。", "Why do you apply?"),
                (
                    "これまでに取り組んだことを書いてください。",
                    "What have you worked on?",
                ),
            ]
            .into_iter()
            .enumerate()
            {
                question::ActiveModel {
                    question_set_id: Set(s.id),
                    position: Set(i as i32),
                    kind: Set(QuestionKind::LongText),
                    prompt_ja: Set(ja.into()),
                    prompt_en: Set(en.into()),
                    choices: Set("[]".into()),
                    max_chars: Set(Some(2000)),
                    required: Set(true),
                    ..Default::default()
                }
                .insert(db)
                .await?;
            }
            s
        }
    };
    // Demo answers are prose: choice and URL questions are left unanswered.
    let ids = question::Entity::find()
        .filter(question::Column::QuestionSetId.eq(set.id))
        .filter(question::Column::Kind.is_in(["long_text", "short_text"]))
        .order_by_asc(question::Column::Position)
        .all(db)
        .await?
        .into_iter()
        .map(|q| q.id)
        .collect();
    Ok((set.id, ids))
}

/// A submitted application of `account` to the track, answering each
/// question with `answer`; its id.
pub async fn submitted_application(
    db: &impl ConnectionTrait,
    track_id: i32,
    account: i32,
    who: &Applicant<'_>,
    answer: &str,
    now: DateTime<Utc>,
) -> Result<i32, DbErr> {
    let (set, questions) = question_set_of(db, track_id, now).await?;
    let a = application::ActiveModel {
        track_id: Set(track_id),
        account_id: Set(account),
        status: Set(ApplicationStatus::Submitted),
        question_set_id: Set(set),
        revision: Set(1),
        birth_date: Set(who.birth_date),
        affiliation: Set(who.affiliation.into()),
        expertise: Set(String::new()),
        mentors: Set(who.mentors.into()),
        guardian_name: Set(String::new()),
        guardian_email: Set(String::new()),
        declarations_accepted: Set(true),
        created_at: Set(now),
        updated_at: Set(now),
        submitted_at: Set(Some(now)),
        ..Default::default()
    }
    .insert(db)
    .await?;
    let answers: serde_json::Map<String, serde_json::Value> = questions
        .iter()
        .map(|q| (q.to_string(), serde_json::Value::String(answer.into())))
        .collect();
    application_submission::ActiveModel {
        application_id: Set(a.id),
        number: Set(1),
        question_set_id: Set(set),
        answers: Set(serde_json::Value::Object(answers).to_string()),
        submitted_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    ranking_changed(db, track_id).await?;
    Ok(a.id)
}

/// Gives the track a two-criterion rubric (motivation ×2, reasoning ×1,
/// both 1–5); the criteria's ids. A ranking input: callers replace the
/// track's ranking version once they have made the rest of their changes.
pub async fn demo_rubric(db: &impl ConnectionTrait, track_id: i32) -> Result<Vec<i32>, DbErr> {
    let mut ids = Vec::new();
    for (i, (ja, en, w)) in [("動機", "Motivation", 2), ("論理性", "Reasoning", 1)]
        .into_iter()
        .enumerate()
    {
        let c = rubric_criterion::ActiveModel {
            track_id: Set(track_id),
            position: Set(i as i32),
            name_ja: Set(ja.into()),
            name_en: Set(en.into()),
            weight: Set(w),
            scale_max: Set(5),
            ..Default::default()
        }
        .insert(db)
        .await?;
        ids.push(c.id);
    }
    Ok(ids)
}

async fn connect_ai(db: &impl ConnectionTrait) -> Result<TrackCtx, DbErr> {
    let p = camp_connect_app::store::catalogue::rows::programme_row(db, "connect")
        .await?
        .ok_or_else(|| DbErr::Custom("no connect programme: seed the demo first".into()))?;
    track_by_slugs(db, &p, "2027", "ai")
        .await?
        .ok_or_else(|| DbErr::Custom("no connect/2027/ai track".into()))
}

/// The demo's selection: four anonymised applications to Security Camp
/// Connect 2027's AI track, each assigned to the demo lecturer, and the
/// track's rubric. The applicants are accounts of their own (they never sign
/// in), so the demo applicant stays free to apply.
pub async fn seed_review_demo(db: &impl ConnectionTrait, now: DateTime<Utc>) -> Result<(), DbErr> {
    let ctx = connect_ai(db).await?;
    let lecturer =
        camp_connect_app::store::identity::account_by_email(db, "demo-lecturer@example.jp")
            .await?
            .ok_or_else(|| DbErr::Custom("no demo lecturer".into()))?;
    demo_rubric(db, ctx.track.id).await?;
    let people = [
        (
            "review-demo-1@example.jp",
            "小林 花",
            "Hana Kobayashi",
            "東都大学",
        ),
        (
            "review-demo-2@example.jp",
            "加藤 翔",
            "Sho Kato",
            "北浜工業",
        ),
        (
            "review-demo-3@example.jp",
            "吉田 結衣",
            "Yui Yoshida",
            "南山高校",
        ),
        (
            "review-demo-4@example.jp",
            "山本 大輝",
            "Daiki Yamamoto",
            "西海システム",
        ),
    ];
    for (email, ja, en, org) in people {
        let id = create_account(
            db,
            NewAccount {
                email,
                name_ja: ja,
                name_en: en,
                is_admin: false,
            },
            now,
        )
        .await?;
        let who = Applicant {
            affiliation: org,
            mentors: "",
            birth_date: None,
        };
        let app = submitted_application(
            db,
            ctx.track.id,
            id,
            &who,
            "AI モデルへの攻撃と防御を学びたいです。",
            now,
        )
        .await?;
        review_assignment::ActiveModel {
            application_id: Set(app),
            reviewer_id: Set(lecturer.id),
            assigned_at: Set(now),
            assigned_by: Set(None),
            comment: Set(String::new()),
            submitted_at: Set(None),
            updated_at: Set(None),
            ..Default::default()
        }
        .insert(db)
        .await?;
    }
    ranking_changed(db, ctx.track.id).await?;
    Ok(())
}

/// What `seed --scale` made.
#[derive(Debug)]
pub struct Scaled {
    /// The track filled.
    pub track_id: i32,
    /// Applications made.
    pub applications: usize,
    /// Reviewers made.
    pub reviewers: usize,
    /// Assignments made.
    pub assignments: usize,
}

/// Fills Connect 2027's AI track with `n` submitted, answered applications,
/// 30 reviewers, k = 2 automatic assignments and every review scored
/// (deterministically), for the review benchmark. Needs the demo data.
pub async fn seed_scale(db: &DatabaseConnection, n: usize) -> Result<Scaled, DbErr> {
    let now = Utc::now();
    let txn = db.begin().await?;
    let ctx = connect_ai(&txn).await?;
    // The demo gave the track its rubric already; a second copy would only
    // double every criterion on the page.
    let existing: Vec<i32> = camp_connect_app::store::review::criteria(&txn, ctx.track.id)
        .await?
        .into_iter()
        .map(|c| c.id)
        .collect();
    let criteria = if existing.is_empty() {
        demo_rubric(&txn, ctx.track.id).await?
    } else {
        existing
    };
    let (set, questions) = question_set_of(&txn, ctx.track.id, now).await?;
    track_review::Entity::delete_by_id(ctx.track.id)
        .exec(&txn)
        .await?;
    track_review::ActiveModel {
        track_id: Set(ctx.track.id),
        anonymous: Set(true),
        reviewers_per_application: Set(2),
        normalise: Set(true),
        closed_at: Set(None),
        offer_days: Set(7),
        due_at: Set(None),
    }
    .insert(&txn)
    .await?;
    for r in 0..30 {
        let email = format!("scale-reviewer-{r}@example.jp");
        let name = format!("Reviewer {r}");
        let id = create_account(
            &txn,
            NewAccount {
                email: &email,
                name_ja: &name,
                name_en: &name,
                is_admin: false,
            },
            now,
        )
        .await?;
        let grant = Grant::on_track(
            Role::Reviewer,
            ctx.programme.id,
            ctx.cohort.id,
            ctx.track.id,
        );
        grant_role(&txn, id, grant, None, now).await?;
        // The benchmark signs its reviewers in with the demo sign-in.
        link_identity(&txn, id, DEMO_PROVIDER, &email, now).await?;
    }
    let answer = "AI モデルへの攻撃と防御を学びたいです。".repeat(20);
    for i in 0..n {
        let email = format!("scale-applicant-{i}@example.jp");
        let name = format!("Applicant {i}");
        let id = create_account(
            &txn,
            NewAccount {
                email: &email,
                name_ja: &name,
                name_en: &name,
                is_admin: false,
            },
            now,
        )
        .await?;
        // The deadline-day load benchmark signs applicants in the same way.
        link_identity(&txn, id, DEMO_PROVIDER, &email, now).await?;
        let a = application::ActiveModel {
            track_id: Set(ctx.track.id),
            account_id: Set(id),
            status: Set(ApplicationStatus::Submitted),
            question_set_id: Set(set),
            revision: Set(1),
            affiliation: Set(format!("School {}", i % 200)),
            expertise: Set(String::new()),
            mentors: Set(String::new()),
            guardian_name: Set(String::new()),
            guardian_email: Set(String::new()),
            declarations_accepted: Set(true),
            created_at: Set(now),
            updated_at: Set(now),
            submitted_at: Set(Some(now)),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        let answers: serde_json::Map<String, serde_json::Value> = questions
            .iter()
            .map(|q| (q.to_string(), serde_json::Value::String(answer.clone())))
            .collect();
        application_submission::ActiveModel {
            application_id: Set(a.id),
            number: Set(1),
            question_set_id: Set(set),
            answers: Set(serde_json::Value::Object(answers).to_string()),
            submitted_at: Set(now),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
    }
    let organiser =
        camp_connect_app::store::identity::account_by_email(&txn, "demo-organiser@example.jp")
            .await?
            .ok_or_else(|| DbErr::Custom("no demo organiser".into()))?;
    txn.commit().await?;
    let (made, _) = camp_connect_app::store::review::assign::assign_automatically(
        db,
        organiser.id,
        &ctx,
        2,
        now,
    )
    .await?;
    // Score every assignment but the last few of each reviewer, so the
    // queue has something left to review.
    let txn = db.begin().await?;
    let all = camp_connect_app::store::review::track_assignments(&txn, ctx.track.id).await?;
    let mut rows = Vec::new();
    for (i, a) in all.iter().enumerate() {
        if i % 50 == 49 {
            continue;
        }
        for (j, c) in criteria.iter().enumerate() {
            let score = 1 + ((a.id as usize * 7 + a.reviewer_id as usize * 3 + j) % 5) as i32;
            rows.push(review_score::ActiveModel {
                assignment_id: Set(a.id),
                criterion_id: Set(*c),
                score: Set(score),
            });
        }
        review_assignment::Entity::update_many()
            .col_expr(
                review_assignment::Column::SubmittedAt,
                sea_orm::sea_query::Expr::value(now),
            )
            .filter(review_assignment::Column::Id.eq(a.id))
            .exec(&txn)
            .await?;
    }
    for chunk in rows.chunks(1000) {
        review_score::Entity::insert_many(chunk.to_vec())
            .exec_without_returning(&txn)
            .await?;
    }
    ranking_changed(&txn, ctx.track.id).await?;
    txn.commit().await?;
    Ok(Scaled {
        track_id: ctx.track.id,
        applications: n,
        reviewers: 30,
        assignments: made,
    })
}
