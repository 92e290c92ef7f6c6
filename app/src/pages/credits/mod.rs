//! Credit pages: the person's ledger with yearly totals, the CSV export
//! and the activity report form; the supervisor's confirmation page.

mod confirm;
mod ledger;

pub use confirm::ConfirmCreditPage;
pub use ledger::CreditsPage;
