//! `/manage/<programme>/<cohort>/tracks/<track>/questions`: a track's
//! application questions. One form per question (save, move by position,
//! remove) and one to add; once answers were submitted, a change makes a
//! new version and the page says so.

use crate::api::application_setup::{SaveQuestion, get_questions};
use crate::api::review::{AddCriterion, RemoveCriterion};
use crate::components::breadcrumbs::{Breadcrumbs, Crumb};
use crate::components::form::field_errors;
use crate::components::form::problem_of;
use crate::components::lang::{locale_of, use_lang};
use crate::components::loaded::loaded;
use crate::components::refusal::refusal;
use crate::components::route_params::track_params;
use crate::components::saved_notice::SavedNotice;
use crate::components::text::textarea_html;
use crate::domain::application::files::{FileType, MAX_FILE_MB};
use crate::domain::application::questions::QuestionKind;
use crate::domain::application::setup::{ManagedQuestions, QuestionDraft, question_draft};
use crate::domain::lang::Lang;
use crate::i18n::{Locale, td_string};
use leptos::prelude::*;
use leptos_meta::Title;
use server_fn::ServerFn;

/// A track's questions page.
#[component]
pub fn ManageQuestionsPage() -> impl IntoView {
    let lang = use_lang();
    let data = Resource::new(track_params(), |(programme, cohort, track)| {
        get_questions(programme, cohort, track)
    });
    loaded(data, move |d| questions_view(d, lang))
}

fn kind_label(k: QuestionKind, locale: Locale) -> &'static str {
    match k {
        QuestionKind::LongText => td_string!(locale, manage.q_long_text),
        QuestionKind::ShortText => td_string!(locale, manage.q_short_text),
        QuestionKind::SingleChoice => td_string!(locale, manage.q_single_choice),
        QuestionKind::MultipleChoice => td_string!(locale, manage.q_multiple_choice),
        QuestionKind::Url => td_string!(locale, manage.q_url),
        QuestionKind::File => td_string!(locale, manage.q_file),
    }
}

fn questions_view(d: ManagedQuestions, lang: Lang) -> impl IntoView {
    let locale = locale_of(lang);
    let p = d.programme.slug.clone();
    let (c, cohort_title) = d.cohort.clone();
    let (t, track_name) = d.track.clone();
    let mut crumbs = vec![
        Crumb {
            label: td_string!(locale, common.manage).into(),
            href: Some("/manage".into()),
        },
        Crumb {
            label: d.programme.name.get(lang).to_string(),
            href: Some(format!("/manage/{p}")),
        },
        Crumb {
            label: cohort_title.get(lang).to_string(),
            href: Some(format!("/manage/{p}/{c}")),
        },
        Crumb {
            label: track_name.get(lang).to_string(),
            href: Some(format!("/manage/{p}/{c}/tracks/{t}")),
        },
        Crumb {
            label: td_string!(locale, manage.questions).into(),
            href: None,
        },
    ];
    if !d.organiser {
        // A lecturer reaches none of the organisers' pages: their way here
        // is their reviews page.
        crumbs = vec![
            Crumb {
                label: td_string!(locale, review.rv_my_reviews).into(),
                href: Some("/review".into()),
            },
            Crumb {
                label: track_name.get(lang).to_string(),
                href: None,
            },
            Crumb {
                label: td_string!(locale, manage.questions).into(),
                href: None,
            },
        ];
    }
    let version_note = if d.frozen {
        td_string!(locale, manage.questions_frozen)
    } else {
        td_string!(locale, manage.questions_in_place)
    };
    let target = (p.clone(), c.clone(), t.clone());
    // Without JavaScript a refused form comes back with its typing kept
    // (`d.kept`); every other form shows the saved values and no problems.
    let kept = d.kept.clone();
    let draft_of = move |id: i32, saved: QuestionDraft| match &kept {
        Some(k) if k.question == id => (k.draft.clone(), true),
        Some(_) => (saved, false),
        None => (saved, true),
    };
    let forms = d
        .questions
        .iter()
        .enumerate()
        .map(|(i, q)| {
            let (draft, show_problems) = draft_of(q.id, question_draft(q, i));
            view! { <QuestionForm target=target.clone() id=q.id draft show_problems number=i + 1/> }
        })
        .collect_view();
    let (new_draft, new_problems) = draft_of(
        0,
        QuestionDraft {
            kind: "long_text".into(),
            required: Some("yes".into()),
            ..Default::default()
        },
    );
    let body = if d.editable {
        view! {
            {forms}
            <h2>{td_string!(locale, manage.questions_add)}</h2>
            <QuestionForm target=target.clone() id=0 draft=new_draft show_problems=new_problems number=0/>
            {(!d.organiser).then(|| rubric(&d, &target, lang))}
        }
        .into_any()
    } else {
        // Applications opened: the lecturer reads what the organisers keep.
        let prompts = d
            .questions
            .iter()
            .map(|q| view! { <li>{q.prompt.get(lang).to_string()}</li> })
            .collect_view();
        let criteria = d
            .criteria
            .iter()
            .map(|c| view! { <li>{format!("{} ×{} (1–{})", c.name.get(lang), c.weight, c.scale_max)}</li> })
            .collect_view();
        view! {
            <p class="notice" id="questions-locked">{td_string!(locale, review.mt_questions_locked)}</p>
            <ol class="questions">{prompts}</ol>
            <h2>{td_string!(locale, review.rv_rubric)}</h2>
            <ul class="rubric">{criteria}</ul>
        }
        .into_any()
    };
    view! {
        <Title text=format!("{} – {}", td_string!(locale, manage.questions), track_name.get(lang))/>
        <Breadcrumbs crumbs/>
        <section class="page manage">
            <h1>{format!("{} – {}", td_string!(locale, manage.questions), track_name.get(lang))}</h1>
            <SavedNotice/>
            <p class="muted">{format!("{} {}", td_string!(locale, manage.questions_version), d.version)} " " {version_note}</p>
            {body}
        </section>
    }
}

