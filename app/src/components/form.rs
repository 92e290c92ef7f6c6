//! Labelled form fields that show their own problems.

use crate::components::lang::{locale_of, use_lang};
use crate::components::text::textarea_html;
use crate::domain::forms::FieldError;
use crate::domain::lang::Lang;
use crate::error::AppError;
use crate::i18n::{Locale, td_string};
use leptos::prelude::*;

/// The problems of a form, from its action's last answer.
pub fn field_errors(result: Option<Result<(), AppError>>) -> Vec<FieldError> {
    match result {
        Some(Err(AppError::Invalid(errors))) => errors,
        _ => Vec::new(),
    }
}

/// The message for the problem of the field `name`, if it has one.
pub fn problem_of(errors: Signal<Vec<FieldError>>, name: &str, lang: Lang) -> Option<String> {
    errors
        .get()
        .into_iter()
        .find(|e| e.field == name)
        .map(|e| e.problem.message(lang))
}

/// The label of a form field, by the field's name.
pub fn field_label(name: &str, locale: Locale) -> &'static str {
    match name {
        "slug" => td_string!(locale, common.f_slug),
        "title_ja" => td_string!(locale, common.f_title_ja),
        "title_en" => td_string!(locale, common.f_title_en),
        "venue_ja" => td_string!(locale, common.f_venue_ja),
        "venue_en" => td_string!(locale, common.f_venue_en),
        "applications_open_at" => td_string!(locale, common.f_applications_open_at),
        "applications_close_at" => td_string!(locale, common.f_applications_close_at),
        "sessions_start_at" => td_string!(locale, common.f_sessions_start_at),
        "sessions_end_at" => td_string!(locale, common.f_sessions_end_at),
        "name_ja" => td_string!(locale, common.f_name_ja),
        "name_en" => td_string!(locale, common.f_name_en),
        "summary_ja" => td_string!(locale, common.f_summary_ja),
        "summary_en" => td_string!(locale, common.f_summary_en),
        "description_ja" => td_string!(locale, common.f_description_ja),
        "description_en" => td_string!(locale, common.f_description_en),
        "vector" => td_string!(locale, common.f_vector),
        "field" => td_string!(locale, common.f_field),
        "dss_role_ja" => td_string!(locale, common.f_dss_role_ja),
        "dss_role_en" => td_string!(locale, common.f_dss_role_en),
        "capacity" => td_string!(locale, common.f_capacity),
        "lecturer_target" => td_string!(locale, common.f_lecturer_target),
        "tutor_target" => td_string!(locale, common.f_tutor_target),
        "kind" => td_string!(locale, common.f_kind),
        "position" => td_string!(locale, common.f_position),
        _ => "",
    }
}

/// How a field is typed in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Input {
    /// One line of text.
    Text,
    /// Several lines.
    Area,
    /// A JST date and time.
    DateTime,
    /// A whole number.
    Count,
}

/// One labelled field of a form whose values are posted as `draft[<name>]`.
/// Its problem, if any, is shown under it and tied to it for screen readers.
#[component]
pub fn Field(
    /// The field's name in the draft.
    name: &'static str,
    /// The value to start with.
    value: String,
    /// How it is typed in.
    #[prop(default = Input::Text)]
    input: Input,
    /// Whether it must be filled in.
    #[prop(default = false)]
    required: bool,
    /// The form's current problems.
    errors: Signal<Vec<FieldError>>,
    /// A prefix making ids unique when a page has several forms.
    form: &'static str,
) -> impl IntoView {
    let lang = use_lang();
    let locale = locale_of(lang);
    let id = format!("{form}-{name}");
    let error_id = format!("{id}-error");
    let problem = move || problem_of(errors, name, lang);
    let invalid = move || problem().is_some().then_some("true");
    let described = {
        let error_id = error_id.clone();
        move || problem().is_some().then(|| error_id.clone())
    };
    let field_name = format!("draft[{name}]");
    let control = match input {
        Input::Area => view! {
            <textarea id=id.clone() name=field_name rows="5" required=required
                aria-invalid=invalid aria-describedby=described inner_html=textarea_html(&value)></textarea>
        }
        .into_any(),
        other => {
            let (kind, mode) = match other {
                Input::DateTime => ("datetime-local", None),
                Input::Count => ("number", Some("numeric")),
                _ => ("text", None),
            };
            view! {
                <input id=id.clone() name=field_name type=kind value=value required=required
                    inputmode=mode min=(other == Input::Count).then_some("0")
                    aria-invalid=invalid aria-describedby=described/>
            }
            .into_any()
        }
    };
    view! {
        <div class="form-field">
            <label for=id.clone()>{field_label(name, locale)}</label>
            {control}
            {move || problem().map(|m| view! { <p class="field-error" id=error_id.clone()>{m}</p> })}
        </div>
    }
}

/// A select among `choices` (value, label), with an empty "none" first
/// unless a choice is `required`.
#[component]
pub fn Choice(
    /// The field's name in the draft.
    name: &'static str,
    /// The selected value.
    value: String,
    /// The choices: (value, label).
    choices: Vec<(String, String)>,
    /// The form's current problems.
    errors: Signal<Vec<FieldError>>,
    /// A prefix making ids unique.
    form: &'static str,
    /// Whether one of the choices must be taken (no "none").
    #[prop(optional)]
    required: bool,
) -> impl IntoView {
    let lang: Lang = use_lang();
    let locale = locale_of(lang);
    let id = format!("{form}-{name}");
    let problem = move || problem_of(errors, name, lang);
    let options = choices
        .into_iter()
        .map(|(v, label)| {
            let selected = v == value;
            view! { <option value=v selected=selected>{label}</option> }
        })
        .collect_view();
    view! {
        <div class="form-field">
            <label for=id.clone()>{field_label(name, locale)}</label>
            <select id=id name=format!("draft[{name}]") required=required>
                {(!required).then(|| view! { <option value="">{td_string!(locale, common.choice_none)}</option> })}
                {options}
            </select>
            {move || problem().map(|m| view! { <p class="field-error">{m}</p> })}
        </div>
    }
}
