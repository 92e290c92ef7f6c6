//! `/programmes/<programme>/<cohort>/tracks/<track>`: one track.

use super::cohort::cohort_facts;
use super::labels::{cohort_href, programme_href};
use crate::api::catalogue::get_track;
use crate::components::breadcrumbs::{Breadcrumbs, Crumb};
use crate::components::lang::{locale_of, use_lang};
use crate::components::loaded::loaded;
use crate::components::route_params::track_params;
use crate::components::text::Paragraphs;
use crate::components::track_vector::vector_label;
use crate::domain::catalogue::{CohortStatus, TrackDetail};
use crate::domain::lang::Lang;
use crate::i18n::td_string;
use leptos::prelude::*;
use leptos_meta::Title;

/// A track's page.
#[component]
pub fn TrackPage() -> impl IntoView {
    let lang = use_lang();
    let detail = Resource::new(track_params(), |(programme, cohort, track)| {
        get_track(programme, cohort, track)
    });
    loaded(detail, move |d| track_view(d, lang))
}

fn track_view(d: TrackDetail, lang: Lang) -> impl IntoView {
    let locale = locale_of(lang);
    let name = d.track.name.get(lang).to_string();
    let cohort_title = d.cohort.title.get(lang).to_string();
    let crumbs = vec![
        Crumb {
            label: td_string!(locale, common.home).into(),
            href: Some("/".into()),
        },
        Crumb {
            label: d.programme.name.get(lang).to_string(),
            href: Some(programme_href(&d.programme.slug)),
        },
        Crumb {
            label: cohort_title.clone(),
            href: Some(cohort_href(&d.programme.slug, &d.cohort.slug)),
        },
        Crumb {
            label: name.clone(),
            href: None,
        },
    ];
    let vector = d.track.vector.map(|v| {
        view! {
            <div>
                <dt>{td_string!(locale, catalogue.vector)}</dt>
                <dd>{vector_label(Some(v), locale)}</dd>
            </div>
        }
    });
    let field = d.track.field.as_ref().map(|f| {
        view! {
            <div>
                <dt>{td_string!(locale, catalogue.field)}</dt>
                <dd>{f.name.get(lang).to_string()}</dd>
            </div>
        }
    });
    let dss_role = d.dss_role.as_ref().map(|r| {
        view! {
            <div>
                <dt>{td_string!(locale, catalogue.dss_role)}</dt>
                <dd>{r.get(lang).to_string()}</dd>
            </div>
        }
    });
    view! {
        <Title text=format!("{name} – {cohort_title}")/>
        <Breadcrumbs crumbs/>
        <article class="page track">
            <p class="eyebrow">{cohort_title}</p>
            <h1>{name}</h1>
            <p class="lead">{d.track.summary.get(lang).to_string()}</p>
            {(d.cohort.status == CohortStatus::Open).then(|| view! {
                <p>
                    <a class="button" href=format!(
                        "/programmes/{}/{}/tracks/{}/apply",
                        d.programme.slug, d.cohort.slug, d.track.slug
                    )>{td_string!(locale, common.apply)}</a>
                </p>
            })}
            <dl class="facts">
                {vector}
                {field}
                {dss_role}
                <div>
                    <dt>{td_string!(locale, catalogue.capacity)}</dt>
                    <dd>{d.track.capacity} {td_string!(locale, catalogue.people)}</dd>
                </div>
            </dl>
            <section aria-labelledby="about-track">
                <h2 id="about-track">{td_string!(locale, catalogue.about_track)}</h2>
                <Paragraphs text=d.description.get(lang).to_string()/>
            </section>
            <section aria-labelledby="staffing">
                <h2 id="staffing">{td_string!(locale, catalogue.staffing)}</h2>
                <dl class="facts">
                    <div>
                        <dt>{td_string!(locale, catalogue.lecturer_target)}</dt>
                        <dd>{d.lecturer_target} {td_string!(locale, catalogue.people)}</dd>
                    </div>
                    <div>
                        <dt>{td_string!(locale, catalogue.tutor_target)}</dt>
                        <dd>{d.tutor_target} {td_string!(locale, catalogue.people)}</dd>
                    </div>
                </dl>
            </section>
            <section aria-labelledby="schedule">
                <h2 id="schedule">{td_string!(locale, catalogue.schedule)}</h2>
                {cohort_facts(&d.cohort, lang)}
            </section>
        </article>
    }
}
