//! Pipeline pages: a track's completion with its certificates, the public
//! verification and the printable certificate, one's own certificates, a person's stages for
//! organisers, candidate support, one's own training and the funnel.
//! Every form is a plain post that works without JavaScript.

mod candidates;
mod certificate;
mod completion;
mod funnel;
mod funnel_chart;
mod mine;
mod person;
mod training;

pub use candidates::CandidatesPage;
pub use certificate::{CertificatePage, VerifyPage};
pub use completion::CompletionPage;
pub use funnel::FunnelPage;
pub use mine::MyCertificatesPage;
pub use person::PersonPage;
pub use training::TrainingPage;

use crate::components::breadcrumbs::Crumb;
use crate::components::lang::locale_of;
use crate::domain::catalogue::ProgrammeRef;
use crate::domain::lang::Lang;
use crate::i18n::td_string;

/// The trail of an organiser's page of programme `p`: manage, the
/// programme, then `middle` (label and link), then the page itself.
pub fn manage_crumbs(
    lang: Lang,
    p: &ProgrammeRef,
    middle: Option<(String, String)>,
    here: String,
) -> Vec<Crumb> {
    let mut crumbs = vec![
        Crumb {
            label: td_string!(locale_of(lang), common.manage).into(),
            href: Some("/manage".into()),
        },
        Crumb {
            label: p.name.get(lang).to_string(),
            href: Some(format!("/manage/{}", p.slug)),
        },
    ];
    crumbs.extend(middle.map(|(label, href)| Crumb {
        label,
        href: Some(href),
    }));
    crumbs.push(Crumb {
        label: here,
        href: None,
    });
    crumbs
}
