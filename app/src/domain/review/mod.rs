//! Review and selection: the rubric and its weighted totals, automatic
//! reviewer assignment around conflicts of interest, score normalisation
//! and ranking, decisions against capacity and the self-refilling waitlist.
//! Pure rules; the store feeds them rows and saves what they decide.

pub mod assign;
pub mod decide;
#[cfg(test)]
mod fuzz;
pub mod mail;
pub mod rank;
pub mod rubric;
pub mod texts;
pub mod view;

#[cfg(test)]
mod tests {
    use crate::domain::forms::Problem;
    use crate::domain::lang::Lang;

    #[test]
    fn review_problems_have_two_messages() {
        for p in [
            Problem::BadScore,
            Problem::OverCapacity,
            Problem::ReviewClosed,
            Problem::OfferClosed,
            Problem::ConsentMissing,
            Problem::Conflicted,
        ] {
            assert!(!p.message(Lang::Ja).is_empty());
            assert_ne!(p.message(Lang::Ja), p.message(Lang::En));
        }
    }
}
