//! Pipeline server functions: completion and certificates, stages, candidate
//! support and the funnel, as in `store::pipeline`. Organisers need
//! `ManagePipeline` on the programme; anyone may verify a certificate;
//! mentors sign off only their own candidates' steps. Every function
//! authorises before it touches data.

mod completion;
mod funnel;
mod person;
mod support;

pub use completion::*;
pub use funnel::*;
pub use person::*;
pub use support::*;

#[cfg(feature = "ssr")]
mod server {
    use crate::api::ctx::invalid;
    use crate::domain::forms::Problem;
    use crate::error::AppError;
    use crate::store::pipeline::PipelineError;

    /// The error to show for a refused pipeline change, on `field`.
    pub fn refused(field: &str, e: PipelineError) -> AppError {
        match e {
            PipelineError::Refused(r) => invalid(field, Problem::Pipeline(r)),
            PipelineError::NotFound => AppError::NotFound,
            PipelineError::Db(e) => e.into(),
        }
    }

    /// The reason of `field`, checked: given if `required`, without
    /// control characters (which some databases refuse), within the
    /// length the pipeline keeps.
    pub fn reason(field: &str, text: &str, required: bool) -> Result<String, AppError> {
        use crate::domain::forms::has_control_character;
        use crate::domain::pipeline::{MAX_REASON, Refusal};
        let text = text.trim();
        let problem = if required && text.is_empty() {
            Problem::Required
        } else if has_control_character(text) {
            Problem::ControlCharacter
        } else if text.chars().count() > MAX_REASON {
            Problem::Pipeline(Refusal::ReasonTooLong)
        } else {
            return Ok(text.to_string());
        };
        Err(invalid(field, problem))
    }
}
