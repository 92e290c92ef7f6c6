//! The funnel's bar chart as SVG, drawn from the domain's geometry
//! ([`chart`]): Leptos writes and escapes every text.

use crate::domain::lang::Lang;
use crate::domain::pipeline::funnel::{BAR_HEIGHT, BAR_X, Funnel, chart};
use leptos::prelude::*;

/// The chart of `funnel`: per stage, its label, a bar as long as the
/// number who reached it, and the numbers.
#[component]
pub fn FunnelChart(funnel: Funnel, lang: Lang) -> impl IntoView {
    let c = chart(&funnel, lang);
    let bars = c
        .bars
        .into_iter()
        .map(|b| {
            view! {
                <text x="0" y=b.text_y font-size="14">{b.label}</text>
                <rect x=BAR_X y=b.y width=b.width height=BAR_HEIGHT fill="#2f6f9f"/>
                <text x=b.numbers_x y=b.text_y font-size="14">{b.numbers}</text>
            }
        })
        .collect_view();
    view! {
        <svg xmlns="http://www.w3.org/2000/svg" viewBox=format!("0 0 {} {}", c.width, c.height)
            width=c.width height=c.height role="img" aria-labelledby="funnel-title">
            <title id="funnel-title">{c.title}</title>
            {bars}
        </svg>
    }
}
