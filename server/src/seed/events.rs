//! The demo's community events (`demo.json`'s `events`): one held a few
//! weeks ago and two coming up, dated from the day of seeding so the
//! events pages show both kinds whenever the demo is made. Nobody has
//! signed up yet: the reminder sweep and the credits stay quiet.

use crate::seed::DemoEvent;
use camp_connect_app::domain::events::{Audience, EventKind, EventStatus};
use camp_connect_app::store::entities::event;
use camp_connect_app::store::identity::account_by_email;
use chrono::{DateTime, Duration, Utc};
use sea_orm::{ActiveModelTrait, ConnectionTrait, DbErr, Set};
use std::collections::HashMap;

/// Inserts `events`, hosted by the demo accounts they name, in the
/// programmes they name (`programmes`: ids by slug).
pub async fn insert(
    db: &impl ConnectionTrait,
    events: &[DemoEvent],
    programmes: &HashMap<String, i32>,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    for e in events {
        let host = account_by_email(db, &e.host)
            .await?
            .ok_or_else(|| DbErr::Custom(format!("demo event host {} unknown", e.host)))?;
        let spelled = |what: &str, s: &str| DbErr::Custom(format!("demo event {what} {s}"));
        // Whole hours from midnight UTC of the day, so the times read well.
        let day = now
            .date_naive()
            .and_hms_opt(0, 0, 0)
            .unwrap_or_default()
            .and_utc();
        let starts_at = day + Duration::days(e.days_from_now) + Duration::hours(e.start_hour_utc);
        event::ActiveModel {
            programme_id: Set(e
                .programme
                .as_ref()
                .and_then(|p| programmes.get(p).copied())),
            host_id: Set(Some(host.id)),
            title_ja: Set(e.title_ja.clone()),
            title_en: Set(e.title_en.clone()),
            description_ja: Set(e.description_ja.clone()),
            description_en: Set(e.description_en.clone()),
            kind: Set(EventKind::parse(&e.kind).ok_or_else(|| spelled("kind", &e.kind))?),
            starts_at: Set(starts_at),
            ends_at: Set(starts_at + Duration::hours(e.hours)),
            venue: Set(e.venue.clone()),
            online_link: Set(e.online_link.clone()),
            capacity: Set(e.capacity),
            audience: Set(
                Audience::parse(&e.audience).ok_or_else(|| spelled("audience", &e.audience))?
            ),
            credit_tenths: Set(e.credit_tenths),
            status: Set(EventStatus::Published),
            reminded_at: Set(None),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        }
        .insert(db)
        .await?;
    }
    Ok(())
}
