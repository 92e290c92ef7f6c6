//! `/account/alumni/skills`: the owner's skills now and before, and where
//! they stand in each of their cohorts (anonymous counts, hidden below five
//! people).

use crate::api::alumni::get_my_skills;
use crate::components::lang::{locale_of, use_lang};
use crate::components::loaded::loaded;
use crate::components::table::table;
use crate::domain::alumni::Level;
use crate::domain::alumni::skills::{MIN_GROUP, SkillsPage, Standing};
use crate::domain::lang::Lang;
use crate::domain::time::format_datetime;
use crate::i18n::td_string;
use leptos::prelude::*;
use leptos_meta::Title;

/// The owner's skills self-assessment.
#[component]
pub fn AlumniSkillsPage() -> impl IntoView {
    let lang = use_lang();
    let data = Resource::new(|| (), |()| get_my_skills());
    let title = td_string!(locale_of(lang), alumni.your_skills_over_time);
    view! {
        <Title text=title/>
        <section class="page alumni-skills">
            <h1>{title}</h1>
            <p><a href="/account/alumni">{td_string!(locale_of(lang), alumni.edit_your_profile)}</a></p>
            {loaded(data, move |p| body(p, lang))}
        </section>
    }
}

fn before_text(s: &Standing, lang: Lang) -> String {
    match s.before {
        None => td_string!(locale_of(lang), alumni.no_change).to_string(),
        Some((None, at)) => format!(
            "{}（{}）",
            td_string!(locale_of(lang), alumni.not_listed),
            format_datetime(at, lang)
        ),
        Some((Some(l), at)) => format!("{}（{}）", l.label(lang), format_datetime(at, lang)),
    }
}

fn standing_text(s: &Standing, lang: Lang) -> AnyView {
    let items = s
        .cohorts
        .iter()
        .map(|c| {
            let text = match c.counts {
                None => td_string!(
                    locale_of(lang),
                    alumni.hidden_fewer_than_min_people,
                    min = MIN_GROUP
                ),
                Some(counts) => Level::ALL
                    .into_iter()
                    .zip(counts)
                    .map(|(l, n)| {
                        let mark = if l == s.now { "▶" } else { "" };
                        format!("{mark}{}: {n}", l.label(lang))
                    })
                    .collect::<Vec<_>>()
                    .join(" / "),
            };
            view! { <li>{c.cohort.get(lang).to_string()} ": " {text}</li> }
        })
        .collect_view();
    view! { <ul>{items}</ul> }.into_any()
}

fn body(p: SkillsPage, lang: Lang) -> impl IntoView {
    if p.skills.is_empty() {
        return view! { <p>{td_string!(locale_of(lang), alumni.you_have_not_listed_any)}</p> }
            .into_any();
    }
    let rows = p
        .skills
        .into_iter()
        .map(|s| {
            let before = before_text(&s, lang);
            let standing = standing_text(&s, lang);
            view! {
                <tr>
                    <th scope="row">{s.name.clone()}</th>
                    <td>{s.now.label(lang)}</td>
                    <td>{before}</td>
                    <td>{standing}</td>
                </tr>
            }
        })
        .collect_view();
    let heads = vec![
        td_string!(locale_of(lang), alumni.skill),
        td_string!(locale_of(lang), alumni.now),
        td_string!(locale_of(lang), alumni.before),
        td_string!(locale_of(lang), alumni.your_cohort_anonymous),
    ];
    table("alumni-skills", heads, rows).into_any()
}
