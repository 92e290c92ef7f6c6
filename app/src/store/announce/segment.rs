//! Segments in the database: the records a segment names, looked up inside
//! the programme (another programme's cohort, track or event is not found,
//! like a missing one), the segments a programme's organisers may write
//! to, and the people in one.

use crate::domain::announce::segment::{STILL_ACCEPTED, Target};
use crate::domain::announce::view::SegmentChoice;
use crate::domain::announce::{Segment, SegmentKind};
use crate::domain::application::{ApplicationStatus, Decision};
use crate::domain::events::RsvpStatus;
use crate::domain::forms::Problem;
use crate::domain::lang::Localized;
use crate::store::entities::{
    account, application, cohort, completion, event, event_rsvp, programme, role_grant, track,
};
use sea_orm::sea_query::SelectStatement;
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, QueryTrait,
};
use std::collections::HashSet;

/// The names of what a segment is about: its template variables and label.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Place {
    /// The cohort (for cohort and track segments).
    pub cohort: Option<Localized>,
    /// The track (for track segments).
    pub track: Option<Localized>,
    /// The event (for event segments).
    pub event: Option<Localized>,
    /// How the segment's record is named on pages and in the mail's footer.
    pub label: Localized,
}

fn cohort_name(c: &cohort::Model) -> Localized {
    Localized::new(&c.title_ja, &c.title_en)
}

fn track_label(c: &cohort::Model, t: &track::Model) -> Localized {
    Localized::new(
        format!("{} {}", c.title_ja, t.name_ja),
        format!("{} {}", c.title_en, t.name_en),
    )
}

/// The cohort `id` if it belongs to `p`.
async fn cohort_in(
    db: &impl ConnectionTrait,
    p: &programme::Model,
    id: i32,
) -> Result<Option<cohort::Model>, DbErr> {
    cohort::Entity::find_by_id(id)
        .filter(cohort::Column::ProgrammeId.eq(p.id))
        .one(db)
        .await
}

/// What segment `s` is about, inside programme `p`; `None` when its record
/// does not exist or belongs to another programme.
pub async fn place_of(
    db: &impl ConnectionTrait,
    p: &programme::Model,
    s: Segment,
) -> Result<Option<Place>, DbErr> {
    let none = Place {
        cohort: None,
        track: None,
        event: None,
        label: Localized::new(&p.name_ja, &p.name_en),
    };
    let Some(id) = s.target else {
        return Ok((s.kind.target() == Target::Programme).then_some(none));
    };
    Ok(match s.kind.target() {
        Target::Programme => None,
        Target::Cohort => cohort_in(db, p, id).await?.map(|c| Place {
            cohort: Some(cohort_name(&c)),
            label: cohort_name(&c),
            ..none
        }),
        Target::Track => {
            let Some(t) = track::Entity::find_by_id(id).one(db).await? else {
                return Ok(None);
            };
            cohort_in(db, p, t.cohort_id).await?.map(|c| Place {
                cohort: Some(cohort_name(&c)),
                track: Some(Localized::new(&t.name_ja, &t.name_en)),
                label: track_label(&c, &t),
                event: None,
            })
        }
        Target::Event => event::Entity::find_by_id(id)
            .filter(event::Column::ProgrammeId.eq(p.id))
            .one(db)
            .await?
            .map(|e| {
                let title = Localized::new(&e.title_ja, &e.title_en);
                Place {
                    event: Some(title.clone()),
                    label: title,
                    ..none
                }
            }),
    })
}

/// How many events of a programme the form offers (the newest).
const EVENT_CHOICES: u64 = 30;

