//! The alert a page shows when the server refused its form's post.

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
                <p class="alert" role="alert">{crate::components::refusal::refusal_text(&e, lang)}</p>
            }),
            _ => None,
        }
    }};
}
pub(crate) use refusal;
