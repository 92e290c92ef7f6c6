//! The sign-in methods linked to the account, and links to add more.

use crate::api::account::UnlinkIdentity;
use crate::components::form::field_errors;
use crate::components::lang::{locale_of, use_lang};
use crate::domain::account::{AccountProfile, LinkedIdentity};
use crate::domain::lang::Lang;
use crate::domain::time::format_date;
use crate::i18n::{td, td_string};
use leptos::prelude::*;
use server_fn::ServerFn;

/// The linked identities, each with an unlink button, then the configured
/// providers not linked yet.
#[component]
pub fn SignInMethods(account: AccountProfile) -> impl IntoView {
    let lang = use_lang();
    let locale = locale_of(lang);
    let action = ServerAction::<UnlinkIdentity>::new();
    let problem = move || {
        field_errors(action.value().get())
            .first()
            .map(|e| view! { <p class="alert" role="alert">{e.problem.message(lang)}</p> })
    };
    let rows = account
        .identities
        .into_iter()
        .map(|i| identity_row(i, lang))
        .collect_view();
    let linkable = (!account.linkable.is_empty()).then(|| {
        let links = account
            .linkable
            .into_iter()
            .map(|p| {
                // The provider's sign-in, started while signed in, links the
                // identity to this account instead of making a new one.
                view! {
                    <li>
                        <a class="button secondary" rel="external" href=p.start_path>
                            {td!(locale, account.link_provider, provider = p.label)}
                        </a>
                    </li>
                }
            })
            .collect_view();
        view! {
            <h3>{td_string!(locale, account.link_another)}</h3>
            <ul class="providers">{links}</ul>
        }
    });
    view! {
        <section aria-labelledby="identities-heading">
            <h2 id="identities-heading">{td_string!(locale, account.sign_in_methods)}</h2>
            {problem}
            <div class="table-wrap" tabindex="0">
                <table>
                    <caption class="visually-hidden">{td_string!(locale, account.sign_in_methods)}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{td_string!(locale, account.provider)}</th>
                            <th scope="col">{td_string!(locale, account.linked_since)}</th>
                            <th scope="col"><span class="visually-hidden">{td_string!(locale, account.unlink)}</span></th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
            {linkable}
        </section>
    }
}

fn identity_row(i: LinkedIdentity, lang: Lang) -> impl IntoView {
    let locale = locale_of(lang);
    let label = format!("{} {}", td_string!(locale, account.unlink), i.label);
    view! {
        <tr>
            <td>{i.label}</td>
            <td>{format_date(i.linked_at, lang)}</td>
            <td>
                <form method="post" action=UnlinkIdentity::PATH>
                    <input type="hidden" name="identity" value=i.id/>
                    <button type="submit" class="link-button danger" aria-label=label>
                        {td_string!(locale, account.unlink)}
                    </button>
                </form>
            </td>
        </tr>
    }
}
