//! The profile form: name in both languages and the preferred language.

use crate::api::account::SaveMyAccount;
use crate::components::form::{Field, field_errors};
use crate::components::lang::{locale_of, use_lang};
use crate::domain::account::AccountProfile;
use crate::domain::lang::Lang;
use crate::i18n::td_string;
use leptos::prelude::*;
use server_fn::ServerFn;

/// Name (ja/en), the email it was made with, and the language.
#[component]
pub fn ProfileForm(account: AccountProfile) -> impl IntoView {
    let lang = use_lang();
    let locale = locale_of(lang);
    // Reads a refused save's problems from the URL it came back with.
    let action = ServerAction::<SaveMyAccount>::new();
    let errors = Signal::derive(move || field_errors(action.value().get()));
    let form = "profile";
    let options = [Lang::Ja, Lang::En]
        .into_iter()
        .map(|l| {
            // Each language by its own name, whatever the page's language.
            let label = td_string!(locale_of(l), common.language_name);
            let selected = l == account.language;
            view! { <option value=l.as_str() selected=selected lang=l.as_str()>{label}</option> }
        })
        .collect_view();
    view! {
        <section aria-labelledby="profile-heading">
            <h2 id="profile-heading">{td_string!(locale, account.profile)}</h2>
            <form method="post" action=SaveMyAccount::PATH class="edit-form" novalidate=true>
                {move || (!errors.get().is_empty()).then(|| view! {
                    <p class="alert" role="alert">{td_string!(locale, common.form_has_errors)}</p>
                })}
                <div class="form-field">
                    <span class="label">{td_string!(locale, common.email)}</span>
                    <p class="readonly" id="profile-email">{account.email}</p>
                    <p class="muted">{td_string!(locale, account.account_email_note)}</p>
                </div>
                <div class="pair">
                    <Field name="name_ja" value=account.name.ja errors form/>
                    <Field name="name_en" value=account.name.en errors form/>
                </div>
                <div class="form-field">
                    <label for="profile-language">{td_string!(locale, account.f_language)}</label>
                    <select id="profile-language" name="draft[language]">{options}</select>
                </div>
                <button type="submit" class="button">{td_string!(locale, common.save)}</button>
            </form>
        </section>
    }
}
