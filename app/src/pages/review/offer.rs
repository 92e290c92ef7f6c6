//! `/offers/<application>`: the applicant's decision and offer, confirmed
//! or declined before its deadline.

use crate::api::review::{RespondOffer, get_offer};
use crate::components::lang::{locale_of, use_lang};
use crate::components::loaded::loaded;
use crate::components::refusal::refusal;
use crate::components::route_params::id_param;
use crate::components::saved_notice::SavedNotice;
use crate::domain::application::{Decision, OfferStatus};
use crate::domain::lang::Lang;
use crate::domain::review::view::OfferView;
use crate::domain::time::format_datetime;
use crate::i18n::td_string;
use leptos::prelude::*;
use leptos_meta::Title;
use server_fn::ServerFn;

/// The applicant's offer page.
#[component]
pub fn OfferPage() -> impl IntoView {
    let lang = use_lang();
    let id = id_param("application");
    let data = Resource::new(id, get_offer);
    view! {
        <section class="page offer">
            {loaded(data, move |o| offer_view(o, lang))}
        </section>
    }
}

fn status_text(o: &OfferView, lang: Lang) -> String {
    let locale = locale_of(lang);
    match (o.offer, o.decision) {
        (Some(OfferStatus::Offered), _) => td_string!(locale, review.rv_offer_open).to_string(),
        (Some(OfferStatus::Confirmed), _) => {
            td_string!(locale, review.rv_offer_confirmed).to_string()
        }
        (Some(OfferStatus::Declined), _) => {
            td_string!(locale, review.rv_offer_declined).to_string()
        }
        (Some(OfferStatus::Expired), _) => td_string!(locale, review.rv_offer_expired).to_string(),
        (None, Some(Decision::Waitlisted)) => format!(
            "{} {}",
            td_string!(locale, review.rv_waitlisted_at),
            o.waitlist_position.unwrap_or(0)
        ),
        (None, Some(Decision::Rejected)) => td_string!(locale, review.rv_not_selected).to_string(),
        _ => td_string!(locale, review.rv_no_decision).to_string(),
    }
}

fn offer_view(o: OfferView, lang: Lang) -> impl IntoView {
    let locale = locale_of(lang);
    let title = format!(
        "{} – {}",
        td_string!(locale, review.rv_offer),
        o.track_name.get(lang)
    );
    let deadline = o.expires_at.filter(|_| o.open).map(|t| {
        view! { <p>{td_string!(locale, review.rv_offer_deadline)} " " <strong>{format_datetime(t, lang)}</strong></p> }
    });
    let consent = (o.open && o.consent_missing)
        .then(|| view! { <p class="notice">{td_string!(locale, review.rv_consent_needed)}</p> });
    let refused = refusal!(RespondOffer, lang);
    let answer = |value: &'static str, text: &'static str, class: &'static str| {
        view! {
            <form method="post" action=RespondOffer::PATH class="inline-form">
                <input type="hidden" name="application" value=o.application_id/>
                <input type="hidden" name="answer" value=value/>
                <button type="submit" class=class>{text}</button>
            </form>
        }
    };
    let buttons = o.open.then(|| {
        view! {
            <div class="actions">
                {answer("confirm", td_string!(locale, review.rv_confirm), "button")}
                {answer("decline", td_string!(locale, review.rv_decline), "button secondary")}
            </div>
        }
    });
    view! {
        <Title text=title.clone()/>
        <h1>{title}</h1>
        <SavedNotice/>
        {refused}
        <p class="lead" id="offer-status">{status_text(&o, lang)}</p>
        {deadline}
        {consent}
        {buttons}
    }
}
