//! `/manage/history`: the history import for administrators and
//! organisers. A plain multipart form uploads a CSV file (no JavaScript
//! needed) to `/manage/history/upload`, which keeps it and sends the
//! browser to its preview ([`preview`]).

pub mod preview;

use crate::api::history::get_history_uploads;
use crate::components::lang::{locale_of, use_lang};
use crate::components::loaded::loaded;
use crate::domain::history::view::Upload;
use crate::domain::lang::Lang;
use crate::domain::time::format_datetime;
use crate::i18n::td_string;
use leptos::prelude::*;
use leptos_meta::Title;

/// Where the upload form posts (an axum route: server functions take no
/// multipart form without JavaScript).
pub const UPLOAD_PATH: &str = "/manage/history/upload";

/// The upload form and the files uploaded before.
#[component]
pub fn HistoryUploadPage() -> impl IntoView {
    let lang = use_lang();
    let locale = locale_of(lang);
    let data = Resource::new(|| (), |_| get_history_uploads());
    view! {
        <Title text=td_string!(locale, history.title)/>
        <section class="page manage history">
            <h1>{td_string!(locale, history.title)}</h1>
            <p class="lead">{td_string!(locale, history.lead)}</p>
            {loaded(data, move |uploads| page(uploads, lang))}
        </section>
    }
}

fn page(uploads: Vec<Upload>, lang: Lang) -> impl IntoView {
    let locale = locale_of(lang);
    let list = if uploads.is_empty() {
        view! { <p>{td_string!(locale, history.none)}</p> }.into_any()
    } else {
        let rows = uploads
            .into_iter()
            .map(|u| {
                let state = u.applied_at.map_or_else(
                    || td_string!(locale, history.not_applied).to_string(),
                    |t| format_datetime(t, lang),
                );
                view! {
                    <li>
                        <a href=format!("/manage/history/{}", u.id)>{u.file_name}</a>
                        " (" {format_datetime(u.uploaded_at, lang)} "; " {state} ")"
                    </li>
                }
            })
            .collect_view();
        view! { <ul class="uploads">{rows}</ul> }.into_any()
    };
    view! {
        <form method="post" action=UPLOAD_PATH enctype="multipart/form-data" class="upload-form">
            <p id="history-format">{td_string!(locale, history.format)}</p>
            <label for="history-file">{td_string!(locale, history.file)}</label>
            <input id="history-file" type="file" name="file" accept=".csv,text/csv" required aria-describedby="history-format"/>
            <button type="submit" class="button">{td_string!(locale, history.upload)}</button>
        </form>
        <h2>{td_string!(locale, history.uploads)}</h2>
        {list}
    }
}
