//! The reviewer's pages: `/review` (my tracks), `/review/<track>/next`
//! (on to my next unfinished assignment) and `/review/assignments/<id>`
//! (the score sheet).

use super::answers::answer_items;
use crate::api::review::{
    DeclareConflict, SaveScores, get_my_review_tracks, get_next_assignment, get_sheet,
};
use crate::components::lang::{locale_of, use_lang};
use crate::components::loaded::loaded;
use crate::components::refusal::refusal;
use crate::components::route_params::id_param;
use crate::components::text::textarea_html;
use crate::domain::lang::Lang;
use crate::domain::review::view::{MyTrack, Sheet};
use crate::i18n::td_string;
use leptos::prelude::*;
use leptos_meta::Title;
use server_fn::ServerFn;

/// The tracks I review, with my progress on each.
#[component]
pub fn ReviewHomePage() -> impl IntoView {
    let lang = use_lang();
    let locale = locale_of(lang);
    let data = Resource::new(|| (), |_| get_my_review_tracks());
    view! {
        <Title text=td_string!(locale, review.rv_my_reviews)/>
        <section class="page review">
            <h1>{td_string!(locale, review.rv_my_reviews)}</h1>
            {loaded(data, move |tracks| my_tracks(tracks, lang))}
        </section>
    }
}

fn my_tracks(tracks: Vec<MyTrack>, lang: Lang) -> impl IntoView {
    let locale = locale_of(lang);
    if tracks.is_empty() {
        return view! { <p>{td_string!(locale, review.rv_no_tracks)}</p> }.into_any();
    }
    let items = tracks
        .into_iter()
        .map(|t| {
            let progress = format!("{} / {}", t.done, t.assigned);
            let closed = t.closed.then(|| view! { " " <span class="badge">{td_string!(locale, review.rv_closed)}</span> });
            let questions = t.questions.map(|href| view! {
                " · " <a href=href>{td_string!(locale, review.mt_questions)}</a>
            });
            view! {
                <li>
                    <a href=format!("/review/{}/next", t.track_id)>{t.name.get(lang).to_string()}</a>
                    " (" {t.cohort.get(lang).to_string()} ") "
                    <span>{td_string!(locale, review.rv_progress)} " " {progress}</span>
                    {closed}
                    " · " <a href=t.meeting>{td_string!(locale, review.mt_meeting)}</a>
                    {questions}
                </li>
            }
        })
        .collect_view();
    view! { <ul class="review-tracks">{items}</ul> }.into_any()
}

/// Sends me to my next unfinished assignment on the track, or says all is done.
#[component]
pub fn ReviewNextPage() -> impl IntoView {
    let lang = use_lang();
    let locale = locale_of(lang);
    let track = id_param("track");
    let data = Resource::new(track, get_next_assignment);
    view! {
        <Title text=td_string!(locale, review.rv_my_reviews)/>
        <section class="page review">
            {loaded(data, move |next| match next {
                // The server function already redirected; this link is for
                // a client that did not follow.
                Some(id) => view! {
                    <p><a href=format!("/review/assignments/{id}")>{td_string!(locale, review.rv_next)}</a></p>
                }
                .into_any(),
                None => view! {
                    <h1>{td_string!(locale, review.rv_all_done)}</h1>
                    <p><a href="/review">{td_string!(locale, review.rv_my_reviews)}</a></p>
                }
                .into_any(),
            })}
        </section>
    }
}

/// One application's answers and my score sheet for it.
#[component]
pub fn SheetPage() -> impl IntoView {
    let lang = use_lang();
    let id = id_param("id");
    let data = Resource::new(id, get_sheet);
    view! {
        <section class="page review">
            {loaded(data, move |s| sheet_view(s, lang))}
        </section>
    }
}

fn sheet_view(s: Sheet, lang: Lang) -> impl IntoView {
    let locale = locale_of(lang);
    let title = format!(
        "{} #{}",
        td_string!(locale, review.rv_application),
        s.application_id
    );
    let who = match s.identity {
        Some(i) => view! {
            <dl class="identity">
                <dt>{td_string!(locale, review.rv_name)}</dt><dd>{i.name.get(lang).to_string()}</dd>
                <dt>{td_string!(locale, common.email)}</dt><dd>{i.email}</dd>
                <dt>{td_string!(locale, review.rv_affiliation)}</dt><dd>{i.affiliation}</dd>
                <dt>{td_string!(locale, review.rv_expertise)}</dt><dd>{i.expertise}</dd>
            </dl>
        }
        .into_any(),
        None => {
            view! { <p class="notice">{td_string!(locale, review.rv_anonymous)}</p> }.into_any()
        }
    };
    let answers = answer_items(s.answers, lang, locale);
    let scores = s.scores.clone();
    let fields = s
        .criteria
        .into_iter()
        .map(|c| {
            let id = format!("score-{}", c.id);
            let value = scores
                .iter()
                .find(|(k, _)| *k == c.id)
                .map(|(_, v)| v.to_string())
                .unwrap_or_default();
            let label = format!("{} (1–{}, ×{})", c.name.get(lang), c.scale_max, c.weight);
            view! {
                <div class="form-field">
                    <label for=id.clone()>{label}</label>
                    <input id=id type="number" inputmode="numeric" min="1" max=c.scale_max
                        name=format!("scores[{}]", c.id) value=value disabled=s.closed/>
                </div>
            }
        })
        .collect_view();
    let score_refusal = refusal!(SaveScores, lang);
    let conflict_refusal = refusal!(DeclareConflict, lang);
    let closed = s
        .closed
        .then(|| view! { <p class="notice">{td_string!(locale, review.rv_closed)}</p> });
    view! {
        <Title text=title.clone()/>
        <p><a href="/review">{td_string!(locale, review.rv_my_reviews)}</a> " · " {s.track_name.get(lang).to_string()}</p>
        <h1>{title}</h1>
        {who}
        <h2>{td_string!(locale, review.rv_answers)}</h2>
        <dl class="answers">{answers}</dl>
        <h2>{td_string!(locale, review.rv_score_sheet)}</h2>
        {closed}
        <form method="post" action=SaveScores::PATH class="edit-form" novalidate=true>
            {score_refusal}
            <input type="hidden" name="assignment" value=s.assignment_id/>
            {fields}
            <div class="form-field">
                <label for="review-comment">{td_string!(locale, review.rv_comment)}</label>
                <textarea id="review-comment" name="comment" rows="5" disabled=s.closed inner_html=textarea_html(&s.comment)></textarea>
            </div>
            <button type="submit" class="button" disabled=s.closed>{td_string!(locale, review.rv_save_scores)}</button>
        </form>
        <h2>{td_string!(locale, review.rv_conflict)}</h2>
        <form method="post" action=DeclareConflict::PATH class="edit-form">
            {conflict_refusal}
            <input type="hidden" name="assignment" value=s.assignment_id/>
            <div class="form-field">
                <label for="conflict-note">{td_string!(locale, review.rv_conflict_note)}</label>
                <input id="conflict-note" type="text" name="note"/>
            </div>
            <button type="submit" class="button secondary">{td_string!(locale, review.rv_declare_conflict)}</button>
        </form>
    }
}
