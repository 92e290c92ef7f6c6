//! `/account`: the signed-in person's own account — profile, mail
//! preference, sign-in methods, "download my data" and deletion; and the
//! opt-out page of a mail's link.
//!
//! Every form here is a plain form post, with or without JavaScript: saving
//! may change the page language and deleting ends the session, and both
//! need a full page load to show. A refused post comes back to this page
//! with the problem, which each form reads from its server action.

mod delete;
mod identities;
mod mail;
mod profile;
mod unsubscribe;

pub use unsubscribe::UnsubscribePage;

use crate::api::account::get_my_account;
use crate::components::lang::{locale_of, use_lang};
use crate::components::loaded::loaded;
use crate::components::saved_notice::SavedNotice;
use crate::i18n::td_string;
use leptos::prelude::*;
use leptos_meta::Title;

/// The account page.
#[component]
pub fn AccountPage() -> impl IntoView {
    let lang = use_lang();
    let locale = locale_of(lang);
    let account = Resource::new(|| (), |_| get_my_account());
    view! {
        <Title text=td_string!(locale, account.my_account)/>
        <section class="page account">
            <h1>{td_string!(locale, account.my_account)}</h1>
            <SavedNotice/>
            <p><a href="/training">{td_string!(locale_of(lang), account.training_candidates_and_mentors)}</a></p>
            {loaded(account, move |a| {
                view! {
                    <profile::ProfileForm account=a.clone()/>
                    <p>
                        <a href="/account/availability">{td_string!(locale_of(lang), account.open_to_tutoring_or_lecturing)}</a>
                        " · "
                        <a href="/tutor-calls">{td_string!(locale_of(lang), account.tutor_calls)}</a>
                        " · "
                        <a href="/account/certificates">{td_string!(locale_of(lang), account.certificates)}</a>
                        " · "
                        <a href="/account/credits">{td_string!(locale_of(lang), account.activity_credits)}</a>
                        " · "
                        <a href="/account/alumni">{td_string!(locale_of(lang), account.alumni_profile)}</a>
                    </p>
                    <mail::MailPreference opted_out=a.mail_opt_out/>
                    <identities::SignInMethods account=a/>
                    <delete::YourData/>
                    <delete::DeleteAccount/>
                }
            })}
        </section>
    }
}
