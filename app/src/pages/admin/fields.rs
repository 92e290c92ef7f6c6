//! `/admin/fields`: every field with what uses it, and a form for a new one.

use super::forms::FieldForm;
use super::nav::AdminNav;
use crate::api::fields::get_admin_fields;
use crate::components::lang::{locale_of, use_lang};
use crate::components::loaded::loaded;
use crate::components::saved_notice::SavedNotice;
use crate::components::table::table;
use crate::domain::catalogue::admin::FieldList;
use crate::domain::lang::Lang;
use crate::i18n::td_string;
use leptos::prelude::*;
use leptos_meta::Title;

/// The fields page.
#[component]
pub fn AdminFieldsPage() -> impl IntoView {
    let lang = use_lang();
    let locale = locale_of(lang);
    let data = Resource::new(|| (), |_| get_admin_fields());
    view! {
        <Title text=td_string!(locale, admin.fields)/>
        <section class="page admin">
            <h1>{td_string!(locale, admin.fields)}</h1>
            <AdminNav/>
            <SavedNotice/>
            <p class="lead">{td_string!(locale, admin.fields_lead)}</p>
            {loaded(data, move |list| fields_view(list, lang))}
        </section>
    }
}

fn fields_view(list: FieldList, lang: Lang) -> impl IntoView {
    let locale = locale_of(lang);
    let listed = if list.fields.is_empty() {
        view! { <p>{td_string!(locale, admin.no_fields)}</p> }.into_any()
    } else {
        let rows = list
            .fields
            .into_iter()
            .map(|f| {
                let slug = f.field.slug;
                view! {
                    <tr>
                        <td><a href=format!("/admin/fields/{slug}")>{f.field.name.get(lang).to_string()}</a></td>
                        <td><code>{slug}</code></td>
                        <td>{f.tracks}</td>
                        <td>{f.people}</td>
                    </tr>
                }
            })
            .collect_view();
        let heads = vec![
            td_string!(locale, common.f_field),
            td_string!(locale, admin.slug),
            td_string!(locale, admin.tracks),
            td_string!(locale, admin.people),
        ];
        table("fields", heads, rows).into_any()
    };
    view! {
        {listed}
        <h2 id="new-field">{td_string!(locale, admin.new_field)}</h2>
        <FieldForm original=String::new() draft=list.new_field/>
    }
}
