//! `/applications`: the signed-in person's applications, with status,
//! deadline and — once released — the decision and a link to an offer.

use crate::api::application::get_my_applications;
use crate::components::lang::{locale_of, use_lang};
use crate::components::loaded::loaded;
use crate::domain::application::form::MyApplication;
use crate::domain::application::{ApplicationStatus, Decision, OfferStatus};
use crate::domain::lang::Lang;
use crate::domain::time::format_datetime;
use crate::i18n::{Locale, td_string};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// "My applications".
#[component]
pub fn MyApplicationsPage() -> impl IntoView {
    let lang = use_lang();
    let locale = locale_of(lang);
    let data = Resource::new(|| (), |_| get_my_applications());
    let query = use_query_map();
    let withdrawn = move || {
        query.read().get("withdrawn").map(|_| {
            view! { <p class="notice" role="status">{td_string!(locale, application.apply_withdrawn_notice)}</p> }
        })
    };
    view! {
        <Title text=td_string!(locale, application.my_applications)/>
        <section class="page applications">
            <h1>{td_string!(locale, application.my_applications)}</h1>
            {withdrawn}
            {loaded(data, move |rows| list(rows, lang))}
        </section>
    }
}

fn status_label(a: &MyApplication, locale: Locale) -> &'static str {
    match (a.status, a.decision, a.offer) {
        (_, _, Some(OfferStatus::Offered)) => td_string!(locale, application.apply_offer_open),
        (_, _, Some(OfferStatus::Confirmed)) => {
            td_string!(locale, application.apply_offer_confirmed)
        }
        (_, _, Some(OfferStatus::Declined)) => td_string!(locale, application.apply_offer_declined),
        (_, _, Some(OfferStatus::Expired)) => td_string!(locale, application.apply_offer_expired),
        (_, Some(Decision::Accepted), None) => {
            td_string!(locale, application.apply_decision_accepted)
        }
        (_, Some(Decision::Waitlisted), None) => {
            td_string!(locale, application.apply_decision_waitlisted)
        }
        (_, Some(Decision::Rejected), None) => {
            td_string!(locale, application.apply_decision_rejected)
        }
        (ApplicationStatus::Draft, None, None) => {
            td_string!(locale, application.apply_status_draft)
        }
        (ApplicationStatus::Submitted, None, None) => {
            td_string!(locale, application.apply_status_submitted)
        }
        (ApplicationStatus::Withdrawn, None, None) => {
            td_string!(locale, application.apply_status_withdrawn)
        }
    }
}

fn list(rows: Vec<MyApplication>, lang: Lang) -> impl IntoView {
    let locale = locale_of(lang);
    if rows.is_empty() {
        return view! { <p>{td_string!(locale, application.apply_none_yet)}</p> }.into_any();
    }
    let items = rows
        .into_iter()
        .map(|a| {
            let t = &a.track;
            let href = format!(
                "/programmes/{}/{}/tracks/{}/apply",
                t.programme.slug, t.cohort_slug, t.track_slug
            );
            let offer = (a.offer == Some(OfferStatus::Offered)).then(|| {
                view! { <a class="button" href=format!("/offers/{}", a.id)>{td_string!(locale, application.apply_see_offer)}</a> }
            });
            view! {
                <tr>
                    <td><a href=href>{t.track_name.get(lang).to_string()}</a></td>
                    <td>{t.cohort_title.get(lang).to_string()}</td>
                    <td>{status_label(&a, locale)} " " {offer}</td>
                    <td>{format_datetime(t.closes_at, lang)}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <table class="table">
            <thead>
                <tr>
                    <th scope="col">{td_string!(locale, application.apply_track)}</th>
                    <th scope="col">{td_string!(locale, application.apply_cohort)}</th>
                    <th scope="col">{td_string!(locale, application.apply_status)}</th>
                    <th scope="col">{td_string!(locale, application.apply_deadline)}</th>
                </tr>
            </thead>
            <tbody>{items}</tbody>
        </table>
    }
    .into_any()
}
