//! `/manage/<programme>/<cohort>/tracks/<track>/review`: the organiser's
//! review of one track — settings, rubric, reviewers, assignment, the
//! ranking with decisions, and the release of decisions.

use super::one_decimal;
use crate::api::review::{
    AddCriterion, AssignAutomatically, AssignReviewer, Decide, DecideBulk, InviteReviewer,
    ReleaseDecisions, RemoveCriterion, RevokeReviewer, SaveReviewSettings, UnassignReviewer,
    get_manage_review,
};
use crate::components::breadcrumbs::{Breadcrumbs, Crumb};
use crate::components::lang::{locale_of, use_lang};
use crate::components::loaded::loaded;
use crate::components::refusal::refusal;
use crate::components::saved_notice::SavedNotice;
use crate::domain::application::{Decision, OfferStatus};
use crate::domain::lang::Lang;
use crate::domain::review::view::{AssignmentKey, ManageReview, RANKING_PAGE, RankingRow};
use crate::i18n::{Locale, td_string};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};
use server_fn::ServerFn;

/// The organiser's review page of a track.
#[component]
pub fn ManageReviewPage() -> impl IntoView {
    let lang = use_lang();
    let params = use_params_map();
    let query = use_query_map();
    let data = Resource::new(
        move || {
            let p = params.read();
            let page = query
                .read()
                .get("page")
                .and_then(|x| x.parse::<usize>().ok())
                .unwrap_or(0);
            (
                p.get("programme").unwrap_or_default(),
                p.get("cohort").unwrap_or_default(),
                p.get("track").unwrap_or_default(),
                page,
            )
        },
        |(p, c, t, page)| get_manage_review(p, c, t, page),
    );
    loaded(data, move |d| review_view(d, lang))
}

/// The hidden fields naming the track, for every form of the page.
fn track_fields(d: &ManageReview) -> impl IntoView + use<> {
    view! {
        <input type="hidden" name="programme" value=d.programme.slug.clone()/>
        <input type="hidden" name="cohort" value=d.cohort_slug.clone()/>
        <input type="hidden" name="track" value=d.track_slug.clone()/>
    }
}

/// The one form every unassign button of the ranking submits (each button
/// names its assignment), instead of a form with the track's fields per
/// reviewer and application.
const UNASSIGN_FORM: &str = "unassign";

/// The one form every reviewer's revoke button submits (each button names
/// its reviewer).
const REVOKE_FORM: &str = "revoke";

pub(super) fn decision_label(d: Option<Decision>, locale: Locale) -> &'static str {
    match d {
        Some(Decision::Accepted) => td_string!(locale, review.rv_accepted),
        Some(Decision::Waitlisted) => td_string!(locale, review.rv_waitlisted),
        Some(Decision::Rejected) => td_string!(locale, review.rv_rejected),
        None => "–",
    }
}

pub(super) fn offer_label(o: Option<OfferStatus>, locale: Locale) -> &'static str {
    match o {
        Some(OfferStatus::Offered) => td_string!(locale, review.rv_offer_open),
        Some(OfferStatus::Confirmed) => td_string!(locale, review.rv_offer_confirmed),
        Some(OfferStatus::Declined) => td_string!(locale, review.rv_offer_declined),
        Some(OfferStatus::Expired) => td_string!(locale, review.rv_offer_expired),
        None => "",
    }
}

fn review_view(d: ManageReview, lang: Lang) -> impl IntoView {
    let locale = locale_of(lang);
    let (p, c, t) = (
        d.programme.slug.clone(),
        d.cohort_slug.clone(),
        d.track_slug.clone(),
    );
    let name = d.track_name.get(lang).to_string();
    let crumbs = vec![
        Crumb {
            label: td_string!(locale, common.manage).into(),
            href: Some("/manage".into()),
        },
        Crumb {
            label: d.programme.name.get(lang).to_string(),
            href: Some(format!("/manage/{p}")),
        },
        Crumb {
            label: name.clone(),
            href: Some(format!("/manage/{p}/{c}/tracks/{t}")),
        },
        Crumb {
            label: td_string!(locale, common.review).into(),
            href: None,
        },
    ];
    let title = format!("{} – {name}", td_string!(locale, common.review));
    let export = format!("/manage/{p}/{c}/tracks/{t}/review/export.csv");
    let answers = format!("/manage/{p}/{c}/tracks/{t}/review/answers.csv");
    let meeting = format!("/manage/{p}/{c}/tracks/{t}/meeting");
    view! {
        <Title text=title.clone()/>
        <Breadcrumbs crumbs/>
        <section class="page manage review">
            <h1>{title}</h1>
            <SavedNotice/>
            <p id="capacity">{td_string!(locale, review.rv_capacity)} " " {d.accepted} " / " {d.capacity}</p>
            <p><a href=export download="">{td_string!(locale, review.rv_export)}</a></p>
            <p><a href=answers download="">{td_string!(locale, review.rv_export_answers)}</a></p>
            <p><a href=meeting id="meeting-link">{td_string!(locale, review.mt_meeting)}</a></p>
            {settings_form(&d, lang)}
            {rubric(&d, lang)}
            {reviewers(&d, lang)}
            {decisions(&d, lang)}
            {ranking(&d, lang)}
        </section>
    }
}

