//! The administrators' pages, linked from each of them.

use crate::components::lang::{locale_of, use_lang};
use crate::i18n::td_string;
use leptos::prelude::*;

/// Links to every administrators' page (and the audit log they read).
#[component]
pub fn AdminNav() -> impl IntoView {
    let locale = locale_of(use_lang());
    view! {
        <nav class="admin-nav" aria-label=td_string!(locale, admin.admin_nav)>
            <ul class="link-list inline">
                <li><a href="/admin/programmes">{td_string!(locale, admin.programmes)}</a></li>
                <li><a href="/admin/fields">{td_string!(locale, admin.fields)}</a></li>
                <li><a href="/admin/organisers">{td_string!(locale, admin.organisers)}</a></li>
                <li><a href="/audit">{td_string!(locale, common.audit_log)}</a></li>
            </ul>
        </nav>
    }
}
