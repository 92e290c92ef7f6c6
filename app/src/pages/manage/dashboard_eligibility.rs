//! The dashboard's eligibility sections: submissions the rules refused, as
//! recorded at submission (people by reason and track), and the drafts the
//! rules would refuse now (to remind people before the deadline).

use crate::components::lang::locale_of;
use crate::components::table::table;
use crate::domain::application::refusal::RefusalReason;
use crate::domain::dashboard::CohortDashboard;
use crate::domain::lang::Lang;
use crate::i18n::td_string;
use leptos::prelude::*;

fn reason_label(r: RefusalReason, lang: Lang) -> &'static str {
    let l = locale_of(lang);
    match r {
        RefusalReason::NoBirthDate => td_string!(l, dashboard.problem_no_birth_date),
        RefusalReason::TooYoung => td_string!(l, dashboard.problem_too_young),
        RefusalReason::TooOld => td_string!(l, dashboard.problem_too_old),
        RefusalReason::AlreadyCompleted => td_string!(l, dashboard.reason_already_completed),
        RefusalReason::TooManyApplications => td_string!(l, dashboard.reason_too_many),
        RefusalReason::NoExpertise => td_string!(l, dashboard.problem_no_expertise),
        RefusalReason::DeclarationsNotTicked => td_string!(l, dashboard.problem_declarations),
    }
}

/// One row: its heading, a cell per track, then the tracks' sum.
fn per_track_row(head: &'static str, cells: Vec<u64>, class: &'static str) -> AnyView {
    let total: u64 = cells.iter().sum();
    let cells = cells
        .into_iter()
        .map(|n| view! { <td>{n}</td> })
        .collect_view();
    view! { <tr class=class><th scope="row">{head}</th>{cells}<td>{total}</td></tr> }.into_any()
}

/// Submissions refused by the eligibility rules: people per reason and
/// track, then the people refused at all and those who got in since.
pub fn refusals_section(d: &CohortDashboard, lang: Lang) -> impl IntoView + use<> {
    let l = locale_of(lang);
    let body = if d.refused.iter().all(|r| r.refused == 0) {
        view! { <p>{td_string!(l, dashboard.no_refusals)}</p> }.into_any()
    } else {
        let heads = d
            .tracks
            .iter()
            .map(|t| view! { <th scope="col">{t.name.get(lang).to_string()}</th> })
            .collect_view();
        let mut rows: Vec<AnyView> = d
            .refusals
            .iter()
            .map(|c| per_track_row(reason_label(c.reason, lang), c.per_track.clone(), ""))
            .collect();
        rows.push(per_track_row(
            td_string!(l, dashboard.refused_people),
            d.refused.iter().map(|r| r.refused).collect(),
            "total",
        ));
        rows.push(per_track_row(
            td_string!(l, dashboard.submitted_since),
            d.refused.iter().map(|r| r.submitted_since).collect(),
            "",
        ));
        view! {
            <div class="table-wrap" tabindex="0">
                <table id="refusals-table">
                    <thead><tr>
                        <th scope="col">{td_string!(l, dashboard.reason)}</th>
                        {heads}
                        <th scope="col">{td_string!(l, dashboard.all_tracks)}</th>
                    </tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        }
        .into_any()
    };
    view! {
        <section aria-labelledby="dash-eligibility">
            <h2 id="dash-eligibility">{td_string!(l, dashboard.eligibility)}</h2>
            <p class="muted">{td_string!(l, dashboard.eligibility_note)}</p>
            {body}
        </section>
    }
}

/// Drafts the eligibility rules would refuse if submitted now, by reason.
pub fn refusable_drafts_section(d: &CohortDashboard, lang: Lang) -> impl IntoView + use<> {
    let l = locale_of(lang);
    let mut rows: Vec<AnyView> = d
        .draft_problems
        .iter()
        .map(|c| view! { <tr><th scope="row">{reason_label(c.problem, lang)}</th><td>{c.drafts}</td></tr> }.into_any())
        .collect();
    rows.push(
        view! { <tr class="total"><th scope="row">{td_string!(l, dashboard.refusable_drafts)}</th><td>{d.refusable_drafts}</td></tr> }
            .into_any(),
    );
    let heads = vec![
        td_string!(l, dashboard.reason),
        td_string!(l, dashboard.drafts),
    ];
    view! {
        <section aria-labelledby="dash-refusable-drafts">
            <h2 id="dash-refusable-drafts">{td_string!(l, dashboard.drafts_refusable)}</h2>
            <p class="muted">{td_string!(l, dashboard.drafts_refusable_note)}</p>
            {table("eligibility-table", heads, rows)}
        </section>
    }
}
