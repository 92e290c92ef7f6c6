//! `/unsubscribe/<token>`: the opt-out link of a non-essential mail. No
//! sign-in: the page asks, and only the posted form (or a mail program's
//! one-click post) opts out, since mail scanners open links. Unknown
//! tokens are not found.

use crate::api::reminders::{ConfirmOptOut, get_opt_out_link};
use crate::components::lang::{locale_of, use_lang};
use crate::components::loaded::loaded;
use crate::components::route_params::param;
use crate::domain::lang::Lang;
use crate::domain::reminders::OptOutLink;
use crate::i18n::td_string;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use server_fn::ServerFn;

/// The opt-out page.
#[component]
pub fn UnsubscribePage() -> impl IntoView {
    let lang = use_lang();
    let locale = locale_of(lang);
    let token = param("token");
    let done = use_query_map().read_untracked().get("done").is_some();
    let data = Resource::new(token, get_opt_out_link);
    view! {
        <Title text=td_string!(locale, account.unsubscribe_title)/>
        <section class="page unsubscribe">
            <h1>{td_string!(locale, account.unsubscribe_title)}</h1>
            {loaded(data, move |l| ask(l, token(), done, lang))}
        </section>
    }
}

fn ask(l: OptOutLink, token: String, done: bool, lang: Lang) -> impl IntoView {
    let locale = locale_of(lang);
    let back_on = view! {
        <p>{td_string!(locale, account.unsubscribe_back_on)} " "
            <a href="/account#mail-heading">{td_string!(locale, account.my_account)}</a></p>
    };
    if l.opted_out {
        let text = if done {
            td_string!(locale, account.unsubscribe_done)
        } else {
            td_string!(locale, account.unsubscribe_already)
        };
        return view! { <p class="notice" role="status">{text}</p> {back_on} }.into_any();
    }
    view! {
        <p>{td_string!(locale, account.unsubscribe_lead)}</p>
        <form method="post" action=ConfirmOptOut::PATH class="edit-form">
            <input type="hidden" name="token" value=token/>
            <button type="submit" class="button">{td_string!(locale, account.unsubscribe_button)}</button>
        </form>
        {back_on}
    }
    .into_any()
}
