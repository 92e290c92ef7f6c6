//! `/verify/<code>` (and `/verify?code=…`): anyone checks a certificate of
//! completion, e.g. a university granting course credit (単位認定).
//! `/certificates/<code>`: the certificate itself, to print, in Japanese
//! and English.

use crate::api::pipeline::get_certificate;
use crate::components::lang::{locale_of, use_lang};
use crate::components::loaded::loaded;
use crate::domain::lang::Lang;
use crate::domain::pipeline::view::Certificate;
use crate::domain::time::format_date;
use crate::i18n::td_string;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

/// The code from the path, or from the `code` query of the lookup form.
fn code_signal() -> impl Fn() -> String + Copy + Send + Sync + 'static {
    let params = use_params_map();
    let query = use_query_map();
    move || {
        params
            .read()
            .get("code")
            .or_else(|| query.read().get("code"))
            .unwrap_or_default()
    }
}

/// The public verification page.
#[component]
pub fn VerifyPage() -> impl IntoView {
    let lang = use_lang();
    let code = code_signal();
    let data = Resource::new(code, get_certificate);
    let title = td_string!(locale_of(lang), pipeline.verify_a_certificate);
    view! {
        <Title text=title/>
        <section class="page verify">
            <h1>{title}</h1>
            <form method="get" action="/verify" class="inline-form">
                <label for="verify-code">{td_string!(locale_of(lang), pipeline.verification_code)}</label>
                <input id="verify-code" type="text" name="code" value=code autocomplete="off"/>
                <button type="submit" class="button">{td_string!(locale_of(lang), pipeline.verify)}</button>
            </form>
            {move || (!code().is_empty()).then(|| loaded(data, move |c| verdict(c, lang)))}
        </section>
    }
}

fn facts(c: &Certificate, lang: Lang) -> impl IntoView + use<> {
    view! {
        <dl class="certificate-facts">
            <dt>{td_string!(locale_of(lang), pipeline.name)}</dt><dd>{c.name.get(lang).to_string()}</dd>
            <dt>{td_string!(locale_of(lang), common.programme)}</dt><dd>{c.programme.get(lang).to_string()}</dd>
            <dt>{td_string!(locale_of(lang), pipeline.cohort)}</dt><dd>{c.cohort.get(lang).to_string()}</dd>
            <dt>{td_string!(locale_of(lang), pipeline.track)}</dt><dd>{c.track.get(lang).to_string()}</dd>
            <dt>{td_string!(locale_of(lang), pipeline.completed_on)}</dt><dd>{format_date(c.completed_at, lang)}</dd>
            <dt>{td_string!(locale_of(lang), pipeline.code)}</dt><dd>{c.code.clone()}</dd>
        </dl>
    }
}

fn verdict(c: Option<Certificate>, lang: Lang) -> impl IntoView {
    match c {
        None => {
            // A link to a certificate that does not exist is a 404, for
            // crawlers and link checkers as much as for people.
            crate::components::error_view::set_status(404);
            view! {
            <p class="alert" role="alert" id="verify-result">
                {td_string!(locale_of(lang), pipeline.no_certificate_has_this_code)}
            </p>
            }
            .into_any()
        }
        Some(c) => {
            let result = match c.revoked_at {
                Some(at) => format!(
                    "{} {}",
                    td_string!(locale_of(lang), pipeline.certificate_revoked_on),
                    format_date(at, lang)
                ),
                None => td_string!(locale_of(lang), pipeline.this_certificate_is_valid).to_string(),
            };
            let class = if c.revoked_at.is_some() {
                "alert"
            } else {
                "notice"
            };
            view! {
                <p class=class role="status" id="verify-result">{result}</p>
                {facts(&c, lang)}
            }
            .into_any()
        }
    }
}

/// The printable certificate: both languages on one page.
#[component]
pub fn CertificatePage() -> impl IntoView {
    let lang = use_lang();
    let code = code_signal();
    let data = Resource::new(code, get_certificate);
    loaded(data, move |c| printable(c, lang))
}

fn printable(c: Option<Certificate>, lang: Lang) -> impl IntoView {
    let Some(c) = c else {
        return verdict(None, lang).into_any();
    };
    let revoked = c.revoked_at.map(|_| {
        view! {
            <p class="alert" role="alert">
                {td_string!(locale_of(lang), pipeline.certificate_revoked)}
            </p>
        }
    });
    let verify = format!("/verify/{}", c.code);
    view! {
        <Title text=td_string!(locale_of(lang), pipeline.certificate_of_completion)/>
        <article class="page certificate">
            {revoked}
            <section lang="ja">
                <h1>"修了証"</h1>
                <p class="certificate-programme">{c.programme.get(Lang::Ja).to_string()}</p>
                <p class="certificate-name">{c.name.get(Lang::Ja).to_string()} " 殿"</p>
                <p>
                    "あなたは " {c.cohort.get(Lang::Ja).to_string()} " の「"
                    {c.track.get(Lang::Ja).to_string()} "」を修了したことを証します。"
                </p>
                <p>"修了日: " {format_date(c.completed_at, Lang::Ja)}</p>
            </section>
            <section lang="en">
                <h2>"Certificate of Completion"</h2>
                <p class="certificate-programme">{c.programme.get(Lang::En).to_string()}</p>
                <p class="certificate-name">{c.name.get(Lang::En).to_string()}</p>
                <p>
                    "has completed the track “" {c.track.get(Lang::En).to_string()} "” of "
                    {c.cohort.get(Lang::En).to_string()} "."
                </p>
                <p>"Completed on " {format_date(c.completed_at, Lang::En)}</p>
            </section>
            <p class="certificate-code">
                {td_string!(locale_of(lang), pipeline.verification_code)} ": " <strong>{c.code.clone()}</strong> " — "
                <a href=verify>{td_string!(locale_of(lang), pipeline.verify_online)}</a>
            </p>
        </article>
    }
    .into_any()
}
