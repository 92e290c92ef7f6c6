//! Reminders and news by mail: the person's switch for non-essential mail
//! (reminders of drafts, reviews and events, organisers' announcements).
//! Mail they must get (sign-in notices, decisions, offers) always goes.

use crate::api::reminders::SaveMailPreference;
use crate::components::lang::{locale_of, use_lang};
use crate::i18n::td_string;
use leptos::prelude::*;
use server_fn::ServerFn;

/// Whether non-essential mail is on, and one button to switch it.
#[component]
pub fn MailPreference(opted_out: bool) -> impl IntoView {
    let locale = locale_of(use_lang());
    let (state, button, value) = if opted_out {
        (
            td_string!(locale, account.mail_opted_out),
            td_string!(locale, account.mail_turn_on),
            "yes",
        )
    } else {
        (
            td_string!(locale, account.mail_receiving),
            td_string!(locale, account.mail_turn_off),
            "no",
        )
    };
    view! {
        <section aria-labelledby="mail-heading">
            <h2 id="mail-heading">{td_string!(locale, account.mail_heading)}</h2>
            <p>{td_string!(locale, account.mail_lead)}</p>
            <p id="mail-state">{state}</p>
            <form method="post" action=SaveMailPreference::PATH class="edit-form">
                <input type="hidden" name="receive" value=value/>
                <button type="submit" class="button secondary">{button}</button>
            </form>
        </section>
    }
}