fn settings_form(d: &ManageReview, lang: Lang) -> impl IntoView + use<> {
    let locale = locale_of(lang);
    let s = d.settings.clone();
    view! {
        <h2>{td_string!(locale, review.rv_settings)}</h2>
        <form method="post" action=SaveReviewSettings::PATH class="edit-form">
            {refusal!(SaveReviewSettings, lang)}
            {track_fields(d)}
            <label class="check"><input type="checkbox" name="draft[anonymous]" value="on" checked=s.anonymous/> " " {td_string!(locale, review.rv_anonymous_setting)}</label>
            <label class="check"><input type="checkbox" name="draft[normalise]" value="on" checked=s.normalise/> " " {td_string!(locale, review.rv_normalise)}</label>
            <label class="check"><input type="checkbox" name="draft[closed]" value="on" checked=s.closed/> " " {td_string!(locale, review.rv_close_review)}</label>
            <div class="pair">
                <div class="form-field">
                    <label for="review-k">{td_string!(locale, review.rv_k)}</label>
                    <input id="review-k" type="number" name="draft[k]" min="1" max="10" value=s.k/>
                </div>
                <div class="form-field">
                    <label for="review-offer-days">{td_string!(locale, review.rv_offer_days)}</label>
                    <input id="review-offer-days" type="number" name="draft[offer_days]" min="1" max="60" value=s.offer_days/>
                </div>
            </div>
            <div class="form-field">
                <label for="review-due-at">{td_string!(locale, review.rv_due_at)}</label>
                <input id="review-due-at" type="datetime-local" name="draft[due_at]" aria-describedby="review-due-at-hint"
                    value=s.due_at.map(crate::domain::time::to_jst_input).unwrap_or_default()/>
                <p class="muted" id="review-due-at-hint">{td_string!(locale, review.rv_due_at_hint)}</p>
            </div>
            <button type="submit" class="button">{td_string!(locale, common.save)}</button>
        </form>
    }
}

