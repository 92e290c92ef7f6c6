//! The application form's island: the only part of the site compiled to
//! WASM and run in the browser (Leptos islands). Every other page, and the
//! fields inside this form, are HTML from the server that works as it is.
//!
//! The island wraps the server-rendered fields (its `children`, which it
//! never re-renders) and adds what only a script can: the draft saves
//! itself a moment after each change, with the revision it was loaded at
//! (each save's answer brings the next one), and says when it was saved;
//! each text answer's character count follows the typing; a file upload
//! shows that it is under way. It reads and writes the fields through the
//! form's own DOM, so the markup stays the server's and the page keeps
//! working without JavaScript.

use crate::api::application::{SaveApplication, SubmitApplication};
use crate::components::refusal::refusal_text;
use crate::domain::lang::Lang;
use crate::error::AppError;
use leptos::form::FromFormData;
use leptos::prelude::*;
use leptos::wasm_bindgen::JsCast;
use leptos::web_sys::{Element, Event, SubmitEvent};
use server_fn::ServerFn;
use std::time::Duration;

/// How long after the last keystroke the form saves itself.
const AUTOSAVE_AFTER: Duration = Duration::from_millis(1500);

/// What the form's fixed parts say, in the reader's language (the island
/// gets them from the server, so no string table is compiled into it).
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct FormTexts {
    /// "Saved:" before the time of the last save.
    pub saved_at: String,
    /// The "save draft" button.
    pub save_draft: String,
    /// The "submit" button.
    pub submit: String,
}

/// The application form: the server's fields inside, autosave, counts and
/// upload progress on top. `uploads` are the file questions' ids whose
/// upload forms (which may not nest in this one) follow it.
#[island]
pub fn AutosavingForm(
    /// The application's revision as the page was loaded.
    revision: i32,
    /// The reader's language (refusal messages).
    lang: Lang,
    /// The form's fixed texts.
    texts: FormTexts,
    /// Whether the form may be saved and submitted (its buttons).
    editable: bool,
    /// The URL the file questions' upload forms post to.
    upload_url: String,
    /// The file questions whose upload form follows the form.
    uploads: Vec<i32>,
    /// The form's fields, as the server rendered them.
    children: Children,
) -> impl IntoView {
    let save = ServerAction::<SaveApplication>::new();
    let revision = RwSignal::new(revision);
    let saved_at = RwSignal::new(None::<chrono::DateTime<chrono::Utc>>);
    let form = NodeRef::<leptos::html::Form>::new();
    let again = StoredValue::new(false);
    let generation = StoredValue::new(0u32);
    Effect::new(move |_| match save.value().get() {
        Some(Ok(s)) => {
            revision.set(s.revision);
            saved_at.set(Some(s.at));
            mark_invalid(&[]);
            if again.get_value() {
                again.set_value(false);
                autosave(form, save, again);
            }
        }
        Some(Err(AppError::Invalid(problems))) => {
            let fields: Vec<&str> = problems.iter().map(|p| p.field.as_str()).collect();
            mark_invalid(&fields);
        }
        _ => {}
    });
    // A marker for the browser tests (and for anyone debugging): the
    // island hydrated without a panic.
    Effect::new(move |_| {
        if let Some(root) = document().document_element() {
            let _ = root.set_attribute("data-hydrated", "true");
        }
    });
    let on_input = move |ev: Event| {
        follow_count(&ev);
        let g = generation.get_value().wrapping_add(1);
        generation.set_value(g);
        set_timeout(
            move || {
                if generation.get_value() == g {
                    autosave(form, save, again);
                }
            },
            AUTOSAVE_AFTER,
        );
    };
    // Submit events bubble here from the form and from the upload forms:
    // a submission (a full post) makes a pending autosave pointless, and an
    // upload shows itself under way until the next page arrives.
    let on_submit = move |ev: SubmitEvent| {
        generation.set_value(generation.get_value().wrapping_add(1));
        if let Some(target) = ev.target().and_then(|t| t.dyn_into::<Element>().ok()) {
            show_upload_progress(&target.id());
        }
    };
    let refused = move || match save.value().get() {
        Some(Err(e)) => Some(view! { <p class="alert" role="alert">{refusal_text(&e, lang)}</p> }),
        _ => None,
    };
    let saved_line = {
        let label = texts.saved_at.clone();
        move || {
            saved_at
                .get()
                .map(|at| format!("{label} {}", jst_hour_minute(at)))
        }
    };
    let upload_forms = uploads
        .into_iter()
        .map(|id| {
            view! {
                <form id=upload_form_id(id) method="post" enctype="multipart/form-data"
                    action=upload_url.clone() class="upload-form">
                    <input type="hidden" name="question" value=id/>
                </form>
            }
        })
        .collect_view();
    view! {
        <div class="apply-forms" on:submit=on_submit>
            <form method="post" action=SaveApplication::PATH class="edit-form" novalidate=true
                node_ref=form on:input=on_input>
                {refused}
                <input type="hidden" name="revision" value=move || revision.get().to_string()/>
                {children()}
                <p class="muted" role="status" aria-live="polite">{saved_line}</p>
                {editable.then(|| view! {
                    <div class="actions">
                        <button type="submit" class="button secondary">{texts.save_draft.clone()}</button>
                        <button type="submit" class="button" formaction=SubmitApplication::PATH>
                            {texts.submit.clone()}
                        </button>
                    </div>
                })}
            </form>
            {upload_forms}
        </div>
    }
}

