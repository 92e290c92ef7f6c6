//! Catalogue words that depend on a value: kinds, vectors, links.

use crate::domain::catalogue::{ProgrammeKind, TrackVector};
use crate::i18n::{Locale, td_string};

/// The name of a programme family.
pub fn kind_label(kind: ProgrammeKind, locale: Locale) -> &'static str {
    match kind {
        ProgrammeKind::Camp => td_string!(locale, catalogue.kind_camp),
        ProgrammeKind::Connect => td_string!(locale, catalogue.kind_connect),
    }
}

/// The sentence under a vector's heading, if it has one.
pub fn vector_lead(vector: Option<TrackVector>, locale: Locale) -> Option<&'static str> {
    match vector {
        Some(TrackVector::Industry) => Some(td_string!(locale, catalogue.vector_industry_lead)),
        Some(TrackVector::Tech) => Some(td_string!(locale, catalogue.vector_tech_lead)),
        None => None,
    }
}

/// `/programmes/<programme>`
pub fn programme_href(programme: &str) -> String {
    format!("/programmes/{programme}")
}

/// `/programmes/<programme>/<cohort>`
pub fn cohort_href(programme: &str, cohort: &str) -> String {
    format!("/programmes/{programme}/{cohort}")
}

/// `/programmes/<programme>/<cohort>/tracks/<track>`
pub fn track_href(programme: &str, cohort: &str, track: &str) -> String {
    format!("/programmes/{programme}/{cohort}/tracks/{track}")
}
