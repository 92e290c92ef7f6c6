//! `/training`: a candidate's own progress, and the candidates one
//! mentors with a button to sign off each open step.

use crate::api::pipeline::{SignOffStep, get_training};
use crate::components::lang::{locale_of, use_lang};
use crate::components::loaded::loaded;
use crate::components::refusal::refusal;
use crate::components::saved_notice::SavedNotice;
use crate::domain::lang::Lang;
use crate::domain::pipeline::view::{Progress, TrainingPage as Data};
use crate::domain::time::format_date;
use crate::i18n::td_string;
use leptos::prelude::*;
use leptos_meta::Title;
use server_fn::ServerFn;

/// The training page of the signed-in person.
#[component]
pub fn TrainingPage() -> impl IntoView {
    let lang = use_lang();
    let data = Resource::new(|| (), |()| get_training());
    loaded(data, move |d| page(d, lang))
}

fn progress(p: &Progress, lang: Lang, mentor: bool) -> impl IntoView + use<> {
    let c = &p.candidate;
    let steps = c
        .steps
        .iter()
        .map(|s| {
            let state = match s.signed_off_at {
                Some(t) => format!(
                    "{} {}",
                    td_string!(locale_of(lang), pipeline.signed_off),
                    format_date(t, lang)
                ),
                None => td_string!(locale_of(lang), pipeline.to_do).to_string(),
            };
            let button = (mentor && s.signed_off_at.is_none()).then(|| {
                view! {
                    <form method="post" action=SignOffStep::PATH class="inline-form">
                        <input type="hidden" name="candidate" value=c.account_id/>
                        <input type="hidden" name="step" value=s.id/>
                        <button type="submit" class="button secondary">
                            {td_string!(locale_of(lang), pipeline.sign_off)} " " {s.name.get(lang).to_string()}
                        </button>
                    </form>
                }
            });
            view! { <li>{s.name.get(lang).to_string()} " — " {state} " " {button}</li> }
        })
        .collect_view();
    let ready = c
        .ready
        .then(|| view! { <p class="notice">{td_string!(locale_of(lang), pipeline.every_step_is_signed_off)}</p> });
    view! {
        <li class="candidate">
            <h3>{c.name.get(lang).to_string()} " — " {p.programme.name.get(lang).to_string()}</h3>
            <p>{c.stage.label(lang)}</p>
            <ul>{steps}</ul>
            {ready}
        </li>
    }
}

fn page(d: Data, lang: Lang) -> impl IntoView {
    let title = td_string!(locale_of(lang), pipeline.training);
    let mine = d
        .mine
        .iter()
        .map(|p| progress(p, lang, false))
        .collect_view();
    let mentees = d
        .mentees
        .iter()
        .map(|p| progress(p, lang, true))
        .collect_view();
    let none = (d.mine.is_empty() && d.mentees.is_empty())
        .then(|| view! { <p>{td_string!(locale_of(lang), pipeline.no_training_in_progress)}</p> });
    view! {
        <Title text=title/>
        <section class="page training">
            <h1>{title}</h1>
            <SavedNotice/>
            {refusal!(SignOffStep, lang)}
            {none}
            <h2>{td_string!(locale_of(lang), pipeline.my_training)}</h2>
            <ul>{mine}</ul>
            <h2>{td_string!(locale_of(lang), pipeline.candidates_i_mentor)}</h2>
            <ul>{mentees}</ul>
        </section>
    }
}
