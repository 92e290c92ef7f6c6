//! `/`: every programme with its cohorts.

use super::labels::{cohort_href, kind_label, programme_href};
use crate::api::catalogue::list_programmes;
use crate::components::lang::{locale_of, use_lang};
use crate::components::loaded::loaded;
use crate::components::status::StatusBadge;
use crate::domain::catalogue::{CohortSummary, Programme};
use crate::domain::lang::Lang;
use crate::domain::time::format_date_range;
use crate::i18n::{t, td_string, use_i18n};
use leptos::prelude::*;
use leptos_meta::Title;

/// The home page: what the site is and the list of programmes.
#[component]
pub fn HomePage() -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let programmes = Resource::new(|| (), |_| list_programmes());
    view! {
        <Title text=""/>
        <section class="page home">
            <div class="hero">
                <h1>{t!(i18n, catalogue.home_title)}</h1>
                <p class="lead">{t!(i18n, catalogue.home_lead)}</p>
            </div>
            <h2 class="visually-hidden">{t!(i18n, catalogue.programmes_heading)}</h2>
            {loaded(programmes, move |list| programme_list(list, lang))}
        </section>
    }
}

fn programme_list(list: Vec<Programme>, lang: Lang) -> impl IntoView {
    if list.is_empty() {
        return view! { <p>{td_string!(locale_of(lang), catalogue.no_programmes)}</p> }.into_any();
    }
    view! {
        <ul class="cards programmes">
            {list.into_iter().map(|p| programme_card(p, lang)).collect_view()}
        </ul>
    }
    .into_any()
}

fn programme_card(p: Programme, lang: Lang) -> impl IntoView {
    let locale = locale_of(lang);
    let href = programme_href(&p.slug);
    let cohorts = p
        .cohorts
        .iter()
        .map(|c| cohort_item(&p.slug, c, lang))
        .collect_view();
    let empty = p
        .cohorts
        .is_empty()
        .then(|| view! { <p>{td_string!(locale, catalogue.no_cohorts)}</p> });
    view! {
        <li class="card programme-card">
            <p class="eyebrow">{kind_label(p.kind, locale)}</p>
            <h3><a href=href>{p.name.get(lang).to_string()}</a></h3>
            <p>{p.description.get(lang).to_string()}</p>
            {empty}
            <ul class="cohort-list">{cohorts}</ul>
        </li>
    }
}

/// A cohort as a line: title link, status and application window.
pub(super) fn cohort_item(programme: &str, c: &CohortSummary, lang: Lang) -> impl IntoView + use<> {
    let locale = locale_of(lang);
    let window = format_date_range(
        c.schedule.applications_open_at,
        c.schedule.applications_close_at,
        lang,
    );
    view! {
        <li class="cohort-item">
            <a href=cohort_href(programme, &c.slug)>{c.title.get(lang).to_string()}</a>
            " "
            <StatusBadge status=c.status/>
            <span class="muted">{td_string!(locale, catalogue.applications_window)} ": " {window}</span>
        </li>
    }
}
