//! `/account/credits`: the person's activity credits — events attended,
//! finished stints and self-reported activities — with yearly totals, a
//! CSV export for the RISS renewal (みなし受講) and the report form.

use crate::api::credits::{ReportActivity, get_ledger};
use crate::components::lang::{locale_of, use_lang};
use crate::components::loaded::loaded;
use crate::components::refusal::refusal;
use crate::components::table::table;
use crate::domain::credits::{LedgerPage, MAX_EVIDENCE};
use crate::domain::events::rules::format_tenths;
use crate::domain::events::{MAX_LINK, MAX_TITLE};
use crate::domain::lang::Lang;
use crate::i18n::td_string;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use server_fn::ServerFn;

/// The person's ledger.
#[component]
pub fn CreditsPage() -> impl IntoView {
    let lang = use_lang();
    let data = Resource::new(|| (), |()| get_ledger());
    let saved = use_query_map().read_untracked().get("saved").is_some();
    let title = td_string!(locale_of(lang), credits.activity_credits);
    view! {
        <Title text=title/>
        <section class="page credits">
            <h1>{title}</h1>
            {saved.then(|| view! { <p class="notice" role="status">{td_string!(locale_of(lang), credits.reported_your_supervisor_is_mailed)}</p> })}
            {loaded(data, move |l| ledger_view(l, lang))}
            {report_form(lang)}
        </section>
    }
}

fn ledger_view(l: LedgerPage, lang: Lang) -> impl IntoView {
    let years = l
        .years
        .iter()
        .map(|y| {
            view! {
                <tr>
                    <th scope="row">{y.year}</th>
                    <td>{format_tenths(y.confirmed)}</td>
                    <td>{format_tenths(y.pending)}</td>
                </tr>
            }
        })
        .collect_view();
    let rows = l
        .rows
        .into_iter()
        .map(|r| {
            view! {
                <tr>
                    <td>{r.earned_on.to_string()}</td>
                    <td>{r.kind.label(lang)}</td>
                    <td>{r.title}</td>
                    <td>{format_tenths(r.tenths)}</td>
                    <td>{r.status.label(lang)}</td>
                    <td>{r.supervisor}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <h2>{td_string!(locale_of(lang), credits.totals_per_year_hours)}</h2>
        {table("years", vec![td_string!(locale_of(lang), credits.year), td_string!(locale_of(lang), credits.confirmed), td_string!(locale_of(lang), credits.awaiting_confirmation)], years)}
        <p><a href="/account/credits.csv" download>{td_string!(locale_of(lang), credits.export_csv_riss)}</a></p>
        <h2>{td_string!(locale_of(lang), credits.entries)}</h2>
        {table(
            "ledger",
            vec![td_string!(locale_of(lang), credits.date), td_string!(locale_of(lang), credits.kind), td_string!(locale_of(lang), credits.activity_column), td_string!(locale_of(lang), credits.hours), td_string!(locale_of(lang), credits.status), td_string!(locale_of(lang), credits.supervisor)],
            rows,
        )}
    }
}

fn field(
    name: &'static str,
    label: &'static str,
    kind: &'static str,
    max: usize,
    required: bool,
) -> impl IntoView {
    let id = format!("credit-{name}");
    view! {
        <div class="form-field">
            <label for=id.clone()>{label}</label>
            <input type=kind id=id name=name maxlength=max required=required/>
        </div>
    }
}

fn report_form(lang: Lang) -> impl IntoView {
    view! {
        <h2>{td_string!(locale_of(lang), credits.report_an_activity)}</h2>
        <p>{td_string!(locale_of(lang), credits.report_a_talk_a_paper)}</p>
        {refusal!(ReportActivity, lang)}
        <form method="post" action=ReportActivity::PATH class="edit-form">
            {field("title", td_string!(locale_of(lang), credits.activity_title), "text", MAX_TITLE, true)}
            {field("hours", td_string!(locale_of(lang), credits.hours_e_g_1_5), "text", 8, true)}
            {field("date", td_string!(locale_of(lang), credits.date), "date", 10, true)}
            <div class="form-field">
                <label for="credit-evidence">{td_string!(locale_of(lang), credits.evidence_what_you_did)}</label>
                <textarea id="credit-evidence" name="evidence" rows="4" maxlength=MAX_EVIDENCE></textarea>
            </div>
            {field("evidence_link", td_string!(locale_of(lang), credits.link_to_evidence_optional), "url", MAX_LINK, false)}
            {field("supervisor_name", td_string!(locale_of(lang), credits.supervisor_s_name), "text", MAX_TITLE, true)}
            {field("supervisor_email", td_string!(locale_of(lang), credits.supervisor_s_email), "email", 254, true)}
            <button type="submit" class="button">{td_string!(locale_of(lang), credits.report_and_ask_for_confirmation)}</button>
        </form>
    }
}
