//! `/admin/fields/<field>`: edit one field, or delete it while nothing
//! uses it.

use super::forms::FieldForm;
use super::nav::AdminNav;
use crate::api::fields::{DeleteField, get_admin_field};
use crate::components::breadcrumbs::{Breadcrumbs, Crumb};
use crate::components::form::field_errors;
use crate::components::lang::{locale_of, use_lang};
use crate::components::loaded::loaded;
use crate::components::route_params::param;
use crate::components::saved_notice::SavedNotice;
use crate::domain::catalogue::admin::FieldEditor;
use crate::domain::lang::Lang;
use crate::i18n::td_string;
use leptos::prelude::*;
use leptos_meta::Title;

/// One field's page.
#[component]
pub fn AdminFieldPage() -> impl IntoView {
    let lang = use_lang();
    let data = Resource::new(param("field"), get_admin_field);
    loaded(data, move |e| field_view(e, lang))
}

fn field_view(e: FieldEditor, lang: Lang) -> impl IntoView {
    let locale = locale_of(lang);
    let name = e.saved.field.name.get(lang).to_string();
    let crumbs = vec![
        Crumb {
            label: td_string!(locale, admin.fields).into(),
            href: Some("/admin/fields".into()),
        },
        Crumb {
            label: name.clone(),
            href: None,
        },
    ];
    let end = if e.saved.in_use() {
        view! { <p class="notice">{td_string!(locale, admin.field_in_use)}</p> }.into_any()
    } else {
        view! { <DeleteForm field=e.saved.field.slug.clone()/> }.into_any()
    };
    view! {
        <Title text=name.clone()/>
        <Breadcrumbs crumbs/>
        <section class="page admin">
            <h1>{name}</h1>
            <AdminNav/>
            <SavedNotice/>
            <FieldForm original=e.saved.field.slug.clone() draft=e.draft/>
            {end}
        </section>
    }
}

/// Deletes the field; a refusal (something came to use it meanwhile) is
/// shown here, with and without JavaScript.
#[component]
fn DeleteForm(field: String) -> impl IntoView {
    let lang = use_lang();
    let locale = locale_of(lang);
    let action = ServerAction::<DeleteField>::new();
    let problem = move || {
        field_errors(action.value().get())
            .first()
            .map(|e| view! { <p class="field-error" role="alert">{e.problem.message(lang)}</p> })
    };
    view! {
        <h2>{td_string!(locale, admin.delete_field)}</h2>
        <p>{td_string!(locale, admin.delete_field_note)}</p>
        <ActionForm action attr:class="edit-form">
            <input type="hidden" name="field" value=field/>
            {problem}
            <button type="submit" class="button danger">{td_string!(locale, admin.delete_field)}</button>
        </ActionForm>
    }
}
