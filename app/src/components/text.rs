//! Long text written by organisers.

use leptos::prelude::*;

/// Shows `text` as paragraphs, one per blank-line-separated block. The text
/// is escaped like any other: organisers write plain text, not HTML.
#[component]
pub fn Paragraphs(text: String) -> impl IntoView {
    text.split("\n\n")
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(|p| view! { <p>{p.to_string()}</p> })
        .collect_view()
}
