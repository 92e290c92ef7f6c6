//! `/manage/<programme>/<cohort>/tracks/<track>/meeting/<application>`:
//! one application at the selection meeting — answers, every review as
//! the person may see it, conflicts, the decision and its history — with
//! links to the previous and next application of the ranking as the
//! person searched and filtered it.

use super::answers::answer_items;
use super::manage::{decision_label, offer_label};
use super::meeting::{meeting_base, meeting_crumbs, query_of_url};
use super::one_decimal;
use crate::api::review::get_meeting_application;
use crate::components::breadcrumbs::Breadcrumbs;
use crate::components::lang::{locale_of, use_lang};
use crate::components::loaded::loaded;
use crate::components::route_params::{id_param, track_params};
use crate::domain::lang::Lang;
use crate::domain::review::assign::ConflictReason;
use crate::domain::review::meeting::{
    HistoryLine, MeetingApplication, MeetingConflict, MeetingReview, ReviewerLabel,
};
use crate::domain::time::format_datetime;
use crate::i18n::{Locale, td_string};
use leptos::prelude::*;
use leptos_meta::Title;

/// One application at the selection meeting.
#[component]
pub fn MeetingApplicationPage() -> impl IntoView {
    let lang = use_lang();
    let place = track_params();
    let id = id_param("application");
    let query = query_of_url();
    let data = Resource::new(
        move || (place(), id(), query()),
        |((p, c, t), id, q)| get_meeting_application(p, c, t, id, q),
    );
    loaded(data, move |d| application_view(d, lang))
}

fn reviewer_label(l: &ReviewerLabel, lang: Lang) -> String {
    let locale = locale_of(lang);
    match l {
        ReviewerLabel::Me => td_string!(locale, review.mt_me).to_string(),
        ReviewerLabel::Named(n) => n.get(lang).to_string(),
        ReviewerLabel::Numbered(i) => format!("{} {i}", td_string!(locale, review.mt_reviewer)),
        ReviewerLabel::Someone => td_string!(locale, review.mt_someone).to_string(),
    }
}

fn reason_label(r: ConflictReason, locale: Locale) -> &'static str {
    match r {
        ConflictReason::Declared => td_string!(locale, review.mt_reason_declared),
        ConflictReason::Affiliation => td_string!(locale, review.mt_reason_affiliation),
        ConflictReason::Mentor => td_string!(locale, review.mt_reason_mentor),
        ConflictReason::Own => td_string!(locale, review.mt_reason_own),
    }
}

fn application_view(d: MeetingApplication, lang: Lang) -> impl IntoView {
    let locale = locale_of(lang);
    let name = d.track_name.get(lang).to_string();
    let heading = format!(
        "{} #{}",
        td_string!(locale, review.rv_application),
        d.application_id
    );
    let track = (d.cohort_slug.as_str(), d.track_slug.as_str(), name.clone());
    let crumbs = meeting_crumbs(d.role, &d.programme, track, Some(heading.clone()), lang);
    let base = meeting_base(&d.programme.slug, &d.cohort_slug, &d.track_slug);
    let suffix = d.query.href(None);
    let link = |id: i32| format!("{base}/{id}{suffix}");
    let previous = d.previous.map(|id| {
        view! { <a href=link(id) rel="prev">{td_string!(locale, review.mt_previous)}</a> }
    });
    let next = d
        .next
        .map(|id| view! { <a href=link(id) rel="next">{td_string!(locale, review.mt_next)}</a> });
    let place = d.position.map(|p| {
        format!(
            "{} {p} / {}",
            td_string!(locale, review.mt_position),
            d.total
        )
    });
    let who = match &d.identity {
        Some(i) => view! {
            <dl class="identity">
                <dt>{td_string!(locale, review.rv_name)}</dt><dd>{i.name.get(lang).to_string()}</dd>
                <dt>{td_string!(locale, common.email)}</dt><dd>{i.email.clone()}</dd>
                <dt>{td_string!(locale, review.rv_affiliation)}</dt><dd>{i.affiliation.clone()}</dd>
                <dt>{td_string!(locale, review.rv_expertise)}</dt><dd>{i.expertise.clone()}</dd>
            </dl>
        }
        .into_any(),
        None => {
            view! { <p class="notice">{td_string!(locale, review.rv_anonymous)}</p> }.into_any()
        }
    };
    let answers = answer_items(d.answers.clone(), lang, locale);
    let score = if d.scores_hidden {
        td_string!(locale, review.mt_hidden).to_string()
    } else {
        one_decimal(d.score)
    };
    let rank = d
        .rank
        .map(|r| format!("{} {r}", td_string!(locale, review.rv_rank)));
    view! {
        <Title text=format!("{heading} – {name}")/>
        <Breadcrumbs crumbs/>
        <section class="page review meeting-application">
            <h1>{heading}</h1>
            <nav class="pager" aria-label=td_string!(locale, review.mt_meeting)>
                {previous} " " <a href=format!("{base}{suffix}")>{td_string!(locale, review.mt_back)}</a> " " {next}
            </nav>
            <p class="muted" id="meeting-place">{place} " " {rank}</p>
            {who}
            <h2>{td_string!(locale, review.rv_answers)}</h2>
            <dl class="answers">{answers}</dl>
            <h2>{td_string!(locale, review.mt_reviews)}</h2>
            <p id="meeting-score">{td_string!(locale, review.mt_mean)} " " {score}</p>
            {d.scores_hidden.then(|| view! { <p class="notice" id="scores-hidden">{td_string!(locale, review.mt_hidden_note)}</p> })}
            {reviews_table(&d, lang)}
            <h2>{td_string!(locale, review.mt_conflicts)}</h2>
            {conflicts(&d.conflicts, lang)}
            <h2>{td_string!(locale, review.rv_decision)}</h2>
            {decision(&d, locale)}
            <h2>{td_string!(locale, review.mt_history)}</h2>
            {history(&d.history, lang)}
        </section>
    }
}

