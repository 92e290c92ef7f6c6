//! The notice a page shows after a successful save.

use crate::components::lang::{locale_of, use_lang};
use crate::i18n::td_string;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// "Saved." after a successful save (the server redirects with `?saved=1`).
#[component]
pub fn SavedNotice() -> impl IntoView {
    let locale = locale_of(use_lang());
    let query = use_query_map();
    move || {
        query.read().get("saved").map(
            |_| view! { <p class="notice" role="status">{td_string!(locale, common.saved)}</p> },
        )
    }
}
