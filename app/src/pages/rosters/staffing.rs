//! `/manage/<programme>/staffing[?cohort=<slug>]`: each track's lecturers
//! and tutors against its targets, tracks short of people highlighted with
//! the alumni open to tutoring or lecturing in their field.

use super::{of_target, programme_crumbs};
use crate::api::rosters::get_staffing;
use crate::components::breadcrumbs::{Breadcrumbs, Crumb};
use crate::components::lang::{locale_of, use_lang};
use crate::components::loaded::loaded;
use crate::components::table::table;
use crate::domain::lang::Lang;
use crate::domain::rosters::view::{StaffingPage, TrackStaffing};
use crate::i18n::td_string;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

/// The staffing dashboard of a programme or one of its cohorts.
#[component]
pub fn ManageStaffingPage() -> impl IntoView {
    let lang = use_lang();
    let params = use_params_map();
    let query = use_query_map();
    let data = Resource::new(
        move || {
            (
                params.read().get("programme").unwrap_or_default(),
                query.read().get("cohort").unwrap_or_default(),
            )
        },
        |(p, c)| get_staffing(p, c),
    );
    loaded(data, move |d| staffing_view(d, lang))
}

fn staffing_view(d: StaffingPage, lang: Lang) -> impl IntoView {
    let p = d.programme.slug.clone();
    let title = format!(
        "{} – {}",
        td_string!(locale_of(lang), rosters.staffing),
        d.programme.name.get(lang)
    );
    let mut crumbs = programme_crumbs(&d.programme, lang);
    crumbs.push(Crumb {
        label: td_string!(locale_of(lang), rosters.staffing).into(),
        href: None,
    });
    let base = format!("/manage/{p}/staffing");
    let filters = std::iter::once((
        base.clone(),
        td_string!(locale_of(lang), rosters.all_cohorts).to_string(),
        d.cohort.is_none(),
    ))
    .chain(d.cohorts.iter().map(|(slug, title)| {
        (
            format!("{base}?cohort={slug}"),
            title.get(lang).to_string(),
            d.cohort.as_deref() == Some(slug.as_str()),
        )
    }))
    .map(|(href, label, current)| {
        view! { <li><a href=href aria-current=current.then_some("page")>{label}</a></li> }
    })
    .collect_view();
    let total = format!(
        "{} {} · {} {} · {} {}",
        td_string!(locale_of(lang), rosters.lecturers),
        of_target(d.total.lecturers),
        td_string!(locale_of(lang), rosters.tutors),
        of_target(d.total.tutors),
        td_string!(locale_of(lang), rosters.missing),
        d.short
    );
    let rows = d
        .tracks
        .iter()
        .map(|t| track_row(&p, t, lang))
        .collect_view();
    view! {
        <Title text=title.clone()/>
        <Breadcrumbs crumbs/>
        <section class="page manage staffing">
            <h1>{title}</h1>
            <nav aria-label=td_string!(locale_of(lang), rosters.cohorts)><ul class="filters">{filters}</ul></nav>
            <p id="staffing-total">{total}</p>
            {table("staffing", vec![
                td_string!(locale_of(lang), rosters.track),
                td_string!(locale_of(lang), common.f_field),
                td_string!(locale_of(lang), rosters.lecturers),
                td_string!(locale_of(lang), rosters.tutors),
                td_string!(locale_of(lang), rosters.participants),
                td_string!(locale_of(lang), rosters.alumni_open_to_help),
            ], rows)}
        </section>
    }
}

fn track_row(p: &str, t: &TrackStaffing, lang: Lang) -> impl IntoView + use<> {
    let s = t.staffing;
    let href = format!(
        "/manage/{p}/{}/tracks/{}/roster",
        t.cohort_slug, t.track_slug
    );
    let state = if s.is_short() {
        td_string!(locale_of(lang), rosters.short)
    } else {
        td_string!(locale_of(lang), rosters.staffed)
    };
    let open = t
        .open_alumni
        .iter()
        .map(|o| {
            let what = match (o.tutoring, o.lecturing) {
                (true, true) => td_string!(locale_of(lang), rosters.tutoring_lecturing),
                (true, false) => td_string!(locale_of(lang), rosters.tutoring),
                _ => td_string!(locale_of(lang), rosters.lecturing),
            };
            view! { <li>{o.member.name.get(lang).to_string()} " (" {what} ")"</li> }
        })
        .collect_view();
    view! {
        <tr class=if s.is_short() { "short" } else { "" } data-track=t.track_slug.clone() data-cohort=t.cohort_slug.clone()>
            <th scope="row"><a href=href>{t.label.get(lang).to_string()}</a> " " <span class="badge">{state}</span></th>
            <td>{t.field.as_ref().map(|f| f.get(lang).to_string()).unwrap_or_default()}</td>
            <td class="lecturers">{of_target(s.lecturers)}</td>
            <td class="tutors">{of_target(s.tutors)}</td>
            <td>{s.participants} {s.participants_per_tutor().map(|r| format!(" ({r:.1} {})", td_string!(locale_of(lang), rosters.per_tutor)))}</td>
            <td><ul class="open-alumni">{open}</ul></td>
        </tr>
    }
}
