//! `/account/certificates`: the signed-in person's own certificates of
//! completion, each with its code, the printable certificate and the
//! public verification link to hand to a university (単位認定) or an
//! employer. Revoked ones stay listed, marked, so the holder knows why a
//! link no longer verifies.

use super::tr;
use crate::api::pipeline::get_my_certificates;
use crate::components::lang::use_lang;
use crate::components::loaded::loaded;
use crate::domain::lang::Lang;
use crate::domain::pipeline::view::Certificate;
use crate::domain::time::format_date;
use leptos::prelude::*;
use leptos_meta::Title;

/// The list of one's own certificates.
#[component]
pub fn MyCertificatesPage() -> impl IntoView {
    let lang = use_lang();
    let data = Resource::new(|| (), |_| get_my_certificates());
    let title = tr(lang, "自分の修了証", "My certificates");
    view! {
        <Title text=title/>
        <section class="page my-certificates">
            <h1>{title}</h1>
            {loaded(data, move |list| certificates(list, lang))}
        </section>
    }
}

fn certificates(list: Vec<Certificate>, lang: Lang) -> impl IntoView {
    if list.is_empty() {
        return view! {
            <p class="empty">
                {tr(
                    lang,
                    "修了証はまだありません。トラックを修了すると、ここに表示され、メールでも届きます。",
                    "No certificates yet. When you complete a track, its certificate appears here and is mailed to you.",
                )}
            </p>
        }
        .into_any();
    }
    let rows = list.into_iter().map(|c| row(c, lang)).collect_view();
    view! {
        <div class="table-wrap">
            <table>
                <caption class="visually-hidden">{tr(lang, "自分の修了証", "My certificates")}</caption>
                <thead>
                    <tr>
                        <th scope="col">{tr(lang, "プログラム", "Programme")}</th>
                        <th scope="col">{tr(lang, "開催回", "Cohort")}</th>
                        <th scope="col">{tr(lang, "トラック", "Track")}</th>
                        <th scope="col">{tr(lang, "修了日", "Completed on")}</th>
                        <th scope="col">{tr(lang, "確認コード", "Verification code")}</th>
                        <th scope="col">{tr(lang, "状態", "Status")}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
    .into_any()
}

fn row(c: Certificate, lang: Lang) -> impl IntoView {
    let status = match c.revoked_at {
        Some(at) => view! {
            <span class="badge badge-revoked">
                {format!("{} {}", tr(lang, "取消済み", "Revoked"), format_date(at, lang))}
            </span>
        }
        .into_any(),
        None => view! {
            <a href=format!("/certificates/{}", c.code)>{tr(lang, "印刷用の修了証", "Printable certificate")}</a>
            " · "
            <a href=format!("/verify/{}", c.code)>{tr(lang, "確認ページ", "Verification page")}</a>
        }
        .into_any(),
    };
    view! {
        <tr>
            <td>{c.programme.get(lang).to_string()}</td>
            <td>{c.cohort.get(lang).to_string()}</td>
            <td>{c.track.get(lang).to_string()}</td>
            <td>{format_date(c.completed_at, lang)}</td>
            <td><code>{c.code.clone()}</code></td>
            <td>{status}</td>
        </tr>
    }
}
