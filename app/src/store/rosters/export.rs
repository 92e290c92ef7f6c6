//! The roster CSV of a track, or of every track of a cohort: the people
//! holding a participant, tutor or lecturer role there. Participants are
//! the confirmed applicants (confirming an offer grants the role, a
//! withdrawal takes it back), so the role grants are the list; their
//! confirmed application says whether a minor's guardian consented.

use crate::domain::access::Role;
use crate::domain::application::{ApplicationStatus, OfferStatus, needs_guardian_consent};
use crate::domain::lang::{Lang, Localized};
use crate::domain::rosters::export::{Consent, RosterLine, RosterRole, csv_header, csv_record};
use crate::domain::spreadsheet::Csv;
use crate::store::catalogue::track_ctx::TrackCtx;
use crate::store::entities::{account, application, cohort, programme, role_grant, track};
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder};
use std::collections::HashMap;

/// The roster of one track as CSV in `lang`.
pub async fn track_csv(
    db: &impl ConnectionTrait,
    ctx: &TrackCtx,
    lang: Lang,
) -> Result<String, DbErr> {
    csv_of(db, std::slice::from_ref(ctx), lang).await
}

/// The rosters of every track of cohort `c` of `p`, in the tracks' order,
/// as one CSV in `lang`.
pub async fn cohort_csv(
    db: &impl ConnectionTrait,
    p: &programme::Model,
    c: &cohort::Model,
    lang: Lang,
) -> Result<String, DbErr> {
    let tracks: Vec<TrackCtx> = track::Entity::find()
        .filter(track::Column::CohortId.eq(c.id))
        .order_by_asc(track::Column::Position)
        .order_by_asc(track::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|t| TrackCtx {
            programme: p.clone(),
            cohort: c.clone(),
            track: t,
        })
        .collect();
    csv_of(db, &tracks, lang).await
}

/// The header and the people of every track of `tracks`, in that order.
async fn csv_of(
    db: &impl ConnectionTrait,
    tracks: &[TrackCtx],
    lang: Lang,
) -> Result<String, DbErr> {
    let mut w = Csv::new();
    w.row(csv_header(lang));
    for ctx in tracks {
        for line in lines(db, ctx).await? {
            w.row(csv_record(&line, lang));
        }
    }
    Ok(w.finish())
}

/// The roster's role of a grant, for the roles a roster lists.
fn roster_role(role: Role) -> Option<RosterRole> {
    match role {
        Role::Participant => Some(RosterRole::Participant),
        Role::Tutor => Some(RosterRole::Tutor),
        Role::Lecturer => Some(RosterRole::Lecturer),
        Role::Reviewer | Role::Organiser => None,
    }
}

/// The track's people: participants, then tutors, then lecturers, each
/// in the order they joined.
async fn lines(db: &impl ConnectionTrait, ctx: &TrackCtx) -> Result<Vec<RosterLine>, DbErr> {
    let mut grants: Vec<(RosterRole, role_grant::Model)> = role_grant::Entity::find()
        .filter(role_grant::Column::TrackId.eq(ctx.track.id))
        .order_by_asc(role_grant::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .filter_map(|g| roster_role(g.role).map(|r| (r, g)))
        .collect();
    grants.sort_by_key(|(role, _)| *role);
    let people: HashMap<i32, account::Model> = account::Entity::find()
        .filter(account::Column::Id.is_in(grants.iter().map(|(_, g)| g.account_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|a| (a.id, a))
        .collect();
    let confirmed: HashMap<i32, application::Model> = application::Entity::find()
        .filter(application::Column::TrackId.eq(ctx.track.id))
        .filter(application::Column::Status.eq(ApplicationStatus::Submitted))
        .filter(application::Column::OfferStatus.eq(OfferStatus::Confirmed))
        .all(db)
        .await?
        .into_iter()
        .map(|a| (a.account_id, a))
        .collect();
    let mut out = Vec::with_capacity(grants.len());
    for (role, g) in grants {
        let consent = match (role, confirmed.get(&g.account_id)) {
            (RosterRole::Participant, Some(a)) => Some(consent(db, a, ctx).await?),
            _ => None,
        };
        let person = people.get(&g.account_id);
        out.push(RosterLine {
            track_slug: ctx.track.slug.clone(),
            track_name: ctx.name(),
            role,
            name: person
                .map(|p| Localized::new(&p.name_ja, &p.name_en))
                .unwrap_or_default(),
            email: person.and_then(|p| p.email.clone()).unwrap_or_default(),
            since: g.granted_at,
            consent,
        });
    }
    Ok(out)
}

/// Whether the participant's guardian consent was needed and is given,
/// by the rule the offer's confirmation checks (age on the cohort's first
/// day; the consent of the guardian the applicant names now).
async fn consent(
    db: &impl ConnectionTrait,
    a: &application::Model,
    ctx: &TrackCtx,
) -> Result<Consent, DbErr> {
    let minor = a
        .birth_date
        .is_some_and(|b| needs_guardian_consent(b, ctx.cohort.sessions_start_at));
    if !minor {
        Ok(Consent::NotNeeded)
    } else if crate::store::application::guardian_consented(db, a.id).await? {
        Ok(Consent::Given)
    } else {
        Ok(Consent::Missing)
    }
}
