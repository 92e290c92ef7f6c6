//! `/programmes/<programme>/<cohort>`: a cohort's dates and its tracks,
//! grouped by vector and filterable by field (`?field=<slug>`).

use super::labels::{cohort_href, programme_href, track_href, vector_lead};
use crate::api::catalogue::get_cohort;
use crate::components::breadcrumbs::{Breadcrumbs, Crumb};
use crate::components::lang::{locale_of, use_lang};
use crate::components::loaded::loaded;
use crate::components::route_params::cohort_params;
use crate::components::status::StatusBadge;
use crate::components::track_vector::vector_label;
use crate::domain::catalogue::{
    CohortDetail, CohortSummary, TrackGroup, TrackSummary, fields_of, filter_by_field,
    group_by_vector,
};
use crate::domain::lang::Lang;
use crate::domain::time::{format_date_range, format_datetime};
use crate::domain::url::encode_query_value;
use crate::i18n::td_string;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// A cohort's page.
#[component]
pub fn CohortPage() -> impl IntoView {
    let lang = use_lang();
    let detail = Resource::new(cohort_params(), |(programme, cohort)| {
        get_cohort(programme, cohort)
    });
    loaded(detail, move |d| cohort_view(d, lang))
}

fn cohort_view(d: CohortDetail, lang: Lang) -> impl IntoView {
    let locale = locale_of(lang);
    let title = d.cohort.title.get(lang).to_string();
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
            label: title.clone(),
            href: None,
        },
    ];
    view! {
        <Title text=title.clone()/>
        <Breadcrumbs crumbs/>
        <article class="page cohort">
            <h1>{title}</h1>
            {cohort_facts(&d.cohort, lang)}
            <h2 id="tracks">{td_string!(locale, common.tracks_heading)}</h2>
            <TrackList detail=d/>
        </article>
    }
}

/// Status, application window, session dates and venue as a definition list.
pub(super) fn cohort_facts(c: &CohortSummary, lang: Lang) -> impl IntoView + use<> {
    let locale = locale_of(lang);
    let s = c.schedule;
    view! {
        <dl class="facts">
            <div>
                <dt>{td_string!(locale, catalogue.status)}</dt>
                <dd><StatusBadge status=c.status/></dd>
            </div>
            <div>
                <dt>{td_string!(locale, catalogue.applications_window)}</dt>
                <dd>
                    {format_datetime(s.applications_open_at, lang)} " – "
                    {format_datetime(s.applications_close_at, lang)}
                </dd>
            </div>
            <div>
                <dt>{td_string!(locale, catalogue.sessions)}</dt>
                <dd>{format_date_range(s.sessions_start_at, s.sessions_end_at, lang)}</dd>
            </div>
            <div>
                <dt>{td_string!(locale, catalogue.venue)}</dt>
                <dd>{c.venue.get(lang).to_string()}</dd>
            </div>
        </dl>
    }
}

/// The field filter and the grouped tracks; follows `?field=` in the URL.
#[component]
fn TrackList(detail: CohortDetail) -> impl IntoView {
    let lang = use_lang();
    let locale = locale_of(lang);
    let query = use_query_map();
    let base = cohort_href(&detail.programme.slug, &detail.cohort.slug);
    let fields = fields_of(&detail.tracks);
    if detail.tracks.is_empty() {
        return view! { <p>{td_string!(locale, catalogue.no_tracks)}</p> }.into_any();
    }
    let filter = (!fields.is_empty()).then(|| {
        let base = base.clone();
        view! {
            <nav class="field-filter" aria-label=td_string!(locale, catalogue.filter_by_field)>
                <p class="filter-label" aria-hidden="true">{td_string!(locale, catalogue.filter_by_field)}</p>
                <ul class="chips">
                    <li>
                        <a
                            href=format!("{base}#tracks")
                            aria-current=move || query.read().get("field").is_none().then_some("true")
                        >
                            {td_string!(locale, catalogue.filter_all)}
                        </a>
                    </li>
                    {fields
                        .into_iter()
                        .map(|f| {
                            let href = format!("{base}?field={}#tracks", encode_query_value(&f.slug));
                            let slug = f.slug.clone();
                            view! {
                                <li>
                                    <a
                                        href=href
                                        aria-current=move || {
                                            (query.read().get("field").as_deref() == Some(slug.as_str()))
                                                .then_some("true")
                                        }
                                    >
                                        {f.name.get(lang).to_string()}
                                    </a>
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            </nav>
        }
    });
    let programme = detail.programme.slug.clone();
    let cohort = detail.cohort.slug.clone();
    let tracks = detail.tracks;
    let groups = move || {
        let field = query.read().get("field");
        let shown = filter_by_field(&tracks, field.as_deref());
        if shown.is_empty() {
            return view! {
                <p>
                    {td_string!(locale, catalogue.no_tracks_in_field)} " "
                    <a href=format!("{base}#tracks")>{td_string!(locale, catalogue.show_all_tracks)}</a>
                </p>
            }
            .into_any();
        }
        group_by_vector(&shown)
            .into_iter()
            .map(|g| track_group(g, &programme, &cohort, lang))
            .collect_view()
            .into_any()
    };
    view! {
        {filter}
        <div class="track-groups">{groups}</div>
    }
    .into_any()
}

fn track_group(g: TrackGroup, programme: &str, cohort: &str, lang: Lang) -> impl IntoView + use<> {
    let locale = locale_of(lang);
    let id = format!("vector-{}", g.vector.map_or("general", |v| v.as_str()));
    view! {
        <section class="track-group" aria-labelledby=id.clone()>
            <h3 id=id.clone()>{vector_label(g.vector, locale)}</h3>
            {vector_lead(g.vector, locale).map(|lead| view! { <p class="muted">{lead}</p> })}
            <ul class="cards tracks">
                {g.tracks.into_iter().map(|t| track_card(t, programme, cohort, lang)).collect_view()}
            </ul>
        </section>
    }
}

fn track_card(t: TrackSummary, programme: &str, cohort: &str, lang: Lang) -> impl IntoView + use<> {
    let locale = locale_of(lang);
    view! {
        <li class="card track-card">
            {t.field.as_ref().map(|f| view! { <p class="eyebrow">{f.name.get(lang).to_string()}</p> })}
            <h4><a href=track_href(programme, cohort, &t.slug)>{t.name.get(lang).to_string()}</a></h4>
            <p>{t.summary.get(lang).to_string()}</p>
            <p class="muted">
                {td_string!(locale, catalogue.capacity)} ": " {t.capacity} {td_string!(locale, catalogue.people)}
            </p>
        </li>
    }
}
