//! `/alumni`: the directory. The query lives in the URL (a plain GET form),
//! so a search can be shared and works without JavaScript; the results are
//! what the server let the viewer see.

use super::{profile_body, profile_title};
use crate::api::alumni::get_directory;
use crate::components::lang::{locale_of, use_lang};
use crate::components::loaded::loaded;
use crate::domain::alumni::directory::{COUNT_CAP, DirectoryPage, DirectoryQuery};
use crate::domain::alumni::{Level, OPEN_TO_KEYS, OpenTo, Qualification};
use crate::domain::lang::Lang;
use crate::domain::url::encode_query_value;
use crate::i18n::td_string;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// The query of the current URL.
fn current_query() -> Memo<DirectoryQuery> {
    let query = use_query_map();
    Memo::new(move |_| {
        let q = query.read();
        let get = |k: &str| q.get(k).unwrap_or_default();
        DirectoryQuery {
            q: get("q"),
            programme: get("programme"),
            cohort: get("cohort"),
            track: get("track"),
            skill: get("skill"),
            level: get("level"),
            qualification: get("qualification"),
            open_to: get("open_to"),
            page: get("page"),
        }
    })
}

/// The directory's address for `q` at `page`.
fn href(q: &DirectoryQuery, page: u64) -> String {
    let pairs = [
        ("q", &q.q),
        ("programme", &q.programme),
        ("cohort", &q.cohort),
        ("track", &q.track),
        ("skill", &q.skill),
        ("level", &q.level),
        ("qualification", &q.qualification),
        ("open_to", &q.open_to),
    ];
    let mut parts: Vec<String> = pairs
        .into_iter()
        .filter(|(_, v)| !v.is_empty())
        .map(|(k, v)| format!("{k}={}", encode_query_value(v)))
        .collect();
    parts.push(format!("page={page}"));
    format!("/alumni?{}", parts.join("&"))
}

/// The directory of alumni.
#[component]
pub fn AlumniDirectoryPage() -> impl IntoView {
    let lang = use_lang();
    let query = current_query();
    let data = Resource::new(move || query.get(), get_directory);
    let title = td_string!(locale_of(lang), alumni.alumni_directory);
    view! {
        <Title text=title/>
        <section class="page alumni-directory">
            <h1>{title}</h1>
            {loaded(data, move |d| page(d, query.get_untracked(), lang))}
        </section>
    }
}

fn select(
    id: &'static str,
    label: &'static str,
    current: &str,
    choices: Vec<(String, String)>,
    lang: Lang,
) -> impl IntoView + use<> {
    let options = super::options(choices, current);
    view! {
        <div class="form-field">
            <label for=format!("alumni-{id}")>{label}</label>
            <select id=format!("alumni-{id}") name=id>
                <option value="">{td_string!(locale_of(lang), alumni.any)}</option>
                {options}
            </select>
        </div>
    }
}

fn text(id: &'static str, label: &'static str, value: String) -> impl IntoView + use<> {
    view! {
        <div class="form-field">
            <label for=format!("alumni-{id}")>{label}</label>
            <input id=format!("alumni-{id}") type="text" name=id value=value/>
        </div>
    }
}

fn search_form(d: &DirectoryPage, q: &DirectoryQuery, lang: Lang) -> impl IntoView + use<> {
    let programmes = d
        .programmes
        .iter()
        .map(|(slug, name)| (slug.clone(), name.get(lang).to_string()))
        .collect();
    let levels = Level::ALL
        .into_iter()
        .map(|l| (l.number().to_string(), l.label(lang).to_string()))
        .collect();
    let qualifications = Qualification::ALL
        .into_iter()
        .map(|k| (k.as_str().to_string(), k.label(lang).to_string()))
        .collect();
    let open = OPEN_TO_KEYS
        .into_iter()
        .map(|k| (k.to_string(), OpenTo::label(k, lang).to_string()))
        .collect();
    // The seven narrowing filters fold away behind the keyword box (on a
    // phone they filled the first screen before any result), and stay
    // unfolded while one of them is in use.
    let refined = [
        &q.programme,
        &q.cohort,
        &q.track,
        &q.skill,
        &q.level,
        &q.qualification,
        &q.open_to,
    ]
    .iter()
    .any(|v| !v.is_empty());
    view! {
        <form method="get" action="/alumni" class="search-form alumni-search" role="search">
            <div class="form-field">
                <label for="alumni-q">{td_string!(locale_of(lang), alumni.keywords)}</label>
                <input id="alumni-q" type="search" name="q" value=q.q.clone()/>
            </div>
            <details class="more-filters" open=refined>
                <summary>{td_string!(locale_of(lang), alumni.more_filters)}</summary>
                <div class="filter-grid">
                    {select("programme", td_string!(locale_of(lang), common.programme), &q.programme, programmes, lang)}
                    {text("cohort", td_string!(locale_of(lang), alumni.cohort_year), q.cohort.clone())}
                    {text("track", td_string!(locale_of(lang), alumni.track_url_name), q.track.clone())}
                    {text("skill", td_string!(locale_of(lang), alumni.skill), q.skill.clone())}
                    {select("level", td_string!(locale_of(lang), alumni.level_at_least), &q.level, levels, lang)}
                    {select("qualification", td_string!(locale_of(lang), alumni.qualification), &q.qualification, qualifications, lang)}
                    {select("open_to", td_string!(locale_of(lang), alumni.open_to), &q.open_to, open, lang)}
                </div>
            </details>
            <button type="submit" class="button">{td_string!(locale_of(lang), alumni.search)}</button>
        </form>
    }
}

fn page(d: DirectoryPage, q: DirectoryQuery, lang: Lang) -> impl IntoView {
    let form = search_form(&d, &q, lang);
    let scope = d.public_only.then(|| {
        view! {
            <p class="muted">{td_string!(locale_of(lang), alumni.showing_only_alumni_who_agreed)}</p>
        }
    });
    let more = if d.total > COUNT_CAP { "+" } else { "" };
    let shown = d.total.min(COUNT_CAP);
    let count = td_string!(locale_of(lang), alumni.shown_more_found, shown, more);
    let results = d
        .results
        .into_iter()
        .map(|v| {
            let name = profile_title(&v, lang);
            let link = format!("/alumni/{}", v.account_id);
            view! {
                <li class="card">
                    <h2><a href=link>{name}</a></h2>
                    {profile_body(v, lang)}
                </li>
            }
        })
        .collect_view();
    let prev = (d.page > 1).then(|| {
        view! { <a rel="prev" href=href(&q, d.page - 1)>{td_string!(locale_of(lang), alumni.previous)}</a> }
    });
    let next = (d.page < d.pages).then(|| {
        view! { <a rel="next" href=href(&q, d.page + 1)>{td_string!(locale_of(lang), alumni.next)}</a> }
    });
    let position = format!("{} / {}", d.page, d.pages);
    view! {
        {form}
        {scope}
        <p role="status" id="alumni-count">{count}</p>
        <ul class="alumni-results">{results}</ul>
        <nav class="pager" aria-label=td_string!(locale_of(lang), common.pages)>{prev} " " {position} " " {next}</nav>
    }
}
