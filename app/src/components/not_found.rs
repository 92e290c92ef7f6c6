//! The 404 page, for unknown paths and for records that do not exist.

use crate::components::error_view::set_status;
use crate::components::lang::{locale_of, use_lang};
use crate::i18n::{t, td_string, use_i18n};
use leptos::prelude::*;
use leptos_meta::Title;

/// Tells the person the page does not exist and answers with status 404.
#[component]
pub fn NotFoundPage() -> impl IntoView {
    set_status(404);
    let i18n = use_i18n();
    view! {
        <Title text=td_string!(locale_of(use_lang()), common.not_found_title)/>
        <section class="page not-found">
            <h1>{t!(i18n, common.not_found_title)}</h1>
            <p>{t!(i18n, common.not_found_body)}</p>
            <p><a class="button" href="/">{t!(i18n, common.back_home)}</a></p>
        </section>
    }
}
