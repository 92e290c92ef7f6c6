//! `/events/new` and `/events/<id>/edit`: the event form (title and
//! description in Japanese, English optional; times in JST).

use crate::api::events::{SaveEvent, get_event_form};
use crate::components::lang::{locale_of, use_lang};
use crate::components::loaded::loaded;
use crate::components::refusal::refusal;
use crate::components::text::textarea_html;
use crate::domain::events::view::EventForm;
use crate::domain::events::{Audience, EventKind, MAX_DESCRIPTION, MAX_LINK, MAX_TITLE};
use crate::domain::lang::Lang;
use crate::i18n::td_string;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;
use server_fn::ServerFn;

/// A new event.
#[component]
pub fn NewEventPage() -> impl IntoView {
    let lang = use_lang();
    let data = Resource::new(|| (), |()| get_event_form(None));
    page(
        td_string!(locale_of(lang), events.create_an_event),
        data,
        lang,
    )
}

/// Editing an event.
#[component]
pub fn EditEventPage() -> impl IntoView {
    let lang = use_lang();
    let params = use_params_map();
    let id = move || params.read().get("id").and_then(|s| s.parse::<i32>().ok());
    let data = Resource::new(id, |id| get_event_form(Some(id.unwrap_or(0))));
    page(
        td_string!(locale_of(lang), events.edit_the_event),
        data,
        lang,
    )
}

fn page(
    title: &'static str,
    data: Resource<Result<EventForm, crate::error::AppError>>,
    lang: Lang,
) -> impl IntoView {
    view! {
        <Title text=title/>
        <section class="page event-form">
            <h1>{title}</h1>
            {refusal!(SaveEvent, lang)}
            {loaded(data, move |f| form_view(f, lang))}
        </section>
    }
}

fn text_field(
    name: &'static str,
    label: &'static str,
    value: String,
    max: usize,
    required: bool,
) -> impl IntoView {
    let id = format!("event-{name}");
    view! {
        <div class="form-field">
            <label for=id.clone()>{label}</label>
            <input type="text" id=id name=format!("draft[{name}]") value=value maxlength=max required=required/>
        </div>
    }
}

fn area(name: &'static str, label: &'static str, value: String) -> impl IntoView {
    let id = format!("event-{name}");
    view! {
        <div class="form-field">
            <label for=id.clone()>{label}</label>
            <textarea id=id name=format!("draft[{name}]") rows="6" maxlength=MAX_DESCRIPTION inner_html=textarea_html(&value)></textarea>
        </div>
    }
}

fn form_view(f: EventForm, lang: Lang) -> impl IntoView {
    let kinds = EventKind::ALL
        .iter()
        .map(|k| view! { <option value=k.as_str() selected=f.kind == k.as_str()>{k.label(lang)}</option> })
        .collect_view();
    let audiences = Audience::ALL
        .iter()
        .map(|a| view! { <option value=a.as_str() selected=f.audience == a.as_str()>{a.label(lang)}</option> })
        .collect_view();
    view! {
        <form method="post" action=SaveEvent::PATH class="edit-form">
            {f.id.map(|id| view! { <input type="hidden" name="draft[id]" value=id/> })}
            {text_field("title_ja", td_string!(locale_of(lang), events.title_japanese), f.title_ja, MAX_TITLE, true)}
            {text_field("title_en", td_string!(locale_of(lang), events.title_english_optional), f.title_en, MAX_TITLE, false)}
            {area("description_ja", td_string!(locale_of(lang), events.description_japanese), f.description_ja)}
            {area("description_en", td_string!(locale_of(lang), events.description_english_optional), f.description_en)}
            <div class="form-field">
                <label for="event-kind">{td_string!(locale_of(lang), events.kind)}</label>
                <select id="event-kind" name="draft[kind]">{kinds}</select>
            </div>
            <div class="form-field">
                <label for="event-starts">{td_string!(locale_of(lang), events.starts_jst)}</label>
                <input type="datetime-local" id="event-starts" name="draft[starts_at]" value=f.starts_at required/>
            </div>
            <div class="form-field">
                <label for="event-ends">{td_string!(locale_of(lang), events.ends_jst)}</label>
                <input type="datetime-local" id="event-ends" name="draft[ends_at]" value=f.ends_at required/>
            </div>
            {text_field("venue", td_string!(locale_of(lang), events.venue), f.venue, MAX_TITLE, false)}
            {text_field("online_link", td_string!(locale_of(lang), events.online_link_registered_only), f.online_link, MAX_LINK, false)}
            <div class="form-field">
                <label for="event-capacity">{td_string!(locale_of(lang), events.places)}</label>
                <input type="number" id="event-capacity" name="draft[capacity]" min="0" value=f.capacity required/>
            </div>
            <div class="form-field">
                <label for="event-audience">{td_string!(locale_of(lang), events.audience)}</label>
                <select id="event-audience" name="draft[audience]">{audiences}</select>
            </div>
            <div class="form-field">
                <label for="event-credits">{td_string!(locale_of(lang), events.credits_awarded_hours)}</label>
                <input type="text" inputmode="decimal" id="event-credits" name="draft[credits]" value=f.credits/>
            </div>
            <label class="check"><input type="checkbox" name="draft[cancelled]" value="on" checked=f.cancelled.is_some()/> " " {td_string!(locale_of(lang), events.cancel_the_event)}</label>
            <button type="submit" class="button">{td_string!(locale_of(lang), events.save)}</button>
        </form>
    }
}
