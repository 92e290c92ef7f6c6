//! The announcement form (new, and a draft's edit) and the alert of a
//! refused post, each problem named by its field: a line number means
//! little without knowing which of the four texts it is in.

use crate::api::announce::SaveAnnouncement;
use crate::components::lang::locale_of;
use crate::components::text::textarea_html;
use crate::domain::announce::view::{AnnouncementForm, SegmentChoice};
use crate::domain::announce::{MAX_BODY, MAX_SUBJECT};
use crate::domain::lang::Lang;
use crate::error::AppError;
use crate::i18n::{Locale, td_string};
use leptos::prelude::*;
use server_fn::ServerFn;

/// The label of the form's field `name`.
pub fn field_label(name: &str, locale: Locale) -> &'static str {
    match name {
        "segment" => td_string!(locale, announce.segment),
        "subject_ja" => td_string!(locale, announce.subject_ja),
        "subject_en" => td_string!(locale, announce.subject_en),
        "body_ja" => td_string!(locale, announce.body_ja),
        "body_en" => td_string!(locale, announce.body_en),
        _ => "",
    }
}

/// Each problem of `e`, prefixed with its field's label when it has one.
pub fn problem_lines(e: &AppError, lang: Lang) -> Vec<String> {
    match e {
        AppError::Invalid(problems) if !problems.is_empty() => problems
            .iter()
            .map(|p| {
                let label = field_label(&p.field, locale_of(lang));
                let message = p.problem.message(lang);
                if label.is_empty() {
                    message
                } else {
                    format!("{label}: {message}")
                }
            })
            .collect(),
        other => vec![other.message(lang).to_string()],
    }
}

/// The alert of a refused post of the server function `$fn`'s form, one
/// line per problem (a plain post's refusal is read from the URL too).
macro_rules! refusal {
    ($fn:ty, $lang:expr) => {{
        let action = ServerAction::<$fn>::new();
        let lang = $lang;
        move || match action.value().get() {
            Some(Err(e)) => Some(view! {
                <div class="alert" role="alert">
                    <ul>
                        {$crate::pages::announce::form::problem_lines(&e, lang)
                            .into_iter()
                            .map(|l| view! { <li>{l}</li> })
                            .collect_view()}
                    </ul>
                </div>
            }),
            _ => None,
        }
    }};
}
pub(crate) use refusal;

fn text(name: &'static str, value: String, lang: Lang) -> impl IntoView {
    let id = format!("announcement-{name}");
    view! {
        <div class="form-field">
            <label for=id.clone()>{field_label(name, locale_of(lang))}</label>
            <input type="text" id=id name=format!("draft[{name}]") value=value maxlength=MAX_SUBJECT required/>
        </div>
    }
}

fn area(name: &'static str, value: String, lang: Lang) -> impl IntoView {
    let id = format!("announcement-{name}");
    view! {
        <div class="form-field">
            <label for=id.clone()>{field_label(name, locale_of(lang))}</label>
            <textarea id=id name=format!("draft[{name}]") rows="8" maxlength=MAX_BODY required
                inner_html=textarea_html(&value)></textarea>
        </div>
    }
}

/// The form of `f` (a new announcement when `f.id` is none) in programme
/// `programme`, offering `choices` as its recipients.
pub fn announcement_form(
    programme: &str,
    f: AnnouncementForm,
    choices: &[SegmentChoice],
    lang: Lang,
) -> impl IntoView + use<> {
    let locale = locale_of(lang);
    let known = choices.iter().any(|c| c.segment.key() == f.segment);
    let options = choices
        .iter()
        .map(|c| {
            let key = c.segment.key();
            let selected = key == f.segment;
            view! { <option value=key selected=selected>{c.label(lang)}</option> }
        })
        .collect_view();
    let variables = [
        ("name", td_string!(locale, announce.var_name)),
        ("programme", td_string!(locale, announce.var_programme)),
        ("cohort", td_string!(locale, announce.var_cohort)),
        ("track", td_string!(locale, announce.var_track)),
        ("event", td_string!(locale, announce.var_event)),
    ]
    .into_iter()
    .map(|(v, what)| view! { <li><code>{format!("{{{{ {v} }}}}")}</code> " " {what}</li> })
    .collect_view();
    view! {
        <form method="post" action=SaveAnnouncement::PATH class="edit-form announcement-form">
            <input type="hidden" name="programme" value=programme.to_string()/>
            {f.id.map(|id| view! { <input type="hidden" name="draft[id]" value=id/> })}
            <div class="form-field">
                <label for="announcement-segment">{td_string!(locale, announce.segment)}</label>
                <select id="announcement-segment" name="draft[segment]" required>
                    <option value="" selected=!known>{td_string!(locale, announce.choose)}</option>
                    {options}
                </select>
            </div>
            {text("subject_ja", f.subject_ja, lang)}
            {area("body_ja", f.body_ja, lang)}
            {text("subject_en", f.subject_en, lang)}
            {area("body_en", f.body_en, lang)}
            <p>{td_string!(locale, announce.variables)}</p>
            <ul class="variables">{variables}</ul>
            <p>{td_string!(locale, announce.plain_text)}</p>
            <button type="submit" class="button">{td_string!(locale, announce.preview)}</button>
        </form>
    }
}
