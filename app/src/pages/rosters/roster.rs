//! `/manage/<programme>/<cohort>/tracks/<track>/roster`: the organiser's
//! roster of one track — lecturers with their source and affiliation,
//! tutors, participants, lecturer invitations and tutor calls.

use super::{of_target, programme_crumbs};
use crate::api::review::RemoveParticipant;
use crate::api::rosters::{
    AssignLecturer, CloseTutorCall, DecideVolunteer, InviteLecturer, OpenTutorCall,
    RemoveFromRoster, get_roster,
};
use crate::components::breadcrumbs::{Breadcrumbs, Crumb};
use crate::components::lang::{locale_of, use_lang};
use crate::components::loaded::loaded;
use crate::components::refusal::refusal;
use crate::components::route_params::track_params;
use crate::components::saved_notice::SavedNotice;
use crate::components::table::table;
use crate::domain::lang::Lang;
use crate::domain::review::texts::MAX_DECISION_REASON;
use crate::domain::rosters::LecturerSource;
use crate::domain::rosters::view::{CallRow, InvitationState, Member, RosterPage};
use crate::domain::time::format_datetime;
use crate::i18n::td_string;
use leptos::prelude::*;
use leptos_meta::Title;
use server_fn::ServerFn;

/// The organiser's roster page of a track.
#[component]
pub fn ManageRosterPage() -> impl IntoView {
    let lang = use_lang();
    let data = Resource::new(track_params(), |(p, c, t)| get_roster(p, c, t));
    loaded(data, move |d| roster_view(d, lang))
}

/// The hidden fields naming the track, for every form of the page.
fn track_fields(d: &RosterPage) -> impl IntoView + use<> {
    view! {
        <input type="hidden" name="programme" value=d.programme.slug.clone()/>
        <input type="hidden" name="cohort" value=d.cohort_slug.clone()/>
        <input type="hidden" name="track" value=d.track_slug.clone()/>
    }
}

fn roster_view(d: RosterPage, lang: Lang) -> impl IntoView {
    let p = d.programme.slug.clone();
    let track_page = format!("/manage/{p}/{}/tracks/{}", d.cohort_slug, d.track_slug);
    let title = format!(
        "{} – {}",
        td_string!(locale_of(lang), rosters.roster),
        d.label.get(lang)
    );
    let mut crumbs = programme_crumbs(&d.programme, lang);
    crumbs.extend([
        Crumb {
            label: d.label.get(lang).to_string(),
            href: Some(track_page),
        },
        Crumb {
            label: td_string!(locale_of(lang), rosters.roster).into(),
            href: None,
        },
    ]);
    let s = d.staffing;
    let summary = format!(
        "{} {} · {} {} · {} {}",
        td_string!(locale_of(lang), rosters.lecturers),
        of_target(s.lecturers),
        td_string!(locale_of(lang), rosters.tutors),
        of_target(s.tutors),
        td_string!(locale_of(lang), rosters.participants),
        s.participants
    );
    let staffing_link = format!("/manage/{p}/staffing?cohort={}", d.cohort_slug);
    let roster_csv = format!(
        "/manage/{p}/{}/tracks/{}/roster.csv",
        d.cohort_slug, d.track_slug
    );
    view! {
        <Title text=title.clone()/>
        <Breadcrumbs crumbs/>
        <section class="page manage roster">
            <h1>{title}</h1>
            <SavedNotice/>
            <p id="roster-staffing" class=if s.is_short() { "short" } else { "" }>{summary}</p>
            <p><a href=staffing_link>{td_string!(locale_of(lang), rosters.staffing_dashboard)}</a></p>
            <p><a href=roster_csv download="">{td_string!(locale_of(lang), rosters.download_roster_csv)}</a></p>
            {lecturers(&d, lang)}
            {invitations(&d, lang)}
            <h2>{td_string!(locale_of(lang), rosters.tutors)}</h2>
            {refusal!(RemoveFromRoster, lang)}
            {tutors(&d, lang)}
            {calls(&d, lang)}
            <h2>{td_string!(locale_of(lang), rosters.participants)}</h2>
            {refusal!(RemoveParticipant, lang)}
            {participants(&d, lang)}
        </section>
    }
}

fn people(list: &[Member], id: &'static str, lang: Lang) -> impl IntoView + use<> {
    if list.is_empty() {
        return view! { <p id=id>{td_string!(locale_of(lang), rosters.nobody_yet)}</p> }.into_any();
    }
    let items = list
        .iter()
        .map(|m| view! { <li>{m.name.get(lang).to_string()} " (" {m.email.clone()} ")"</li> })
        .collect_view();
    view! { <ul id=id>{items}</ul> }.into_any()
}

