//! What the administrators' programme and field pages show.

use super::field_form::FieldDraft;
use super::programme_form::ProgrammeDraft;
use super::{Field, ProgrammeRef};
use serde::{Deserialize, Serialize};

/// One programme of `/admin/programmes`, in listing order.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AdminProgramme {
    /// Slug, family and name.
    pub programme: ProgrammeRef,
    /// Listing order.
    pub position: i32,
    /// How many cohorts it has.
    pub cohorts: u64,
}

/// `/admin/programmes/new` and `/admin/programmes/<programme>`: the form.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ProgrammeEditor {
    /// The slug the programme is saved under; empty for a new one.
    pub original: String,
    /// The form's values: as saved, or as typed into a refused save.
    pub draft: ProgrammeDraft,
    /// How many cohorts it has: with any, its slug can no longer change.
    pub cohorts: u64,
}

/// One field of `/admin/fields`, with what uses it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AdminField {
    /// Slug and name.
    pub field: Field,
    /// Tracks (of any cohort) in the field.
    pub tracks: u64,
    /// People who said they are open to tutoring or lecturing in it.
    pub people: u64,
}

impl AdminField {
    /// Whether anything refers to the field: then it cannot be deleted and
    /// its slug cannot change.
    pub fn in_use(&self) -> bool {
        self.tracks > 0 || self.people > 0
    }
}

/// `/admin/fields`: every field and the form for a new one.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FieldList {
    /// Every field, oldest first.
    pub fields: Vec<AdminField>,
    /// The "new field" form's values: empty, or as typed into a refused save.
    pub new_field: FieldDraft,
}

/// `/admin/fields/<field>`: one field's form.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FieldEditor {
    /// The field as saved, with what uses it.
    pub saved: AdminField,
    /// The form's values: as saved, or as typed into a refused save.
    pub draft: FieldDraft,
}

/// The session key of a programme form's refused values (`original`
/// empty for the new-programme form).
pub fn programme_form_key(original: &str) -> String {
    format!("programme:{original}")
}

/// The session key of a field form's refused values.
pub fn field_form_key(original: &str) -> String {
    format!("field:{original}")
}

/// The values a new programme's form starts with: listed after the
/// `existing` programmes.
pub fn new_programme_draft(existing: usize) -> ProgrammeDraft {
    ProgrammeDraft {
        position: existing.to_string(),
        ..Default::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::Localized;

    #[test]
    fn a_field_is_in_use_when_a_track_or_a_person_names_it() {
        let field = |tracks, people| AdminField {
            field: Field {
                slug: "rail".into(),
                name: Localized::new("鉄道", "Railways"),
            },
            tracks,
            people,
        };
        assert!(!field(0, 0).in_use());
        assert!(field(1, 0).in_use());
        assert!(field(0, 2).in_use());
    }

    #[test]
    fn form_keys_differ_between_forms_and_records() {
        assert_ne!(programme_form_key(""), field_form_key(""));
        assert_ne!(programme_form_key("camp"), programme_form_key(""));
        assert_eq!(new_programme_draft(4).position, "4");
    }
}
