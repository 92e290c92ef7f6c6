//! `/manage/<programme>/<cohort>/dashboard`: where a cohort's
//! applications and selection stand, for its programme's organisers.
//! Everything is drawn on the server (the chart is inline SVG), so the
//! page reads the same without JavaScript.

use super::dashboard_chart::per_day_section;
use super::dashboard_eligibility::{refusable_drafts_section, refusals_section};
use super::dashboard_tables::{
    ages_section, decisions_section, regions_section, review_section, status_section,
};
use crate::api::dashboard::get_cohort_dashboard;
use crate::components::breadcrumbs::{Breadcrumbs, Crumb};
use crate::components::lang::{locale_of, use_lang};
use crate::components::loaded::loaded;
use crate::components::route_params::cohort_params;
use crate::domain::dashboard::CohortDashboard;
use crate::domain::lang::Lang;
use crate::i18n::td_string;
use leptos::prelude::*;
use leptos_meta::Title;

/// A cohort's dashboard page.
#[component]
pub fn CohortDashboardPage() -> impl IntoView {
    let lang = use_lang();
    let data = Resource::new(cohort_params(), |(programme, cohort)| {
        get_cohort_dashboard(programme, cohort)
    });
    loaded(data, move |d| page(d, lang))
}

fn page(d: CohortDashboard, lang: Lang) -> impl IntoView {
    let l = locale_of(lang);
    let p = d.programme.slug.clone();
    let cohort = d.cohort_title.get(lang).to_string();
    let here = td_string!(l, dashboard.dashboard);
    let crumbs = vec![
        Crumb {
            label: td_string!(l, common.manage).into(),
            href: Some("/manage".into()),
        },
        Crumb {
            label: d.programme.name.get(lang).to_string(),
            href: Some(format!("/manage/{p}")),
        },
        Crumb {
            label: cohort.clone(),
            href: Some(format!("/manage/{p}/{}", d.cohort_slug)),
        },
        Crumb {
            label: here.into(),
            href: None,
        },
    ];
    let title = format!("{here} – {cohort}");
    view! {
        <Title text=title.clone()/>
        <Breadcrumbs crumbs/>
        <section class="page manage dashboard">
            <h1>{title}</h1>
            <p class="lead">{td_string!(l, dashboard.lead)}</p>
            {per_day_section(&d, lang)}
            {status_section(&d, lang)}
            {decisions_section(&d, lang)}
            {review_section(&d, lang)}
            {refusals_section(&d, lang)}
            {refusable_drafts_section(&d, lang)}
            {ages_section(&d, lang)}
            {regions_section(&d, lang)}
        </section>
    }
}
