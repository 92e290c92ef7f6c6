//! `/manage/<programme>/settings`: which automatic reminders the
//! programme sends (drafts before the deadline, reviews before their due
//! date, event changes and the day-before reminder).

use crate::api::reminders::{SaveReminderSettings, get_reminder_settings};
use crate::components::breadcrumbs::{Breadcrumbs, Crumb};
use crate::components::form::{field_errors, problem_of};
use crate::components::lang::{locale_of, use_lang};
use crate::components::loaded::loaded;
use crate::components::route_params::param;
use crate::components::saved_notice::SavedNotice;
use crate::domain::lang::Lang;
use crate::domain::reminders::ManagedReminders;
use crate::i18n::td_string;
use leptos::prelude::*;
use leptos_meta::Title;
use server_fn::ServerFn;

/// A programme's reminders page.
#[component]
pub fn ManageRemindersPage() -> impl IntoView {
    let lang = use_lang();
    let data = Resource::new(param("programme"), get_reminder_settings);
    loaded(data, move |d| reminders_view(d, lang))
}

fn reminders_view(d: ManagedReminders, lang: Lang) -> impl IntoView {
    let locale = locale_of(lang);
    let name = d.programme.name.get(lang).to_string();
    let slug = d.programme.slug.clone();
    let title = format!("{} – {name}", td_string!(locale, manage.reminders));
    let crumbs = vec![
        Crumb {
            label: td_string!(locale, common.manage).into(),
            href: Some("/manage".into()),
        },
        Crumb {
            label: name.clone(),
            href: Some(format!("/manage/{slug}")),
        },
        Crumb {
            label: td_string!(locale, manage.reminders).into(),
            href: None,
        },
    ];
    let action = ServerAction::<SaveReminderSettings>::new();
    let errors = Signal::derive(move || field_errors(action.value().get()));
    let days_problem = move || {
        problem_of(errors, "draft_days", lang)
            .map(|m| view! { <p class="field-error" id="rm-days-error">{m}</p> })
    };
    let invalid = move || problem_of(errors, "draft_days", lang).map(|_| "true");
    let v = d.draft;
    view! {
        <Title text=title.clone()/>
        <Breadcrumbs crumbs/>
        <section class="page manage">
            <h1>{title}</h1>
            <SavedNotice/>
            <p>{td_string!(locale, manage.reminders_lead)}</p>
            <form method="post" action=SaveReminderSettings::PATH class="edit-form" novalidate=true>
                {move || (!errors.get().is_empty()).then(|| view! {
                    <p class="alert" role="alert">{td_string!(locale, common.form_has_errors)}</p>
                })}
                <input type="hidden" name="programme" value=slug/>
                <div class="form-field checkbox">
                    <input id="rm-drafts" type="checkbox" name="draft[drafts]" value="yes" checked=v.drafts.is_some()/>
                    <label for="rm-drafts">{td_string!(locale, manage.reminders_drafts)}</label>
                </div>
                <div class="form-field">
                    <label for="rm-days">{td_string!(locale, manage.reminders_draft_days)}</label>
                    <input id="rm-days" name="draft[draft_days]" type="number" inputmode="numeric" min="1" max="30"
                        value=v.draft_days aria-invalid=invalid aria-describedby=move || invalid().map(|_| "rm-days-error")/>
                    {days_problem}
                </div>
                <div class="form-field checkbox">
                    <input id="rm-reviews" type="checkbox" name="draft[reviews]" value="yes" checked=v.reviews.is_some()/>
                    <label for="rm-reviews">{td_string!(locale, manage.reminders_reviews)}</label>
                </div>
                <div class="form-field checkbox">
                    <input id="rm-events" type="checkbox" name="draft[events]" value="yes" checked=v.events.is_some()/>
                    <label for="rm-events">{td_string!(locale, manage.reminders_events)}</label>
                </div>
                <button type="submit" class="button">{td_string!(locale, common.save)}</button>
            </form>
        </section>
    }
}
