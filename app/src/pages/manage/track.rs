//! `/manage/<programme>/<cohort>/tracks/<track>`: edit one track.

use super::forms::TrackForm;
use crate::api::manage::get_managed_track;
use crate::components::breadcrumbs::{Breadcrumbs, Crumb};
use crate::components::lang::{locale_of, use_lang};
use crate::components::loaded::loaded;
use crate::components::route_params::track_params;
use crate::components::saved_notice::SavedNotice;
use crate::domain::catalogue::manage::ManagedTrack;
use crate::domain::lang::Lang;
use crate::i18n::td_string;
use leptos::prelude::*;
use leptos_meta::Title;

/// A track's management page.
#[component]
pub fn ManageTrackPage() -> impl IntoView {
    let lang = use_lang();
    let data = Resource::new(track_params(), |(programme, cohort, track)| {
        get_managed_track(programme, cohort, track)
    });
    loaded(data, move |d| track_view(d, lang))
}

fn track_view(d: ManagedTrack, lang: Lang) -> impl IntoView {
    let locale = locale_of(lang);
    let p = d.programme.slug.clone();
    let c = d.cohort_slug.clone();
    let name = match lang {
        Lang::Ja => d.draft.name_ja.clone(),
        Lang::En => d.draft.name_en.clone(),
    };
    let crumbs = vec![
        Crumb {
            label: td_string!(locale, common.manage).into(),
            href: Some("/manage".into()),
        },
        Crumb {
            label: d.programme.name.get(lang).to_string(),
            href: Some(format!("/manage/{p}")),
        },
        Crumb {
            label: d.cohort_title.get(lang).to_string(),
            href: Some(format!("/manage/{p}/{c}")),
        },
        Crumb {
            label: name.clone(),
            href: None,
        },
    ];
    let original = d.draft.slug.clone();
    view! {
        <Title text=format!("{name} – {}", td_string!(locale, common.manage))/>
        <Breadcrumbs crumbs/>
        <section class="page manage">
            <h1>{name}</h1>
            <SavedNotice/>
            <p><a href=format!("/programmes/{p}/{c}/tracks/{original}")>{td_string!(locale, manage.view_public)}</a></p>
            <p><a href=format!("/manage/{p}/{c}/tracks/{original}/questions")>{td_string!(locale, manage.questions)}</a></p>
            <p><a href=format!("/manage/{p}/{c}/tracks/{original}/review")>{td_string!(locale, common.review)}</a></p>
            <p><a href=format!("/manage/{p}/{c}/tracks/{original}/completion")>{td_string!(locale_of(lang), manage.completion)}</a></p>
            <p><a href=format!("/manage/{p}/{c}/tracks/{original}/roster")>{td_string!(locale_of(lang), manage.roster)}</a></p>
            <TrackForm programme=p.clone() cohort=c.clone() original=original.clone() draft=d.draft fields=d.fields/>
        </section>
    }
}
