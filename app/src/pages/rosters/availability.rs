//! `/account/availability`: what the person is open to — tutoring,
//! lecturing — and their fields of expertise. Organisers see alumni who are
//! open to help on the staffing dashboard.

use crate::api::tutor_calls::{SaveAvailability, get_availability};
use crate::components::lang::{locale_of, use_lang};
use crate::components::loaded::loaded;
use crate::components::saved_notice::SavedNotice;
use crate::domain::lang::Lang;
use crate::domain::rosters::view::AvailabilityPage;
use crate::i18n::td_string;
use leptos::prelude::*;
use leptos_meta::Title;
use server_fn::ServerFn;

/// The person's availability form.
#[component]
pub fn AvailabilityFormPage() -> impl IntoView {
    let lang = use_lang();
    let data = Resource::new(|| (), |()| get_availability());
    let title = td_string!(locale_of(lang), rosters.open_to_tutoring_or_lecturing);
    view! {
        <Title text=title/>
        <section class="page availability">
            <h1>{title}</h1>
            <SavedNotice/>
            {loaded(data, move |a| form(a, lang))}
        </section>
    }
}

fn form(a: AvailabilityPage, lang: Lang) -> impl IntoView {
    let fields = a
        .fields
        .into_iter()
        .map(|f| {
            view! {
                <label class="check">
                    <input type="checkbox" name=format!("fields[{}]", f.slug) value="on" checked=f.chosen/>
                    " " {f.name.get(lang).to_string()}
                </label>
            }
        })
        .collect_view();
    view! {
        <p>{td_string!(locale_of(lang), rosters.availability_lead)}</p>
        <p>
            {td_string!(locale_of(lang), rosters.these_two_are_the_same)}
            <a href="/account/alumni">{td_string!(locale_of(lang), rosters.alumni_profile)}</a>
        </p>
        <form method="post" action=SaveAvailability::PATH class="edit-form">
            <label class="check"><input type="checkbox" name="tutoring" value="on" checked=a.tutoring/> " " {td_string!(locale_of(lang), rosters.open_to_tutoring)}</label>
            <label class="check"><input type="checkbox" name="lecturing" value="on" checked=a.lecturing/> " " {td_string!(locale_of(lang), rosters.open_to_lecturing)}</label>
            <fieldset>
                <legend>{td_string!(locale_of(lang), rosters.fields_of_expertise)}</legend>
                {fields}
            </fieldset>
            <button type="submit" class="button">{td_string!(locale_of(lang), rosters.save)}</button>
        </form>
    }
}
