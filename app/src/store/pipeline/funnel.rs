//! The funnel of a programme, or of one of its cohorts or tracks: built
//! from the recorded changes of stage; and its CSV export.

use crate::domain::lang::{Lang, Localized};
use crate::domain::pipeline::funnel::{Change, Funnel, csv_header, csv_record, funnel};
use crate::domain::pipeline::view::{FunnelPage, FunnelScope};
use crate::domain::spreadsheet::Csv;
use crate::store::catalogue::rows::programme_ref;
use crate::store::entities::{cohort, programme, role_grant, stage_change, track};
use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder};

/// The cohorts and tracks of `p`, as scopes of the funnel.
async fn scopes(
    db: &impl ConnectionTrait,
    p: &programme::Model,
) -> Result<Vec<FunnelScope>, DbErr> {
    let cohorts = cohort::Entity::find()
        .filter(cohort::Column::ProgrammeId.eq(p.id))
        .order_by_desc(cohort::Column::SessionsStartAt)
        .all(db)
        .await?;
    let mut out = Vec::new();
    for c in cohorts {
        let tracks = track::Entity::find()
            .filter(track::Column::CohortId.eq(c.id))
            .order_by_asc(track::Column::Position)
            .all(db)
            .await?;
        out.push(FunnelScope {
            cohort: c.slug.clone(),
            track: None,
            label: Localized::new(&c.title_ja, &c.title_en),
        });
        for t in tracks {
            out.push(FunnelScope {
                cohort: c.slug.clone(),
                track: Some(t.slug),
                label: Localized::new(
                    format!("{} / {}", c.title_ja, t.name_ja),
                    format!("{} / {}", c.title_en, t.name_en),
                ),
            });
        }
    }
    Ok(out)
}

/// The people of a cohort (or of one of its tracks): those who held a
/// role there or had a change of stage recorded there.
async fn people_in(
    db: &impl ConnectionTrait,
    cohort_id: i32,
    track_id: Option<i32>,
) -> Result<Vec<i32>, DbErr> {
    let mut grants = role_grant::Entity::find().filter(role_grant::Column::CohortId.eq(cohort_id));
    let mut changes =
        stage_change::Entity::find().filter(stage_change::Column::CohortId.eq(cohort_id));
    if let Some(t) = track_id {
        grants = grants.filter(role_grant::Column::TrackId.eq(t));
        changes = changes.filter(stage_change::Column::TrackId.eq(t));
    }
    let mut ids: Vec<i32> = grants
        .all(db)
        .await?
        .into_iter()
        .map(|g| g.account_id)
        .collect();
    ids.extend(changes.all(db).await?.into_iter().map(|c| c.account_id));
    ids.sort_unstable();
    ids.dedup();
    Ok(ids)
}

/// The funnel of `p`, narrowed to the cohort and track with these slugs
/// when given; `None` when they name no cohort or track of `p`.
pub async fn funnel_page(
    db: &impl ConnectionTrait,
    p: &programme::Model,
    cohort_slug: Option<&str>,
    track_slug: Option<&str>,
    now: DateTime<Utc>,
) -> Result<Option<FunnelPage>, DbErr> {
    let mut find = stage_change::Entity::find().filter(stage_change::Column::ProgrammeId.eq(p.id));
    if let Some(cs) = cohort_slug {
        let Some(c) = crate::store::catalogue::rows::cohort_row(db, p.id, cs).await? else {
            return Ok(None);
        };
        let track_id = match track_slug {
            Some(ts) => match crate::store::catalogue::rows::track_row(db, c.id, ts).await? {
                Some(t) => Some(t.id),
                None => return Ok(None),
            },
            None => None,
        };
        find = find
            .filter(stage_change::Column::AccountId.is_in(people_in(db, c.id, track_id).await?));
    }
    let changes: Vec<Change> = find
        .all(db)
        .await?
        .into_iter()
        .map(|c| Change {
            person: c.account_id,
            to: c.to_stage,
            at: c.at,
        })
        .collect();
    Ok(Some(FunnelPage {
        programme: programme_ref(p),
        scopes: scopes(db, p).await?,
        cohort: cohort_slug.map(str::to_string),
        track: track_slug
            .filter(|_| cohort_slug.is_some())
            .map(str::to_string),
        funnel: funnel(&changes, now),
    }))
}

/// The funnel as CSV in `lang` (header record first, one record per
/// stage), written by the shared writer like every export; the domain says
/// what the records hold.
pub fn funnel_csv(f: &Funnel, lang: Lang) -> String {
    let mut w = Csv::new();
    w.row(csv_header(lang));
    for l in &f.lines {
        w.row(csv_record(l, lang));
    }
    w.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::pipeline::Stage;
    use crate::domain::pipeline::funnel::StageLine;

    #[test]
    fn the_csv_is_a_header_and_plain_lines() {
        let line = |stage, now, reached, conversion, mean_days| StageLine {
            stage,
            now,
            reached,
            conversion,
            mean_days,
        };
        let f = Funnel {
            lines: vec![
                line(Stage::Participant, 1, 3, Some(200.0 / 3.0), Some(14.0)),
                line(Stage::TutorCandidate, 0, 1, Some(100.0), None),
            ],
        };
        assert_eq!(
            funnel_csv(&f, Lang::En),
            "\u{FEFF}stage,now,reached,conversion_to_next_percent,mean_days\r\n\
             participant,1,3,66.7,14.0\r\n\
             tutor_candidate,0,1,100.0,\r\n"
        );
        assert_eq!(
            funnel_csv(&f, Lang::Ja),
            "\u{FEFF}段階,現在の人数,到達者数,次の段階への移行率（%）,平均日数\r\n\
             受講生,1,3,66.7,14.0\r\n\
             チューター候補,0,1,100.0,\r\n"
        );
    }
}