fn rubric(d: &ManageReview, lang: Lang) -> impl IntoView + use<> {
    let locale = locale_of(lang);
    let items = d
        .criteria
        .iter()
        .map(|c| {
            let label = format!("{} ×{} (1–{})", c.name.get(lang), c.weight, c.scale_max);
            view! {
                <li>
                    {label} " "
                    <form method="post" action=RemoveCriterion::PATH class="inline-form">
                        {track_fields(d)}
                        <input type="hidden" name="criterion" value=c.id/>
                        <button type="submit" class="link-button">{td_string!(locale, review.rv_remove)}</button>
                    </form>
                </li>
            }
        })
        .collect_view();
    view! {
        <h2>{td_string!(locale, review.rv_rubric)}</h2>
        <ul class="rubric">{items}</ul>
        <form method="post" action=AddCriterion::PATH class="edit-form">
            {refusal!(AddCriterion, lang)}
            {track_fields(d)}
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

fn reviewers(d: &ManageReview, lang: Lang) -> impl IntoView + use<> {
    let locale = locale_of(lang);
    let rows = d
        .reviewers
        .iter()
        .map(|r| {
            view! {
                <tr>
                    <td>{r.name.get(lang).to_string()}</td>
                    <td>{r.email.clone()}</td>
                    <td>{r.affiliation.clone()}</td>
                    <td>{format!("{} / {}", r.done, r.assigned)}</td>
                    <td>{r.revocable.then(|| view! {
                        <button type="submit" form=REVOKE_FORM name="reviewer" value=r.account_id
                            class="link-button">{td_string!(locale, review.rv_revoke)}</button>
                    })}</td>
                </tr>
            }
        })
        .collect_view();
    let options = d
        .reviewers
        .iter()
        .map(|r| view! { <option value=r.account_id>{r.name.get(lang).to_string()}</option> })
        .collect_view();
    view! {
        <h2>{td_string!(locale, review.rv_reviewers)}</h2>
        <div class="table-wrap" tabindex="0">
            <table>
                <thead><tr>
                    <th scope="col">{td_string!(locale, review.rv_name)}</th>
                    <th scope="col">{td_string!(locale, common.email)}</th>
                    <th scope="col">{td_string!(locale, review.rv_affiliation)}</th>
                    <th scope="col">{td_string!(locale, review.rv_progress)}</th>
                    <th scope="col"><span class="visually-hidden">{td_string!(locale, review.rv_revoke)}</span></th>
                </tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
        {refusal!(RevokeReviewer, lang)}
        <form method="post" action=RevokeReviewer::PATH id=REVOKE_FORM>{track_fields(d)}</form>
        <form method="post" action=InviteReviewer::PATH class="edit-form">
            {refusal!(InviteReviewer, lang)}
            {track_fields(d)}
            <div class="pair">
                <div class="form-field"><label for="invite-email">{td_string!(locale, common.email)}</label><input id="invite-email" type="email" name="email"/></div>
                <div class="form-field"><label for="invite-org">{td_string!(locale, review.rv_affiliation)}</label><input id="invite-org" type="text" name="affiliation"/></div>
            </div>
            <button type="submit" class="button">{td_string!(locale, review.rv_invite)}</button>
        </form>
        {(d.short_of_reviewers > 0).then(|| view! {
            <p class="alert" id="short-of-reviewers">
                {td_string!(locale, review.rv_short_of_reviewers)} " " {d.short_of_reviewers}
            </p>
        })}
        <form method="post" action=AssignAutomatically::PATH class="inline-form">
            {refusal!(AssignAutomatically, lang)}
            {track_fields(d)}
            <button type="submit" class="button">{td_string!(locale, review.rv_assign_auto)}</button>
        </form>
        <form method="post" action=AssignReviewer::PATH class="edit-form">
            {refusal!(AssignReviewer, lang)}
            {track_fields(d)}
            <div class="pair">
                <div class="form-field"><label for="assign-app">{td_string!(locale, review.rv_application)}</label><input id="assign-app" type="number" name="application"/></div>
                <div class="form-field"><label for="assign-reviewer">{td_string!(locale, review.rv_reviewer)}</label><select id="assign-reviewer" name="reviewer">{options}</select></div>
            </div>
            <button type="submit" class="button secondary">{td_string!(locale, review.rv_assign)}</button>
        </form>
    }
}

fn decisions(d: &ManageReview, lang: Lang) -> impl IntoView + use<> {
    let locale = locale_of(lang);
    let pending = format!(
        "{} {}",
        td_string!(locale, review.rv_unreleased),
        d.unreleased
    );
    view! {
        <h2>{td_string!(locale, review.rv_decisions)}</h2>
        <form method="post" action=DecideBulk::PATH class="edit-form">
            {refusal!(DecideBulk, lang)}
            {track_fields(d)}
            <div class="triple">
                <div class="form-field"><label for="bulk-accept">{td_string!(locale, review.rv_accept_top)}</label><input id="bulk-accept" type="number" name="accept" min="0" value=d.capacity/></div>
                <div class="form-field"><label for="bulk-waitlist">{td_string!(locale, review.rv_waitlist_next)}</label><input id="bulk-waitlist" type="number" name="waitlist" min="0" value="0"/></div>
                <div class="form-field"><label for="bulk-reason">{td_string!(locale, review.rv_override_reason)}</label><input id="bulk-reason" type="text" name="reason"/></div>
            </div>
            <p class="muted" id="unreviewed">{td_string!(locale, review.rv_unreviewed_stay)} " " {d.unreviewed}</p>
            <button type="submit" class="button">{td_string!(locale, review.rv_decide_bulk)}</button>
        </form>
        <form method="post" action=ReleaseDecisions::PATH class="inline-form">
            {refusal!(ReleaseDecisions, lang)}
            {track_fields(d)}
            <span>{pending}</span> " "
            <button type="submit" class="button" disabled=d.unreleased == 0>{td_string!(locale, review.rv_release)}</button>
        </form>
    }
}

fn ranking(d: &ManageReview, lang: Lang) -> impl IntoView + use<> {
    let locale = locale_of(lang);
    let rows = d
        .ranking
        .iter()
        .map(|r| ranking_row(d, r, lang))
        .collect_view();
    let base = format!(
        "/manage/{}/{}/tracks/{}/review",
        d.programme.slug, d.cohort_slug, d.track_slug
    );
    let pages = d.ranking_total.div_ceil(RANKING_PAGE);
    let prev = (d.page > 0).then(
        || view! { <a href=format!("{base}?page={}", d.page - 1)>{td_string!(locale, common.newer)}</a> },
    );
    let next = (d.page + 1 < pages).then(
        || view! { <a href=format!("{base}?page={}", d.page + 1)>{td_string!(locale, common.older)}</a> },
    );
    view! {
        <h2>{td_string!(locale, review.rv_ranking)}</h2>
        {refusal!(Decide, lang)}
        {refusal!(UnassignReviewer, lang)}
        <form method="post" action=UnassignReviewer::PATH id=UNASSIGN_FORM>{track_fields(d)}</form>
        <div class="table-wrap" tabindex="0">
            <table class="ranking">
                <thead><tr>
                    <th scope="col">{td_string!(locale, review.rv_rank)}</th>
                    <th scope="col">{td_string!(locale, review.rv_application)}</th>
                    <th scope="col">{td_string!(locale, review.rv_score)}</th>
                    <th scope="col">{td_string!(locale, review.rv_spread)}</th>
                    <th scope="col">{td_string!(locale, review.rv_reviews)}</th>
                    <th scope="col">{td_string!(locale, review.rv_decision)}</th>
                    <th scope="col">{td_string!(locale, review.rv_waitlist_position)}</th>
                    <th scope="col">{td_string!(locale, review.rv_decide)}</th>
                </tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
        <nav class="pager" aria-label=td_string!(locale, common.pages)>{prev} " " {next}</nav>
    }
}

fn ranking_row(d: &ManageReview, r: &RankingRow, lang: Lang) -> impl IntoView + use<> {
    let locale = locale_of(lang);
    let done = r.reviewers.iter().filter(|x| x.done).count();
    let who = r
        .reviewers
        .iter()
        .map(|x| {
            let mark = if x.done { "✓" } else { "…" };
            let key = AssignmentKey {
                application: r.application_id,
                reviewer: x.reviewer_id,
            };
            view! {
                <li>
                    {format!("{} {mark} ", x.name.get(lang))}
                    <button type="submit" form=UNASSIGN_FORM name="assignment" value=key.value()
                        class="link-button">{td_string!(locale, review.rv_unassign)}</button>
                </li>
            }
        })
        .collect_view();
    let decided = format!(
        "{} {}",
        decision_label(r.decision, locale),
        offer_label(r.offer, locale)
    );
    let meeting = format!(
        "/manage/{}/{}/tracks/{}/meeting",
        d.programme.slug, d.cohort_slug, d.track_slug
    );
    let form = (!r.released).then(|| {
        let id = r.application_id;
        view! {
            <form method="post" action=Decide::PATH class="inline-form decide">
                {track_fields(d)}
                <input type="hidden" name="application" value=id/>
                <select name="decision" aria-label=format!("{} #{id}", td_string!(locale, review.rv_decision))>
                    <option value="accepted">{td_string!(locale, review.rv_accepted)}</option>
                    <option value="waitlisted">{td_string!(locale, review.rv_waitlisted)}</option>
                    <option value="rejected">{td_string!(locale, review.rv_rejected)}</option>
                </select>
                <input type="text" name="reason" placeholder=td_string!(locale, review.rv_override_reason)
                    aria-label=td_string!(locale, review.rv_override_reason)/>
                <button type="submit" class="button small">{td_string!(locale, review.rv_decide)}</button>
            </form>
        }
    });
    view! {
        <tr data-application=r.application_id>
            <td>{r.rank.map(|x| x.to_string()).unwrap_or_default()}</td>
            <td><a href=format!("{meeting}/{}", r.application_id) title=td_string!(locale, review.mt_open)>{format!("#{} {}", r.application_id, r.applicant.get(lang))}</a></td>
            <td>{one_decimal(r.score)}</td>
            <td>{one_decimal(r.spread)}</td>
            <td>{format!("{done} / {}", r.reviewers.len())}<ul class="reviewers">{who}</ul></td>
            <td class="decision">{decided}</td>
            <td>{r.waitlist_position.map(|x| x.to_string()).unwrap_or_default()}</td>
            <td>{form}</td>
        </tr>
    }
}