/// The id of the upload form of file question `question_id` (the form
/// itself stands after the application form: forms do not nest).
pub fn upload_form_id(question_id: i32) -> String {
    format!("upload-q{question_id}")
}

/// The id of the line that shows file question `question_id`'s upload
/// under way (hidden until its form is submitted).
pub fn upload_progress_id(question_id: i32) -> String {
    format!("upload-q{question_id}-progress")
}

/// `at` as the hour and minute in Japan (UTC+9, no daylight saving), the
/// time zone every deadline of the site is given in.
fn jst_hour_minute(at: chrono::DateTime<chrono::Utc>) -> String {
    let minutes = (at.timestamp().div_euclid(60) + 9 * 60).rem_euclid(24 * 60);
    format!("{:02}:{:02}", minutes / 60, minutes % 60)
}

/// Saves the form through `save`, unless a save is still under way (its
/// answer brings the next revision; `again` saves once more after it).
fn autosave(
    form: NodeRef<leptos::html::Form>,
    save: ServerAction<SaveApplication>,
    again: StoredValue<bool>,
) {
    if save.pending().get_untracked() {
        again.set_value(true);
        return;
    }
    let Some(form) = form.get_untracked() else {
        return;
    };
    let Ok(data) = leptos::web_sys::FormData::new_with_form(&form) else {
        return;
    };
    if let Ok(args) = SaveApplication::from_form_data(&data) {
        save.dispatch(args);
    }
}

/// Sets the character count of the text answer being typed in (the
/// element `<id>-count`, whose `.count` holds the number).
fn follow_count(ev: &Event) {
    let Some(field) = ev.target().and_then(|t| t.dyn_into::<Element>().ok()) else {
        return;
    };
    let Some(counter) = document().get_element_by_id(&format!("{}-count", field.id())) else {
        return;
    };
    if let Ok(Some(number)) = counter.query_selector(".count") {
        number.set_text_content(Some(&event_target_value(ev).chars().count().to_string()));
    }
}

/// Marks the fields an autosave refused (`apply-<field>`) as invalid, and
/// clears the marks of the previous autosave (only those: a mark the
/// server set after a refused submission stays until the next page).
fn mark_invalid(fields: &[&str]) {
    const MARK: &str = "data-autosave-invalid";
    if let Ok(marked) = document().query_selector_all(&format!("[{MARK}]")) {
        for i in 0..marked.length() {
            if let Some(el) = marked.item(i).and_then(|n| n.dyn_into::<Element>().ok()) {
                let _ = el.remove_attribute("aria-invalid");
                let _ = el.remove_attribute(MARK);
            }
        }
    }
    for field in fields {
        if let Some(el) = document().get_element_by_id(&format!("apply-{field}")) {
            if el.get_attribute("aria-invalid").is_none() {
                let _ = el.set_attribute(MARK, "");
            }
            let _ = el.set_attribute("aria-invalid", "true");
        }
    }
}

/// Shows the upload of form `form_id` (if it is a file question's) as
/// under way: its button busy and disabled, its progress line shown.
fn show_upload_progress(form_id: &str) {
    let Some(question) = form_id
        .strip_prefix("upload-q")
        .and_then(|id| id.parse::<i32>().ok())
    else {
        return;
    };
    if let Ok(Some(button)) = document().query_selector(&format!("button[form=\"{form_id}\"]")) {
        let _ = button.set_attribute("aria-busy", "true");
        let _ = button.set_attribute("disabled", "");
    }
    if let Some(progress) = document().get_element_by_id(&upload_progress_id(question)) {
        let _ = progress.remove_attribute("hidden");
    }
}
