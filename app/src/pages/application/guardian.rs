//! `/guardian/<token>`: a guardian consents or refuses, without an account.
//! The link works once; used, expired and unknown links say so (410/404).

use crate::api::application::{AnswerGuardianRequest, get_guardian_request};
use crate::components::form::field_errors;
use crate::components::lang::{locale_of, use_lang};
use crate::components::loaded::loaded;
use crate::components::route_params::param;
use crate::domain::application::form::GuardianRequest;
use crate::domain::lang::Lang;
use crate::domain::time::{format_date_range, format_datetime};
use crate::i18n::td_string;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use server_fn::ServerFn;

/// The guardian's consent page.
#[component]
pub fn GuardianPage() -> impl IntoView {
    let lang = use_lang();
    let locale = locale_of(lang);
    let token = param("token");
    let done = use_query_map().read_untracked().get("done");
    view! {
        <Title text=td_string!(locale, application.guardian_title)/>
        <section class="page guardian">
            <h1>{td_string!(locale, application.guardian_title)}</h1>
            {match done {
                Some(answer) => {
                    let text = if answer == "consent" {
                        td_string!(locale, application.guardian_done_consent)
                    } else {
                        td_string!(locale, application.guardian_done_refuse)
                    };
                    view! { <p class="notice" role="status">{text}</p> }.into_any()
                }
                None => {
                    let data = Resource::new(token, get_guardian_request);
                    loaded(data, move |r| request(r, token(), lang)).into_any()
                }
            }}
        </section>
    }
}

fn request(r: GuardianRequest, token: String, lang: Lang) -> impl IntoView {
    let locale = locale_of(lang);
    let action = ServerAction::<AnswerGuardianRequest>::new();
    let problem = move || {
        field_errors(action.value().get())
            .first()
            .map(|e| e.problem.message(lang))
    };
    let t = &r.track;
    let place = format!(
        "{} {} – {}",
        t.programme.name.get(lang),
        t.cohort_title.get(lang),
        t.track_name.get(lang)
    );
    view! {
        <p>{td_string!(locale, application.guardian_lead)}</p>
        <dl class="facts">
            <div><dt>{td_string!(locale, application.guardian_applicant)}</dt><dd>{r.applicant.get(lang).to_string()}</dd></div>
            <div><dt>{td_string!(locale, application.apply_track)}</dt><dd>{place}</dd></div>
            <div><dt>{td_string!(locale, application.guardian_dates)}</dt><dd>{format_date_range(t.starts_at, t.ends_at, lang)}</dd></div>
            <div><dt>{td_string!(locale, application.guardian_expires)}</dt><dd>{format_datetime(r.expires_at, lang)}</dd></div>
        </dl>
        <form method="post" action=AnswerGuardianRequest::PATH class="edit-form">
            <input type="hidden" name="token" value=token/>
            <div class="form-field">
                <label for="guardian-name">{td_string!(locale, application.guardian_signed_name)}</label>
                <input id="guardian-name" name="signed_name" type="text" value=r.guardian_name autocomplete="name"/>
            </div>
            {move || problem().map(|m| view! { <p class="field-error" role="alert">{m}</p> })}
            <div class="actions">
                <button type="submit" class="button" name="answer" value="consent">{td_string!(locale, application.guardian_consent)}</button>
                <button type="submit" class="button secondary" name="answer" value="refuse">{td_string!(locale, application.guardian_refuse)}</button>
            </div>
        </form>
    }
}
