//! `/programmes/<p>/<c>/tracks/<t>/apply`: the application form.
//!
//! A plain form: "Save draft" and "Submit" post it without JavaScript and
//! come back here (with the problems, and what was typed, when refused).
//! With JavaScript it also saves itself a moment after each change, with
//! the revision it was loaded at, and shows when it was saved. A file
//! question has its own plain multipart form (forms do not nest), which
//! its picker and button name with `form=`.

use super::fields::{ProfileField, QuestionField, upload_form_id};
use crate::api::application::{
    SaveApplication, SubmitApplication, WithdrawApplication, get_apply_page,
};
use crate::components::breadcrumbs::{Breadcrumbs, Crumb};
use crate::components::form::field_errors;
use crate::components::form::problem_of;
use crate::components::lang::{locale_of, use_lang};
use crate::components::loaded::loaded;
use crate::components::route_params::track_params;
use crate::domain::application::ApplicationStatus;
use crate::domain::application::files::upload_url as file_upload_url;
use crate::domain::application::form::{ApplyPage, Saved};
use crate::domain::application::questions::QuestionKind;
use crate::domain::forms::FieldError;
use crate::domain::lang::Lang;
use crate::domain::time::{format_datetime, to_jst};
use crate::error::AppError;
use crate::i18n::{Locale, td_string};
use leptos::form::FromFormData;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use server_fn::ServerFn;
use std::time::Duration;

/// How long after the last keystroke the form saves itself.
const AUTOSAVE_AFTER: Duration = Duration::from_millis(1500);

/// The application form page.
#[component]
pub fn ApplicationFormPage() -> impl IntoView {
    let lang = use_lang();
    let data = Resource::new(track_params(), |(programme, cohort, track)| {
        get_apply_page(programme, cohort, track)
    });
    loaded(data, move |d| apply_view(d, lang))
}

