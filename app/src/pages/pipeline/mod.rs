//! Pipeline pages: a track's completion with its certificates, the public
//! verification and the printable certificate, a person's stages for
//! organisers, candidate support, one's own training and the funnel.
//! Every form is a plain post that works without JavaScript.

mod candidates;
mod certificate;
mod completion;
mod funnel;
mod person;
mod training;

pub use candidates::CandidatesPage;
pub use certificate::{CertificatePage, VerifyPage};
pub use completion::CompletionPage;
pub use funnel::FunnelPage;
pub use person::PersonPage;
pub use training::TrainingPage;

use crate::domain::lang::Lang;

/// The text for `lang`: the pipeline pages keep their few labels here, in
/// both languages side by side.
pub fn tr(lang: Lang, ja: &'static str, en: &'static str) -> &'static str {
    match lang {
        Lang::Ja => ja,
        Lang::En => en,
    }
}
