//! `/account/credits`: the person's activity credits — events attended,
//! finished stints and self-reported activities — with yearly totals, a
//! CSV export for the RISS renewal (みなし受講) and the report form.

use crate::api::credits::{ReportActivity, get_ledger};
use crate::components::lang::use_lang;
use crate::components::loaded::loaded;
use crate::components::refusal::refusal;
use crate::components::table::table;
use crate::domain::credits::{LedgerPage, MAX_EVIDENCE};
use crate::domain::events::rules::format_tenths;
use crate::domain::events::{MAX_LINK, MAX_TITLE};
use crate::domain::lang::Lang;
use crate::pages::rosters::tr;
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
    let title = tr(lang, "活動クレジット", "Activity credits");
    view! {
        <Title text=title/>
        <section class="page credits">
            <h1>{title}</h1>
            {saved.then(|| view! { <p class="notice" role="status">{tr(lang, "報告しました。確認者に確認依頼のメールを送ります。", "Reported: your supervisor is mailed a link to confirm it.")}</p> })}
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
        <h2>{tr(lang, "年ごとの合計（時間）", "Totals per year (hours)")}</h2>
        {table("years", vec![tr(lang, "年", "Year"), tr(lang, "確認済み", "Confirmed"), tr(lang, "確認待ち", "Awaiting confirmation")], years)}
        <p><a href="/account/credits.csv" download>{tr(lang, "CSV で書き出す（登録セキスペ更新のみなし受講の申告用）", "Export as CSV (for the RISS renewal's deemed attendance)")}</a></p>
        <h2>{tr(lang, "明細", "Entries")}</h2>
        {table(
            "ledger",
            vec![tr(lang, "日付", "Date"), tr(lang, "種別", "Kind"), tr(lang, "内容", "Activity"), tr(lang, "時間", "Hours"), tr(lang, "状態", "Status"), tr(lang, "確認者", "Supervisor")],
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
        <h2>{tr(lang, "活動を報告する", "Report an activity")}</h2>
        <p>{tr(lang, "講演、論文、職場での研修などを報告できます。確認者（上司など）に届くリンクから承認されると、クレジットに加算されます。", "Report a talk, a paper, training at work…: once your supervisor approves it from the link we mail them, it counts.")}</p>
        {refusal!(ReportActivity, lang)}
        <form method="post" action=ReportActivity::PATH class="edit-form">
            {field("title", tr(lang, "活動の内容", "Activity"), "text", MAX_TITLE, true)}
            {field("hours", tr(lang, "時間（例: 1.5）", "Hours (e.g. 1.5)"), "text", 8, true)}
            {field("date", tr(lang, "日付", "Date"), "date", 10, true)}
            <div class="form-field">
                <label for="credit-evidence">{tr(lang, "証跡（内容の説明）", "Evidence (what you did)")}</label>
                <textarea id="credit-evidence" name="evidence" rows="4" maxlength=MAX_EVIDENCE></textarea>
            </div>
            {field("evidence_link", tr(lang, "証跡のリンク（任意）", "Link to evidence (optional)"), "url", MAX_LINK, false)}
            {field("supervisor_name", tr(lang, "確認者の氏名", "Supervisor's name"), "text", MAX_TITLE, true)}
            {field("supervisor_email", tr(lang, "確認者のメールアドレス", "Supervisor's email"), "email", 254, true)}
            <button type="submit" class="button">{tr(lang, "報告して確認を依頼", "Report and ask for confirmation")}</button>
        </form>
    }
}
