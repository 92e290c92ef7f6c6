//! The programme and field forms. `ActionForm`s, as the organisers' cohort
//! and track forms: with JavaScript they post in place and keep what was
//! typed when a problem is found; without it they are plain posts that come
//! back with the problems listed and the typing kept (`form_flash`).

use crate::api::fields::SaveField;
use crate::api::programmes::SaveProgramme;
use crate::components::form::{Choice, Field, Input, field_errors};
use crate::components::lang::{locale_of, use_lang};
use crate::domain::catalogue::ProgrammeKind;
use crate::domain::catalogue::field_form::FieldDraft;
use crate::domain::catalogue::programme_form::ProgrammeDraft;
use crate::domain::lang::Lang;
use crate::error::AppError;
use crate::i18n::{Locale, td_string};
use leptos::prelude::*;

/// The general problem of a failed save, as an alert.
fn failure(result: Option<Result<(), AppError>>, lang: Lang) -> Option<impl IntoView> {
    match result {
        Some(Err(e)) => Some(view! { <p class="alert" role="alert">{e.message(lang)}</p> }),
        _ => None,
    }
}

/// The name of a programme family.
pub(super) fn kind_name(kind: ProgrammeKind, locale: Locale) -> &'static str {
    match kind {
        ProgrammeKind::Camp => td_string!(locale, catalogue.kind_camp),
        ProgrammeKind::Connect => td_string!(locale, catalogue.kind_connect),
    }
}

/// The programme families as choices, Security Camp first.
fn kind_choices(locale: Locale) -> Vec<(String, String)> {
    ProgrammeKind::ALL
        .into_iter()
        .map(|k| (k.as_str().to_string(), kind_name(k, locale).to_string()))
        .collect()
}

/// Creates a programme (`original` empty) or edits the programme `original`.
#[component]
pub fn ProgrammeForm(original: String, draft: ProgrammeDraft) -> impl IntoView {
    let lang = use_lang();
    let locale = locale_of(lang);
    let action = ServerAction::<SaveProgramme>::new();
    let errors = Signal::derive(move || field_errors(action.value().get()));
    let form = if original.is_empty() {
        "new-programme"
    } else {
        "programme"
    };
    view! {
        <ActionForm action attr:class="edit-form" attr:novalidate=true>
            {move || failure(action.value().get(), lang)}
            <input type="hidden" name="original" value=original/>
            <div class="pair">
                <Field name="slug" value=draft.slug required=true errors form/>
                <Choice name="kind" value=draft.kind choices=kind_choices(locale) required=true errors form/>
            </div>
            <div class="pair">
                <Field name="name_ja" value=draft.name_ja required=true errors form/>
                <Field name="name_en" value=draft.name_en required=true errors form/>
            </div>
            <div class="pair">
                <Field name="description_ja" value=draft.description_ja input=Input::Area required=true errors form/>
                <Field name="description_en" value=draft.description_en input=Input::Area errors form/>
            </div>
            <Field name="position" value=draft.position input=Input::Count required=true errors form/>
            <button type="submit" class="button">{td_string!(locale, common.save)}</button>
        </ActionForm>
    }
}

/// Creates a field (`original` empty) or edits the field `original`.
#[component]
pub fn FieldForm(original: String, draft: FieldDraft) -> impl IntoView {
    let lang = use_lang();
    let locale = locale_of(lang);
    let action = ServerAction::<SaveField>::new();
    let errors = Signal::derive(move || field_errors(action.value().get()));
    let form = if original.is_empty() {
        "new-field"
    } else {
        "field"
    };
    view! {
        <ActionForm action attr:class="edit-form" attr:novalidate=true>
            {move || failure(action.value().get(), lang)}
            <input type="hidden" name="original" value=original/>
            <Field name="slug" value=draft.slug required=true errors form/>
            <div class="pair">
                <Field name="name_ja" value=draft.name_ja required=true errors form/>
                <Field name="name_en" value=draft.name_en required=true errors form/>
            </div>
            <button type="submit" class="button">{td_string!(locale, common.save)}</button>
        </ActionForm>
    }
}
