//! `/tutor-calls`: the open calls for tutors; alumni volunteer with a short
//! statement, anyone else is told why they may not.

use super::tr;
use crate::api::tutor_calls::{Volunteer, get_tutor_calls};
use crate::components::lang::use_lang;
use crate::components::loaded::loaded;
use crate::components::refusal::refusal;
use crate::components::saved_notice::SavedNotice;
use crate::domain::lang::Lang;
use crate::domain::rosters::rules::MAX_STATEMENT;
use crate::domain::rosters::view::OpenCall;
use leptos::prelude::*;
use leptos_meta::Title;
use server_fn::ServerFn;

/// The open tutor calls for the signed-in person.
#[component]
pub fn TutorCallsPage() -> impl IntoView {
    let lang = use_lang();
    let data = Resource::new(|| (), |()| get_tutor_calls());
    let title = tr(lang, "チューター募集", "Tutor calls");
    view! {
        <Title text=title/>
        <section class="page tutor-calls">
            <h1>{title}</h1>
            <p>{tr(lang, "チューターは修了生が務めます。応募できる募集には応募欄が表示されます。", "Tutors are past participants: alumni see a form on the calls they may volunteer for.")}</p>
            <SavedNotice/>
            {refusal!(Volunteer, lang)}
            {loaded(data, move |calls| calls_view(calls, lang))}
        </section>
    }
}

fn calls_view(calls: Vec<OpenCall>, lang: Lang) -> impl IntoView {
    if calls.is_empty() {
        return view! { <p>{tr(lang, "募集中のチューター募集はありません。", "There are no open tutor calls.")}</p> }
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
        tr(lang, "残り", "places left"),
        c.places_left
    );
    let body = match (c.mine, c.blocked) {
        (Some(status), _) => view! {
            <p class="status" role="status">{tr(lang, "応募済み：", "You volunteered: ")} {status.label(lang)}</p>
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
                        <label for=id.clone()>{tr(lang, "ひとこと（志望の理由など）", "A short statement (why you would like to tutor)")}</label>
                        <textarea id=id name="statement" rows="3" maxlength=MAX_STATEMENT required></textarea>
                    </div>
                    <button type="submit" class="button">{tr(lang, "チューターに応募する", "Volunteer as tutor")}</button>
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