fn reviews_table(d: &MeetingApplication, lang: Lang) -> impl IntoView + use<> {
    let locale = locale_of(lang);
    let heads = d
        .criteria
        .iter()
        .map(|c| view! { <th scope="col">{c.name.get(lang).to_string()}</th> })
        .collect_view();
    let width = d.criteria.len();
    let rows = d
        .reviews
        .iter()
        .map(|r| review_row(r, width, lang))
        .collect_view();
    view! {
        <div class="table-wrap" tabindex="0">
            <table class="meeting-reviews">
                <thead><tr>
                    <th scope="col">{td_string!(locale, review.mt_reviewer)}</th>
                    {heads}
                    <th scope="col">{td_string!(locale, review.mt_total)}</th>
                    <th scope="col">{td_string!(locale, review.rv_comment)}</th>
                </tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}

fn review_row(r: &MeetingReview, width: usize, lang: Lang) -> impl IntoView + use<> {
    let locale = locale_of(lang);
    let who = reviewer_label(&r.reviewer, lang);
    let status = if r.done {
        td_string!(locale, review.mt_submitted)
    } else {
        td_string!(locale, review.mt_not_submitted)
    };
    let cells = if r.hidden {
        view! { <td colspan={width + 2} class="muted">{td_string!(locale, review.mt_hidden)}</td> }
            .into_any()
    } else {
        let scores = r
            .scores
            .iter()
            .map(|s| view! { <td>{s.map(|x| x.to_string()).unwrap_or_else(|| "–".into())}</td> })
            .collect_view();
        view! {
            {scores}
            <td>{one_decimal(r.total)}</td>
            <td class="comment">{r.comment.clone()}</td>
        }
        .into_any()
    };
    view! {
        <tr class="meeting-review">
            <th scope="row">{who} <span class="muted">{format!(" ({status})")}</span></th>
            {cells}
        </tr>
    }
}

fn conflicts(list: &[MeetingConflict], lang: Lang) -> impl IntoView + use<> {
    let locale = locale_of(lang);
    if list.is_empty() {
        return view! { <p id="no-conflicts">{td_string!(locale, review.mt_none)}</p> }.into_any();
    }
    let items = list
        .iter()
        .map(|c| {
            view! { <li>{format!("{}: {}", reviewer_label(&c.reviewer, lang), reason_label(c.reason, locale))}</li> }
        })
        .collect_view();
    view! { <ul id="conflicts">{items}</ul> }.into_any()
}

fn decision(d: &MeetingApplication, locale: Locale) -> impl IntoView + use<> {
    let released = d
        .released
        .then(|| format!(" ({})", td_string!(locale, review.mt_released)));
    let waitlist = d
        .waitlist_position
        .map(|p| format!(" {} {p}", td_string!(locale, review.rv_waitlist_position)));
    let reason = d.decision_reason.clone().map(|r| {
        view! { <p>{td_string!(locale, review.mt_reason)} " " {r}</p> }
    });
    view! {
        <p id="meeting-decision">
            {decision_label(d.decision, locale)} {released} {waitlist} " " {offer_label(d.offer, locale)}
        </p>
        {reason}
    }
}

fn history_action(action: &str, locale: Locale) -> &'static str {
    if action.starts_with("offer.") {
        td_string!(locale, review.mt_act_offer)
    } else {
        td_string!(locale, review.mt_act_decide)
    }
}

fn history(lines: &[HistoryLine], lang: Lang) -> impl IntoView + use<> {
    let locale = locale_of(lang);
    if lines.is_empty() {
        return view! { <p>{td_string!(locale, review.mt_none)}</p> }.into_any();
    }
    let items = lines
        .iter()
        .map(|h| {
            view! {
                <li>
                    <time datetime=h.at.to_rfc3339()>{format_datetime(h.at, lang)}</time>
                    " " {history_action(&h.action, locale)} ": " {h.summary.clone()}
                </li>
            }
        })
        .collect_view();
    view! { <ol class="history">{items}</ol> }.into_any()
}