/// The track's rubric with its forms, for its lecturers, who write it with
/// the questions (organisers edit it on their review page).
fn rubric(
    d: &ManagedQuestions,
    target: &(String, String, String),
    lang: Lang,
) -> impl IntoView + use<> {
    let locale = locale_of(lang);
    let fields = move || {
        view! {
            <input type="hidden" name="programme" value=target.0.clone()/>
            <input type="hidden" name="cohort" value=target.1.clone()/>
            <input type="hidden" name="track" value=target.2.clone()/>
        }
    };
    let items = d
        .criteria
        .iter()
        .map(|c| {
            let label = format!("{} ×{} (1–{})", c.name.get(lang), c.weight, c.scale_max);
            view! {
                <li>
                    {label} " "
                    <form method="post" action=RemoveCriterion::PATH class="inline-form">
                        {fields()}
                        <input type="hidden" name="criterion" value=c.id/>
                        <button type="submit" class="link-button">{td_string!(locale, review.rv_remove)}</button>
                    </form>
                </li>
            }
        })
        .collect_view();
    view! {
        <h2 id="rubric">{td_string!(locale, review.rv_rubric)}</h2>
        {refusal!(RemoveCriterion, lang)}
        <ul class="rubric">{items}</ul>
        <form method="post" action=AddCriterion::PATH class="edit-form">
            {refusal!(AddCriterion, lang)}
            {fields()}
            <div class="pair">
                <div class="form-field"><label for="crit-ja">{td_string!(locale, common.f_name_ja)}</label><input id="crit-ja" type="text" name="name_ja"/></div>
                <div class="form-field"><label for="crit-en">{td_string!(locale, common.f_name_en)}</label><input id="crit-en" type="text" name="name_en"/></div>
            </div>
            <div class="pair">
                <div class="form-field"><label for="crit-weight">{td_string!(locale, review.rv_weight)}</label><input id="crit-weight" type="number" name="weight" min="1" value="1"/></div>
                <div class="form-field"><label for="crit-scale">{td_string!(locale, review.rv_scale)}</label><input id="crit-scale" type="number" name="scale_max" min="2" value="5"/></div>
            </div>
            <button type="submit" class="button">{td_string!(locale, review.rv_add_criterion)}</button>
        </form>
    }
}

