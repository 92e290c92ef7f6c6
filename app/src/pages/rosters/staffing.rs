//! `/manage/<programme>/staffing[?cohort=<slug>]`: each track's lecturers
//! and tutors against its targets, tracks short of people highlighted with
//! the alumni open to tutoring or lecturing in their field.

use super::{of_target, programme_crumbs, tr};
use crate::api::rosters::get_staffing;
use crate::components::breadcrumbs::{Breadcrumbs, Crumb};
use crate::components::lang::use_lang;
use crate::components::loaded::loaded;
use crate::components::table::table;
use crate::domain::lang::Lang;
use crate::domain::rosters::view::{StaffingPage, TrackStaffing};
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
        tr(lang, "人員配置", "Staffing"),
        d.programme.name.get(lang)
    );
    let mut crumbs = programme_crumbs(&d.programme, lang);
    crumbs.push(Crumb {
        label: tr(lang, "人員配置", "Staffing").into(),
        href: None,
    });
    let base = format!("/manage/{p}/staffing");
    let filters = std::iter::once((
        base.clone(),
        tr(lang, "すべてのコホート", "All cohorts").to_string(),
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
        tr(lang, "講師", "Lecturers"),
        of_target(d.total.lecturers),
        tr(lang, "チューター", "Tutors"),
        of_target(d.total.tutors),
        tr(lang, "不足", "Missing"),
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
            <nav aria-label=tr(lang, "コホート", "Cohorts")><ul class="filters">{filters}</ul></nav>
            <p id="staffing-total">{total}</p>
            {table("staffing", vec![
                tr(lang, "トラック", "Track"),
                tr(lang, "分野", "Field"),
                tr(lang, "講師", "Lecturers"),
                tr(lang, "チューター", "Tutors"),
                tr(lang, "参加者", "Participants"),
                tr(lang, "候補の修了生", "Alumni open to help"),
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
        tr(lang, "不足", "short")
    } else {
        tr(lang, "充足", "staffed")
    };
    let open = t
        .open_alumni
        .iter()
        .map(|o| {
            let what = match (o.tutoring, o.lecturing) {
                (true, true) => tr(lang, "チューター・講師", "tutoring, lecturing"),
                (true, false) => tr(lang, "チューター", "tutoring"),
                _ => tr(lang, "講師", "lecturing"),
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
            <td>{s.participants} {s.participants_per_tutor().map(|r| format!(" ({r:.1} {})", tr(lang, "人/チューター", "per tutor")))}</td>
            <td><ul class="open-alumni">{open}</ul></td>
        </tr>
    }
}
