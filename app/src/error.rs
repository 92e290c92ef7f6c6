//! The one error type of the app's server functions.
//!
//! Each variant maps to an HTTP status and to a message a person can read in
//! either language. Details (database errors, transport faults) are logged on
//! the server and never sent to the browser.

use crate::domain::forms::FieldError;
use crate::domain::lang::Lang;
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
        match (self, lang) {
            (AppError::NotFound, Lang::Ja) => "お探しのページは見つかりませんでした。",
            (AppError::NotFound, Lang::En) => "We could not find that page.",
            (AppError::SignInRequired, Lang::Ja) => "この操作にはサインインが必要です。",
            (AppError::SignInRequired, Lang::En) => "Please sign in to do this.",
            (AppError::Forbidden, Lang::Ja) => "この操作を行う権限がありません。",
            (AppError::Forbidden, Lang::En) => "You do not have permission to do this.",
            (AppError::Gone, Lang::Ja) => {
                "このリンクはすでに使われたか、期限が切れています。新しいリンクは応募者の再提出で届きます。"
            }
            (AppError::Gone, Lang::En) => {
                "This link has already been used or is out of date. A new one comes when the applicant resubmits."
            }
            (AppError::Invalid(_), Lang::Ja) => "入力内容を確認してください。保存されていません。",
            (AppError::Invalid(_), Lang::En) => "Please check the form; nothing was saved.",
            (AppError::BadRequest, Lang::Ja) => {
                "フォームの内容を読み取れませんでした。保存されていません。ページを再読み込みしてもう一度お試しください。"
            }
            (AppError::BadRequest, Lang::En) => {
                "The form could not be read, so nothing was saved. Please reload the page and try again."
            }
            (AppError::Unavailable, Lang::Ja) => {
                "ただいまサービスを利用できません。しばらくしてからもう一度お試しください。"
            }
            (AppError::Unavailable, Lang::En) => {
                "The service is unavailable right now. Please try again in a moment."
            }
            (AppError::Transport(_), Lang::Ja) => {
                "通信に失敗しました。ページを再読み込みしてください。"
            }
            (AppError::Transport(_), Lang::En) => "The request failed. Please reload the page.",
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
