//! What a page shows when its data could not be had.

use crate::components::lang::{locale_of, use_lang};
use crate::components::not_found::NotFoundPage;
use crate::domain::url::encode_query_value;
use crate::error::AppError;
use crate::i18n::{t, td_string, use_i18n};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_location;

/// Sets the HTTP status of the response being rendered (server only).
pub fn set_status(code: u16) {
    #[cfg(feature = "ssr")]
    if let (Some(res), Ok(status)) = (
        use_context::<leptos_axum::ResponseOptions>(),
        http::StatusCode::from_u16(code),
    ) {
        res.set_status(status);
    }
    #[cfg(not(feature = "ssr"))]
    let _ = code;
}

/// The 404 page for a missing record, or a short apology with the right
/// status for anything else.
#[component]
pub fn ErrorView(error: AppError) -> impl IntoView {
    if error == AppError::NotFound {
        return view! { <NotFoundPage/> }.into_any();
    }
    set_status(error.status());
    let i18n = use_i18n();
    let lang = use_lang();
    let message = error.message(lang);
    // Sign in, then come back here.
    let location = use_location();
    let here = format!("{}{}", location.pathname.get_untracked(), {
        let search = location.search.get_untracked();
        if search.is_empty() {
            String::new()
        } else {
            format!("?{search}")
        }
    });
    let sign_in_here = format!("/sign-in?next={}", encode_query_value(&here));
    view! {
        <Title text=td_string!(locale_of(lang), common.error_title)/>
        <section class="page error-page" role="alert">
            <h1>{t!(i18n, common.error_title)}</h1>
            <p>{message}</p>
            {(error == AppError::SignInRequired).then(|| view! {
                <p><a class="button" href=sign_in_here>{t!(i18n, common.sign_in)}</a></p>
            })}
        </section>
    }
    .into_any()
}
