//! `/account/availability`: what the person is open to — tutoring,
//! lecturing — and their fields of expertise. Organisers see alumni who are
//! open to help on the staffing dashboard.

use super::tr;
use crate::api::tutor_calls::{SaveAvailability, get_availability};
use crate::components::lang::use_lang;
use crate::components::loaded::loaded;
use crate::components::saved_notice::SavedNotice;
use crate::domain::lang::Lang;
use crate::domain::rosters::view::AvailabilityPage;
use leptos::prelude::*;
use leptos_meta::Title;
use server_fn::ServerFn;

/// The person's availability form.
#[component]
pub fn AvailabilityFormPage() -> impl IntoView {
    let lang = use_lang();
    let data = Resource::new(|| (), |()| get_availability());
    let title = tr(
        lang,
        "チューター・講師への意向",
        "Open to tutoring or lecturing",
    );
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
        <p>{tr(lang, "主催者は、人手の足りないトラックの分野で協力できる修了生としてあなたを見つけられます。", "Organisers find you as an alumnus open to help on tracks in your fields that are short of people.")}</p>
        <p>
            {tr(lang, "この二つは修了生プロフィールの「引き受けられること」と同じ設定です: ", "These two are the same settings as “Open to” on your alumni profile: ")}
            <a href="/account/alumni">{tr(lang, "修了生プロフィール", "Alumni profile")}</a>
        </p>
        <form method="post" action=SaveAvailability::PATH class="edit-form">
            <label class="check"><input type="checkbox" name="tutoring" value="on" checked=a.tutoring/> " " {tr(lang, "チューターを引き受けられる", "Open to tutoring")}</label>
            <label class="check"><input type="checkbox" name="lecturing" value="on" checked=a.lecturing/> " " {tr(lang, "講師を引き受けられる", "Open to lecturing")}</label>
            <fieldset>
                <legend>{tr(lang, "得意な分野", "Fields of expertise")}</legend>
                {fields}
            </fieldset>
            <button type="submit" class="button">{tr(lang, "保存", "Save")}</button>
        </form>
    }
}
