//! The cohort and track forms. `ActionForm`s: with JavaScript they post in
//! place and keep what was typed when a problem is found; without it they
//! are plain form posts that come back with the problems listed.

use crate::api::manage::{SaveCohort, SaveTrack};
use crate::components::form::{Choice, Field, Input, field_errors};
use crate::components::lang::{locale_of, use_lang};
use crate::components::track_vector::vector_label;
use crate::domain::catalogue::Field as TrackField;
use crate::domain::catalogue::TrackVector;
use crate::domain::catalogue::edit::{CohortDraft, TrackDraft};
use crate::i18n::td_string;
use leptos::prelude::*;

/// The general problem of a failed save (permission, unavailable, …).
fn failure_notice(result: Option<Result<(), crate::error::AppError>>) -> Option<String> {
    let lang = use_lang();
    match result {
        Some(Err(e)) => Some(e.message(lang).to_string()),
        _ => None,
    }
}

/// Creates a cohort (`original` empty) or edits the cohort `original`.
#[component]
pub fn CohortForm(programme: String, original: String, draft: CohortDraft) -> impl IntoView {
    let locale = locale_of(use_lang());
    let action = ServerAction::<SaveCohort>::new();
    let errors = Signal::derive(move || field_errors(action.value().get()));
    let failure = move || {
        failure_notice(action.value().get())
            .map(|m| view! { <p class="alert" role="alert">{m}</p> })
    };
    let form = if original.is_empty() {
        "new-cohort"
    } else {
        "cohort"
    };
    view! {
        <ActionForm action attr:class="edit-form" attr:novalidate=true>
            {failure}
            <input type="hidden" name="programme" value=programme/>
            <input type="hidden" name="original" value=original/>
            <Field name="slug" value=draft.slug required=true errors form/>
            <div class="pair">
                <Field name="title_ja" value=draft.title_ja required=true errors form/>
                <Field name="title_en" value=draft.title_en required=true errors form/>
            </div>
            <div class="pair">
                <Field name="venue_ja" value=draft.venue_ja errors form/>
                <Field name="venue_en" value=draft.venue_en errors form/>
            </div>
            <div class="pair">
                <Field name="applications_open_at" value=draft.applications_open_at input=Input::DateTime required=true errors form/>
                <Field name="applications_close_at" value=draft.applications_close_at input=Input::DateTime required=true errors form/>
            </div>
            <div class="pair">
                <Field name="sessions_start_at" value=draft.sessions_start_at input=Input::DateTime required=true errors form/>
                <Field name="sessions_end_at" value=draft.sessions_end_at input=Input::DateTime required=true errors form/>
            </div>
            <button type="submit" class="button">{td_string!(locale, common.save)}</button>
        </ActionForm>
    }
}

/// Creates a track (`original` empty) or edits the track `original`.
#[component]
pub fn TrackForm(
    programme: String,
    cohort: String,
    original: String,
    draft: TrackDraft,
    fields: Vec<TrackField>,
) -> impl IntoView {
    let lang = use_lang();
    let locale = locale_of(lang);
    let action = ServerAction::<SaveTrack>::new();
    let errors = Signal::derive(move || field_errors(action.value().get()));
    let failure = move || {
        failure_notice(action.value().get())
            .map(|m| view! { <p class="alert" role="alert">{m}</p> })
    };
    let form = if original.is_empty() {
        "new-track"
    } else {
        "track"
    };
    let vectors = [TrackVector::Industry, TrackVector::Tech]
        .into_iter()
        .map(|v| {
            (
                v.as_str().to_string(),
                vector_label(Some(v), locale).to_string(),
            )
        })
        .collect();
    let field_choices = fields
        .into_iter()
        .map(|f| (f.slug, f.name.get(lang).to_string()))
        .collect();
    view! {
        <ActionForm action attr:class="edit-form" attr:novalidate=true>
            {failure}
            <input type="hidden" name="programme" value=programme/>
            <input type="hidden" name="cohort" value=cohort/>
            <input type="hidden" name="original" value=original/>
            <Field name="slug" value=draft.slug required=true errors form/>
            <div class="pair">
                <Field name="name_ja" value=draft.name_ja required=true errors form/>
                <Field name="name_en" value=draft.name_en required=true errors form/>
            </div>
            <div class="pair">
                <Field name="summary_ja" value=draft.summary_ja input=Input::Area required=true errors form/>
                <Field name="summary_en" value=draft.summary_en input=Input::Area errors form/>
            </div>
            <div class="pair">
                <Field name="description_ja" value=draft.description_ja input=Input::Area errors form/>
                <Field name="description_en" value=draft.description_en input=Input::Area errors form/>
            </div>
            <div class="pair">
                <Choice name="vector" value=draft.vector choices=vectors errors form/>
                <Choice name="field" value=draft.field choices=field_choices errors form/>
            </div>
            <div class="pair">
                <Field name="dss_role_ja" value=draft.dss_role_ja errors form/>
                <Field name="dss_role_en" value=draft.dss_role_en errors form/>
            </div>
            <div class="triple">
                <Field name="capacity" value=draft.capacity input=Input::Count required=true errors form/>
                <Field name="lecturer_target" value=draft.lecturer_target input=Input::Count required=true errors form/>
                <Field name="tutor_target" value=draft.tutor_target input=Input::Count required=true errors form/>
            </div>
            <button type="submit" class="button">{td_string!(locale, common.save)}</button>
        </ActionForm>
    }
}
