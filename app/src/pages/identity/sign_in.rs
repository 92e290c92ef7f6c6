//! `/sign-in`: the ways to sign in, and the demo accounts when enabled.

use crate::api::identity::get_sign_in_options;
use crate::components::lang::{locale_of, use_lang};
use crate::components::loaded::loaded;
use crate::domain::identity::{DemoAccount, SignInOptions};
use crate::domain::lang::Lang;
use crate::domain::url::{encode_query_value, local_path_or_root};
use crate::i18n::{t, td_string, use_i18n};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// The sign-in page.
#[component]
pub fn SignInPage() -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let query = use_query_map();
    let options = Resource::new(|| (), |_| get_sign_in_options());
    // Where the person was going before they were asked to sign in.
    let next = move || {
        query
            .read_untracked()
            .get("next")
            .map(|n| local_path_or_root(&n).to_string())
            .unwrap_or_else(|| "/".to_string())
    };
    // Why a sign-in was refused, when the person can do something about it.
    let error = move || {
        query.read().get("error").map(|code| {
            let locale = locale_of(lang);
            let message = match code.as_str() {
                "email-taken" => td_string!(locale, identity.sign_in_email_taken),
                "no-email" => td_string!(locale, identity.sign_in_no_email),
                _ => td_string!(locale, identity.sign_in_failed),
            };
            view! { <p class="alert" role="alert">{message}</p> }
        })
    };
    // After "delete my account" (which signs the person out and comes here).
    let deleted = move || {
        query.read().get("deleted").map(|_| {
            view! { <p class="notice" role="status">{td_string!(locale_of(lang), identity.account_deleted)}</p> }
        })
    };
    view! {
        <Title text=td_string!(locale_of(lang), common.sign_in)/>
        <section class="page sign-in">
            <h1>{t!(i18n, common.sign_in)}</h1>
            {deleted}
            {error}
            {loaded(options, move |o| options_view(o, lang, next()))}
        </section>
    }
}

fn options_view(o: SignInOptions, lang: Lang, next: String) -> impl IntoView {
    let locale = locale_of(lang);
    let start_query = format!("?next={}", encode_query_value(&next));
    let demo = (!o.demo_accounts.is_empty()).then(|| {
        view! {
            <section class="demo-sign-in" aria-labelledby="demo-heading">
                <h2 id="demo-heading">{td_string!(locale, identity.demo_sign_in)}</h2>
                <p class="muted">{td_string!(locale, identity.demo_sign_in_lead)}</p>
                <ul class="demo-accounts">
                    {o.demo_accounts.into_iter().map(|a| demo_form(a, lang, next.clone())).collect_view()}
                </ul>
            </section>
        }
    });
    let providers = if o.providers.is_empty() {
        view! { <p>{td_string!(locale, identity.no_providers)}</p> }.into_any()
    } else {
        // Plain links: the sign-in leaves the site for the provider and
        // comes back to its callback route, with or without JavaScript.
        view! {
            <ul class="providers">
                {o.providers
                    .into_iter()
                    .map(|p| view! {
                        <li>
                            <a class="button" rel="external" href=format!("{}{start_query}", p.start_path)>
                                {p.label} " " {td_string!(locale, identity.sign_in_with)}
                            </a>
                        </li>
                    })
                    .collect_view()}
            </ul>
        }
        .into_any()
    };
    view! {
        {providers}
        {demo}
    }
}

/// A plain form, so demo sign-in works without JavaScript and ends in a
/// full page load with the new session cookie.
fn demo_form(a: DemoAccount, lang: Lang, next: String) -> impl IntoView {
    let locale = locale_of(lang);
    view! {
        <li>
            <form method="post" action="/auth/demo">
                <input type="hidden" name="email" value=a.email/>
                <input type="hidden" name="next" value=next/>
                <button type="submit" class="button">
                    {a.name.get(lang).to_string()} " " {td_string!(locale, identity.sign_in_as)}
                </button>
            </form>
        </li>
    }
}