/// The problems of a save or submission's answer.
fn problems_of(result: Option<Result<Saved, AppError>>) -> Vec<FieldError> {
    match result {
        Some(Err(AppError::Invalid(errors))) => errors,
        _ => Vec::new(),
    }
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

fn notices(locale: Locale) -> impl IntoView {
    let query = use_query_map();
    move || {
        let q = query.read();
        let text = if q.get("submitted").is_some() {
            Some(td_string!(locale, application.apply_submitted_notice))
        } else if q.get("uploaded").is_some() {
            Some(td_string!(locale, application.apply_uploaded_notice))
        } else if q.get("upload_refused").is_some() {
            Some(td_string!(locale, application.apply_upload_refused))
        } else if q.get("saved").is_some() {
            Some(td_string!(locale, common.saved))
        } else {
            None
        };
        text.map(|t| view! { <p class="notice" role="status">{t}</p> })
    }
}

fn status_line(d: &ApplyPage, lang: Lang, locale: Locale) -> impl IntoView + use<> {
    let a = d.application.clone()?;
    let status = match a.status {
        ApplicationStatus::Draft => td_string!(locale, application.apply_status_draft),
        ApplicationStatus::Submitted => td_string!(locale, application.apply_status_submitted),
        ApplicationStatus::Withdrawn => td_string!(locale, application.apply_status_withdrawn),
    };
    let submitted = a.submitted_at.map(|at| {
        format!(
            " ({} {}, {} {})",
            td_string!(locale, application.apply_last_submitted),
            format_datetime(at, lang),
            a.submissions,
            td_string!(locale, application.apply_versions)
        )
    });
    let guardian = a.guardian.map(|g| match g {
        None => td_string!(locale, application.apply_guardian_waiting),
        Some(true) => td_string!(locale, application.apply_guardian_consented),
        Some(false) => td_string!(locale, application.apply_guardian_refused),
    });
    let unsubmitted = a
        .unsubmitted_changes
        .then(|| td_string!(locale, application.apply_unsubmitted_changes));
    Some(view! {
        <p class="status-line">
            <strong>{status}</strong>
            {submitted}
        </p>
        {unsubmitted.map(|u| view! { <p class="notice" role="status">{u}</p> })}
        {guardian.map(|g| view! { <p class="muted">{g}</p> })}
    })
}

fn apply_view(d: ApplyPage, lang: Lang) -> impl IntoView {
    let locale = locale_of(lang);
    let t = &d.track;
    let track_name = t.track_name.get(lang).to_string();
    let track_href = format!(
        "/programmes/{}/{}/tracks/{}",
        t.programme.slug, t.cohort_slug, t.track_slug
    );
    let crumbs = vec![
        Crumb {
            label: td_string!(locale, common.home).into(),
            href: Some("/".into()),
        },
        Crumb {
            label: t.cohort_title.get(lang).to_string(),
            href: Some(format!(
                "/programmes/{}/{}",
                t.programme.slug, t.cohort_slug
            )),
        },
        Crumb {
            label: track_name.clone(),
            href: Some(track_href),
        },
        Crumb {
            label: td_string!(locale, common.apply).into(),
            href: None,
        },
    ];
    let save = ServerAction::<SaveApplication>::new();
    let submit = ServerAction::<SubmitApplication>::new();
    let refused_upload = d.upload_problems.clone();
    let errors = Signal::derive(move || {
        let mut all = problems_of(save.value().get());
        all.extend(problems_of(submit.value().get()));
        all.extend(refused_upload.iter().cloned());
        all
    });
    let general = move || {
        [save.value().get(), submit.value().get()]
            .into_iter()
            .find_map(|r| match r {
                Some(Err(e)) => Some(match &e {
                    AppError::Invalid(list) => list
                        .iter()
                        .find(|p| {
                            matches!(p.field.as_str(), "revision" | "deadline" | "eligibility")
                        })
                        .map(|p| p.problem.message(lang))
                        .unwrap_or_else(|| e.message(lang).to_string()),
                    other => other.message(lang).to_string(),
                }),
                _ => None,
            })
            .map(|m| view! { <p class="alert" role="alert">{m}</p> })
    };
    let revision = RwSignal::new(d.revision);
    let saved_at = RwSignal::new(None::<chrono::DateTime<chrono::Utc>>);
    let form = NodeRef::<leptos::html::Form>::new();
    let again = StoredValue::new(false);
    let generation = StoredValue::new(0u32);
    Effect::new(move |_| {
        if let Some(Ok(s)) = save.value().get() {
            revision.set(s.revision);
            saved_at.set(Some(s.at));
            if again.get_value() {
                again.set_value(false);
                autosave(form, save, again);
            }
        }
    });
    let on_input = move |_| {
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
    // A submission (a full post) makes a pending autosave pointless.
    let on_submit = move |_| generation.set_value(generation.get_value().wrapping_add(1));
    let saved_line = move || {
        saved_at.get().map(|at| {
            let hm = to_jst(at).format("%H:%M").to_string();
            format!("{} {hm}", td_string!(locale, application.apply_saved_at))
        })
    };
    let open = t.open;
    let withdrawn = d
        .application
        .as_ref()
        .is_some_and(|a| a.status == ApplicationStatus::Withdrawn);
    let editable = open && !withdrawn;
    let draft = d.draft.clone();
    let rules = d.rules.explain(lang);
    let declarations = d.rules.declaration_lines(lang);
    let declared = draft.declarations.is_some();
    let declarations_problem = move || problem_of(errors, "declarations", lang);
    // Files change only in a draft (a submitted application's stay as
    // submitted) before the deadline.
    let files_editable = editable
        && d.application
            .as_ref()
            .is_none_or(|a| a.status == ApplicationStatus::Draft);
    let uploading = RwSignal::new(None::<i32>);
    let questions = d
        .questions
        .iter()
        .map(|q| {
            let value = d.answers.get(&q.id).cloned().unwrap_or_default();
            view! { <QuestionField question=q.clone() value errors editable=files_editable uploading/> }
        })
        .collect_view();
    let upload_url = file_upload_url(&t.programme.slug, &t.cohort_slug, &t.track_slug);
    let upload_forms = d
        .questions
        .iter()
        .filter(|q| files_editable && q.kind == QuestionKind::File)
        .map(|q| {
            let id = q.id;
            // Shows the upload as under way until the next page arrives.
            let on_upload = move |_| uploading.set(Some(id));
            view! {
                <form id=upload_form_id(id) method="post" enctype="multipart/form-data"
                    action=upload_url.clone() class="upload-form" on:submit=on_upload>
                    <input type="hidden" name="question" value=id/>
                </form>
            }
        })
        .collect_view();
    let (programme, cohort, track) = (
        t.programme.slug.clone(),
        t.cohort_slug.clone(),
        t.track_slug.clone(),
    );
    view! {
        <Title text=format!("{} – {track_name}", td_string!(locale, common.apply))/>
        <Breadcrumbs crumbs/>
        <section class="page apply">
            <p class="eyebrow">{t.cohort_title.get(lang).to_string()}</p>
            <h1>{format!("{}: {track_name}", td_string!(locale, common.apply))}</h1>
            {notices(locale)}
            {status_line(&d, lang, locale)}
            <p>
                {td_string!(locale, application.apply_deadline)} " "
                <strong>{format_datetime(t.closes_at, lang)}</strong>
            </p>
            {(!open).then(|| view! { <p class="alert" role="alert">{td_string!(locale, application.apply_closed)}</p> })}
            <section aria-labelledby="rules-heading">
                <h2 id="rules-heading">{td_string!(locale, application.apply_rules)}</h2>
                <ul>{rules.into_iter().map(|r| view! { <li>{r}</li> }).collect_view()}</ul>
            </section>
            {general}
            <form method="post" action=SaveApplication::PATH class="edit-form" novalidate=true
                node_ref=form on:input=on_input on:submit=on_submit>
                <input type="hidden" name="programme" value=programme/>
                <input type="hidden" name="cohort" value=cohort/>
                <input type="hidden" name="track" value=track/>
                <input type="hidden" name="revision" value=move || revision.get().to_string()/>
                <fieldset>
                    <legend>{td_string!(locale, application.apply_about_you)}</legend>
                    <ProfileField name="birth_date" label=td_string!(locale, application.apply_birth_date)
                        value=draft.birth_date.clone() kind="date" errors/>
                    <ProfileField name="affiliation" label=td_string!(locale, application.apply_affiliation)
                        value=draft.affiliation.clone() errors/>
                    <super::prefecture::PrefectureField value=draft.prefecture.clone() errors/>
                    {d.rules.ask_expertise.then(|| view! {
                        <ProfileField name="expertise" label=td_string!(locale, application.apply_expertise)
                            value=draft.expertise.clone() errors/>
                    })}
                    <ProfileField name="mentors" label=td_string!(locale, application.apply_mentors)
                        hint=td_string!(locale, application.apply_mentors_hint) value=draft.mentors.clone() errors/>
                    <ProfileField name="guardian_name" label=td_string!(locale, application.apply_guardian_name)
                        hint=td_string!(locale, application.apply_guardian_hint) value=draft.guardian_name.clone() errors/>
                    <ProfileField name="guardian_email" label=td_string!(locale, application.apply_guardian_email)
                        kind="email" value=draft.guardian_email.clone() errors/>
                </fieldset>
                <fieldset>
                    <legend>{td_string!(locale, application.apply_questions)}</legend>
                    {questions}
                </fieldset>
                {(!declarations.is_empty()).then(|| view! {
                    <fieldset>
                        <legend>{td_string!(locale, application.apply_declarations)}</legend>
                        <ul>{declarations.into_iter().map(|l| view! { <li>{l}</li> }).collect_view()}</ul>
                        <div class="form-field checkbox">
                            <input id="apply-declarations" type="checkbox" name="draft[declarations]"
                                value="yes" checked=declared/>
                            <label for="apply-declarations">{td_string!(locale, application.apply_declare)}</label>
                        </div>
                        {move || declarations_problem().map(|m| view! { <p class="field-error">{m}</p> })}
                    </fieldset>
                })}
                <p class="muted" role="status" aria-live="polite">{saved_line}</p>
                {editable.then(|| view! {
                    <div class="actions">
                        <button type="submit" class="button secondary">{td_string!(locale, application.apply_save_draft)}</button>
                        <button type="submit" class="button" formaction=SubmitApplication::PATH>
                            {td_string!(locale, application.apply_submit)}
                        </button>
                    </div>
                })}
            </form>
            {upload_forms}
            {d.application.filter(|_| !withdrawn).map(|a| view! { <Withdraw id=a.id/> })}
        </section>
    }
}

/// Withdrawing the application, after ticking a confirmation box.
#[component]
fn Withdraw(id: i32) -> impl IntoView {
    let lang = use_lang();
    let locale = locale_of(lang);
    let action = ServerAction::<WithdrawApplication>::new();
    let problem = move || {
        field_errors(action.value().get())
            .first()
            .map(|e| e.problem.message(lang))
    };
    view! {
        <section aria-labelledby="withdraw-heading" class="danger-zone">
            <h2 id="withdraw-heading">{td_string!(locale, application.apply_withdraw)}</h2>
            <form method="post" action=WithdrawApplication::PATH class="edit-form">
                <input type="hidden" name="application" value=id/>
                <div class="form-field checkbox">
                    <input id="withdraw-confirm" type="checkbox" name="confirm" value="yes"/>
                    <label for="withdraw-confirm">{td_string!(locale, application.apply_withdraw_confirm)}</label>
                </div>
                {move || problem().map(|m| view! { <p class="field-error">{m}</p> })}
                <button type="submit" class="button danger">{td_string!(locale, application.apply_withdraw)}</button>
            </form>
        </section>
    }
}
