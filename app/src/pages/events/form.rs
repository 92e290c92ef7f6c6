//! `/events/new` and `/events/<id>/edit`: the event form (title and
//! description in Japanese, English optional; times in JST).

use crate::api::events::{SaveEvent, get_event_form};
use crate::components::lang::use_lang;
use crate::components::loaded::loaded;
use crate::components::refusal::refusal;
use crate::components::text::textarea_html;
use crate::domain::events::view::EventForm;
use crate::domain::events::{Audience, EventKind, MAX_DESCRIPTION, MAX_LINK, MAX_TITLE};
use crate::domain::lang::Lang;
use crate::pages::rosters::tr;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;
use server_fn::ServerFn;

/// A new event.
#[component]
pub fn NewEventPage() -> impl IntoView {
    let lang = use_lang();
    let data = Resource::new(|| (), |()| get_event_form(None));
    page(tr(lang, "イベントを作成", "Create an event"), data, lang)
}

/// Editing an event.
#[component]
pub fn EditEventPage() -> impl IntoView {
    let lang = use_lang();
    let params = use_params_map();
    let id = move || params.read().get("id").and_then(|s| s.parse::<i32>().ok());
    let data = Resource::new(id, |id| get_event_form(Some(id.unwrap_or(0))));
    page(tr(lang, "イベントを編集", "Edit the event"), data, lang)
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
            {text_field("title_ja", tr(lang, "タイトル（日本語）", "Title (Japanese, or the only one)"), f.title_ja, MAX_TITLE, true)}
            {text_field("title_en", tr(lang, "タイトル（英語・任意）", "Title (English, optional)"), f.title_en, MAX_TITLE, false)}
            {area("description_ja", tr(lang, "説明（日本語）", "Description (Japanese, or the only one)"), f.description_ja)}
            {area("description_en", tr(lang, "説明（英語・任意）", "Description (English, optional)"), f.description_en)}
            <div class="form-field">
                <label for="event-kind">{tr(lang, "種類", "Kind")}</label>
                <select id="event-kind" name="draft[kind]">{kinds}</select>
            </div>
            <div class="form-field">
                <label for="event-starts">{tr(lang, "開始（日本時間）", "Starts (JST)")}</label>
                <input type="datetime-local" id="event-starts" name="draft[starts_at]" value=f.starts_at required/>
            </div>
            <div class="form-field">
                <label for="event-ends">{tr(lang, "終了（日本時間）", "Ends (JST)")}</label>
                <input type="datetime-local" id="event-ends" name="draft[ends_at]" value=f.ends_at required/>
            </div>
            {text_field("venue", tr(lang, "会場", "Venue"), f.venue, MAX_TITLE, false)}
            {text_field("online_link", tr(lang, "オンライン参加用リンク（参加登録者にのみ表示）", "Online link (shown only to registered people)"), f.online_link, MAX_LINK, false)}
            <div class="form-field">
                <label for="event-capacity">{tr(lang, "定員", "Places")}</label>
                <input type="number" id="event-capacity" name="draft[capacity]" min="0" value=f.capacity required/>
            </div>
            <div class="form-field">
                <label for="event-audience">{tr(lang, "対象", "Audience")}</label>
                <select id="event-audience" name="draft[audience]">{audiences}</select>
            </div>
            <div class="form-field">
                <label for="event-credits">{tr(lang, "付与クレジット（時間）", "Credits awarded (hours)")}</label>
                <input type="text" inputmode="decimal" id="event-credits" name="draft[credits]" value=f.credits/>
            </div>
            <label class="check"><input type="checkbox" name="draft[cancelled]" value="on" checked=f.cancelled.is_some()/> " " {tr(lang, "中止する", "Cancel the event")}</label>
            <button type="submit" class="button">{tr(lang, "保存", "Save")}</button>
        </form>
    }
}
