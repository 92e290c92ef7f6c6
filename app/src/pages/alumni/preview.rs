//! `/account/alumni/preview`: the owner's profile as the public, a
//! community member and an organiser see it, built by the same visibility
//! rules as the real pages.

use super::{profile_body, profile_title};
use crate::api::alumni::get_preview;
use crate::components::lang::{locale_of, use_lang};
use crate::components::loaded::loaded;
use crate::domain::alumni::{Preview, ProfileView};
use crate::domain::lang::Lang;
use crate::i18n::td_string;
use leptos::prelude::*;
use leptos_meta::Title;

/// The owner's profile seen by each kind of viewer.
#[component]
pub fn AlumniPreviewPage() -> impl IntoView {
    let lang = use_lang();
    let data = Resource::new(|| (), |()| get_preview());
    let title = td_string!(locale_of(lang), alumni.how_others_see_your_profile);
    view! {
        <Title text=title/>
        <section class="page alumni-preview">
            <h1>{title}</h1>
            <p><a href="/account/alumni">{td_string!(locale_of(lang), alumni.edit_your_profile)}</a></p>
            {loaded(data, move |p| previews(p, lang))}
        </section>
    }
}

fn one(
    id: &'static str,
    heading: &'static str,
    v: Option<ProfileView>,
    lang: Lang,
) -> impl IntoView {
    let body = match v {
        Some(v) => view! {
            <p class="preview-name">{profile_title(&v, lang)}</p>
            {profile_body(v, lang)}
        }
        .into_any(),
        None => view! {
            <p>{td_string!(locale_of(lang), alumni.not_shown_not_listed)}</p>
        }
        .into_any(),
    };
    view! {
        <section class="preview" aria-labelledby=id>
            <h2 id=id>{heading}</h2>
            {body}
        </section>
    }
}

fn previews(p: Preview, lang: Lang) -> impl IntoView {
    if !p.exists {
        return view! {
            <p>{td_string!(locale_of(lang), alumni.you_have_no_profile_yet)}</p>
        }
        .into_any();
    }
    view! {
        {one("preview-public", td_string!(locale_of(lang), alumni.the_public), p.public, lang)}
        {one("preview-community", td_string!(locale_of(lang), alumni.the_community_alumni_and_staff), p.community, lang)}
        {one("preview-organiser", td_string!(locale_of(lang), alumni.organisers), p.organiser, lang)}
    }
    .into_any()
}
