//! The dashboard's tables: drafts and submissions, decisions against
//! seats, offers, review progress, and ages and regions with small groups
//! hidden. Each has its heading; every wide table scrolls in its own box
//! on a phone. The eligibility tables are in `dashboard_eligibility`.

use crate::components::lang::locale_of;
use crate::components::table::table;
use crate::domain::dashboard::ages::AgeBand;
use crate::domain::dashboard::regions::Region;
use crate::domain::dashboard::suppress::Shown;
use crate::domain::dashboard::{CohortDashboard, TrackFigures};
use crate::domain::lang::Lang;
use crate::i18n::td_string;
use leptos::prelude::*;

/// A section with heading `title` (its id `id`) around `body`.
fn section(id: &'static str, title: &'static str, body: impl IntoView) -> impl IntoView {
    view! {
        <section aria-labelledby=id>
            <h2 id=id>{title}</h2>
            {body}
        </section>
    }
}

/// One row per track then the totals, each with the cells `cells` makes.
fn per_track<V: IntoView + 'static>(
    d: &CohortDashboard,
    lang: Lang,
    cells: impl Fn(&TrackFigures) -> V,
) -> Vec<AnyView> {
    let totals = d.totals();
    let mut rows: Vec<AnyView> = d
        .tracks
        .iter()
        .map(|t| {
            view! { <tr><th scope="row">{t.name.get(lang).to_string()}</th>{cells(t)}</tr> }
                .into_any()
        })
        .collect();
    rows.push(
        view! { <tr class="total"><th scope="row">{td_string!(locale_of(lang), dashboard.all_tracks)}</th>{cells(&totals)}</tr> }
            .into_any(),
    );
    rows
}

/// Drafts, submitted and withdrawn applications per track.
pub fn status_section(d: &CohortDashboard, lang: Lang) -> impl IntoView + use<> {
    let l = locale_of(lang);
    let rows = per_track(d, lang, |t| {
        view! { <td>{t.drafts}</td><td>{t.submitted}</td><td>{t.withdrawn}</td> }
    });
    let heads = vec![
        td_string!(l, dashboard.track),
        td_string!(l, dashboard.drafts),
        td_string!(l, dashboard.submitted),
        td_string!(l, dashboard.withdrawn),
    ];
    section(
        "dash-status",
        td_string!(l, dashboard.status),
        table("status-table", heads, rows),
    )
}

/// Decisions against seats, then the offers' answers, per track.
pub fn decisions_section(d: &CohortDashboard, lang: Lang) -> impl IntoView + use<> {
    let l = locale_of(lang);
    let decided = per_track(d, lang, |t| {
        view! {
            <td>{t.capacity}</td><td>{t.accepted}</td><td>{t.waitlisted}</td>
            <td>{t.rejected}</td><td>{t.undecided}</td>
        }
    });
    let decided_heads = vec![
        td_string!(l, dashboard.track),
        td_string!(l, dashboard.seats),
        td_string!(l, dashboard.accepted),
        td_string!(l, dashboard.waitlisted),
        td_string!(l, dashboard.rejected),
        td_string!(l, dashboard.undecided),
    ];
    let offers = per_track(d, lang, |t| {
        let o = t.offers;
        view! { <td>{o.accepted}</td><td>{o.declined}</td><td>{o.pending}</td><td>{o.lapsed}</td> }
    });
    let offer_heads = vec![
        td_string!(l, dashboard.track),
        td_string!(l, dashboard.offer_accepted),
        td_string!(l, dashboard.offer_declined),
        td_string!(l, dashboard.offer_pending),
        td_string!(l, dashboard.offer_lapsed),
    ];
    view! {
        {section(
            "dash-decisions",
            td_string!(l, dashboard.decisions),
            view! {
                {table("decisions-table", decided_heads, decided)}
                <p class="muted">{td_string!(l, dashboard.decisions_note)}</p>
            },
        )}
        {section("dash-offers", td_string!(l, dashboard.offers), table("offers-table", offer_heads, offers))}
    }
}

