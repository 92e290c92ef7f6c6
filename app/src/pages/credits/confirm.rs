//! `/credits/confirm/<token>`: a supervisor approves or declines a
//! reported activity, without an account. The link works once; a used or
//! expired one says so and changes nothing.

use crate::api::credits::{AnswerConfirmation, get_confirmation};
use crate::components::lang::{locale_of, use_lang};
use crate::components::loaded::loaded;
use crate::components::refusal::refusal;
use crate::components::route_params::param;
use crate::domain::credits::ConfirmPage;
use crate::domain::events::rules::format_tenths;
use crate::domain::forms::Problem;
use crate::domain::lang::Lang;
use crate::domain::time::format_datetime;
use crate::i18n::td_string;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use server_fn::ServerFn;

/// The page a supervisor's link opens.
#[component]
pub fn ConfirmCreditPage() -> impl IntoView {
    let lang = use_lang();
    let token = param("token");
    let done = use_query_map().read_untracked().get("done");
    let title = td_string!(locale_of(lang), credits.confirm_an_activity);
    view! {
        <Title text=title/>
        <section class="page confirm-credit">
            <h1>{title}</h1>
            {match done {
                Some(answer) => {
                    let text = if answer == "confirm" {
                        td_string!(locale_of(lang), credits.approved_thank_you)
                    } else {
                        td_string!(locale_of(lang), credits.declined_thank_you)
                    };
                    view! { <p class="notice" role="status">{text}</p> }.into_any()
                }
                None => {
                    let data = Resource::new(token, get_confirmation);
                    view! {
                        {refusal!(AnswerConfirmation, lang)}
                        {loaded(data, move |c| confirm_view(c, token(), lang))}
                    }
                    .into_any()
                }
            }}
        </section>
    }
}

fn confirm_view(c: ConfirmPage, token: String, lang: Lang) -> impl IntoView {
    let link = (!c.evidence_link.is_empty()).then(|| {
        view! { <div><dt>{td_string!(locale_of(lang), credits.evidence_link)}</dt><dd>{c.evidence_link.clone()}</dd></div> }
    });
    let facts = view! {
        <dl class="facts">
            <div><dt>{td_string!(locale_of(lang), credits.reported_by)}</dt><dd>{c.person.clone()}</dd></div>
            <div><dt>{td_string!(locale_of(lang), credits.activity)}</dt><dd>{c.title.clone()}</dd></div>
            <div><dt>{td_string!(locale_of(lang), credits.date)}</dt><dd>{c.earned_on.to_string()}</dd></div>
            <div><dt>{td_string!(locale_of(lang), credits.hours)}</dt><dd>{format_tenths(c.tenths)}</dd></div>
            <div><dt>{td_string!(locale_of(lang), credits.evidence)}</dt><dd>{c.evidence.clone()}</dd></div>
            {link}
            <div><dt>{td_string!(locale_of(lang), credits.supervisor)}</dt><dd>{c.supervisor.clone()}</dd></div>
            <div><dt>{td_string!(locale_of(lang), credits.link_works_until)}</dt><dd>{format_datetime(c.expires_at, lang)}</dd></div>
        </dl>
    };
    if !c.open {
        return view! {
            {facts}
            <p class="alert" role="alert">{Problem::ConfirmationUsed.message(lang)}</p>
        }
        .into_any();
    }
    view! {
        {facts}
        <form method="post" action=AnswerConfirmation::PATH class="edit-form">
            <input type="hidden" name="token" value=token/>
            <div class="actions">
                <button type="submit" class="button" name="answer" value="confirm">{td_string!(locale_of(lang), credits.approve)}</button>
                <button type="submit" class="button secondary" name="answer" value="decline">{td_string!(locale_of(lang), credits.decline)}</button>
            </div>
        </form>
    }
    .into_any()
}
