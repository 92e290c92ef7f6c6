//! `/account/alumni`: the owner's profile editor. A plain form post that
//! works without JavaScript; a refused save comes back with every problem
//! next to its field and with what was typed (kept by `form_flash`).

use crate::api::alumni::{SaveMyProfile, get_my_profile};
use crate::components::form::field_errors;
use crate::components::lang::{locale_of, use_lang};
use crate::components::loaded::loaded;
use crate::components::saved_notice::SavedNotice;
use crate::components::text::textarea_html;
use crate::domain::alumni::draft::{
    EXPERIENCE_ROWS, LINK_ROWS, MAX_LINE, MAX_NAME, MAX_PERIOD, MAX_SHORT, MAX_SKILL, MAX_TEXT,
    MAX_URL, ProfileDraft, SKILL_ROWS,
};
use crate::domain::alumni::{
    EditorPage, Level, OPEN_TO_KEYS, OpenTo, Part, Qualification, Visibility,
};
use crate::domain::forms::FieldError;
use crate::domain::lang::Lang;
use crate::i18n::td_string;
use leptos::prelude::*;
use leptos_meta::Title;
use server_fn::ServerFn;

/// The owner's profile editor.
#[component]
pub fn AlumniEditorPage() -> impl IntoView {
    let lang = use_lang();
    let data = Resource::new(|| (), |()| get_my_profile());
    // Reads a refused save's problems from the URL it came back with.
    let action = ServerAction::<SaveMyProfile>::new();
    let errors = Signal::derive(move || field_errors(action.value().get()));
    let title = td_string!(locale_of(lang), alumni.alumni_profile);
    view! {
        <Title text=title/>
        <section class="page alumni-editor">
            <h1>{title}</h1>
            <SavedNotice/>
            <p>
                <a href="/account/alumni/preview">{td_string!(locale_of(lang), alumni.see_how_others_see_you)}</a>
                " · "
                <a href="/account/alumni/skills">{td_string!(locale_of(lang), alumni.your_skills_over_time)}</a>
            </p>
            {loaded(data, move |p| form(p, errors, lang))}
        </section>
    }
}

/// The editor's state shared by its fields.
#[derive(Clone)]
struct Ctx {
    draft: ProfileDraft,
    errors: Signal<Vec<FieldError>>,
    lang: Lang,
}

impl Ctx {
    fn value(&self, key: &str) -> String {
        self.draft.get(key).cloned().unwrap_or_default()
    }

    fn ticked(&self, key: &str) -> bool {
        self.draft.get(key).is_some_and(|v| !v.is_empty())
    }

    /// The problem message of `key`, if any.
    fn problem(&self, key: &str) -> impl Fn() -> Option<String> + Send + Sync + 'static + use<> {
        let errors = self.errors;
        let lang = self.lang;
        let key = key.to_string();
        move || {
            errors
                .get()
                .into_iter()
                .find(|e| e.field == key)
                .map(|e| e.problem.message(lang))
        }
    }

    /// A labelled text input or area for `key`, at most `max` characters.
    fn text(&self, key: String, label: String, max: usize, area: bool) -> impl IntoView + use<> {
        let id = format!("alumni-{key}");
        let error_id = format!("{id}-error");
        let problem = self.problem(&key);
        let has = {
            let problem = self.problem(&key);
            move || problem().is_some().then_some("true")
        };
        let described = {
            let problem = self.problem(&key);
            let error_id = error_id.clone();
            move || problem().is_some().then(|| error_id.clone())
        };
        let name = format!("draft[{key}]");
        let value = self.value(&key);
        let hint = td_string!(locale_of(self.lang), alumni.up_to_max_characters, max);
        let for_id = id.clone();
        let control = if area {
            view! { <textarea id=id.clone() name=name rows="4" aria-invalid=has aria-describedby=described inner_html=textarea_html(&value)></textarea> }
                .into_any()
        } else {
            view! { <input id=id.clone() type="text" name=name value=value aria-invalid=has aria-describedby=described/> }
                .into_any()
        };
        view! {
            <div class="form-field">
                <label for=for_id>{label} " " <span class="muted">"(" {hint} ")"</span></label>
                {control}
                {move || problem().map(|m| view! { <p class="field-error" id=error_id.clone()>{m}</p> })}
            </div>
        }
    }

    fn check(&self, key: &str, label: &'static str) -> impl IntoView + use<> {
        let id = format!("alumni-{key}");
        let for_id = id.clone();
        view! {
            <label class="check" for=for_id>
                <input id=id type="checkbox" name=format!("draft[{key}]") value="on" checked=self.ticked(key)/>
                " " {label}
            </label>
        }
    }

    fn select(
        &self,
        key: String,
        label: String,
        choices: Vec<(String, String)>,
        blank: Option<&'static str>,
    ) -> impl IntoView + use<> {
        let id = format!("alumni-{key}");
        let for_id = id.clone();
        let current = self.value(&key);
        let problem = self.problem(&key);
        let options = super::options(choices, &current);
        let blank = blank.map(|b| view! { <option value="">{b}</option> });
        view! {
            <div class="form-field">
                <label for=for_id>{label}</label>
                <select id=id name=format!("draft[{key}]")>{blank}{options}</select>
                {move || problem().map(|m| view! { <p class="field-error">{m}</p> })}
            </div>
        }
    }
}

