//! An application's answers as the people who review it read them: the
//! score sheet and the selection meeting show the same list. A file answer
//! is a download link with its type and size, never its uploaded name
//! (`store::review::sheet::answers` leaves the name out).

use crate::domain::application::files::{download_url as file_download_url, human_size};
use crate::domain::lang::Lang;
use crate::domain::review::view::Answer;
use crate::i18n::{Locale, td_string};
use leptos::prelude::*;

/// The `<dt>`/`<dd>` pairs of `answers`, for a `<dl class="answers">`.
pub fn answer_items(answers: Vec<Answer>, lang: Lang, locale: Locale) -> impl IntoView {
    answers
        .into_iter()
        .map(|a| {
            let file = a.file.map(|f| {
                view! {
                    <a href=file_download_url(f.id) rel="external" download="">{td_string!(locale, review.rv_file_download)}</a>
                    " (" {f.kind.label(lang)} ", " {human_size(f.size)} ")"
                }
            });
            view! { <dt>{a.prompt.get(lang).to_string()}</dt><dd class="answer">{a.value}{file}</dd> }
        })
        .collect_view()
}
