//! The dashboard's applications-per-day chart: SVG drawn on the server
//! from the domain's geometry (`crate::domain::dashboard::chart`), with a
//! title and a description for screen readers, a legend, and the same
//! numbers as a table that works without JavaScript.

use crate::components::lang::locale_of;
use crate::domain::dashboard::chart::{BASELINE, HEIGHT, WIDTH, colour, day_chart};
use crate::domain::dashboard::{CohortDashboard, DayCounts};
use crate::domain::lang::Lang;
use crate::i18n::td_string;
use chrono::NaiveDate;
use leptos::prelude::*;

/// A day as written under the bars (month/day).
fn short(day: NaiveDate) -> String {
    day.format("%-m/%-d").to_string()
}

/// The description: the total, the span and the busiest day.
fn description(days: &[DayCounts], lang: Lang) -> String {
    let total: u64 = days.iter().map(DayCounts::total).sum();
    // The first of the busiest days.
    let peak = days
        .iter()
        .rev()
        .max_by_key(|d| d.total())
        .map(|d| (d.day.format("%Y-%m-%d").to_string(), d.total()))
        .unwrap_or_default();
    td_string!(
        locale_of(lang),
        dashboard.per_day_desc,
        days = days.len(),
        total = total,
        peak_day = peak.0,
        peak = peak.1
    )
    .to_string()
}

/// The chart with its legend.
fn chart(d: &CohortDashboard, lang: Lang) -> impl IntoView + use<> {
    let c = day_chart(&d.days);
    let grid = c
        .ticks
        .iter()
        .map(|t| {
            view! {
                <line x1=c.left y1=t.y x2=c.right y2=t.y stroke="#c8ccd0" stroke-width="1"/>
                <text x=c.left - 4.0 y=t.y + 4.0 text-anchor="end" font-size="11" fill="#333">{t.value}</text>
            }
        })
        .collect_view();
    let bars = c
        .segments
        .iter()
        .map(|s| view! { <rect x=s.x y=s.y width=s.width height=s.height fill=colour(s.series)/> })
        .collect_view();
    let dates = c
        .dates
        .iter()
        .map(|l| view! { <text x=l.x y=BASELINE + 16.0 text-anchor="middle" font-size="11" fill="#333">{short(l.day)}</text> })
        .collect_view();
    let legend = d
        .tracks
        .iter()
        .enumerate()
        .map(|(i, t)| {
            view! {
                <li>
                    <svg width="12" height="12" viewBox="0 0 12 12" aria-hidden="true"><rect width="12" height="12" fill=colour(i)/></svg>
                    " " {t.name.get(lang).to_string()}
                </li>
            }
        })
        .collect_view();
    let locale = locale_of(lang);
    view! {
        <figure class="dashboard-chart">
            <svg xmlns="http://www.w3.org/2000/svg" viewBox=format!("0 0 {WIDTH} {HEIGHT}")
                role="img" aria-labelledby="per-day-title per-day-desc">
                <title id="per-day-title">{td_string!(locale, dashboard.per_day_title)}</title>
                <desc id="per-day-desc">{description(&d.days, lang)}</desc>
                {grid}
                {bars}
                {dates}
            </svg>
            <figcaption>
                <ul class="chart-legend" aria-label=td_string!(locale, dashboard.legend)>{legend}</ul>
            </figcaption>
        </figure>
    }
}

/// The chart's numbers: a row per day, a column per track and the total.
fn numbers(d: &CohortDashboard, lang: Lang) -> impl IntoView + use<> {
    let locale = locale_of(lang);
    let heads = d
        .tracks
        .iter()
        .map(|t| view! { <th scope="col">{t.name.get(lang).to_string()}</th> })
        .collect_view();
    let rows = d
        .days
        .iter()
        .map(|day| {
            let cells = day
                .per_track
                .iter()
                .map(|n| view! { <td>{*n}</td> })
                .collect_view();
            view! {
                <tr>
                    <th scope="row">{day.day.format("%Y-%m-%d").to_string()}</th>
                    {cells}
                    <td>{day.total()}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <details class="chart-numbers">
            <summary>{td_string!(locale, dashboard.per_day_table)}</summary>
            <div class="table-wrap" tabindex="0">
                <table id="per-day-table">
                    <thead><tr>
                        <th scope="col">{td_string!(locale, dashboard.day)}</th>
                        {heads}
                        <th scope="col">{td_string!(locale, dashboard.total)}</th>
                    </tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        </details>
    }
}

/// The section: heading, chart and table, or a line saying there is
/// nothing to draw yet.
pub fn per_day_section(d: &CohortDashboard, lang: Lang) -> impl IntoView + use<> {
    let locale = locale_of(lang);
    let body = if d.days.is_empty() {
        view! { <p>{td_string!(locale, dashboard.per_day_none)}</p> }.into_any()
    } else {
        view! {
            {chart(d, lang)}
            <p class="muted">{td_string!(locale, dashboard.per_day_note)}</p>
            {numbers(d, lang)}
        }
        .into_any()
    };
    view! {
        <section aria-labelledby="per-day">
            <h2 id="per-day">{td_string!(locale, dashboard.per_day)}</h2>
            {body}
        </section>
    }
}
