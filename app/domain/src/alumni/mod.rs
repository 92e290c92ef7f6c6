//! Alumni profiles: what an alumnus keeps about themself, who may see each
//! part ([`visibility`], the one place that decides it), the search text
//! each audience may match ([`search`]) and the self-assessment of skills
//! over time ([`skills`]).

pub mod directory;
pub mod draft;
#[cfg(test)]
mod fuzz;
pub mod search;
pub mod skills;
pub mod visibility;

use crate::enums::stored_enum;
use crate::lang::{Lang, Localized};
use crate::text::labels;
use serde::{Deserialize, Serialize};

stored_enum! {
    /// Who may see one part of a profile.
    pub enum Visibility: varchar(16) {
        /// Only the owner.
        Private = "private" / labels::visibility::private,
        /// Signed-in alumni and staff.
        Community = "community" / labels::visibility::community,
        /// Anyone, once the owner consents to be listed publicly.
        Public = "public" / labels::visibility::public,
    }
}

/// A part of a profile with its own visibility.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Part {
    /// Display names.
    Name,
    /// One line about themself.
    Headline,
    /// Employer or school.
    Affiliation,
    /// Narrative work experience.
    Experience,
    /// Skills and levels.
    Skills,
    /// Qualifications.
    Qualifications,
    /// Links.
    Links,
    /// What they are open to.
    OpenTo,
    /// The camps (programme, cohort, track) they completed.
    Camp,
}

impl Part {
    /// Every part, in the order of the profile page.
    pub const ALL: [Part; 9] = [
        Part::Name,
        Part::Headline,
        Part::Affiliation,
        Part::Experience,
        Part::Skills,
        Part::Qualifications,
        Part::Links,
        Part::OpenTo,
        Part::Camp,
    ];

    /// The name in forms (`vis_<key>`) and tests.
    pub fn key(self) -> &'static str {
        match self {
            Part::Name => "name",
            Part::Headline => "headline",
            Part::Affiliation => "affiliation",
            Part::Experience => "experience",
            Part::Skills => "skills",
            Part::Qualifications => "qualifications",
            Part::Links => "links",
            Part::OpenTo => "open_to",
            Part::Camp => "camp",
        }
    }

    /// A label for the person.
    pub fn label(self, lang: Lang) -> &'static str {
        use crate::text::labels::profile_part as l;
        match self {
            Part::Name => l::name(lang),
            Part::Headline => l::headline(lang),
            Part::Affiliation => l::affiliation(lang),
            Part::Experience => l::experience(lang),
            Part::Skills => l::skills(lang),
            Part::Qualifications => l::qualifications(lang),
            Part::Links => l::links(lang),
            Part::OpenTo => l::open_to(lang),
            Part::Camp => l::camp(lang),
        }
    }
}

/// The visibility of every part of one profile.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Visibilities(pub Vec<(Part, Visibility)>);

impl Visibilities {
    /// Every part private: what a profile starts from in the database.
    pub fn all_private() -> Self {
        Self(Part::ALL.map(|p| (p, Visibility::Private)).to_vec())
    }

    /// What the editor proposes for a new profile: the community sees it,
    /// the affiliation stays private, nothing is public.
    pub fn suggested() -> Self {
        Self(
            Part::ALL
                .map(|p| {
                    let v = if p == Part::Affiliation {
                        Visibility::Private
                    } else {
                        Visibility::Community
                    };
                    (p, v)
                })
                .to_vec(),
        )
    }

    /// The visibility of `part` (private when unknown).
    pub fn get(&self, part: Part) -> Visibility {
        self.0
            .iter()
            .find(|(p, _)| *p == part)
            .map_or(Visibility::Private, |(_, v)| *v)
    }

    /// Sets the visibility of `part`.
    pub fn set(&mut self, part: Part, v: Visibility) {
        match self.0.iter_mut().find(|(p, _)| *p == part) {
            Some(entry) => entry.1 = v,
            None => self.0.push((part, v)),
        }
    }
}

/// A self-rated skill level, from knowing the concepts to teaching.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Level {
    /// Knows the concepts.
    Concepts = 1,
    /// Works on it with guidance.
    Guided = 2,
    /// Works independently.
    Independent = 3,
    /// Works independently and teaches others.
    Teaches = 4,
}

impl Level {
    /// Every level, lowest first.
    pub const ALL: [Level; 4] = [
        Level::Concepts,
        Level::Guided,
        Level::Independent,
        Level::Teaches,
    ];

    /// The stored number, 1 to 4.
    pub fn number(self) -> i32 {
        self as i32
    }

    /// The level stored as `n`.
    pub fn from_number(n: i32) -> Option<Self> {
        Self::ALL.into_iter().find(|l| l.number() == n)
    }

    /// A label for the person.
    pub fn label(self, lang: Lang) -> &'static str {
        use crate::text::labels::skill_level as l;
        match self {
            Level::Concepts => l::concepts(lang),
            Level::Guided => l::guided(lang),
            Level::Independent => l::independent(lang),
            Level::Teaches => l::teaches(lang),
        }
    }
}

stored_enum! {
    /// A qualification from the list the working group named, or another.
    pub enum Qualification: varchar(16) {
        /// 情報処理安全確保支援士 (登録セキスペ).
        Riss = "riss" / labels::qualification::riss,
        /// CISSP.
        Cissp = "cissp" / labels::qualification::cissp,
        /// 弁護士.
        Lawyer = "lawyer" / labels::qualification::lawyer,
        /// 税理士.
        TaxAccountant = "tax" / labels::qualification::tax_accountant,
        /// 中小企業診断士.
        SmeConsultant = "sme" / labels::qualification::sme_consultant,
        /// 司法書士.
        Scrivener = "scrivener" / labels::qualification::scrivener,
        /// Another, named in text.
        Other = "other" / labels::qualification::other,
    }
}

