//! "Download my data" and "delete my account".

use crate::api::account::{DeleteMyAccount, ExportMyData};
use crate::components::form::field_errors;
use crate::components::lang::{locale_of, use_lang};
use crate::i18n::td_string;
use leptos::prelude::*;
use server_fn::ServerFn;

/// A link that downloads everything held about the person as JSON.
#[component]
pub fn YourData() -> impl IntoView {
    let locale = locale_of(use_lang());
    view! {
        <section aria-labelledby="data-heading">
            <h2 id="data-heading">{td_string!(locale, account.your_data)}</h2>
            <p>{td_string!(locale, account.your_data_lead)}</p>
            // `download` and `rel=external`: the browser saves the file and
            // the client-side router leaves the link alone.
            <a class="button secondary" href=ExportMyData::PATH download="" rel="external">
                {td_string!(locale, account.download_json)}
            </a>
        </section>
    }
}

/// Deleting the account, after ticking a confirmation box.
#[component]
pub fn DeleteAccount() -> impl IntoView {
    let lang = use_lang();
    let locale = locale_of(lang);
    let action = ServerAction::<DeleteMyAccount>::new();
    let problem = move || {
        field_errors(action.value().get())
            .first()
            .map(|e| e.problem.message(lang))
    };
    let invalid = move || problem().is_some().then_some("true");
    let described = move || problem().is_some().then_some("delete-confirm-error");
    view! {
        <section aria-labelledby="delete-heading" class="danger-zone">
            <h2 id="delete-heading">{td_string!(locale, account.delete_account)}</h2>
            <p>{td_string!(locale, account.delete_account_lead)}</p>
            <form method="post" action=DeleteMyAccount::PATH class="edit-form">
                <div class="form-field checkbox">
                    <input id="delete-confirm" type="checkbox" name="confirm" value="yes"
                        aria-invalid=invalid aria-describedby=described/>
                    <label for="delete-confirm">{td_string!(locale, account.delete_confirm)}</label>
                </div>
                {move || problem().map(|m| view! { <p class="field-error" id="delete-confirm-error">{m}</p> })}
                <button type="submit" class="button danger">{td_string!(locale, account.delete_button)}</button>
            </form>
        </section>
    }
}
