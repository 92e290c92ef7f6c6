//! `/training`: a candidate's own progress, and the candidates one
//! mentors with a button to sign off each open step.

use super::tr;
use crate::api::pipeline::{SignOffStep, get_training};
use crate::components::lang::use_lang;
use crate::components::loaded::loaded;
use crate::components::refusal::refusal;
use crate::components::saved_notice::SavedNotice;
use crate::domain::lang::Lang;
use crate::domain::pipeline::view::{Progress, TrainingPage as Data};
use crate::domain::time::format_date;
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
                    tr(lang, "承認済み", "signed off"),
                    format_date(t, lang)
                ),
                None => tr(lang, "未了", "to do").to_string(),
            };
            let button = (mentor && s.signed_off_at.is_none()).then(|| {
                view! {
                    <form method="post" action=SignOffStep::PATH class="inline-form">
                        <input type="hidden" name="candidate" value=c.account_id/>
                        <input type="hidden" name="step" value=s.id/>
                        <button type="submit" class="button secondary">
                            {tr(lang, "承認する:", "Sign off:")} " " {s.name.get(lang).to_string()}
                        </button>
                    </form>
                }
            });
            view! { <li>{s.name.get(lang).to_string()} " — " {state} " " {button}</li> }
        })
        .collect_view();
    let ready = c
        .ready
        .then(|| view! { <p class="notice">{tr(lang, "すべてのステップが承認されました。", "Every step is signed off.")}</p> });
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
    let title = tr(lang, "育成", "Training");
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
    let none = (d.mine.is_empty() && d.mentees.is_empty()).then(
        || view! { <p>{tr(lang, "育成中の候補者はいません。", "No training in progress.")}</p> },
    );
    view! {
        <Title text=title/>
        <section class="page training">
            <h1>{title}</h1>
            <SavedNotice/>
            {refusal!(SignOffStep, lang)}
            {none}
            <h2>{tr(lang, "自分の育成", "My training")}</h2>
            <ul>{mine}</ul>
            <h2>{tr(lang, "担当する候補者", "Candidates I mentor")}</h2>
            <ul>{mentees}</ul>
        </section>
    }
}
