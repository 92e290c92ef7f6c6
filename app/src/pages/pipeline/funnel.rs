//! `/manage/<programme>/funnel`: how many people stand at and reached each
//! stage, the conversion to the next and the days spent, as a chart and a
//! table; narrowed to a cohort or track by `?scope=`;
//! the same numbers as CSV from `funnel.csv`.

use super::funnel_chart::FunnelChart;
use super::manage_crumbs;
use crate::api::pipeline::get_funnel;
use crate::components::breadcrumbs::Breadcrumbs;
use crate::components::lang::{locale_of, use_lang};
use crate::components::loaded::loaded;
use crate::domain::lang::Lang;
use crate::domain::pipeline::view::FunnelPage as Data;
use crate::domain::url::encode_query_value;
use crate::i18n::td_string;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

/// The funnel page of a programme.
#[component]
pub fn FunnelPage() -> impl IntoView {
    let lang = use_lang();
    let params = use_params_map();
    let query = use_query_map();
    let data = Resource::new(
        move || {
            let q = query.read();
            (
                params.read().get("programme").unwrap_or_default(),
                q.get("cohort").filter(|c| !c.is_empty()),
                q.get("track").filter(|t| !t.is_empty()),
            )
        },
        |(p, c, t)| get_funnel(p, c, t),
    );
    loaded(data, move |d| page(d, lang))
}

/// The query naming a cohort and track, for links and the CSV.
fn scope_query(cohort: Option<&str>, track: Option<&str>) -> String {
    match (cohort, track) {
        (Some(c), Some(t)) => format!(
            "?cohort={}&track={}",
            encode_query_value(c),
            encode_query_value(t)
        ),
        (Some(c), None) => format!("?cohort={}", encode_query_value(c)),
        _ => String::new(),
    }
}

fn one(x: Option<f64>, unit: &str) -> String {
    x.map_or("–".into(), |v| format!("{v:.1}{unit}"))
}

fn page(d: Data, lang: Lang) -> impl IntoView {
    let p = d.programme.slug.clone();
    let crumbs = manage_crumbs(
        lang,
        &d.programme,
        None,
        td_string!(locale_of(lang), pipeline.funnel).into(),
    );
    let title = format!(
        "{} – {}",
        td_string!(locale_of(lang), pipeline.funnel),
        d.programme.name.get(lang)
    );
    let here = scope_query(d.cohort.as_deref(), d.track.as_deref());
    let csv = format!("/manage/{p}/funnel.csv{here}");
    let mut scopes = vec![view! { <li><a href=format!("/manage/{p}/funnel")>{td_string!(locale_of(lang), pipeline.whole_programme)}</a></li> }.into_any()];
    scopes.extend(d.scopes.iter().map(|s| {
        let href = format!(
            "/manage/{p}/funnel{}",
            scope_query(Some(&s.cohort), s.track.as_deref())
        );
        view! { <li><a href=href>{s.label.get(lang).to_string()}</a></li> }.into_any()
    }));
    let rows = d
        .funnel
        .lines
        .iter()
        .map(|l| {
            view! {
                <tr>
                    <th scope="row">{l.stage.label(lang)}</th>
                    <td>{l.now}</td>
                    <td>{l.reached}</td>
                    <td>{one(l.conversion, "%")}</td>
                    <td>{one(l.mean_days, "")}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <Title text=title.clone()/>
        <Breadcrumbs crumbs/>
        <section class="page manage funnel">
            <h1>{title}</h1>
            <nav aria-label=td_string!(locale_of(lang), pipeline.scope)><ul class="funnel-scopes">{scopes}</ul></nav>
            <figure class="funnel-chart"><FunnelChart funnel=d.funnel lang/></figure>
            <table class="funnel-table">
                <thead><tr>
                    <th scope="col">{td_string!(locale_of(lang), pipeline.stage)}</th>
                    <th scope="col">{td_string!(locale_of(lang), pipeline.now)}</th>
                    <th scope="col">{td_string!(locale_of(lang), pipeline.reached)}</th>
                    <th scope="col">{td_string!(locale_of(lang), pipeline.conversion_to_next)}</th>
                    <th scope="col">{td_string!(locale_of(lang), pipeline.mean_days_at_stage)}</th>
                </tr></thead>
                <tbody>{rows}</tbody>
            </table>
            <p><a href=csv download="">{td_string!(locale_of(lang), pipeline.download_csv)}</a></p>
        </section>
    }
}
