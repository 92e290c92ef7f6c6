//! `/tutor-calls`: the open calls for tutors; alumni volunteer with a short
//! statement, anyone else is told why they may not.

use crate::api::tutor_calls::{Volunteer, get_tutor_calls};
use crate::components::lang::{locale_of, use_lang};
use crate::components::loaded::loaded;
use crate::components::refusal::refusal;
use crate::components::saved_notice::SavedNotice;
use crate::domain::lang::Lang;
use crate::domain::rosters::rules::MAX_STATEMENT;
use crate::domain::rosters::view::OpenCall;
use crate::i18n::td_string;
use leptos::prelude::*;
use leptos_meta::Title;
use server_fn::ServerFn;

/// The open tutor calls for the signed-in person.
#[component]
pub fn TutorCallsPage() -> impl IntoView {
    let lang = use_lang();
    let data = Resource::new(|| (), |()| get_tutor_calls());
    let title = td_string!(locale_of(lang), rosters.tutor_calls);
    view! {
        <Title text=title/>
        <section class="page tutor-calls">
            <h1>{title}</h1>
            <p>{td_string!(locale_of(lang), rosters.tutors_are_past_participants_alumni)}</p>
            <SavedNotice/>
            {refusal!(Volunteer, lang)}
            {loaded(data, move |calls| calls_view(calls, lang))}
        </section>
    }
}

fn calls_view(calls: Vec<OpenCall>, lang: Lang) -> impl IntoView {
    if calls.is_empty() {
        return view! { <p>{td_string!(locale_of(lang), rosters.there_are_no_open_tutor)}</p> }
            .into_any();
    }
    calls
        .into_iter()
        .map(|c| call_view(c, lang))
        .collect_view()
        .into_any()
}

fn call_view(c: OpenCall, lang: Lang) -> impl IntoView {
    let head = format!(
        "{} · {} {}",
        c.label.get(lang),
        td_string!(locale_of(lang), rosters.places_left),
        c.places_left
    );
    let body = match (c.mine, c.blocked) {
        (Some(status), _) => view! {
            <p class="status" role="status">{td_string!(locale_of(lang), rosters.you_volunteered)} {status.label(lang)}</p>
        }
        .into_any(),
        (None, Some(problem)) => {
            view! { <p class="why-not">{problem.message(lang)}</p> }.into_any()
        }
        (None, None) => {
            let id = format!("statement-{}", c.id);
            view! {
                <form method="post" action=Volunteer::PATH class="edit-form">
                    <input type="hidden" name="call" value=c.id/>
                    <div class="form-field">
                        <label for=id.clone()>{td_string!(locale_of(lang), rosters.why_tutor_statement)}</label>
                        <textarea id=id name="statement" rows="3" maxlength=MAX_STATEMENT required></textarea>
                    </div>
                    <button type="submit" class="button">{td_string!(locale_of(lang), rosters.volunteer_as_tutor)}</button>
                </form>
            }
            .into_any()
        }
    };
    view! {
        <article class="tutor-call" data-call=c.id>
            <h2>{head}</h2>
            <p>{c.note}</p>
            {body}
        </article>
    }
}
