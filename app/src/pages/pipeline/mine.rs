//! `/account/certificates`: the signed-in person's own certificates of
//! completion, each with its code, the printable certificate and the
//! public verification link to hand to a university (単位認定) or an
//! employer. Revoked ones stay listed, marked, so the holder knows why a
//! link no longer verifies.

use crate::api::pipeline::get_my_certificates;
use crate::components::lang::{locale_of, use_lang};
use crate::components::loaded::loaded;
use crate::domain::lang::Lang;
use crate::domain::pipeline::view::Certificate;
use crate::domain::time::format_date;
use crate::i18n::td_string;
use leptos::prelude::*;
use leptos_meta::Title;

/// The list of one's own certificates.
#[component]
pub fn MyCertificatesPage() -> impl IntoView {
    let lang = use_lang();
    let data = Resource::new(|| (), |_| get_my_certificates());
    let title = td_string!(locale_of(lang), pipeline.my_certificates);
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
                {td_string!(locale_of(lang), pipeline.no_certificates_yet)}
            </p>
        }
        .into_any();
    }
    let rows = list.into_iter().map(|c| row(c, lang)).collect_view();
    view! {
        <div class="table-wrap" tabindex="0">
            <table>
                <caption class="visually-hidden">{td_string!(locale_of(lang), pipeline.my_certificates)}</caption>
                <thead>
                    <tr>
                        <th scope="col">{td_string!(locale_of(lang), common.programme)}</th>
                        <th scope="col">{td_string!(locale_of(lang), pipeline.cohort)}</th>
                        <th scope="col">{td_string!(locale_of(lang), pipeline.track)}</th>
                        <th scope="col">{td_string!(locale_of(lang), pipeline.completed_on)}</th>
                        <th scope="col">{td_string!(locale_of(lang), pipeline.verification_code)}</th>
                        <th scope="col">{td_string!(locale_of(lang), pipeline.status)}</th>
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
                {format!("{} {}", td_string!(locale_of(lang), pipeline.revoked_on), format_date(at, lang))}
            </span>
        }
        .into_any(),
        None => view! {
            <a href=format!("/certificates/{}", c.code)>{td_string!(locale_of(lang), pipeline.printable_certificate)}</a>
            " · "
            <a href=format!("/verify/{}", c.code)>{td_string!(locale_of(lang), pipeline.verification_page)}</a>
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