/// The participants, each with a form taking them off the track for a
/// reason (their place goes to the waitlist).
fn participants(d: &RosterPage, lang: Lang) -> impl IntoView + use<> {
    if d.participants.is_empty() {
        return people(&[], "roster-participants", lang).into_any();
    }
    let locale = locale_of(lang);
    let items = d
        .participants
        .iter()
        .map(|m| {
            let reason_id = format!("remove-reason-{}", m.account_id);
            let label = format!(
                "{}: {}",
                td_string!(locale, rosters.rv_remove_participant),
                m.name.get(lang)
            );
            view! {
                <li>
                    {m.name.get(lang).to_string()} " (" {m.email.clone()} ") "
                    <form method="post" action=RemoveParticipant::PATH class="inline-form">
                        {track_fields(d)}
                        <input type="hidden" name="account" value=m.account_id/>
                        <label for=reason_id.clone()>{td_string!(locale, rosters.rv_remove_reason)}</label>
                        <input id=reason_id type="text" name="reason" required maxlength=MAX_DECISION_REASON/>
                        <button type="submit" class="button small secondary" aria-label=label>{td_string!(locale, rosters.rv_remove_participant)}</button>
                    </form>
                </li>
            }
        })
        .collect_view();
    view! {
        <p>{td_string!(locale, rosters.rv_remove_frees_place)}</p>
        <ul id="roster-participants">{items}</ul>
    }
    .into_any()
}

fn tutors(d: &RosterPage, lang: Lang) -> impl IntoView + use<> {
    if d.tutors.is_empty() {
        return people(&[], "roster-tutors", lang).into_any();
    }
    let items = d
        .tutors
        .iter()
        .map(|m| {
            view! {
                <li>
                    {m.name.get(lang).to_string()} " (" {m.email.clone()} ") "
                    {remove_form(d, m, "tutor", lang)}
                </li>
            }
        })
        .collect_view();
    view! { <ul id="roster-tutors">{items}</ul> }.into_any()
}

/// A button taking `m` off the roster's `role`.
fn remove_form(
    d: &RosterPage,
    m: &Member,
    role: &'static str,
    lang: Lang,
) -> impl IntoView + use<> {
    let label = format!(
        "{}: {}",
        td_string!(locale_of(lang), rosters.remove_from_roster),
        m.name.get(lang)
    );
    view! {
        <form method="post" action=RemoveFromRoster::PATH class="inline-form">
            {track_fields(d)}
            <input type="hidden" name="account" value=m.account_id/>
            <input type="hidden" name="role" value=role/>
            <button type="submit" class="button small secondary" aria-label=label>{td_string!(locale_of(lang), rosters.remove)}</button>
        </form>
    }
}

fn source_options(lang: Lang) -> impl IntoView + use<> {
    LecturerSource::ALL
        .into_iter()
        .map(|s| view! { <option value=s.as_str()>{s.label(lang)}</option> })
        .collect_view()
}

