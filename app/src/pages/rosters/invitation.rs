//! `/invitations/<token>`: a lecturer invitation. Signed in, the invitee
//! accepts and joins the track's lecturer roster; anyone with the link may
//! decline. The link works once; a used or expired one says so.

use crate::api::tutor_calls::{AnswerInvitation, get_invitation};
use crate::components::lang::{locale_of, use_lang};
use crate::components::loaded::loaded;
use crate::components::refusal::refusal;
use crate::components::route_params::param;
use crate::domain::forms::Problem;
use crate::domain::lang::Lang;
use crate::domain::rosters::view::InvitationPage;
use crate::domain::time::format_datetime;
use crate::i18n::td_string;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use server_fn::ServerFn;

/// The page a lecturer invitation links to.
#[component]
pub fn LecturerInvitationPage() -> impl IntoView {
    let lang = use_lang();
    let token = param("token");
    let done = use_query_map().read_untracked().get("done");
    let title = td_string!(locale_of(lang), rosters.invitation_to_lecture);
    view! {
        <Title text=title/>
        <section class="page invitation">
            <h1>{title}</h1>
            {match done {
                Some(answer) => {
                    let text = if answer == "accept" {
                        td_string!(locale_of(lang), rosters.joined_lecturer_roster)
                    } else {
                        td_string!(locale_of(lang), rosters.declined_noted)
                    };
                    view! { <p class="notice" role="status">{text}</p> }.into_any()
                }
                None => {
                    let data = Resource::new(token, get_invitation);
                    loaded(data, move |i| invitation_view(i, token(), lang)).into_any()
                }
            }}
        </section>
    }
}

fn invitation_view(i: InvitationPage, token: String, lang: Lang) -> impl IntoView {
    let facts = view! {
        <dl class="facts">
            <div><dt>{td_string!(locale_of(lang), rosters.track)}</dt><dd>{i.label.get(lang).to_string()}</dd></div>
            <div><dt>{td_string!(locale_of(lang), rosters.sent_to)}</dt><dd>{i.email.clone()}</dd></div>
            <div><dt>{td_string!(locale_of(lang), rosters.link_works_until)}</dt><dd>{format_datetime(i.expires_at, lang)}</dd></div>
        </dl>
    };
    if !i.open {
        return view! {
            {facts}
            <p class="alert" role="alert">{Problem::InvitationUsed.message(lang)}</p>
        }
        .into_any();
    }
    let sign_in = (!i.signed_in).then(|| {
        let href = format!("/sign-in?next=/invitations/{token}");
        view! {
            <p>
                {td_string!(locale_of(lang), rosters.please_sign_in_to_accept)} " "
                <a href=href>{td_string!(locale_of(lang), common.sign_in)}</a>
            </p>
        }
    });
    // Signed in as someone else (a forwarded mail, a shared inbox): say so
    // before they press a button that would be refused.
    let not_yours = (i.signed_in && !i.addressed_to_viewer).then(|| {
        view! { <p class="alert" role="alert">{Problem::InvitationNotYours.message(lang)}</p> }
    });
    let may_accept = i.addressed_to_viewer;
    view! {
        {facts}
        {refusal!(AnswerInvitation, lang)}
        {sign_in}
        {not_yours}
        <form method="post" action=AnswerInvitation::PATH class="edit-form">
            <input type="hidden" name="token" value=token/>
            <div class="actions">
                <button type="submit" class="button" name="answer" value="accept" disabled=!may_accept>{td_string!(locale_of(lang), rosters.accept)}</button>
                <button type="submit" class="button secondary" name="answer" value="decline">{td_string!(locale_of(lang), rosters.decline_invitation)}</button>
            </div>
        </form>
    }
    .into_any()
}
