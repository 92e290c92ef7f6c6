//! Alumni pages: the directory (`/alumni`), a profile (`/alumni/<id>`), and
//! the owner's editor, preview and skills self-assessment under
//! `/account/alumni`. Every page shows only the `ProfileView` the server
//! built for the viewer; every form is a plain GET or POST that works
//! without JavaScript.

mod directory;
mod edit;
mod preview;
mod profile;
mod skills;

pub use directory::AlumniDirectoryPage;
pub use edit::AlumniEditorPage;
pub use preview::AlumniPreviewPage;
pub use profile::AlumniProfilePage;
pub use skills::AlumniSkillsPage;

use crate::components::lang::locale_of;
use crate::domain::alumni::{OPEN_TO_KEYS, OpenTo, Part, ProfileView};
use crate::domain::lang::Lang;
use crate::i18n::td_string;
use leptos::prelude::*;

/// The name to show for a profile whose name the viewer may not see.
fn name_of(v: &ProfileView, lang: Lang) -> String {
    match &v.name {
        Some(n) if !n.get(lang).is_empty() => n.get(lang).to_string(),
        Some(n) if !n.ja.is_empty() => n.ja.clone(),
        _ => format!(
            "{} #{}",
            td_string!(locale_of(lang), alumni.alumnus_with_a_private_name),
            v.account_id
        ),
    }
}

/// What someone is open to, as words.
fn open_to_words(o: OpenTo, lang: Lang) -> String {
    OPEN_TO_KEYS
        .into_iter()
        .filter(|k| o.has(k))
        .map(|k| OpenTo::label(k, lang))
        .collect::<Vec<_>>()
        .join(td_string!(locale_of(lang), alumni.text))
}

/// A labelled part of a profile (`dt`/`dd`), when the viewer may see it.
fn part<V: IntoView + 'static>(p: Part, lang: Lang, body: Option<V>) -> Option<AnyView> {
    body.map(|b| {
        view! {
            <dt>{p.label(lang)}</dt>
            <dd data-part=p.key()>{b}</dd>
        }
        .into_any()
    })
}

/// The parts of a profile a viewer may see, as a definition list. Text is
/// always shown as text (never as markup).
pub fn profile_body(v: ProfileView, lang: Lang) -> impl IntoView {
    let name = part(
        Part::Name,
        lang,
        v.name.map(|n| format!("{} / {}", n.ja, n.en)),
    );
    let headline = part(Part::Headline, lang, v.headline);
    let affiliation = part(Part::Affiliation, lang, v.affiliation);
    let experience = part(
        Part::Experience,
        lang,
        v.experience.map(|es| {
            let items = es
                .into_iter()
                .map(|e| {
                    view! {
                        <li>
                            <strong>{e.role}</strong> " · " {e.industry} " · " {e.period}
                            <p class="narrative">{e.text}</p>
                        </li>
                    }
                })
                .collect_view();
            view! { <ul class="experience">{items}</ul> }
        }),
    );
    let skills = part(
        Part::Skills,
        lang,
        v.skills.map(|ss| {
            let items = ss
                .into_iter()
                .map(|s| view! { <li>{s.name} " — " {s.level.label(lang)}</li> })
                .collect_view();
            view! { <ul class="skills">{items}</ul> }
        }),
    );
    let qualifications = part(
        Part::Qualifications,
        lang,
        v.qualifications.map(|qs| {
            let items = qs
                .into_iter()
                .map(|q| {
                    let other = (!q.other.is_empty()).then(|| format!("（{}）", q.other));
                    view! { <li>{q.kind.label(lang)} {other}</li> }
                })
                .collect_view();
            view! { <ul>{items}</ul> }
        }),
    );
    let links =
        part(
            Part::Links,
            lang,
            v.links.map(|ls| {
                let items = ls
                .into_iter()
                .map(|l| {
                    let label = if l.label.is_empty() { l.url.clone() } else { l.label };
                    view! { <li><a href=l.url rel="nofollow noopener noreferrer">{label}</a></li> }
                })
                .collect_view();
                view! { <ul>{items}</ul> }
            }),
        );
    let open_to = part(
        Part::OpenTo,
        lang,
        v.open_to.map(|o| open_to_words(o, lang)),
    );
    let camps = part(
        Part::Camp,
        lang,
        v.camps.map(|cs| {
            let items = cs
                .into_iter()
                .map(|c| {
                    view! {
                        <li>{c.programme.get(lang).to_string()} " " {c.cohort} " · " {c.track.get(lang).to_string()}</li>
                    }
                })
                .collect_view();
            view! { <ul>{items}</ul> }
        }),
    );
    view! {
        <dl class="profile">
            {name} {headline} {affiliation} {experience} {skills} {qualifications} {links} {open_to} {camps}
        </dl>
    }
}

/// The `<option>`s of `choices` (value, label), `current` selected.
fn options(choices: Vec<(String, String)>, current: &str) -> impl IntoView + use<> {
    choices
        .into_iter()
        .map(|(v, l)| {
            let selected = v == current;
            view! { <option value=v selected=selected>{l}</option> }
        })
        .collect_view()
}

/// The heading name of a profile.
pub fn profile_title(v: &ProfileView, lang: Lang) -> String {
    name_of(v, lang)
}
