//! Review and selection: the rubric and its weighted totals, automatic
//! reviewer assignment around conflicts of interest, score normalisation
//! and ranking, decisions against capacity and the self-refilling waitlist.
//! Pure rules; the store feeds them rows and saves what they decide.

pub mod answers;
pub mod assign;
pub mod decide;
#[cfg(test)]
mod fuzz;
pub mod mail;
pub mod meeting;
pub mod rank;
pub mod rubric;
pub mod texts;
pub mod view;
