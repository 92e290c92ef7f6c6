//! Review and selection pages: the reviewer's tracks, queue and score
//! sheet, the organiser's review page and the applicant's offer. Every form
//! is a plain post that works without JavaScript; a refused post comes back
//! to its page with the problem shown.

mod manage;
mod offer;
mod sheet;

pub use manage::ManageReviewPage;
pub use offer::OfferPage;
pub use sheet::{ReviewHomePage, ReviewNextPage, SheetPage};

use crate::domain::lang::Lang;
use crate::error::AppError;

/// What to tell the person about a refused post: each field's problem, or
/// the general message.
pub fn refusal_text(e: &AppError, lang: Lang) -> String {
    match e {
        AppError::Invalid(problems) if !problems.is_empty() => problems
            .iter()
            .map(|p| p.problem.message(lang))
            .collect::<Vec<_>>()
            .join(" "),
        other => other.message(lang).to_string(),
    }
}

/// The alert for a refused post of the server function `$fn`'s form (read
/// from the action, which also sees a plain post's refusal in the URL).
macro_rules! refusal {
    ($fn:ty, $lang:expr) => {{
        let action = ServerAction::<$fn>::new();
        let lang = $lang;
        move || match action.value().get() {
            Some(Err(e)) => Some(view! {
                <p class="alert" role="alert">{crate::pages::review::refusal_text(&e, lang)}</p>
            }),
            _ => None,
        }
    }};
}
pub(crate) use refusal;

/// A score or spread with one decimal.
pub fn one_decimal(x: Option<f64>) -> String {
    x.map(|v| format!("{v:.1}")).unwrap_or_else(|| "–".into())
}
