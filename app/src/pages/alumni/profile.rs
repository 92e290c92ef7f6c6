//! `/alumni/<id>`: one profile, as the person asking may see it (404 for
//! the public when the owner did not consent to be listed).

use super::{profile_body, profile_title};
use crate::api::alumni::get_profile;
use crate::components::lang::{locale_of, use_lang};
use crate::components::loaded::loaded;
use crate::components::route_params::param;
use crate::i18n::td_string;
use leptos::prelude::*;
use leptos_meta::Title;

/// One alumni profile.
#[component]
pub fn AlumniProfilePage() -> impl IntoView {
    let lang = use_lang();
    let id = param("id");
    let data = Resource::new(id, get_profile);
    view! {
        <section class="page alumni-profile">
            <p><a href="/alumni">{td_string!(locale_of(lang), alumni.back_to_the_alumni_directory)}</a></p>
            {loaded(data, move |v| {
                // leptos_meta writes the title into the HTML unescaped, so a
                // person's own words never go there (a name such as
                // `</title><script>…` would run): the heading carries the name.
                let tab = format!("{} #{}", td_string!(locale_of(lang), alumni.alumni_profile), v.account_id);
                view! {
                    <Title text=tab/>
                    <h1>{profile_title(&v, lang)}</h1>
                    {profile_body(v, lang)}
                }
            })}
        </section>
    }
}
