//! `/account/alumni/preview`: the owner's profile as the public, a
//! community member and an organiser see it, built by the same visibility
//! rules as the real pages.

use super::{profile_body, profile_title};
use crate::api::alumni::get_preview;
use crate::components::lang::use_lang;
use crate::components::loaded::loaded;
use crate::domain::alumni::{Preview, ProfileView};
use crate::domain::lang::Lang;
use crate::pages::rosters::tr;
use leptos::prelude::*;
use leptos_meta::Title;

/// The owner's profile seen by each kind of viewer.
#[component]
pub fn AlumniPreviewPage() -> impl IntoView {
    let lang = use_lang();
    let data = Resource::new(|| (), |()| get_preview());
    let title = tr(lang, "プロフィールの見え方", "How others see your profile");
    view! {
        <Title text=title/>
        <section class="page alumni-preview">
            <h1>{title}</h1>
            <p><a href="/account/alumni">{tr(lang, "プロフィールを編集", "Edit your profile")}</a></p>
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
            <p>{tr(lang, "公開名簿への掲載に同意していないため、表示されません。", "Not shown: you have not agreed to be listed publicly.")}</p>
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
            <p>{tr(lang, "プロフィールはまだありません。保存すると、ここで見え方を確認できます。", "You have no profile yet. Once you save one, this page shows how others see it.")}</p>
        }
        .into_any();
    }
    view! {
        {one("preview-public", tr(lang, "一般公開（サインインしていない人）", "The public (not signed in)"), p.public, lang)}
        {one("preview-community", tr(lang, "コミュニティ（修了生・スタッフ）", "The community (alumni and staff)"), p.community, lang)}
        {one("preview-organiser", tr(lang, "主催者", "Organisers"), p.organiser, lang)}
    }
    .into_any()
}
