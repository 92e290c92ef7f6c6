//! The demo's pipeline in Security Camp Connect 2027: two participants of
//! the IoT track waiting to be completed, the demo alumnus completed (with
//! a certificate) and now a tutor candidate mentored by the demo lecturer,
//! and the programme's training steps, the first signed off.

use camp_connect_app::domain::access::{Grant, Role};
use camp_connect_app::domain::pipeline::Stage;
use camp_connect_app::store::catalogue::track_ctx::track_by_slugs;
use camp_connect_app::store::entities::{mentorship, step_signoff, training_step};
use camp_connect_app::store::identity::{NewAccount, account_by_email, create_account, grant_role};
use camp_connect_app::store::pipeline::completion::{Recorder, complete_in};
use camp_connect_app::store::pipeline::{
    PipelineError, StageMove, enter_as_participant, record_stage,
};
use chrono::{DateTime, Utc};
use sea_orm::{ActiveModelTrait, ConnectionTrait, DbErr, Set};

/// The demo participants who wait for their completion.
pub const WAITING: [(&str, &str, &str); 2] = [
    ("pipeline-demo-1@example.jp", "中村 陽菜", "Hina Nakamura"),
    ("pipeline-demo-2@example.jp", "松本 蓮", "Ren Matsumoto"),
];

fn db_err(e: PipelineError) -> DbErr {
    match e {
        PipelineError::Db(e) => e,
        other => DbErr::Custom(format!("demo pipeline: {other:?}")),
    }
}

async fn demo_account(db: &impl ConnectionTrait, who: &str) -> Result<i32, DbErr> {
    account_by_email(db, &format!("demo-{who}@example.jp"))
        .await?
        .map(|a| a.id)
        .ok_or_else(|| DbErr::Custom(format!("no demo {who}")))
}

/// Seeds the demo pipeline; needs the demo catalogue and accounts.
pub async fn seed_pipeline_demo(
    db: &impl ConnectionTrait,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    let p = camp_connect_app::store::catalogue::rows::programme_row(db, "connect")
        .await?
        .ok_or_else(|| DbErr::Custom("no connect programme".into()))?;
    let ctx = track_by_slugs(db, &p, "2027", "iot")
        .await?
        .ok_or_else(|| DbErr::Custom("no connect/2027/iot track".into()))?;
    let place = (p.id, ctx.cohort.id, ctx.track.id);
    let participant = Grant::on_track(Role::Participant, p.id, ctx.cohort.id, ctx.track.id);
    for (email, ja, en) in WAITING {
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
        grant_role(db, id, participant, None, now).await?;
        enter_as_participant(db, id, place, now).await?;
    }
    let organiser = demo_account(db, "organiser").await?;
    let alumnus = demo_account(db, "alumnus").await?;
    let lecturer = demo_account(db, "lecturer").await?;
    grant_role(db, alumnus, participant, None, now).await?;
    enter_as_participant(db, alumnus, place, now).await?;
    complete_in(db, Recorder::System, &ctx, &[alumnus], now)
        .await
        .map_err(db_err)?;
    let moves = [
        (lecturer, Stage::Lecturer),
        (alumnus, Stage::TutorCandidate),
    ];
    for (account_id, to) in moves {
        let m = StageMove {
            account_id,
            programme_id: p.id,
            to,
            cohort_id: Some(ctx.cohort.id),
            track_id: Some(ctx.track.id),
            reason: "",
            by: None,
        };
        record_stage(db, m, now).await.map_err(db_err)?;
    }
    mentorship::ActiveModel {
        programme_id: Set(p.id),
        candidate_id: Set(alumnus),
        mentor_id: Set(lecturer),
        assigned_by: Set(Some(organiser)),
        assigned_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    let steps = [
        ("準備合宿", "Preparation camp"),
        ("模擬講義", "Trial lecture"),
        ("教材レビュー", "Material review"),
    ];
    for (i, (ja, en)) in steps.into_iter().enumerate() {
        let step = training_step::ActiveModel {
            programme_id: Set(p.id),
            position: Set(i32::try_from(i).unwrap_or(0) + 1),
            name_ja: Set(ja.into()),
            name_en: Set(en.into()),
            ..Default::default()
        }
        .insert(db)
        .await?;
        if i == 0 {
            step_signoff::ActiveModel {
                step_id: Set(step.id),
                candidate_id: Set(alumnus),
                signed_by: Set(Some(lecturer)),
                signed_at: Set(now),
            }
            .insert(db)
            .await?;
        }
    }
    Ok(())
}
