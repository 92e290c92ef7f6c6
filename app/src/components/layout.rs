//! The frame of every page: skip link, header with navigation and language
//! switch, main landmark and footer.

use crate::api::identity::whoami;
use crate::components::lang::{locale_of, use_lang};
use crate::domain::lang::Lang;
use crate::domain::url::encode_query_value;
use crate::i18n::{t, t_string, td_string, use_i18n};
use leptos::prelude::*;
use leptos_router::hooks::use_location;

/// Wraps a page's content in the site's landmarks.
#[component]
pub fn Layout(children: Children) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <a class="skip-link" href="#main">{t!(i18n, common.skip_to_content)}</a>
        <header class="site-header">
            <div class="site-header-inner">
                <a class="brand" href="/">
                    <span class="brand-mark" aria-hidden="true">"◆"</span>
                    {t!(i18n, common.site_name)}
                </a>
                <nav class="main-nav" aria-label=move || t_string!(i18n, common.main_nav)>
                    <ul>
                        <li><a href="/">{t!(i18n, common.nav_programmes)}</a></li>
                        <li><a href="/events">{t!(i18n, common.nav_events)}</a></li>
                        <li><a href="/alumni">{t!(i18n, common.nav_alumni)}</a></li>
                    </ul>
                </nav>
                <UserMenu/>
                <LanguageSwitch/>
            </div>
        </header>
        <main id="main" tabindex="-1">{children()}</main>
        <footer class="site-footer">
            <p>{t!(i18n, common.footer_note)}</p>
            <p>{t!(i18n, common.times_in_jst)}</p>
        </footer>
    }
}

/// A link to the same page in the other language.
///
/// A plain link to `/lang/<tag>`, which sets the language cookie and sends
/// the browser back here: it works with and without JavaScript, and
/// `rel="external"` keeps the client-side router from intercepting it.
#[component]
fn LanguageSwitch() -> impl IntoView {
    let i18n = use_i18n();
    let other = match use_lang() {
        Lang::Ja => Lang::En,
        Lang::En => Lang::Ja,
    };
    let location = use_location();
    let href = move || {
        let (path, search) = (location.pathname.get(), location.search.get());
        let here = match (path.is_empty(), search.is_empty()) {
            (true, _) => "/".to_string(),
            (false, true) => path,
            (false, false) => format!("{path}?{search}"),
        };
        format!(
            "/lang/{}?next={}",
            other.as_str(),
            encode_query_value(&here)
        )
    };
    view! {
        <a
            class="lang-switch"
            href=href
            rel="external"
            hreflang=other.as_str()
            lang=other.as_str()
        >
            <span class="visually-hidden">{t!(i18n, common.language)} ": "</span>
            {t!(i18n, common.switch_language)}
        </a>
    }
}

/// The signed-in person's name (a link to their account page) and a
/// sign-out button, or a sign-in link.
///
/// Sign-out is a plain form post, so it works without JavaScript and ends
/// the session on the server before the page reloads.
#[component]
fn UserMenu() -> impl IntoView {
    let lang = use_lang();
    let locale = locale_of(lang);
    let viewer = Resource::new(|| (), |_| whoami());
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match viewer.await {
                    Ok(Some(v)) => {
                        let name = match v.name.get(lang) {
                            "" => td_string!(locale, common.account_menu).to_string(),
                            name => name.to_string(),
                        };
                        let manage = (v.is_organiser || v.is_admin).then(|| {
                            view! { <a href="/manage">{td_string!(locale, common.manage)}</a> }
                        });
                        let admin = v.is_admin.then(|| {
                            view! { <a href="/admin/organisers">{td_string!(locale, common.admin_menu)}</a> }
                        });
                        view! {
                            <div class="user-menu">
                                {manage}
                                {admin}
                                <a class="user-name" href="/account">
                                    <span class="visually-hidden">{td_string!(locale, common.signed_in_as)} ": "</span>
                                    {name}
                                </a>
                                <form method="post" action="/auth/sign-out">
                                    <button type="submit" class="link-button">{td_string!(locale, common.sign_out)}</button>
                                </form>
                            </div>
                        }
                            .into_any()
                    }
                    _ => view! { <a class="sign-in-link" href="/sign-in">{td_string!(locale, common.sign_in)}</a> }.into_any(),
                }
            })}
        </Suspense>
    }
}