fn lecturers(d: &RosterPage, lang: Lang) -> impl IntoView + use<> {
    let rows = d
        .lecturers
        .iter()
        .map(|l| {
            view! {
                <tr>
                    <td>{l.member.name.get(lang).to_string()}</td>
                    <td>{l.member.email.clone()}</td>
                    <td>{l.source.map(|s| s.label(lang)).unwrap_or("–")}</td>
                    <td>{l.affiliation.clone()}</td>
                    <td>{remove_form(d, &l.member, "lecturer", lang)}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <h2>{td_string!(locale_of(lang), rosters.lecturers)}</h2>
        {table("roster-lecturers", vec![
            td_string!(locale_of(lang), rosters.name),
            td_string!(locale_of(lang), rosters.email),
            td_string!(locale_of(lang), rosters.source),
            td_string!(locale_of(lang), rosters.affiliation),
            td_string!(locale_of(lang), rosters.action),
        ], rows)}
        <h3>{td_string!(locale_of(lang), rosters.assign_an_existing_account)}</h3>
        {lecturer_form(d, "assign", AssignLecturer::PATH, td_string!(locale_of(lang), rosters.assign_as_lecturer), refusal!(AssignLecturer, lang), lang)}
        <h3>{td_string!(locale_of(lang), rosters.invite_by_email)}</h3>
        <p>{td_string!(locale_of(lang), rosters.invitation_link_note)}</p>
        {lecturer_form(d, "invite", InviteLecturer::PATH, td_string!(locale_of(lang), rosters.send_invitation), refusal!(InviteLecturer, lang), lang)}
    }
}

/// A form naming a lecturer (email, source, affiliation), posted to `path`.
fn lecturer_form<R: IntoView + 'static>(
    d: &RosterPage,
    id: &'static str,
    path: &'static str,
    button: &'static str,
    refused: R,
    lang: Lang,
) -> impl IntoView + use<R> {
    let email_id = format!("{id}-email");
    let source_id = format!("{id}-source");
    let org_id = format!("{id}-affiliation");
    view! {
        <form method="post" action=path class="edit-form" id=format!("{id}-form")>
            {refused}
            {track_fields(d)}
            <div class="triple">
                <div class="form-field"><label for=email_id.clone()>{td_string!(locale_of(lang), common.email)}</label><input id=email_id type="email" name="email" required/></div>
                <div class="form-field"><label for=source_id.clone()>{td_string!(locale_of(lang), rosters.source)}</label><select id=source_id name="source">{source_options(lang)}</select></div>
                <div class="form-field"><label for=org_id.clone()>{td_string!(locale_of(lang), rosters.affiliation)}</label><input id=org_id type="text" name="affiliation"/></div>
            </div>
            <button type="submit" class="button">{button}</button>
        </form>
    }
}

fn invitations(d: &RosterPage, lang: Lang) -> impl IntoView + use<> {
    if d.invitations.is_empty() {
        return ().into_any();
    }
    let rows = d
        .invitations
        .iter()
        .map(|i| {
            let state = match i.state {
                InvitationState::Open => td_string!(locale_of(lang), rosters.waiting),
                InvitationState::Accepted => td_string!(locale_of(lang), rosters.accepted),
                InvitationState::Declined => td_string!(locale_of(lang), rosters.declined),
                InvitationState::Expired => td_string!(locale_of(lang), rosters.expired),
            };
            view! {
                <tr>
                    <td>{i.email.clone()}</td>
                    <td>{i.source.label(lang)}</td>
                    <td>{state}</td>
                    <td>{format_datetime(i.created_at, lang)}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <h3>{td_string!(locale_of(lang), rosters.invitations_sent)}</h3>
        {table("roster-invitations", vec![
            td_string!(locale_of(lang), rosters.email),
            td_string!(locale_of(lang), rosters.source),
            td_string!(locale_of(lang), rosters.state),
            td_string!(locale_of(lang), rosters.sent),
        ], rows)}
    }
    .into_any()
}

fn calls(d: &RosterPage, lang: Lang) -> impl IntoView + use<> {
    let list = d.calls.iter().map(|c| call(d, c, lang)).collect_view();
    view! {
        <h2>{td_string!(locale_of(lang), rosters.tutor_calls)}</h2>
        {refusal!(DecideVolunteer, lang)}
        {refusal!(CloseTutorCall, lang)}
        {list}
        <form method="post" action=OpenTutorCall::PATH class="edit-form" id="call-form">
            {refusal!(OpenTutorCall, lang)}
            {track_fields(d)}
            <div class="pair">
                <div class="form-field"><label for="call-places">{td_string!(locale_of(lang), rosters.places)}</label><input id="call-places" type="number" name="places" min="1" max="100" value="1"/></div>
                <div class="form-field"><label for="call-note">{td_string!(locale_of(lang), rosters.note_to_volunteers)}</label><input id="call-note" type="text" name="note"/></div>
            </div>
            <button type="submit" class="button">{td_string!(locale_of(lang), rosters.open_a_tutor_call)}</button>
        </form>
    }
}

fn call(d: &RosterPage, c: &CallRow, lang: Lang) -> impl IntoView + use<> {
    let head = format!(
        "#{} · {} {} / {} · {}",
        c.id,
        td_string!(locale_of(lang), rosters.places_left),
        c.places_left,
        c.places,
        if c.open {
            td_string!(locale_of(lang), rosters.open)
        } else {
            td_string!(locale_of(lang), rosters.closed)
        }
    );
    let rows = c
        .volunteers
        .iter()
        .map(|v| {
            let pending = v.status == crate::domain::rosters::VolunteerStatus::Pending;
            let form = pending.then(|| {
                view! {
                    <form method="post" action=DecideVolunteer::PATH class="inline-form">
                        {track_fields(d)}
                        <input type="hidden" name="volunteer" value=v.id/>
                        <button type="submit" class="button small" name="decision" value="approve">{td_string!(locale_of(lang), rosters.approve)}</button>
                        " "
                        <button type="submit" class="button small secondary" name="decision" value="decline">{td_string!(locale_of(lang), rosters.decline_volunteer)}</button>
                    </form>
                }
            });
            view! {
                <tr data-volunteer=v.id>
                    <td>{v.member.name.get(lang).to_string()}</td>
                    <td>{v.statement.clone()}</td>
                    <td class="status">{v.status.label(lang)}</td>
                    <td>{form}</td>
                </tr>
            }
        })
        .collect_view();
    let close = c.open.then(|| {
        view! {
            <form method="post" action=CloseTutorCall::PATH class="inline-form">
                {track_fields(d)}
                <input type="hidden" name="call" value=c.id/>
                <button type="submit" class="button small secondary">{td_string!(locale_of(lang), rosters.close_this_call)}</button>
            </form>
        }
    });
    view! {
        <article class="tutor-call" data-call=c.id>
            <h3>{head}</h3>
            <p>{c.note.clone()}</p>
            {close}
            {table("", vec![
                td_string!(locale_of(lang), rosters.name),
                td_string!(locale_of(lang), rosters.statement),
                td_string!(locale_of(lang), rosters.status),
                td_string!(locale_of(lang), rosters.decide),
            ], rows)}
        </article>
    }
}
