//! `/manage/<programme>/<cohort>/tracks/<track>/meeting`: the selection
//! meeting's ranking of a track, searched and filtered by a plain GET form
//! (it works without JavaScript and every result is a link), fifty a page,
//! each application a link to its meeting page.

use super::manage::decision_label;
use super::one_decimal;
use crate::api::review::get_meeting;
use crate::components::breadcrumbs::{Breadcrumbs, Crumb};
use crate::components::lang::{locale_of, use_lang};
use crate::components::loaded::loaded;
use crate::components::route_params::track_params;
use crate::domain::lang::Lang;
use crate::domain::review::meeting::{
    MEETING_PAGE, MeetingQuery, MeetingRanking, MeetingRole, MeetingRow, OwnReview,
};
use crate::i18n::{Locale, td_string};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// The search and filters of the page's address.
pub(super) fn query_of_url() -> impl Fn() -> MeetingQuery + Copy + Send + Sync + 'static {
    let query = use_query_map();
    move || {
        let q = query.read();
        let get = |k: &str| q.get(k).unwrap_or_default();
        MeetingQuery {
            q: get("q"),
            decision: get("decision"),
            min: get("min"),
            max: get("max"),
            mine: q.get("mine"),
            conflicts: q.get("conflicts"),
            page: get("page"),
        }
    }
}

/// The meeting's path of a track.
pub(super) fn meeting_base(p: &str, c: &str, t: &str) -> String {
    format!("/manage/{p}/{c}/tracks/{t}/meeting")
}

/// The selection meeting's ranking of a track.
#[component]
pub fn MeetingPage() -> impl IntoView {
    let lang = use_lang();
    let place = track_params();
    let query = query_of_url();
    let data = Resource::new(
        move || (place(), query()),
        |((p, c, t), q)| get_meeting(p, c, t, q),
    );
    loaded(data, move |d| meeting_view(d, lang))
}

/// The breadcrumbs of the meeting's pages: the organisers' track page for
/// organisers, the reviewer's home for the others.
pub(super) fn meeting_crumbs(
    role: MeetingRole,
    programme: &crate::domain::catalogue::ProgrammeRef,
    track: (&str, &str, String),
    last: Option<String>,
    lang: Lang,
) -> Vec<Crumb> {
    let locale = locale_of(lang);
    let (c, t, name) = track;
    let p = &programme.slug;
    let mut crumbs = if role == MeetingRole::Organiser {
        vec![
            Crumb {
                label: td_string!(locale, common.manage).into(),
                href: Some("/manage".into()),
            },
            Crumb {
                label: programme.name.get(lang).to_string(),
                href: Some(format!("/manage/{p}")),
            },
            Crumb {
                label: name,
                href: Some(format!("/manage/{p}/{c}/tracks/{t}/review")),
            },
        ]
    } else {
        vec![
            Crumb {
                label: td_string!(locale, review.rv_my_reviews).into(),
                href: Some("/review".into()),
            },
            Crumb {
                label: name,
                href: None,
            },
        ]
    };
    let meeting = td_string!(locale, review.mt_meeting).to_string();
    match last {
        Some(label) => {
            crumbs.push(Crumb {
                label: meeting,
                href: Some(meeting_base(p, c, t)),
            });
            crumbs.push(Crumb { label, href: None });
        }
        None => crumbs.push(Crumb {
            label: meeting,
            href: None,
        }),
    }
    crumbs
}

fn meeting_view(d: MeetingRanking, lang: Lang) -> impl IntoView {
    let locale = locale_of(lang);
    let name = d.track_name.get(lang).to_string();
    let track = (d.cohort_slug.as_str(), d.track_slug.as_str(), name.clone());
    let crumbs = meeting_crumbs(d.role, &d.programme, track, None, lang);
    let title = format!("{} – {name}", td_string!(locale, review.mt_meeting));
    let base = meeting_base(&d.programme.slug, &d.cohort_slug, &d.track_slug);
    let pages = d.total.div_ceil(MEETING_PAGE);
    let prev = (d.page > 0).then(|| {
        let href = format!("{base}{}", d.query.href(Some(d.page - 1)));
        view! { <a href=href rel="prev">{td_string!(locale, common.newer)}</a> }
    });
    let next = (d.page + 1 < pages).then(|| {
        let href = format!("{base}{}", d.query.href(Some(d.page + 1)));
        view! { <a href=href rel="next">{td_string!(locale, common.older)}</a> }
    });
    let suffix = d.query.href(None);
    let rows = d
        .rows
        .iter()
        .map(|r| row(r, &base, &suffix, lang))
        .collect_view();
    let body = if d.rows.is_empty() {
        view! { <p id="no-results">{td_string!(locale, review.mt_no_results)}</p> }.into_any()
    } else {
        view! {
            <div class="table-wrap" tabindex="0">
                <table class="ranking meeting">
                    <thead><tr>
                        <th scope="col">{td_string!(locale, review.rv_rank)}</th>
                        <th scope="col">{td_string!(locale, review.rv_application)}</th>
                        <th scope="col">{td_string!(locale, review.rv_score)}</th>
                        <th scope="col">{td_string!(locale, review.rv_reviews)}</th>
                        <th scope="col">{td_string!(locale, review.mt_my_review)}</th>
                        <th scope="col">{td_string!(locale, review.mt_conflicts)}</th>
                        <th scope="col">{td_string!(locale, review.rv_decision)}</th>
                    </tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        }
        .into_any()
    };
    view! {
        <Title text=title.clone()/>
        <Breadcrumbs crumbs/>
        <section class="page manage review">
            <h1>{title}</h1>
            {search_form(&d.query, &base, locale)}
            <p id="matches">{td_string!(locale, review.mt_matches)} " " {d.total}</p>
            {body}
            <nav class="pager" aria-label=td_string!(locale, common.pages)>{prev} " " {next}</nav>
        </section>
    }
}

