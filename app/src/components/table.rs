//! A data table with its column headings.

use leptos::prelude::*;

/// A table in its scrolling wrapper, with one column heading per entry of
/// `heads`.
pub fn table<R: IntoView + 'static>(
    id: &'static str,
    heads: Vec<&'static str>,
    rows: R,
) -> impl IntoView + use<R> {
    let heads = heads
        .into_iter()
        .map(|h| view! { <th scope="col">{h}</th> })
        .collect_view();
    view! {
        <div class="table-wrap" tabindex="0">
            <table id=(!id.is_empty()).then_some(id)>
                <thead><tr>{heads}</tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}
