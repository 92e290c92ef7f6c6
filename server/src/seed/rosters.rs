//! Roster demo data: the demo alumnus and a second alumna took part in
//! Security Camp 2026 and are open to tutoring; a Security Camp organiser
//! runs tutor calls; the demo lecturer's source is recorded; one tutor call
//! is open. So `make run` shows rosters, calls and the staffing dashboard.

use camp_connect_app::domain::access::{Grant, Role};
use camp_connect_app::domain::rosters::LecturerSource;
use camp_connect_app::store::catalogue::rows::programme_row;
use camp_connect_app::store::catalogue::track_ctx::{TrackCtx, track_by_slugs};
use camp_connect_app::store::entities::{availability, availability_field, field, tutor_call};
use camp_connect_app::store::identity::{
    DEMO_PROVIDER, NewAccount, account_by_email, create_account, grant_role, link_identity,
};
use camp_connect_app::store::pipeline::completion::{Recorder, complete_in};
use camp_connect_app::store::pipeline::enter_as_participant;
use camp_connect_app::store::rosters::note_lecturer;
use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, Set,
};

/// The demo track `programme/cohort/track`.
async fn place(
    db: &impl ConnectionTrait,
    programme: &str,
    cohort: &str,
    track: &str,
) -> Result<TrackCtx, DbErr> {
    let p = programme_row(db, programme)
        .await?
        .ok_or_else(|| DbErr::Custom(format!("no demo programme {programme}")))?;
    track_by_slugs(db, &p, cohort, track)
        .await?
        .ok_or_else(|| DbErr::Custom(format!("no demo track {programme}/{cohort}/{track}")))
}

/// The demo account with `email`, made (with demo sign-in) when missing.
async fn demo_person(
    db: &impl ConnectionTrait,
    email: &str,
    name_ja: &str,
    name_en: &str,
    now: DateTime<Utc>,
) -> Result<i32, DbErr> {
    if let Some(a) = account_by_email(db, email).await? {
        return Ok(a.id);
    }
    let new = NewAccount {
        email,
        name_ja,
        name_en,
        is_admin: false,
    };
    let id = create_account(db, new, now).await?;
    link_identity(db, id, DEMO_PROVIDER, email, now).await?;
    Ok(id)
}

/// Marks `account_id` open to tutoring (and lecturing) in the fields `slugs`.
async fn open_to_help(
    db: &impl ConnectionTrait,
    account_id: i32,
    lecturing: bool,
    slugs: &[&str],
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    availability::ActiveModel {
        account_id: Set(account_id),
        open_to_tutoring: Set(true),
        open_to_lecturing: Set(lecturing),
        updated_at: Set(now),
    }
    .insert(db)
    .await?;
    for f in field::Entity::find()
        .filter(field::Column::Slug.is_in(slugs.iter().copied()))
        .all(db)
        .await?
    {
        availability_field::ActiveModel {
            account_id: Set(account_id),
            field_id: Set(f.id),
        }
        .insert(db)
        .await?;
    }
    Ok(())
}

/// Writes the roster demo data into the demo database.
pub async fn seed_rosters_demo(db: &impl ConnectionTrait, now: DateTime<Utc>) -> Result<(), DbErr> {
    let alumni = [
        (
            "demo-alumnus@example.jp",
            "鈴木 健（修了生）",
            "Ken Suzuki (alumnus)",
            "vulnerabilities",
            true,
        ),
        (
            "demo-alumna@example.jp",
            "中村 玲（修了生）",
            "Rei Nakamura (alumna)",
            "cryptography",
            false,
        ),
    ];
    for (email, ja, en, track, lecturing) in alumni {
        let id = demo_person(db, email, ja, en, now).await?;
        let past = place(db, "camp", "2026", track).await?;
        let grant = Grant::on_track(
            Role::Participant,
            past.programme.id,
            past.cohort.id,
            past.track.id,
        );
        grant_role(db, id, grant, None, now).await?;
        // They completed it: that, not taking part, makes them alumni.
        let at = (past.programme.id, past.cohort.id, past.track.id);
        enter_as_participant(db, id, at, now).await?;
        complete_in(db, Recorder::System, &past, &[id], now)
            .await
            .map_err(|e| DbErr::Custom(format!("demo completion: {e:?}")))?;
        open_to_help(db, id, lecturing, &["ai", "iot"], now).await?;
    }
    let organiser = demo_person(
        db,
        "demo-camp-organiser@example.jp",
        "小林 浩（キャンプ主催者）",
        "Hiroshi Kobayashi (Camp organiser)",
        now,
    )
    .await?;
    let camp = place(db, "camp", "2027", "systems").await?;
    grant_role(
        db,
        organiser,
        Grant::organiser(camp.programme.id),
        None,
        now,
    )
    .await?;
    tutor_call::ActiveModel {
        track_id: Set(camp.track.id),
        places: Set(2),
        note: Set(
            "演習のサポートをお願いします。 / Help participants through the exercises.".into(),
        ),
        opened_by: Set(Some(organiser)),
        opened_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    if let Some(lecturer) = account_by_email(db, "demo-lecturer@example.jp").await? {
        let ai = place(db, "connect", "2027", "ai").await?;
        let source = LecturerSource::Industry;
        note_lecturer(
            db,
            ai.track.id,
            lecturer.id,
            source,
            "北浜セキュリティ株式会社",
        )
        .await?;
    }
    Ok(())
}