fn visibility_choices(lang: Lang) -> Vec<(String, String)> {
    Visibility::ALL
        .into_iter()
        .map(|v| (v.as_str().to_string(), v.label(lang).to_string()))
        .collect()
}

fn form(p: EditorPage, errors: Signal<Vec<FieldError>>, lang: Lang) -> impl IntoView {
    let c = Ctx {
        draft: p.draft,
        errors,
        lang,
    };
    let locale = locale_of(lang);
    let experience = (0..EXPERIENCE_ROWS)
        .map(|i| {
            let n = i + 1;
            let legend = td_string!(locale, alumni.experience_n, n);
            view! {
                <fieldset class="row">
                    <legend>{legend}</legend>
                    {c.text(format!("exp{i}_industry"), td_string!(locale, alumni.industry).to_string(), MAX_SHORT, false)}
                    {c.text(format!("exp{i}_role"), td_string!(locale, alumni.role).to_string(), MAX_SHORT, false)}
                    {c.text(format!("exp{i}_period"), td_string!(locale, alumni.period).to_string(), MAX_PERIOD, false)}
                    {c.text(format!("exp{i}_text"), td_string!(locale, alumni.what_you_did).to_string(), MAX_TEXT, true)}
                </fieldset>
            }
        })
        .collect_view();
    let levels: Vec<(String, String)> = Level::ALL
        .into_iter()
        .map(|l| (l.number().to_string(), l.label(lang).to_string()))
        .collect();
    let skills = (0..SKILL_ROWS)
        .map(|i| {
            let n = i + 1;
            let name = td_string!(locale, alumni.skill_n, n);
            let level = td_string!(locale, alumni.level_of_skill_n, n);
            view! {
                <div class="pair">
                    {c.text(format!("skill{i}_name"), name, MAX_SKILL, false)}
                    {c.select(format!("skill{i}_level"), level, levels.clone(), Some(td_string!(locale_of(lang), alumni.choose)))}
                </div>
            }
        })
        .collect_view();
    let qualifications = Qualification::ALL
        .into_iter()
        .map(|q| c.check(&format!("q_{}", q.as_str()), q.label(lang)))
        .collect_view();
    let links = (0..LINK_ROWS)
        .map(|i| {
            let n = i + 1;
            let label = td_string!(locale, alumni.link_n_label, n);
            let url = td_string!(locale, alumni.link_n_address, n);
            view! {
                <div class="pair">
                    {c.text(format!("link{i}_label"), label, MAX_SHORT, false)}
                    {c.text(format!("link{i}_url"), url, MAX_URL, false)}
                </div>
            }
        })
        .collect_view();
    let open = OPEN_TO_KEYS
        .into_iter()
        .map(|k| c.check(&format!("open_{k}"), OpenTo::label(k, lang)))
        .collect_view();
    let visibility = Part::ALL
        .into_iter()
        .map(|part| {
            let label = td_string!(locale, alumni.who_sees_part, part = part.label(lang));
            c.select(
                format!("vis_{}", part.key()),
                label,
                visibility_choices(lang),
                None,
            )
        })
        .collect_view();
    let has_errors = move || !errors.get().is_empty();
    let awaiting = p.awaiting_owner.then(
        || view! { <p class="notice">{td_string!(locale_of(lang), alumni.awaiting_owner)}</p> },
    );
    view! {
        {awaiting}
        <form method="post" action=SaveMyProfile::PATH class="edit-form" novalidate=true>
            {move || has_errors().then(|| view! {
                <p class="alert" role="alert">{td_string!(locale_of(lang), common.form_has_errors)}</p>
            })}
            <fieldset>
                <legend>{td_string!(locale_of(lang), alumni.about_you)}</legend>
                <div class="pair">
                    {c.text("name_ja".into(), td_string!(locale, alumni.display_name_japanese).to_string(), MAX_NAME, false)}
                    {c.text("name_en".into(), td_string!(locale, alumni.display_name_english).to_string(), MAX_NAME, false)}
                </div>
                {c.text("headline".into(), td_string!(locale, alumni.headline).to_string(), MAX_LINE, false)}
                {c.text("affiliation".into(), td_string!(locale, alumni.affiliation).to_string(), MAX_LINE, false)}
                {c.check("hide_employer", td_string!(locale_of(lang), alumni.hide_my_employer_from_everyone))}
            </fieldset>
            {experience}
            <fieldset>
                <legend>{td_string!(locale_of(lang), alumni.skills_and_self_rated_level)}</legend>
                {skills}
            </fieldset>
            <fieldset>
                <legend>{td_string!(locale_of(lang), alumni.qualifications)}</legend>
                {qualifications}
                {c.text("q_other_text".into(), td_string!(locale, alumni.other_qualification).to_string(), MAX_SHORT, false)}
            </fieldset>
            <fieldset>
                <legend>{td_string!(locale_of(lang), alumni.links)}</legend>
                {links}
            </fieldset>
            <fieldset>
                <legend>{td_string!(locale_of(lang), alumni.open_to)}</legend>
                <p class="muted">{td_string!(locale_of(lang), alumni.open_to_same_as_availability)}</p>
                {open}
            </fieldset>
            <fieldset>
                <legend>{td_string!(locale_of(lang), alumni.visibility)}</legend>
                {visibility}
                {c.check("listed_externally", td_string!(locale_of(lang), alumni.i_agree_to_be_listed))}
            </fieldset>
            <button type="submit" class="button">{td_string!(locale_of(lang), alumni.save)}</button>
        </form>
    }
}
