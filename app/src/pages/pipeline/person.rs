//! `/manage/<programme>/people/<account>`: a person's stage in the
//! programme, every change with who, when and why, their certificates and
//! training, and the organiser's form to move them (an override needs a
//! reason).

use super::manage_crumbs;
use crate::api::pipeline::{ChangeStage, get_person};
use crate::components::breadcrumbs::Breadcrumbs;
use crate::components::lang::{locale_of, use_lang};
use crate::components::loaded::loaded;
use crate::components::refusal::refusal;
use crate::components::saved_notice::SavedNotice;
use crate::domain::lang::Lang;
use crate::domain::pipeline::Stage;
use crate::domain::pipeline::view::{HistoryRow, PersonPage as Data, StepRow};
use crate::domain::time::{format_date, format_datetime};
use crate::i18n::td_string;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;
use server_fn::ServerFn;

/// A person's pipeline page, for organisers.
#[component]
pub fn PersonPage() -> impl IntoView {
    let lang = use_lang();
    let params = use_params_map();
    let data = Resource::new(
        move || {
            let p = params.read();
            (
                p.get("programme").unwrap_or_default(),
                p.get("account")
                    .and_then(|a| a.parse::<i32>().ok())
                    .unwrap_or(0),
            )
        },
        |(p, a)| get_person(p, a),
    );
    loaded(data, move |d| page(d, lang))
}

fn stage_text(s: Option<Stage>, lang: Lang) -> &'static str {
    s.map_or(td_string!(locale_of(lang), pipeline.none), |s| {
        s.label(lang)
    })
}

fn history(rows: &[HistoryRow], lang: Lang) -> impl IntoView + use<> {
    let items = rows
        .iter()
        .map(|h| {
            let by = h.by.as_ref().map_or(
                td_string!(locale_of(lang), pipeline.system).to_string(),
                |n| n.get(lang).to_string(),
            );
            let how = h
                .overridden
                .then(|| td_string!(locale_of(lang), pipeline.override_text));
            view! {
                <tr>
                    <td>{format_datetime(h.at, lang)}</td>
                    <td>{stage_text(h.from, lang)} " → " {h.to.label(lang)} {how}</td>
                    <td>{by}</td>
                    <td>{h.reason.clone()}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <h2>{td_string!(locale_of(lang), pipeline.stage_history)}</h2>
        <table class="stage-history">
            <thead><tr>
                <th scope="col">{td_string!(locale_of(lang), pipeline.when)}</th>
                <th scope="col">{td_string!(locale_of(lang), pipeline.change_column)}</th>
                <th scope="col">{td_string!(locale_of(lang), pipeline.by)}</th>
                <th scope="col">{td_string!(locale_of(lang), pipeline.why)}</th>
            </tr></thead>
            <tbody>{items}</tbody>
        </table>
    }
}

/// The training steps with their sign-offs.
pub fn steps_list(steps: &[StepRow], lang: Lang) -> impl IntoView + use<> {
    steps
        .iter()
        .map(|s| {
            let done = s.signed_off_at.map_or(
                td_string!(locale_of(lang), pipeline.to_do).to_string(),
                |t| {
                    format!(
                        "{} {}",
                        td_string!(locale_of(lang), pipeline.signed_off),
                        format_date(t, lang)
                    )
                },
            );
            view! { <li>{s.name.get(lang).to_string()} " — " {done}</li> }
        })
        .collect_view()
}

fn stage_form(d: &Data, lang: Lang) -> impl IntoView + use<> {
    let options = Stage::ALL
        .into_iter()
        .filter(|s| Some(*s) != d.stage)
        .map(|s| view! { <option value=s.as_str()>{s.label(lang)}</option> })
        .collect_view();
    view! {
        <h2>{td_string!(locale_of(lang), pipeline.change_stage)}</h2>
        <form method="post" action=ChangeStage::PATH class="edit-form">
            {refusal!(ChangeStage, lang)}
            <input type="hidden" name="programme" value=d.programme.slug.clone()/>
            <input type="hidden" name="account" value=d.account_id/>
            <div class="form-field">
                <label for="stage-to">{td_string!(locale_of(lang), pipeline.new_stage)}</label>
                <select id="stage-to" name="stage">{options}</select>
            </div>
            <div class="form-field">
                <label for="stage-reason">{td_string!(locale_of(lang), pipeline.override_reason)}</label>
                <textarea id="stage-reason" name="reason" rows="3"></textarea>
            </div>
            <button type="submit" class="button">{td_string!(locale_of(lang), pipeline.change_stage_button)}</button>
        </form>
    }
}

fn page(d: Data, lang: Lang) -> impl IntoView {
    let name = d.name.get(lang).to_string();
    let crumbs = manage_crumbs(lang, &d.programme, None, name.clone());
    let certificates = d
        .certificates
        .iter()
        .filter_map(|c| {
            let code = c.code.clone()?;
            let state = if c.revoked {
                td_string!(locale_of(lang), pipeline.revoked_suffix)
            } else {
                ""
            };
            Some(view! { <li><a href=format!("/certificates/{code}")>{code.clone()}</a> {state}</li> })
        })
        .collect_view();
    let mentor = d
        .mentor
        .as_ref()
        .map(|m| view! { <p>{td_string!(locale_of(lang), pipeline.mentor)} " " {m.get(lang).to_string()}</p> });
    view! {
        <Title text=name.clone()/>
        <Breadcrumbs crumbs/>
        <section class="page manage person">
            <h1>{name}</h1>
            <SavedNotice/>
            <p>{d.email.clone()}</p>
            <p id="current-stage">{td_string!(locale_of(lang), pipeline.current_stage)} " " <strong>{stage_text(d.stage, lang)}</strong></p>
            {history(&d.history, lang)}
            <h2>{td_string!(locale_of(lang), pipeline.certificates)}</h2>
            <ul>{certificates}</ul>
            {mentor}
            <ul class="training-steps">{steps_list(&d.steps, lang)}</ul>
            {stage_form(&d, lang)}
        </section>
    }
}
