//! A cohort's status as a labelled badge.

use crate::components::lang::{locale_of, use_lang};
use crate::domain::catalogue::CohortStatus;
use crate::i18n::{Locale, td_string};
use leptos::prelude::*;

/// The label of a status in the page's language.
pub fn status_label(status: CohortStatus, locale: Locale) -> &'static str {
    match status {
        CohortStatus::Planned => td_string!(locale, common.status_planned),
        CohortStatus::Open => td_string!(locale, common.status_open),
        CohortStatus::Reviewing => td_string!(locale, common.status_reviewing),
        CohortStatus::Running => td_string!(locale, common.status_running),
        CohortStatus::Finished => td_string!(locale, common.status_finished),
    }
}

/// A coloured badge; the colour only repeats what the text says.
#[component]
pub fn StatusBadge(status: CohortStatus) -> impl IntoView {
    let class = match status {
        CohortStatus::Planned => "badge badge-planned",
        CohortStatus::Open => "badge badge-open",
        CohortStatus::Reviewing => "badge badge-reviewing",
        CohortStatus::Running => "badge badge-running",
        CohortStatus::Finished => "badge badge-finished",
    };
    view! { <span class=class>{status_label(status, locale_of(use_lang()))}</span> }
}
