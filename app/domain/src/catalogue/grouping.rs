//! How a cohort page groups and filters its tracks.

use super::{Field, TrackSummary, TrackVector};
use serde::{Deserialize, Serialize};

/// Tracks sharing one vector, or the tracks with none (Security Camp tracks).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TrackGroup {
    /// The vector; `None` for tracks outside Connect.
    pub vector: Option<TrackVector>,
    /// The group's tracks, in their original order.
    pub tracks: Vec<TrackSummary>,
}

/// Groups tracks by vector: industry-connect first, then tech-connect, then
/// tracks without a vector. Empty groups are left out; order within a group
/// is kept.
pub fn group_by_vector(tracks: &[TrackSummary]) -> Vec<TrackGroup> {
    [Some(TrackVector::Industry), Some(TrackVector::Tech), None]
        .into_iter()
        .filter_map(|vector| {
            let tracks: Vec<_> = tracks
                .iter()
                .filter(|t| t.vector == vector)
                .cloned()
                .collect();
            (!tracks.is_empty()).then_some(TrackGroup { vector, tracks })
        })
        .collect()
}

/// The distinct fields of `tracks`, in the order they first appear.
pub fn fields_of(tracks: &[TrackSummary]) -> Vec<Field> {
    let mut fields: Vec<Field> = Vec::new();
    for field in tracks.iter().filter_map(|t| t.field.as_ref()) {
        if !fields.iter().any(|f| f.slug == field.slug) {
            fields.push(field.clone());
        }
    }
    fields
}

/// The tracks in the field named by `field_slug`; all tracks when it is
/// `None`. An unknown field yields no tracks (the page says so).
pub fn filter_by_field(tracks: &[TrackSummary], field_slug: Option<&str>) -> Vec<TrackSummary> {
    match field_slug {
        None => tracks.to_vec(),
        Some(slug) => tracks
            .iter()
            .filter(|t| t.field.as_ref().is_some_and(|f| f.slug == slug))
            .cloned()
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::Localized;

    fn track(slug: &str, vector: Option<TrackVector>, field: Option<&str>) -> TrackSummary {
        TrackSummary {
            slug: slug.into(),
            name: Localized::new(slug, slug),
            summary: Localized::default(),
            vector,
            field: field.map(|f| Field {
                slug: f.into(),
                name: Localized::new(f, f),
            }),
            capacity: 10,
        }
    }

    fn slugs(tracks: &[TrackSummary]) -> Vec<&str> {
        tracks.iter().map(|t| t.slug.as_str()).collect()
    }

    #[test]
    fn groups_industry_then_tech_then_the_rest() {
        let tracks = [
            track("ai", Some(TrackVector::Tech), Some("ai")),
            track("web", None, None),
            track("car", Some(TrackVector::Industry), Some("automotive")),
            track("iot", Some(TrackVector::Tech), Some("iot")),
        ];
        let groups = group_by_vector(&tracks);
        let got: Vec<_> = groups
            .iter()
            .map(|g| (g.vector, slugs(&g.tracks)))
            .collect();
        assert_eq!(
            got,
            vec![
                (Some(TrackVector::Industry), vec!["car"]),
                (Some(TrackVector::Tech), vec!["ai", "iot"]),
                (None, vec!["web"]),
            ]
        );
    }

    #[test]
    fn no_tracks_no_groups() {
        assert!(group_by_vector(&[]).is_empty());
    }

    #[test]
    fn fields_are_distinct_in_first_seen_order() {
        let tracks = [
            track("a", Some(TrackVector::Tech), Some("ai")),
            track("b", Some(TrackVector::Tech), Some("iot")),
            track("c", Some(TrackVector::Tech), Some("ai")),
            track("d", None, None),
        ];
        let got: Vec<_> = fields_of(&tracks).into_iter().map(|f| f.slug).collect();
        assert_eq!(got, vec!["ai", "iot"]);
    }

    #[test]
    fn filters_by_field() {
        let tracks = [
            track("a", Some(TrackVector::Tech), Some("ai")),
            track("b", Some(TrackVector::Tech), Some("iot")),
            track("c", None, None),
        ];
        assert_eq!(slugs(&filter_by_field(&tracks, None)), vec!["a", "b", "c"]);
        assert_eq!(slugs(&filter_by_field(&tracks, Some("iot"))), vec!["b"]);
        assert!(filter_by_field(&tracks, Some("space")).is_empty());
    }
}
