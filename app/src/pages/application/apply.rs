//! `/programmes/<p>/<c>/tracks/<t>/apply`: the application form.
//!
//! A plain form: "Save draft" and "Submit" post it without JavaScript and
//! come back here (with the problems, and what was typed, when refused).
//! The form itself is the site's one island ([`AutosavingForm`]): with
//! JavaScript it also saves itself and counts as the applicant types. A
//! file question has its own plain multipart form (forms do not nest),
//! which its picker and button name with `form=`.

use super::autosave::{AutosavingForm, FormTexts};
use super::fields::{ProfileField, QuestionField};
use crate::api::application::{
    SaveApplication, SubmitApplication, WithdrawApplication, get_apply_page,
};
use crate::components::breadcrumbs::{Breadcrumbs, Crumb};
use crate::components::form::field_errors;
use crate::components::form::problem_of;
use crate::components::island_scripts::IslandScripts;
use crate::components::lang::{locale_of, use_lang};
use crate::components::loaded::loaded;
use crate::components::route_params::track_params;
use crate::domain::application::ApplicationStatus;
use crate::domain::application::files::upload_url as file_upload_url;
use crate::domain::application::form::{ApplyPage, Saved};
use crate::domain::application::questions::QuestionKind;
use crate::domain::forms::FieldError;
use crate::domain::lang::Lang;
use crate::domain::time::format_datetime;
use crate::error::AppError;
use crate::i18n::{Locale, td_string};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use server_fn::ServerFn;

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
    let questions = d
        .questions
        .iter()
        .map(|q| {
            let value = d.answers.get(&q.id).cloned().unwrap_or_default();
            view! { <QuestionField question=q.clone() value errors editable=files_editable/> }
        })
        .collect_view();
    let upload_url = file_upload_url(&t.programme.slug, &t.cohort_slug, &t.track_slug);
    let uploads: Vec<i32> = d
        .questions
        .iter()
        .filter(|q| files_editable && q.kind == QuestionKind::File)
        .map(|q| q.id)
        .collect();
    let texts = FormTexts {
        saved_at: td_string!(locale, application.apply_saved_at).into(),
        save_draft: td_string!(locale, application.apply_save_draft).into(),
        submit: td_string!(locale, application.apply_submit).into(),
    };
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
            <AutosavingForm revision=d.revision lang texts editable upload_url uploads>
                <input type="hidden" name="programme" value=programme/>
                <input type="hidden" name="cohort" value=cohort/>
                <input type="hidden" name="track" value=track/>
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
            </AutosavingForm>
            <IslandScripts/>
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
