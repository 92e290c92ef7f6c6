//! `/manage/<programme>/eligibility`: who may apply to the programme.

use crate::api::application_setup::{SaveEligibility, get_eligibility};
use crate::components::breadcrumbs::{Breadcrumbs, Crumb};
use crate::components::form::field_errors;
use crate::components::form::problem_of;
use crate::components::lang::{locale_of, use_lang};
use crate::components::loaded::loaded;
use crate::components::route_params::param;
use crate::components::saved_notice::SavedNotice;
use crate::components::text::textarea_html;
use crate::domain::application::setup::ManagedEligibility;
use crate::domain::lang::Lang;
use crate::i18n::td_string;
use leptos::prelude::*;
use leptos_meta::Title;
use server_fn::ServerFn;

/// A programme's eligibility page.
#[component]
pub fn ManageEligibilityPage() -> impl IntoView {
    let lang = use_lang();
    let data = Resource::new(param("programme"), get_eligibility);
    loaded(data, move |d| eligibility_view(d, lang))
}

fn eligibility_view(d: ManagedEligibility, lang: Lang) -> impl IntoView {
    let locale = locale_of(lang);
    let name = d.programme.name.get(lang).to_string();
    let slug = d.programme.slug.clone();
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
            label: td_string!(locale, manage.eligibility).into(),
            href: None,
        },
    ];
    let action = ServerAction::<SaveEligibility>::new();
    let errors = Signal::derive(move || field_errors(action.value().get()));
    let problem = move |f: &'static str| {
        move || problem_of(errors, f, lang).map(|m| view! { <p class="field-error">{m}</p> })
    };
    let v = d.draft;
    view! {
        <Title text=format!("{} – {name}", td_string!(locale, manage.eligibility))/>
        <Breadcrumbs crumbs/>
        <section class="page manage">
            <h1>{format!("{} – {name}", td_string!(locale, manage.eligibility))}</h1>
            <SavedNotice/>
            <form method="post" action=SaveEligibility::PATH class="edit-form" novalidate=true>
                {move || (!errors.get().is_empty()).then(|| view! {
                    <p class="alert" role="alert">{td_string!(locale, common.form_has_errors)}</p>
                })}
                <input type="hidden" name="programme" value=slug/>
                <div class="triple">
                    <div class="form-field">
                        <label for="el-min">{td_string!(locale, manage.eligibility_min_age)}</label>
                        <input id="el-min" name="draft[min_age]" type="number" inputmode="numeric" value=v.min_age/>
                        {problem("min_age")}
                    </div>
                    <div class="form-field">
                        <label for="el-max">{td_string!(locale, manage.eligibility_max_age)}</label>
                        <input id="el-max" name="draft[max_age]" type="number" inputmode="numeric" value=v.max_age/>
                        {problem("max_age")}
                    </div>
                    <div class="form-field">
                        <label for="el-per">{td_string!(locale, manage.eligibility_per_cohort)}</label>
                        <input id="el-per" name="draft[max_applications_per_cohort]" type="number" inputmode="numeric"
                            value=v.max_applications_per_cohort/>
                        {problem("max_applications_per_cohort")}
                    </div>
                </div>
                <div class="form-field checkbox">
                    <input id="el-once" type="checkbox" name="draft[once_only]" value="yes" checked=v.once_only.is_some()/>
                    <label for="el-once">{td_string!(locale, manage.eligibility_once_only)}</label>
                </div>
                <div class="form-field checkbox">
                    <input id="el-expertise" type="checkbox" name="draft[ask_expertise]" value="yes" checked=v.ask_expertise.is_some()/>
                    <label for="el-expertise">{td_string!(locale, manage.eligibility_ask_expertise)}</label>
                </div>
                <div class="pair">
                    <div class="form-field">
                        <label for="el-dja">{td_string!(locale, manage.eligibility_declarations_ja)}</label>
                        <textarea id="el-dja" name="draft[declarations_ja]" rows="4" inner_html=textarea_html(&v.declarations_ja)></textarea>
                    </div>
                    <div class="form-field">
                        <label for="el-den">{td_string!(locale, manage.eligibility_declarations_en)}</label>
                        <textarea id="el-den" name="draft[declarations_en]" rows="4" inner_html=textarea_html(&v.declarations_en)></textarea>
                    </div>
                </div>
                <button type="submit" class="button">{td_string!(locale, common.save)}</button>
            </form>
        </section>
    }
}
