//! `/manage/<programme>/<cohort>`: edit the cohort, list and add its tracks.

use super::forms::{CohortForm, TrackForm};
use crate::api::manage::get_managed_cohort;
use crate::components::breadcrumbs::{Breadcrumbs, Crumb};
use crate::components::lang::{locale_of, use_lang};
use crate::components::loaded::loaded;
use crate::components::route_params::cohort_params;
use crate::components::saved_notice::SavedNotice;
use crate::domain::catalogue::manage::ManagedCohort;
use crate::domain::lang::Lang;
use crate::i18n::td_string;
use leptos::prelude::*;
use leptos_meta::Title;

/// A cohort's management page.
#[component]
pub fn ManageCohortPage() -> impl IntoView {
    let lang = use_lang();
    let data = Resource::new(cohort_params(), |(programme, cohort)| {
        get_managed_cohort(programme, cohort)
    });
    loaded(data, move |d| cohort_view(d, lang))
}

fn cohort_view(d: ManagedCohort, lang: Lang) -> impl IntoView {
    let locale = locale_of(lang);
    let p = d.programme.slug.clone();
    let c = d.draft.slug.clone();
    let title = match lang {
        Lang::Ja => d.draft.title_ja.clone(),
        Lang::En => d.draft.title_en.clone(),
    };
    let crumbs = vec![
        Crumb {
            label: td_string!(locale, common.manage).into(),
            href: Some("/manage".into()),
        },
        Crumb {
            label: d.programme.name.get(lang).to_string(),
            href: Some(format!("/manage/{p}")),
        },
        Crumb {
            label: title.clone(),
            href: None,
        },
    ];
    let tracks = d
        .tracks
        .iter()
        .map(|t| {
            view! {
                <li><a href=format!("/manage/{p}/{c}/tracks/{}", t.slug)>{t.name.get(lang).to_string()}</a></li>
            }
        })
        .collect_view();
    view! {
        <Title text=format!("{title} – {}", td_string!(locale, common.manage))/>
        <Breadcrumbs crumbs/>
        <section class="page manage">
            <h1>{title}</h1>
            <SavedNotice/>
            <p><a href=format!("/programmes/{p}/{c}")>{td_string!(locale, manage.view_public)}</a></p>
            <p><a href=format!("/manage/{p}/{c}/dashboard")>{td_string!(locale, dashboard.open_dashboard)}</a></p>
            <CohortForm programme=p.clone() original=c.clone() draft=d.draft.clone()/>
            <h2>{td_string!(locale, common.tracks_heading)}</h2>
            <ul class="link-list">{tracks}</ul>
            <p><a href=format!("/manage/{p}/{c}/roster.csv") download="">{td_string!(locale, manage.download_cohort_roster_csv)}</a></p>
            <h2 id="new-track">{td_string!(locale, manage.new_track)}</h2>
            <TrackForm programme=p.clone() cohort=c.clone() original=String::new()
                draft=d.new_track.clone()
                fields=d.fields/>
        </section>
    }
}
