//! The pieces of the application form: a labelled profile field, and one
//! question with its answer control (text with a character count, choices,
//! an address, a file). Rendered on the server only: the form's island
//! (`super::autosave`) updates the counts and the upload progress in place.

use super::autosave::{upload_form_id, upload_progress_id};
use crate::components::form::problem_of;
use crate::components::lang::{locale_of, use_lang};
use crate::components::text::textarea_html;
use crate::domain::application::files::{
    FileAnswer, download_url as file_download_url, human_size,
};
use crate::domain::application::questions::{Question, QuestionKind, char_count, chosen};
use crate::domain::forms::FieldError;
use crate::i18n::td_string;
use leptos::prelude::*;

/// A labelled one-line field posted as `draft[<name>]`.
#[component]
pub fn ProfileField(
    /// The field's name in the draft.
    name: &'static str,
    /// Its label.
    label: &'static str,
    /// The value to start with.
    value: String,
    /// The input's type (`text`, `date`, `email`).
    #[prop(default = "text")]
    kind: &'static str,
    /// A hint under the label.
    #[prop(optional)]
    hint: Option<&'static str>,
    /// The form's problems.
    errors: Signal<Vec<FieldError>>,
) -> impl IntoView {
    let lang = use_lang();
    let id = format!("apply-{name}");
    let error_id = format!("{id}-error");
    let hint_id = format!("{id}-hint");
    let problem = move || problem_of(errors, name, lang);
    let described = {
        let (error_id, hint_id) = (error_id.clone(), hint_id.clone());
        move || {
            let mut ids = Vec::new();
            if hint.is_some() {
                ids.push(hint_id.clone());
            }
            if problem().is_some() {
                ids.push(error_id.clone());
            }
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    };
    view! {
        <div class="form-field">
            <label for=id.clone()>{label}</label>
            {hint.map(|h| view! { <p class="muted" id=hint_id.clone()>{h}</p> })}
            <input id=id.clone() name=format!("draft[{name}]") type=kind value=value
                aria-invalid=move || problem().is_some().then_some("true") aria-describedby=described/>
            {move || problem().map(|m| view! { <p class="field-error" id=error_id.clone()>{m}</p> })}
        </div>
    }
}

/// One question and its answer control, posted as `draft[answers][q<id>]`
/// (a multiple choice as one `q<id>_c<n>` per ticked choice).
#[component]
pub fn QuestionField(
    /// The question.
    question: Question,
    /// The answer to start with.
    value: String,
    /// The form's problems.
    errors: Signal<Vec<FieldError>>,
    /// Whether a file may still be uploaded (file questions).
    #[prop(default = true)]
    editable: bool,
) -> impl IntoView {
    let lang = use_lang();
    let locale = locale_of(lang);
    let field = question.field();
    let id = format!("apply-{field}");
    let error_id = format!("{id}-error");
    let name = format!("draft[answers][{field}]");
    let problem = {
        let field = field.clone();
        Signal::derive(move || problem_of(errors, &field, lang))
    };
    let invalid = move || problem.get().is_some().then_some("true");
    let prompt = question.prompt.get(lang).to_string();
    let required = question.required.then(|| {
        view! { <span class="required">{td_string!(locale, application.apply_required)}</span> }
    });
    let control = match question.kind {
        QuestionKind::LongText | QuestionKind::ShortText => {
            // `<id>-count` and its `.count`: the island sets the number as
            // the applicant types.
            let counter_id = format!("{id}-count");
            let counter = question.max_chars.map(|max| {
                view! {
                    <p class="counter muted" id=counter_id.clone() aria-live="polite">
                        <span class="count">{char_count(&value)}</span>
                        " / " {max} " " {td_string!(locale, application.apply_chars)}
                    </p>
                }
            });
            let described = question.max_chars.map(|_| counter_id.clone());
            let input = if question.kind == QuestionKind::LongText {
                view! {
                    <textarea id=id.clone() name=name rows="8"
                        aria-invalid=invalid aria-describedby=described inner_html=textarea_html(&value)></textarea>
                }
                .into_any()
            } else {
                view! {
                    <input id=id.clone() name=name type="text" value=value
                        aria-invalid=invalid aria-describedby=described/>
                }
                .into_any()
            };
            view! {
                <label for=id.clone()>{prompt.clone()} {required}</label>
                {input}
                {counter}
            }
            .into_any()
        }
        QuestionKind::File => file_control(&question, &value, editable, invalid).into_any(),
        QuestionKind::Url => view! {
            <label for=id.clone()>{prompt.clone()} {required}</label>
            <input id=id.clone() name=name type="url" value=value inputmode="url" aria-invalid=invalid/>
        }
        .into_any(),
        QuestionKind::SingleChoice | QuestionKind::MultipleChoice => {
            let multiple = question.kind == QuestionKind::MultipleChoice;
            let ticked = chosen(&value);
            let options = question
                .choices
                .iter()
                .enumerate()
                .map(|(i, c)| {
                    let option_id = format!("{id}-c{i}");
                    let (kind, name, value) = if multiple {
                        ("checkbox", format!("draft[answers][{field}_c{i}]"), "on".to_string())
                    } else {
                        ("radio", name.clone(), i.to_string())
                    };
                    view! {
                        <div class="form-field checkbox">
                            <input id=option_id.clone() type=kind name=name value=value checked=ticked.contains(&i)/>
                            <label for=option_id>{c.get(lang).to_string()}</label>
                        </div>
                    }
                })
                .collect_view();
            view! {
                <fieldset class="choices">
                    <legend>{prompt.clone()} {required}</legend>
                    {options}
                </fieldset>
            }
            .into_any()
        }
    };
    view! {
        <div class="form-field question">
            {control}
            {move || problem.get().map(|m| view! { <p class="field-error" id=error_id.clone()>{m}</p> })}
        </div>
    }
}

/// A file question's control: its limits, the file uploaded so far (a
/// download link) and, while it may change, a file picker and a button
/// that belong to the question's own upload form.
fn file_control<F>(
    question: &Question,
    value: &str,
    editable: bool,
    invalid: F,
) -> impl IntoView + use<F>
where
    F: Fn() -> Option<&'static str> + Send + Sync + Copy + 'static,
{
    let lang = use_lang();
    let locale = locale_of(lang);
    let id = format!("apply-{}", question.field());
    let hint_id = format!("{id}-hint");
    let form_id = upload_form_id(question.id);
    let qid = question.id;
    let limits = question
        .file
        .as_ref()
        .map(|r| r.explain(lang))
        .unwrap_or_default();
    let accept = question
        .file
        .as_ref()
        .map(|r| r.accept())
        .unwrap_or_default();
    let required = question.required.then(|| {
        view! { <span class="required">{td_string!(locale, application.apply_required)}</span> }
    });
    let current = match FileAnswer::decode(value) {
        Some(f) => view! {
            <p class="file-answer">
                {td_string!(locale, application.apply_file_current)} " "
                <a href=file_download_url(f.id) download=f.name.clone() rel="external">{f.name.clone()}</a>
                " (" {human_size(f.size)} ")"
            </p>
        }
        .into_any(),
        None => view! { <p class="muted">{td_string!(locale, application.apply_file_none)}</p> }.into_any(),
    };
    let described = hint_id.clone();
    let picker = editable.then(move || {
        view! {
            <label for=id.clone()>{td_string!(locale, application.apply_file_choose)}</label>
            <input id=id type="file" name="file" form=form_id.clone() accept=accept
                aria-describedby=described aria-invalid=invalid/>
            <p class="muted">{td_string!(locale, application.apply_file_save_first)}</p>
            <div class="actions">
                <button type="submit" class="button secondary" form=form_id>
                    {td_string!(locale, application.apply_file_upload)}
                </button>
            </div>
            // Shown by the island while the upload is under way.
            <p role="status" class="upload-progress" id=upload_progress_id(qid) hidden=true>
                <progress aria-label=td_string!(locale, application.apply_file_uploading)></progress>
                " " {td_string!(locale, application.apply_file_uploading)}
            </p>
        }
    });
    let frozen = (!editable && FileAnswer::decode(value).is_some()).then(
        || view! { <p class="muted">{td_string!(locale, application.apply_file_frozen)}</p> },
    );
    view! {
        <fieldset class="file-question">
            <legend>{question.prompt.get(lang).to_string()} {required}</legend>
            <p class="muted" id=hint_id>{limits}</p>
            {current}
            {picker}
            {frozen}
        </fieldset>
    }
}