/// The segments `p`'s organisers may write to now, newest cohorts and
/// events first: each cohort's applicants; each track's reviewers and the
/// decisions released on it (a decision nobody was told of yet offers no
/// segment); the alumni; each event's registrants.
pub async fn choices(
    db: &impl ConnectionTrait,
    p: &programme::Model,
) -> Result<Vec<SegmentChoice>, DbErr> {
    let cohorts = cohort::Entity::find()
        .filter(cohort::Column::ProgrammeId.eq(p.id))
        .order_by_desc(cohort::Column::SessionsStartAt)
        .order_by_asc(cohort::Column::Id)
        .all(db)
        .await?;
    let tracks = track::Entity::find()
        .filter(track::Column::CohortId.is_in(cohorts.iter().map(|c| c.id)))
        .order_by_asc(track::Column::Id)
        .all(db)
        .await?;
    let released: HashSet<(i32, Decision)> = application::Entity::find()
        .select_only()
        .column(application::Column::TrackId)
        .column(application::Column::Decision)
        .filter(application::Column::TrackId.is_in(tracks.iter().map(|t| t.id)))
        .filter(application::Column::ReleasedAt.is_not_null())
        .filter(application::Column::Decision.is_not_null())
        .distinct()
        .into_tuple::<(i32, Decision)>()
        .all(db)
        .await?
        .into_iter()
        .collect();
    let mut out = Vec::new();
    let choice = |kind, target, place| SegmentChoice {
        segment: Segment { kind, target },
        place,
    };
    for c in &cohorts {
        out.push(choice(SegmentKind::Applicants, Some(c.id), cohort_name(c)));
        for t in tracks.iter().filter(|t| t.cohort_id == c.id) {
            let label = track_label(c, t);
            for kind in [
                SegmentKind::Accepted,
                SegmentKind::Waitlisted,
                SegmentKind::Rejected,
            ] {
                if kind
                    .decision()
                    .is_some_and(|d| released.contains(&(t.id, d)))
                {
                    out.push(choice(kind, Some(t.id), label.clone()));
                }
            }
            out.push(choice(SegmentKind::Reviewers, Some(t.id), label));
        }
    }
    out.push(choice(
        SegmentKind::Alumni,
        None,
        Localized::new(&p.name_ja, &p.name_en),
    ));
    let events = event::Entity::find()
        .filter(event::Column::ProgrammeId.eq(p.id))
        .order_by_desc(event::Column::StartsAt)
        .limit(EVENT_CHOICES)
        .all(db)
        .await?;
    for e in events {
        out.push(choice(
            SegmentKind::Registrants,
            Some(e.id),
            Localized::new(&e.title_ja, &e.title_en),
        ));
    }
    Ok(out)
}

/// The accounts in segment `s` (its record already found in `p` by
/// [`place_of`]), as one subquery of their ids.
fn members(p: &programme::Model, s: Segment) -> SelectStatement {
    let target = s.target.unwrap_or_default();
    let applications = || {
        application::Entity::find()
            .select_only()
            .column(application::Column::AccountId)
            .filter(application::Column::Status.eq(ApplicationStatus::Submitted))
    };
    match s.kind {
        SegmentKind::Applicants => applications()
            .filter(
                application::Column::TrackId.in_subquery(
                    track::Entity::find()
                        .select_only()
                        .column(track::Column::Id)
                        .filter(track::Column::CohortId.eq(target))
                        .into_query(),
                ),
            )
            .into_query(),
        SegmentKind::Accepted | SegmentKind::Waitlisted | SegmentKind::Rejected => {
            // `domain::announce::segment::in_decision_segment` in SQL.
            let mut q = applications()
                .filter(application::Column::TrackId.eq(target))
                .filter(application::Column::Decision.is_in(s.kind.decision()))
                .filter(application::Column::ReleasedAt.is_not_null());
            if s.kind == SegmentKind::Accepted {
                q = q.filter(
                    Condition::any()
                        .add(application::Column::OfferStatus.is_null())
                        .add(application::Column::OfferStatus.is_in(STILL_ACCEPTED)),
                );
            }
            q.into_query()
        }
        SegmentKind::Reviewers => role_grant::Entity::find()
            .select_only()
            .column(role_grant::Column::AccountId)
            .filter(role_grant::Column::TrackId.eq(target))
            .filter(role_grant::Column::Role.is_in([
                crate::domain::access::Role::Reviewer,
                crate::domain::access::Role::Lecturer,
            ]))
            .into_query(),
        SegmentKind::Alumni => completion::Entity::find()
            .select_only()
            .column(completion::Column::AccountId)
            .filter(completion::Column::ProgrammeId.eq(p.id))
            .filter(completion::Column::RevokedAt.is_null())
            .into_query(),
        SegmentKind::Registrants => event_rsvp::Entity::find()
            .select_only()
            .column(event_rsvp::Column::AccountId)
            .filter(event_rsvp::Column::EventId.eq(target))
            .filter(
                event_rsvp::Column::Status.is_in([RsvpStatus::Confirmed, RsvpStatus::Waitlisted]),
            )
            .into_query(),
    }
}

/// The people in segment `s` of `p` who can be mailed (deleted accounts
/// have no address), each once, in account order. Refused with
/// [`Problem::NotReleased`] for a decision segment of a track whose
/// decisions nobody was told of, and [`Problem::NoRecipients`] when
/// nobody is in it.
pub async fn recipients(
    db: &impl ConnectionTrait,
    p: &programme::Model,
    s: Segment,
) -> Result<Result<Vec<account::Model>, Problem>, DbErr> {
    if s.kind.decision().is_some() {
        let released = application::Entity::find()
            .filter(application::Column::TrackId.eq(s.target.unwrap_or_default()))
            .filter(application::Column::ReleasedAt.is_not_null())
            .one(db)
            .await?;
        if released.is_none() {
            return Ok(Err(Problem::NotReleased));
        }
    }
    let people = account::Entity::find()
        .filter(account::Column::Id.in_subquery(members(p, s)))
        .filter(account::Column::Email.is_not_null())
        .order_by_asc(account::Column::Id)
        .all(db)
        .await?;
    Ok(if people.is_empty() {
        Err(Problem::NoRecipients)
    } else {
        Ok(people)
    })
}
