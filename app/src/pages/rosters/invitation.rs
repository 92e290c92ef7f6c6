//! `/invitations/<token>`: a lecturer invitation. Signed in, the invitee
//! accepts and joins the track's lecturer roster; anyone with the link may
//! decline. The link works once; a used or expired one says so.

use super::tr;
use crate::api::tutor_calls::{AnswerInvitation, get_invitation};
use crate::components::lang::use_lang;
use crate::components::loaded::loaded;
use crate::components::refusal::refusal;
use crate::domain::forms::Problem;
use crate::domain::lang::Lang;
use crate::domain::rosters::view::InvitationPage;
use crate::domain::time::format_datetime;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};
use server_fn::ServerFn;

/// The page a lecturer invitation links to.
#[component]
pub fn LecturerInvitationPage() -> impl IntoView {
    let lang = use_lang();
    let params = use_params_map();
    let token = move || params.read().get("token").unwrap_or_default();
    let done = use_query_map().read_untracked().get("done");
    let title = tr(lang, "講師のご依頼", "Invitation to lecture");
    view! {
        <Title text=title/>
        <section class="page invitation">
            <h1>{title}</h1>
            {match done {
                Some(answer) => {
                    let text = if answer == "accept" {
                        tr(lang, "お引き受けいただきありがとうございます。講師として名簿に載りました。", "Thank you: you are now on the track's lecturer roster.")
                    } else {
                        tr(lang, "ご回答ありがとうございました。辞退を承りました。", "Thank you for answering; we noted that you decline.")
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
            <div><dt>{tr(lang, "トラック", "Track")}</dt><dd>{i.label.get(lang).to_string()}</dd></div>
            <div><dt>{tr(lang, "宛先", "Sent to")}</dt><dd>{i.email.clone()}</dd></div>
            <div><dt>{tr(lang, "有効期限", "Link works until")}</dt><dd>{format_datetime(i.expires_at, lang)}</dd></div>
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
                {tr(lang, "お引き受けいただくにはサインインしてください。", "Please sign in to accept.")} " "
                <a href=href>{tr(lang, "サインイン", "Sign in")}</a>
            </p>
        }
    });
    view! {
        {facts}
        {refusal!(AnswerInvitation, lang)}
        {sign_in}
        <form method="post" action=AnswerInvitation::PATH class="edit-form">
            <input type="hidden" name="token" value=token/>
            <div class="actions">
                <button type="submit" class="button" name="answer" value="accept" disabled=!i.signed_in>{tr(lang, "引き受ける", "Accept")}</button>
                <button type="submit" class="button secondary" name="answer" value="decline">{tr(lang, "辞退する", "Decline")}</button>
            </div>
        </form>
    }
    .into_any()
}