/// Review assignments done of made, per track and per reviewer.
pub fn review_section(d: &CohortDashboard, lang: Lang) -> impl IntoView + use<> {
    let l = locale_of(lang);
    if d.reviewers.is_empty() {
        return section(
            "dash-review",
            td_string!(l, dashboard.review),
            view! { <p>{td_string!(l, dashboard.no_reviews)}</p> }.into_any(),
        )
        .into_any();
    }
    let mut rows: Vec<AnyView> = Vec::new();
    for (i, (t, (assigned, done))) in d.tracks.iter().zip(d.review_totals()).enumerate() {
        if assigned == 0 {
            continue;
        }
        rows.push(
            view! {
                <tr class="total">
                    <th scope="row">{t.name.get(lang).to_string()}</th>
                    <td>{td_string!(l, dashboard.all_tracks)}</td>
                    <td>{done}</td><td>{assigned}</td>
                </tr>
            }
            .into_any(),
        );
        for r in d.reviewers.iter().filter(|r| r.track == i) {
            rows.push(
                view! {
                    <tr>
                        <th scope="row">{t.name.get(lang).to_string()}</th>
                        <td>{r.reviewer.get(lang).to_string()}</td>
                        <td>{r.done}</td><td>{r.assigned}</td>
                    </tr>
                }
                .into_any(),
            );
        }
    }
    let heads = vec![
        td_string!(l, dashboard.track),
        td_string!(l, dashboard.reviewer),
        td_string!(l, dashboard.done),
        td_string!(l, dashboard.assigned),
    ];
    section(
        "dash-review",
        td_string!(l, dashboard.review),
        table("review-table", heads, rows).into_any(),
    )
    .into_any()
}

fn band_label(b: AgeBand, lang: Lang) -> &'static str {
    let l = locale_of(lang);
    match b {
        AgeBand::Under16 => td_string!(l, dashboard.band_under16),
        AgeBand::From16To17 => td_string!(l, dashboard.band_16_17),
        AgeBand::From18To19 => td_string!(l, dashboard.band_18_19),
        AgeBand::From20To22 => td_string!(l, dashboard.band_20_22),
        AgeBand::From23To29 => td_string!(l, dashboard.band_23_29),
        AgeBand::From30 => td_string!(l, dashboard.band_30),
        AgeBand::NotGiven => td_string!(l, dashboard.band_not_given),
    }
}

/// A published count: the number, or "fewer than 5" when hidden.
fn shown_text(shown: Shown, lang: Lang) -> String {
    match shown {
        Shown::Count(n) => n.to_string(),
        Shown::Hidden => td_string!(locale_of(lang), dashboard.fewer_than_5).to_string(),
    }
}

/// Submitted applications per age band on the first day, small groups
/// hidden.
pub fn ages_section(d: &CohortDashboard, lang: Lang) -> impl IntoView + use<> {
    let l = locale_of(lang);
    let rows = d
        .ages
        .iter()
        .map(|a| {
            view! { <tr><th scope="row">{band_label(a.band, lang)}</th><td>{shown_text(a.shown, lang)}</td></tr> }
        })
        .collect_view();
    let heads = vec![
        td_string!(l, dashboard.age),
        td_string!(l, dashboard.applications),
    ];
    let lead = td_string!(
        l,
        dashboard.ages_lead,
        date = d.starts_on.format("%Y-%m-%d").to_string()
    )
    .to_string();
    let hidden = d.ages.iter().any(|a| a.shown == Shown::Hidden);
    section(
        "dash-ages",
        td_string!(l, dashboard.ages),
        view! {
            <p class="muted">{lead}</p>
            {table("ages-table", heads, rows)}
            {hidden.then(|| view! { <p class="muted">{td_string!(l, dashboard.suppression_note)}</p> })}
        },
    )
}

fn region_label(r: Region, lang: Lang) -> &'static str {
    let l = locale_of(lang);
    match r {
        Region::Hokkaido => td_string!(l, dashboard.region_hokkaido),
        Region::Tohoku => td_string!(l, dashboard.region_tohoku),
        Region::Kanto => td_string!(l, dashboard.region_kanto),
        Region::Chubu => td_string!(l, dashboard.region_chubu),
        Region::Kinki => td_string!(l, dashboard.region_kinki),
        Region::Chugoku => td_string!(l, dashboard.region_chugoku),
        Region::Shikoku => td_string!(l, dashboard.region_shikoku),
        Region::KyushuOkinawa => td_string!(l, dashboard.region_kyushu_okinawa),
        Region::Abroad => td_string!(l, dashboard.region_abroad),
        Region::NotGiven => td_string!(l, dashboard.region_not_given),
    }
}

/// Submitted applications per region of residence, small groups hidden
/// as the age bands' are.
pub fn regions_section(d: &CohortDashboard, lang: Lang) -> impl IntoView + use<> {
    let l = locale_of(lang);
    let rows = d
        .regions
        .iter()
        .map(|r| {
            view! { <tr><th scope="row">{region_label(r.region, lang)}</th><td>{shown_text(r.shown, lang)}</td></tr> }
        })
        .collect_view();
    let heads = vec![
        td_string!(l, dashboard.region),
        td_string!(l, dashboard.applications),
    ];
    let hidden = d.regions.iter().any(|r| r.shown == Shown::Hidden);
    section(
        "dash-regions",
        td_string!(l, dashboard.regions),
        view! {
            <p class="muted">{td_string!(l, dashboard.regions_lead)}</p>
            {table("regions-table", heads, rows)}
            {hidden.then(|| view! { <p class="muted">{td_string!(l, dashboard.suppression_note)}</p> })}
        },
    )
}
