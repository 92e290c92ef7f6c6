//! The application form's optional "prefecture of residence" select, in
//! its own file so the form's other pieces can change without it. Only
//! the organisers' dashboard reads the answer, counted by region with
//! small groups hidden.

use crate::components::form::problem_of;
use crate::components::lang::{locale_of, use_lang};
use crate::domain::application::prefecture::Prefecture;
use crate::domain::forms::FieldError;
use crate::i18n::td_string;
use leptos::prelude::*;

/// The select posted as `draft[prefecture]`: blank (not given), one of the
/// 47 prefectures north to south, outside Japan, or "prefer not to say".
#[component]
pub fn PrefectureField(
    /// The stored code to start with (blank: not given).
    value: String,
    /// The form's problems.
    errors: Signal<Vec<FieldError>>,
) -> impl IntoView {
    let lang = use_lang();
    let locale = locale_of(lang);
    let id = "apply-prefecture";
    let error_id = "apply-prefecture-error";
    let hint_id = "apply-prefecture-hint";
    let problem = move || problem_of(errors, "prefecture", lang);
    let described = move || {
        if problem().is_some() {
            format!("{hint_id} {error_id}")
        } else {
            hint_id.to_string()
        }
    };
    let options = Prefecture::ALL
        .into_iter()
        .map(|p| {
            let code = p.as_str();
            view! { <option value=code selected=value == code>{p.label(lang)}</option> }
        })
        .collect_view();
    view! {
        <div class="form-field">
            <label for=id>{td_string!(locale, application.apply_prefecture)}</label>
            <p class="muted" id=hint_id>{td_string!(locale, application.apply_prefecture_hint)}</p>
            <select id=id name="draft[prefecture]"
                aria-invalid=move || problem().is_some().then_some("true") aria-describedby=described>
                <option value="">{td_string!(locale, application.apply_prefecture_none)}</option>
                {options}
            </select>
            {move || problem().map(|m| view! { <p class="field-error" id=error_id>{m}</p> })}
        </div>
    }
}
