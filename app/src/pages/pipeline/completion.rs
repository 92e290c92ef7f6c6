//! `/manage/<programme>/<cohort>/tracks/<track>/completion`: the organiser
//! marks participants as completed, one by one or all ticked at once, and
//! revokes certificates.

use super::manage_crumbs;
use crate::api::pipeline::{CompleteParticipants, RevokeCertificate, get_completion};
use crate::components::breadcrumbs::Breadcrumbs;
use crate::components::lang::{locale_of, use_lang};
use crate::components::loaded::loaded;
use crate::components::refusal::refusal;
use crate::components::route_params::track_params;
use crate::components::saved_notice::SavedNotice;
use crate::domain::lang::Lang;
use crate::domain::pipeline::view::{CompletionPage as Data, CompletionRow};
use crate::domain::time::format_date;
use crate::i18n::td_string;
use leptos::prelude::*;
use leptos_meta::Title;
use server_fn::ServerFn;

/// The completion page of a track.
#[component]
pub fn CompletionPage() -> impl IntoView {
    let lang = use_lang();
    let data = Resource::new(track_params(), |(p, c, t)| get_completion(p, c, t));
    loaded(data, move |d| page(d, lang))
}

fn track_fields(d: &Data) -> impl IntoView + use<> {
    view! {
        <input type="hidden" name="programme" value=d.programme.slug.clone()/>
        <input type="hidden" name="cohort" value=d.cohort_slug.clone()/>
        <input type="hidden" name="track" value=d.track_slug.clone()/>
    }
}

fn status(r: &CompletionRow, lang: Lang) -> String {
    match (&r.code, r.completed_at) {
        (Some(code), Some(at)) if r.revoked => {
            format!(
                "{} {} ({code})",
                td_string!(locale_of(lang), pipeline.revoked),
                format_date(at, lang)
            )
        }
        (Some(code), Some(at)) => format!(
            "{} {} ({code})",
            td_string!(locale_of(lang), pipeline.completed),
            format_date(at, lang)
        ),
        _ => td_string!(locale_of(lang), pipeline.not_completed).to_string(),
    }
}

fn row(d: &Data, r: &CompletionRow, lang: Lang) -> impl IntoView + use<> {
    let check_id = format!("person-{}", r.account_id);
    let name = r.name.get(lang).to_string();
    let person = format!("/manage/{}/people/{}", d.programme.slug, r.account_id);
    let action = match (&r.code, r.revoked) {
        (None, _) => view! {
            <form method="post" action=CompleteParticipants::PATH class="inline-form">
                {track_fields(d)}
                <input type="hidden" name=format!("people[{}]", r.account_id) value="on"/>
                <button type="submit" class="button secondary" aria-label=format!("{} {name}", td_string!(locale_of(lang), pipeline.complete_colon))>
                    {td_string!(locale_of(lang), pipeline.complete)}
                </button>
            </form>
        }
        .into_any(),
        (Some(code), false) => {
            let reason_id = format!("reason-{}", r.account_id);
            view! {
                <a href=format!("/certificates/{code}")>{td_string!(locale_of(lang), pipeline.certificate)}</a> " "
                <form method="post" action=RevokeCertificate::PATH class="inline-form">
                    {track_fields(d)}
                    <input type="hidden" name="code" value=code.clone()/>
                    <label for=reason_id.clone()>{td_string!(locale_of(lang), pipeline.reason_to_revoke)}</label>
                    <input id=reason_id type="text" name="reason" required/>
                    <button type="submit" class="button secondary" aria-label=format!("{} {name}", td_string!(locale_of(lang), pipeline.revoke_certificate_of_person)) >
                        {td_string!(locale_of(lang), pipeline.revoke)}
                    </button>
                </form>
            }
            .into_any()
        }
        (Some(_), true) => view! { <span>"–"</span> }.into_any(),
    };
    let ticked = r.code.is_none().then(|| {
        view! {
            <input id=check_id.clone() type="checkbox" form="bulk-complete"
                name=format!("people[{}]", r.account_id) value="on"/>
        }
    });
    view! {
        <tr>
            <td>{ticked}</td>
            <td><label for=check_id><a href=person>{name.clone()}</a></label></td>
            <td class="completion-status">{status(r, lang)}</td>
            <td>{action}</td>
        </tr>
    }
}

fn page(d: Data, lang: Lang) -> impl IntoView {
    let (p, c, t) = (
        d.programme.slug.clone(),
        d.cohort_slug.clone(),
        d.track_slug.clone(),
    );
    let name = d.track_name.get(lang).to_string();
    let crumbs = manage_crumbs(
        lang,
        &d.programme,
        Some((name.clone(), format!("/manage/{p}/{c}/tracks/{t}"))),
        td_string!(locale_of(lang), pipeline.completion).into(),
    );
    let title = format!(
        "{} – {name}",
        td_string!(locale_of(lang), pipeline.completion)
    );
    let rows = d.rows.iter().map(|r| row(&d, r, lang)).collect_view();
    let empty = d
        .rows
        .is_empty()
        .then(|| view! { <p>{td_string!(locale_of(lang), pipeline.no_participants_yet)}</p> });
    view! {
        <Title text=title.clone()/>
        <Breadcrumbs crumbs/>
        <section class="page manage completion">
            <h1>{title}</h1>
            <SavedNotice/>
            {refusal!(CompleteParticipants, lang)}
            {refusal!(RevokeCertificate, lang)}
            {empty}
            <table class="completion-table">
                <thead>
                    <tr>
                        <th scope="col">{td_string!(locale_of(lang), pipeline.select)}</th>
                        <th scope="col">{td_string!(locale_of(lang), pipeline.name)}</th>
                        <th scope="col">{td_string!(locale_of(lang), pipeline.status)}</th>
                        <th scope="col">{td_string!(locale_of(lang), pipeline.action)}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
            <form id="bulk-complete" method="post" action=CompleteParticipants::PATH>
                {track_fields(&d)}
                <button type="submit" class="button">{td_string!(locale_of(lang), pipeline.complete_the_selected_participants)}</button>
            </form>
        </section>
    }
}
