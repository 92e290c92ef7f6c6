//! `/manage/<programme>/candidates`: the programme's training steps, each
//! candidate's mentor and progress, and who is ready to promote.

use super::manage_crumbs;
use super::person::steps_list;
use crate::api::pipeline::{
    AddTrainingStep, AssignMentor, ChangeStage, RemoveTrainingStep, get_candidates,
};
use crate::components::breadcrumbs::Breadcrumbs;
use crate::components::lang::{locale_of, use_lang};
use crate::components::loaded::loaded;
use crate::components::refusal::refusal;
use crate::components::route_params::param;
use crate::components::saved_notice::SavedNotice;
use crate::domain::lang::Lang;
use crate::domain::pipeline::view::{CandidateRow, CandidatesPage as Data};
use crate::i18n::td_string;
use leptos::prelude::*;
use leptos_meta::Title;
use server_fn::ServerFn;

/// The candidate support page of a programme.
#[component]
pub fn CandidatesPage() -> impl IntoView {
    let lang = use_lang();
    let data = Resource::new(param("programme"), get_candidates);
    loaded(data, move |d| page(d, lang))
}

fn candidate(p: &str, c: &CandidateRow, lang: Lang) -> impl IntoView + use<> {
    let mentor = c.mentor.as_ref().map_or(
        td_string!(locale_of(lang), pipeline.none_yet).to_string(),
        |m| m.get(lang).to_string(),
    );
    let email_id = format!("mentor-{}", c.account_id);
    let promote = c
        .ready
        .then(|| c.stage.promotes_to())
        .flatten()
        .map(|to| {
            view! {
                <form method="post" action=ChangeStage::PATH class="inline-form">
                    <input type="hidden" name="programme" value=p.to_string()/>
                    <input type="hidden" name="account" value=c.account_id/>
                    <input type="hidden" name="stage" value=to.as_str()/>
                    <input type="hidden" name="reason" value=""/>
                    <button type="submit" class="button">{td_string!(locale_of(lang), pipeline.promote_to)} " " {to.label(lang)}</button>
                </form>
            }
        });
    let ready = c
        .ready
        .then(|| view! { <strong class="badge">{td_string!(locale_of(lang), pipeline.ready_to_promote)}</strong> });
    view! {
        <li class="candidate">
            <h3><a href=format!("/manage/{p}/people/{}", c.account_id)>{c.name.get(lang).to_string()}</a></h3>
            <p>{c.stage.label(lang)} " " {ready}</p>
            <p>{td_string!(locale_of(lang), pipeline.mentor)} " " {mentor}</p>
            <ul>{steps_list(&c.steps, lang)}</ul>
            <form method="post" action=AssignMentor::PATH class="inline-form">
                <input type="hidden" name="programme" value=p.to_string()/>
                <input type="hidden" name="candidate" value=c.account_id/>
                <label for=email_id.clone()>{td_string!(locale_of(lang), pipeline.mentor_s_email)}</label>
                <input id=email_id type="email" name="email" required/>
                <button type="submit" class="button secondary">{td_string!(locale_of(lang), pipeline.assign_mentor)}</button>
            </form>
            {promote}
        </li>
    }
}

fn page(d: Data, lang: Lang) -> impl IntoView {
    let p = d.programme.slug.clone();
    let crumbs = manage_crumbs(
        lang,
        &d.programme,
        None,
        td_string!(locale_of(lang), pipeline.candidate_support).into(),
    );
    let title = td_string!(locale_of(lang), pipeline.candidate_support);
    let steps = d
        .steps
        .iter()
        .map(|s| {
            let label = format!(
                "{} {}",
                td_string!(locale_of(lang), pipeline.remove_colon),
                s.name.get(lang)
            );
            view! {
                <li>
                    {s.name.get(lang).to_string()} " "
                    <form method="post" action=RemoveTrainingStep::PATH class="inline-form">
                        <input type="hidden" name="programme" value=p.clone()/>
                        <input type="hidden" name="step" value=s.id/>
                        <button type="submit" class="link-button danger" aria-label=label>
                            {td_string!(locale_of(lang), pipeline.remove)}
                        </button>
                    </form>
                </li>
            }
        })
        .collect_view();
    let ready = d.candidates.iter().filter(|c| c.ready).count();
    let candidates = d
        .candidates
        .iter()
        .map(|c| candidate(&p, c, lang))
        .collect_view();
    view! {
        <Title text=title/>
        <Breadcrumbs crumbs/>
        <section class="page manage candidates">
            <h1>{title}</h1>
            <SavedNotice/>
            {refusal!(AssignMentor, lang)}
            {refusal!(ChangeStage, lang)}
            <h2>{td_string!(locale_of(lang), pipeline.training_steps)}</h2>
            {refusal!(RemoveTrainingStep, lang)}
            <ol>{steps}</ol>
            <form method="post" action=AddTrainingStep::PATH class="edit-form">
                {refusal!(AddTrainingStep, lang)}
                <input type="hidden" name="programme" value=p.clone()/>
                <div class="pair">
                    <div class="form-field"><label for="step-ja">{td_string!(locale_of(lang), common.f_name_ja)}</label><input id="step-ja" type="text" name="name_ja" required/></div>
                    <div class="form-field"><label for="step-en">{td_string!(locale_of(lang), common.f_name_en)}</label><input id="step-en" type="text" name="name_en"/></div>
                </div>
                <button type="submit" class="button">{td_string!(locale_of(lang), pipeline.add_step)}</button>
            </form>
            <h2>{td_string!(locale_of(lang), pipeline.candidates)}</h2>
            <p id="ready-count">{td_string!(locale_of(lang), pipeline.ready_to_promote_colon)} " " {ready}</p>
            <ul class="candidate-list">{candidates}</ul>
        </section>
    }
}
