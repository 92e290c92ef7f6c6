//! `alumni_profile`: what an alumnus keeps about themself, with the
//! visibility of each part and the text each audience may search.

use crate::domain::alumni::Visibility;
use sea_orm::entity::prelude::*;

/// One person's profile.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "alumni_profile")]
pub struct Model {
    /// The owner.
    #[sea_orm(primary_key, auto_increment = false)]
    pub account_id: i32,
    /// Display name in Japanese.
    pub name_ja: String,
    /// Display name in English.
    pub name_en: String,
    /// One line about themself.
    pub headline: String,
    /// Employer or school.
    pub affiliation: String,
    /// Hide the affiliation from everyone but organisers.
    pub hide_employer: bool,
    /// Consent to appear in the public directory.
    pub listed_externally: bool,
    /// Made by the history import and not yet saved by its owner: staff
    /// only (`domain::alumni::visibility::sees_profile`).
    pub awaiting_owner: bool,
    /// Open to consulting.
    pub open_to_consulting: bool,
    /// Open to speaking.
    pub open_to_speaking: bool,
    /// Visibility of the names.
    pub vis_name: Visibility,
    /// Visibility of the headline.
    pub vis_headline: Visibility,
    /// Visibility of the affiliation.
    pub vis_affiliation: Visibility,
    /// Visibility of the experience entries.
    pub vis_experience: Visibility,
    /// Visibility of the skills.
    pub vis_skills: Visibility,
    /// Visibility of the qualifications.
    pub vis_qualifications: Visibility,
    /// Visibility of the links.
    pub vis_links: Visibility,
    /// Visibility of what they are open to.
    pub vis_open_to: Visibility,
    /// Visibility of the camps they completed.
    pub vis_camp: Visibility,
    /// Normalised text the public may search.
    pub search_public: String,
    /// Normalised text signed-in community members may search.
    pub search_community: String,
    /// Normalised text organisers may search.
    pub search_staff: String,
    /// When last saved.
    pub updated_at: DateTimeUtc,
}

/// Relations are followed by explicit queries.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
