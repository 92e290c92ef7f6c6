//! The administrators' pages: `/admin/organisers` (grant and revoke
//! organiser roles, here), programmes and fields (their own files).

mod field;
mod fields;
mod forms;
mod nav;
mod programme;
mod programmes;

pub use field::AdminFieldPage;
pub use fields::AdminFieldsPage;
pub use programme::{AdminProgrammePage, NewProgrammePage};
pub use programmes::AdminProgrammesPage;

use nav::AdminNav;

use crate::api::admin::{GrantOrganiser, RevokeOrganiser, get_organisers};
use crate::components::form::field_errors;
use crate::components::lang::{locale_of, use_lang};
use crate::components::loaded::loaded;
use crate::components::saved_notice::SavedNotice;
use crate::domain::admin::{OrganiserAdmin, OrganiserGrant};
use crate::domain::lang::Lang;
use crate::domain::time::format_date;
use crate::i18n::td_string;
use leptos::prelude::*;
use leptos_meta::Title;

/// The organisers page.
#[component]
pub fn OrganisersPage() -> impl IntoView {
    let lang = use_lang();
    let locale = locale_of(lang);
    // The list reloads after a grant; revoking reloads the whole page.
    let grant = ServerAction::<GrantOrganiser>::new();
    let data = Resource::new(move || grant.version().get(), |_| get_organisers());
    view! {
        <Title text=td_string!(locale, admin.organisers)/>
        <section class="page admin">
            <h1>{td_string!(locale, admin.organisers)}</h1>
            <AdminNav/>
            <SavedNotice/>
            {loaded(data, move |d| organisers_view(d, grant, lang))}
        </section>
    }
}

fn organisers_view(
    d: OrganiserAdmin,
    grant: ServerAction<GrantOrganiser>,
    lang: Lang,
) -> impl IntoView {
    let locale = locale_of(lang);
    let rows = d
        .grants
        .into_iter()
        .map(|g| grant_row(g, lang))
        .collect_view();
    let problem = move || {
        field_errors(grant.value().get()).first().map(
            |e| view! { <p class="field-error" id="grant-error">{e.problem.message(lang)}</p> },
        )
    };
    let options = d
        .programmes
        .into_iter()
        .map(|p| view! { <option value=p.slug>{p.name.get(lang).to_string()}</option> })
        .collect_view();
    view! {
        <div class="table-wrap" tabindex="0">
            <table>
                <caption class="visually-hidden">{td_string!(locale, admin.organisers)}</caption>
                <thead>
                    <tr>
                        <th scope="col">{td_string!(locale, admin.person)}</th>
                        <th scope="col">{td_string!(locale, common.programme)}</th>
                        <th scope="col">{td_string!(locale, admin.since)}</th>
                        <th scope="col"><span class="visually-hidden">{td_string!(locale, admin.revoke)}</span></th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
        <h2>{td_string!(locale, admin.grant_organiser)}</h2>
        <ActionForm action=grant attr:class="edit-form">
            <div class="pair">
                <div class="form-field">
                    <label for="grant-email">{td_string!(locale, common.email)}</label>
                    <input id="grant-email" type="email" name="email" required=true autocomplete="off"/>
                </div>
                <div class="form-field">
                    <label for="grant-programme">{td_string!(locale, common.programme)}</label>
                    <select id="grant-programme" name="programme">{options}</select>
                </div>
            </div>
            {problem}
            <button type="submit" class="button">{td_string!(locale, admin.grant_organiser)}</button>
        </ActionForm>
    }
}

fn grant_row(g: OrganiserGrant, lang: Lang) -> impl IntoView {
    let locale = locale_of(lang);
    let name = match g.name.get(lang) {
        "" => g.email.clone(),
        n => format!("{n} <{}>", g.email),
    };
    let revoke_url = <RevokeOrganiser as server_fn::ServerFn>::PATH;
    let label = format!("{} {}", td_string!(locale, admin.revoke), name);
    view! {
        <tr>
            <td>{name}</td>
            <td>{g.programme.name.get(lang).to_string()}</td>
            <td>{format_date(g.granted_at, lang)}</td>
            <td>
                // A plain form post: the server function answers a browser
                // form with a redirect, so the page reloads with the new list.
                <form method="post" action=revoke_url>
                    <input type="hidden" name="grant" value=g.id/>
                    <button type="submit" class="link-button danger" aria-label=label>{td_string!(locale, admin.revoke)}</button>
                </form>
            </td>
        </tr>
    }
}