/// The GET form: plain fields named as the address's query.
fn search_form(q: &MeetingQuery, base: &str, locale: Locale) -> impl IntoView + use<> {
    let options = [
        ("", td_string!(locale, review.mt_decision_any)),
        ("none", td_string!(locale, review.mt_undecided)),
        ("accepted", td_string!(locale, review.rv_accepted)),
        ("waitlisted", td_string!(locale, review.rv_waitlisted)),
        ("rejected", td_string!(locale, review.rv_rejected)),
    ]
    .into_iter()
    .map(|(v, label)| {
        let selected = q.decision == v;
        view! { <option value=v selected=selected>{label}</option> }
    })
    .collect_view();
    view! {
        <form method="get" action=base.to_string() class="edit-form meeting-search" role="search">
            <div class="form-field">
                <label for="meeting-q">{td_string!(locale, review.mt_search)}</label>
                <input id="meeting-q" type="search" name="q" value=q.q.clone()/>
            </div>
            <div class="triple">
                <div class="form-field">
                    <label for="meeting-decision">{td_string!(locale, review.rv_decision)}</label>
                    <select id="meeting-decision" name="decision">{options}</select>
                </div>
                <div class="form-field">
                    <label for="meeting-min">{td_string!(locale, review.mt_min)}</label>
                    <input id="meeting-min" type="number" name="min" min="0" max="100" step="any" value=q.min.clone()/>
                </div>
                <div class="form-field">
                    <label for="meeting-max">{td_string!(locale, review.mt_max)}</label>
                    <input id="meeting-max" type="number" name="max" min="0" max="100" step="any" value=q.max.clone()/>
                </div>
            </div>
            <label class="check"><input type="checkbox" name="mine" value="on" checked=q.mine.is_some()/> " " {td_string!(locale, review.mt_mine)}</label>
            <label class="check"><input type="checkbox" name="conflicts" value="on" checked=q.conflicts.is_some()/> " " {td_string!(locale, review.mt_with_conflicts)}</label>
            <button type="submit" class="button">{td_string!(locale, review.mt_apply)}</button>
        </form>
    }
}

/// The person's own review of a row, in words.
pub(super) fn own_label(own: OwnReview, locale: Locale) -> &'static str {
    match own {
        OwnReview::NotAssigned => "",
        OwnReview::Pending => td_string!(locale, review.mt_not_submitted),
        OwnReview::Submitted => td_string!(locale, review.mt_submitted),
    }
}

fn row(r: &MeetingRow, base: &str, suffix: &str, lang: Lang) -> impl IntoView + use<> {
    let locale = locale_of(lang);
    let who = match &r.applicant {
        Some(n) => n.get(lang).to_string(),
        None => td_string!(locale, review.mt_anonymous).to_string(),
    };
    let href = format!("{base}/{}{suffix}", r.application_id);
    let score = if r.score_hidden {
        td_string!(locale, review.mt_hidden).to_string()
    } else {
        one_decimal(r.score)
    };
    view! {
        <tr data-application=r.application_id>
            <td>{r.rank.map(|x| x.to_string()).unwrap_or_default()}</td>
            <td><a href=href>{format!("#{} {who}", r.application_id)}</a></td>
            <td>{score}</td>
            <td>{format!("{} / {}", r.done, r.assigned)}</td>
            <td>{own_label(r.own, locale)}</td>
            <td>{(r.conflicts > 0).then(|| r.conflicts.to_string())}</td>
            <td class="decision">{decision_label(r.decision, locale)}</td>
        </tr>
    }
}
