//! The organisers' CSV of a track: one row per submitted application with
//! its rank, per-criterion means, total, spread, decision and offer.

use super::{ranking, settings};
use crate::domain::application::{Decision, OfferStatus};
use crate::domain::lang::Lang;
use crate::domain::spreadsheet::Csv;
use crate::domain::text::labels;
use crate::store::catalogue::track_ctx::TrackCtx;
use crate::store::entities::account;
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter};
use std::collections::HashMap;

fn mean(xs: &[i32]) -> String {
    if xs.is_empty() {
        return String::new();
    }
    format!(
        "{:.2}",
        xs.iter().map(|x| f64::from(*x)).sum::<f64>() / xs.len() as f64
    )
}

fn opt(x: Option<f64>) -> String {
    x.map(|v| format!("{v:.2}")).unwrap_or_default()
}

fn decision_text(d: Decision, lang: Lang) -> &'static str {
    use labels::ranking_csv::decision_value as v;
    match d {
        Decision::Accepted => v::accepted(lang),
        Decision::Waitlisted => v::waitlisted(lang),
        Decision::Rejected => v::rejected(lang),
    }
}

fn offer_text(o: OfferStatus, lang: Lang) -> &'static str {
    use labels::ranking_csv::offer_value as v;
    match o {
        OfferStatus::Offered => v::offered(lang),
        OfferStatus::Confirmed => v::confirmed(lang),
        OfferStatus::Declined => v::declined(lang),
        OfferStatus::Expired => v::expired(lang),
    }
}

/// The CSV text in `lang` (the shared writer's: a byte order mark, header
/// row first, every cell defused). Names and emails are included: only
/// organisers may export; reviewers get no export.
pub async fn track_csv(
    db: &impl ConnectionTrait,
    ctx: &TrackCtx,
    lang: Lang,
) -> Result<String, DbErr> {
    use labels::ranking_csv as h;
    let s = settings(db, ctx.track.id).await?;
    let r = ranking(db, ctx.track.id, s.normalise).await?;
    let people: HashMap<i32, account::Model> = account::Entity::find()
        .filter(account::Column::Id.is_in(r.applications.values().map(|a| a.account_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|a| (a.id, a))
        .collect();
    let mut w = Csv::new();
    let mut header: Vec<String> = [h::rank, h::application, h::name_ja, h::name_en, h::email]
        .map(|label| label(lang).to_string())
        .into();
    header.extend(r.criteria.iter().map(|c| h::mean(lang, c.name.get(lang))));
    header.extend(
        [
            h::total,
            h::spread,
            h::reviews,
            h::decision,
            h::waitlist_position,
            h::released,
            h::offer,
        ]
        .map(|label| label(lang).to_string()),
    );
    w.row(&header);
    for x in &r.ranked {
        let Some(a) = r.applications.get(&x.application_id) else {
            continue;
        };
        let person = people.get(&a.account_id);
        let mine = r.assignments.get(&a.id).map(Vec::as_slice).unwrap_or(&[]);
        let mut row = vec![
            x.rank.map(|n| n.to_string()).unwrap_or_default(),
            a.id.to_string(),
            person.map(|p| p.name_ja.clone()).unwrap_or_default(),
            person.map(|p| p.name_en.clone()).unwrap_or_default(),
            person.and_then(|p| p.email.clone()).unwrap_or_default(),
        ];
        for c in &r.criteria {
            let given: Vec<i32> = mine
                .iter()
                .filter_map(|asg| r.scores.get(&asg.id).and_then(|s| s.get(&c.id)).copied())
                .collect();
            row.push(mean(&given));
        }
        row.extend([
            opt(x.score),
            opt(x.spread),
            x.done.to_string(),
            a.decision
                .map(|d| decision_text(d, lang))
                .unwrap_or_default()
                .to_string(),
            a.waitlist_position
                .map(|n| n.to_string())
                .unwrap_or_default(),
            if a.released_at.is_some() {
                h::yes(lang)
            } else {
                h::no(lang)
            }
            .to_string(),
            a.offer_status
                .map(|o| offer_text(o, lang))
                .unwrap_or_default()
                .to_string(),
        ]);
        w.row(&row);
    }
    Ok(w.finish())
}