/// One question's form (`id` 0: a new question). `show_problems` is false
/// for the forms a refused no-JavaScript post did not come from: they all
/// share the refusal carried in the URL, but it belongs to one of them.
#[component]
fn QuestionForm(
    target: (String, String, String),
    id: i32,
    draft: QuestionDraft,
    show_problems: bool,
    number: usize,
) -> impl IntoView {
    let lang = use_lang();
    let locale = locale_of(lang);
    let action = ServerAction::<SaveQuestion>::new();
    let errors = Signal::derive(move || {
        if show_problems {
            field_errors(action.value().get())
        } else {
            Vec::new()
        }
    });
    let problem = move |f: &'static str| {
        move || problem_of(errors, f, lang).map(|m| view! { <p class="field-error">{m}</p> })
    };
    let prefix = format!("q{id}");
    let fid = move |f: &str| format!("{prefix}-{f}");
    let kinds = QuestionKind::ALL
        .into_iter()
        .map(|k| {
            let selected = k.as_str() == draft.kind;
            view! { <option value=k.as_str() selected=selected>{kind_label(k, locale)}</option> }
        })
        .collect_view();
    let file_types = FileType::ALL
        .into_iter()
        .map(|t| {
            let box_id = fid(&format!("type-{}", t.as_str()));
            let ticked = draft.file_types.get(t.as_str()).is_some_and(|v| v == "yes");
            view! {
                <div class="form-field checkbox">
                    <input id=box_id.clone() type="checkbox" name=format!("draft[file_types][{}]", t.as_str())
                        value="yes" checked=ticked/>
                    <label for=box_id>{t.label(lang)}</label>
                </div>
            }
        })
        .collect_view();
    let heading = (number > 0)
        .then(|| view! { <h2>{format!("{} {number}", td_string!(locale, manage.question))}</h2> });
    view! {
        {heading}
        <ActionForm action attr:class="edit-form question-form" attr:novalidate=true>
            {move || (!errors.get().is_empty()).then(|| view! {
                <p class="alert" role="alert">{td_string!(locale, common.form_has_errors)}</p>
            })}
            <input type="hidden" name="programme" value=target.0/>
            <input type="hidden" name="cohort" value=target.1/>
            <input type="hidden" name="track" value=target.2/>
            <input type="hidden" name="question" value=id/>
            {problem("question")}
            <div class="triple">
                <div class="form-field">
                    <label for=fid("kind")>{td_string!(locale, manage.question_kind)}</label>
                    <select id=fid("kind") name="draft[kind]">{kinds}</select>
                </div>
                <div class="form-field">
                    <label for=fid("max")>{td_string!(locale, manage.question_max_chars)}</label>
                    <input id=fid("max") name="draft[max_chars]" type="number" inputmode="numeric" value=draft.max_chars/>
                    {problem("max_chars")}
                </div>
                <div class="form-field">
                    <label for=fid("pos")>{td_string!(locale, manage.question_position)}</label>
                    <input id=fid("pos") name="draft[position]" type="number" inputmode="numeric" value=draft.position/>
                    {problem("position")}
                </div>
            </div>
            <div class="pair">
                <div class="form-field">
                    <label for=fid("pja")>{td_string!(locale, manage.question_prompt_ja)}</label>
                    <textarea id=fid("pja") name="draft[prompt_ja]" rows="3" inner_html=textarea_html(&draft.prompt_ja)></textarea>
                    {problem("prompt_ja")}
                </div>
                <div class="form-field">
                    <label for=fid("pen")>{td_string!(locale, manage.question_prompt_en)}</label>
                    <textarea id=fid("pen") name="draft[prompt_en]" rows="3" inner_html=textarea_html(&draft.prompt_en)></textarea>
                </div>
            </div>
            <div class="pair">
                <div class="form-field">
                    <label for=fid("cja")>{td_string!(locale, manage.question_choices_ja)}</label>
                    <textarea id=fid("cja") name="draft[choices_ja]" rows="3" inner_html=textarea_html(&draft.choices_ja)></textarea>
                    {problem("choices_ja")}
                </div>
                <div class="form-field">
                    <label for=fid("cen")>{td_string!(locale, manage.question_choices_en)}</label>
                    <textarea id=fid("cen") name="draft[choices_en]" rows="3" inner_html=textarea_html(&draft.choices_en)></textarea>
                    {problem("choices_en")}
                </div>
            </div>
            <div class="form-field">
                <label for=fid("mb")>{td_string!(locale, manage.question_max_mb)}</label>
                <input id=fid("mb") name="draft[max_mb]" type="number" inputmode="numeric" min="1" max=MAX_FILE_MB value=draft.max_mb.clone()/>
                {problem("max_mb")}
            </div>
            <fieldset class="choices file-types">
                <legend>{td_string!(locale, manage.question_file_types)}</legend>
                {file_types}
                {problem("file_types")}
            </fieldset>
            <div class="form-field checkbox">
                <input id=fid("req") type="checkbox" name="draft[required]" value="yes" checked=draft.required.is_some()/>
                <label for=fid("req")>{td_string!(locale, manage.question_required)}</label>
            </div>
            <div class="actions">
                <button type="submit" class="button">{td_string!(locale, common.save)}</button>
                {(id != 0).then(|| view! {
                    <button type="submit" class="button danger" name="remove" value="yes">{td_string!(locale, manage.question_remove)}</button>
                })}
            </div>
        </ActionForm>
    }
}
