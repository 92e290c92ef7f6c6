//! The one error type of the app's server functions.
//!
//! Each variant maps to an HTTP status and to a message a person can read in
//! either language. Details (database errors, transport faults) are logged on
//! the server and never sent to the browser.

use crate::components::lang::locale_of;
use crate::domain::forms::FieldError;
use crate::domain::lang::Lang;
use crate::i18n::td_string;
use serde::{Deserialize, Serialize};
use server_fn::codec::JsonEncoding;
use server_fn::error::{FromServerFnError, ServerFnErrorErr};

/// What went wrong, as far as the person asking needs to know.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    /// No such programme, cohort or track (or a malformed name for one).
    #[error("not found")]
    NotFound,
    /// The action needs a signed-in person.
    #[error("sign-in required")]
    SignInRequired,
    /// The person may not do this.
    #[error("forbidden")]
    Forbidden,
    /// The link worked once but no longer does (used, expired or replaced).
    #[error("gone")]
    Gone,
    /// The form has problems; nothing was saved.
    #[error("invalid input")]
    Invalid(Vec<FieldError>),
    /// The request's form could not be read (a field missing, a number
    /// that is none, bytes that are no text): never sent by the site's own
    /// forms, so the person is asked to reload.
    #[error("bad request")]
    BadRequest,
    /// The database or another dependency failed; the detail is in the log.
    #[error("service unavailable")]
    Unavailable,
    /// The request never reached the function, or its answer was unreadable.
    #[error("request failed: {0}")]
    Transport(String),
}

impl AppError {
    /// The HTTP status that goes with the error.
    pub fn status(&self) -> u16 {
        match self {
            AppError::NotFound => 404,
            AppError::SignInRequired => 401,
            AppError::Forbidden => 403,
            AppError::Gone => 410,
            AppError::Invalid(_) => 422,
            AppError::BadRequest => 400,
            AppError::Unavailable => 503,
            AppError::Transport(_) => 500,
        }
    }

    /// A message for the person, without internals.
    pub fn message(&self, lang: Lang) -> &'static str {
        let locale = locale_of(lang);
        match self {
            AppError::NotFound => td_string!(locale, common.error_not_found),
            AppError::SignInRequired => td_string!(locale, common.error_sign_in_required),
            AppError::Forbidden => td_string!(locale, common.error_forbidden),
            AppError::Gone => td_string!(locale, common.error_gone),
            AppError::Invalid(_) => td_string!(locale, common.form_has_errors),
            AppError::BadRequest => td_string!(locale, common.error_bad_request),
            AppError::Unavailable => td_string!(locale, common.error_unavailable),
            AppError::Transport(_) => td_string!(locale, common.error_transport),
        }
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        match value {
            // Only the server meets these: the posted arguments did not
            // decode. That is the client's fault, not a server failure.
            ServerFnErrorErr::Args(_) | ServerFnErrorErr::MissingArg(_) => AppError::BadRequest,
            other => AppError::Transport(other.to_string()),
        }
    }
}

#[cfg(feature = "ssr")]
impl From<sea_orm::DbErr> for AppError {
    fn from(err: sea_orm::DbErr) -> Self {
        tracing::error!(error = %err, "database error");
        AppError::Unavailable
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_error_has_a_status_and_two_messages() {
        for e in [
            AppError::NotFound,
            AppError::SignInRequired,
            AppError::Forbidden,
            AppError::Gone,
            AppError::Invalid(vec![]),
            AppError::BadRequest,
            AppError::Unavailable,
            AppError::Transport("x".into()),
        ] {
            assert!((400..600).contains(&e.status()));
            assert!(!e.message(Lang::Ja).is_empty());
            assert!(!e.message(Lang::En).is_empty());
            assert!(!e.message(Lang::En).contains('x'), "no internals shown");
        }
    }
}
