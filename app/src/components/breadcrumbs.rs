//! The trail from the home page to the current page.

use crate::i18n::{t_string, use_i18n};
use leptos::prelude::*;

/// One step of the trail: its label and, except for the current page, a link.
#[derive(Clone, Debug)]
pub struct Crumb {
    /// What the step is called.
    pub label: String,
    /// Where it leads; `None` for the current page.
    pub href: Option<String>,
}

/// A breadcrumb navigation landmark; the last crumb is the current page.
#[component]
pub fn Breadcrumbs(crumbs: Vec<Crumb>) -> impl IntoView {
    let i18n = use_i18n();
    let items = crumbs
        .into_iter()
        .map(|c| match c.href {
            Some(href) => view! { <li><a href=href>{c.label}</a></li> }.into_any(),
            None => view! { <li aria-current="page">{c.label}</li> }.into_any(),
        })
        .collect_view();
    view! {
        <nav class="breadcrumbs" aria-label=move || t_string!(i18n, common.breadcrumb)>
            <ol>{items}</ol>
        </nav>
    }
}