/// One narrative work-experience entry.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Experience {
    /// Industry.
    pub industry: String,
    /// Role.
    pub role: String,
    /// Period, as written (e.g. 2019–2023).
    pub period: String,
    /// What they did.
    pub text: String,
}

/// A skill and its current self-rated level.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Skill {
    /// The skill as written.
    pub name: String,
    /// The level.
    pub level: Level,
}

/// A qualification held.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Held {
    /// Which.
    pub kind: Qualification,
    /// The name of an `Other` qualification.
    pub other: String,
}

/// A link on a profile.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Link {
    /// What it is.
    pub label: String,
    /// An `http(s)://` address.
    pub url: String,
}

/// What someone is open to. Tutoring and lecturing are the same flags the
/// staffing dashboard reads (`/account/availability`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct OpenTo {
    /// Tutoring.
    pub tutoring: bool,
    /// Lecturing.
    pub lecturing: bool,
    /// Consulting.
    pub consulting: bool,
    /// Speaking.
    pub speaking: bool,
}

/// What one can be open to, as filtered in the directory.
pub const OPEN_TO_KEYS: [&str; 4] = ["tutoring", "lecturing", "consulting", "speaking"];

impl OpenTo {
    /// Whether the flag `key` (one of [`OPEN_TO_KEYS`]) is set.
    pub fn has(self, key: &str) -> bool {
        match key {
            "tutoring" => self.tutoring,
            "lecturing" => self.lecturing,
            "consulting" => self.consulting,
            "speaking" => self.speaking,
            _ => false,
        }
    }

    /// A label for the flag `key`.
    pub fn label(key: &str, lang: Lang) -> &'static str {
        use crate::text::labels::open_to as l;
        match key {
            "tutoring" => l::tutoring(lang),
            "lecturing" => l::lecturing(lang),
            "consulting" => l::consulting(lang),
            "speaking" => l::speaking(lang),
            _ => "",
        }
    }
}

/// A camp someone completed (a completion not revoked).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Camp {
    /// The programme's name.
    pub programme: Localized,
    /// The cohort's slug (its year).
    pub cohort: String,
    /// The track's name.
    pub track: Localized,
}

/// A whole profile as stored. Deliberately not `Serialize`: it reaches a
/// viewer only through [`visibility::view`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Profile {
    /// The owner's account.
    pub account_id: i32,
    /// Display names.
    pub name: Localized,
    /// One line about themself.
    pub headline: String,
    /// Employer or school.
    pub affiliation: String,
    /// Hide the affiliation from everyone but organisers and the owner.
    pub hide_employer: bool,
    /// Consent to appear in the public directory (off by default).
    pub listed_externally: bool,
    /// Made for the person by someone else (the history import) and not
    /// yet saved by them: only staff see it, since the person never agreed
    /// to be found by the community ([`visibility::sees_profile`]).
    pub awaiting_owner: bool,
    /// Narrative experience.
    pub experience: Vec<Experience>,
    /// Skills.
    pub skills: Vec<Skill>,
    /// Qualifications.
    pub qualifications: Vec<Held>,
    /// Links.
    pub links: Vec<Link>,
    /// What they are open to.
    pub open_to: OpenTo,
    /// Camps completed.
    pub camps: Vec<Camp>,
    /// Who may see each part.
    pub visibility: Visibilities,
}

/// What one viewer may see of a profile: every part the viewer may not
/// see is `None`, so it never leaves the server.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProfileView {
    /// The owner's account (the profile's address).
    pub account_id: i32,
    /// Display names.
    pub name: Option<Localized>,
    /// Headline.
    pub headline: Option<String>,
    /// Affiliation.
    pub affiliation: Option<String>,
    /// Experience.
    pub experience: Option<Vec<Experience>>,
    /// Skills.
    pub skills: Option<Vec<Skill>>,
    /// Qualifications.
    pub qualifications: Option<Vec<Held>>,
    /// Links.
    pub links: Option<Vec<Link>>,
    /// What they are open to.
    pub open_to: Option<OpenTo>,
    /// Camps completed.
    pub camps: Option<Vec<Camp>>,
}

impl ProfileView {
    /// Whether the view holds `part`.
    pub fn shows(&self, part: Part) -> bool {
        match part {
            Part::Name => self.name.is_some(),
            Part::Headline => self.headline.is_some(),
            Part::Affiliation => self.affiliation.is_some(),
            Part::Experience => self.experience.is_some(),
            Part::Skills => self.skills.is_some(),
            Part::Qualifications => self.qualifications.is_some(),
            Part::Links => self.links.is_some(),
            Part::OpenTo => self.open_to.is_some(),
            Part::Camp => self.camps.is_some(),
        }
    }
}

/// The owner's profile editor: the form's values (as saved, as typed in a
/// refused save, or the suggested start) and whether a profile exists.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EditorPage {
    /// The form's values.
    pub draft: draft::ProfileDraft,
    /// Whether the person has saved a profile.
    pub exists: bool,
    /// The profile was made from past records (the history import) and
    /// only organisers see it until the person saves it.
    pub awaiting_owner: bool,
}

/// The owner's profile as each kind of viewer sees it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Preview {
    /// Whether the person has saved a profile (without one, nobody sees
    /// anything).
    pub exists: bool,
    /// The public (`None`: not listed publicly, so not shown at all).
    pub public: Option<ProfileView>,
    /// A signed-in alumnus or staff member.
    pub community: Option<ProfileView>,
    /// An organiser.
    pub organiser: Option<ProfileView>,
}
