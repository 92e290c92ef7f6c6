//! The name of a track's vector, shown by the catalogue and the organisers' forms.

use crate::domain::catalogue::TrackVector;
use crate::i18n::{Locale, td_string};

/// The heading of a group of tracks.
pub fn vector_label(vector: Option<TrackVector>, locale: Locale) -> &'static str {
    match vector {
        Some(TrackVector::Industry) => td_string!(locale, common.vector_industry),
        Some(TrackVector::Tech) => td_string!(locale, common.vector_tech),
        None => td_string!(locale, common.vector_none),
    }
}
