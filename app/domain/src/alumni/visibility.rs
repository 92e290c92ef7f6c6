//! Who may see what of an alumni profile: the one place that decides it.
//! Pages, the directory, its search text and every export build what they
//! show with [`view`] (and search with [`super::search::search_text`],
//! which asks [`may_see`]), so a rule changes here or nowhere.
//!
//! - Private parts: only the owner.
//! - Community parts: signed-in alumni and staff (organisers included).
//! - Organiser-only parts: administrators, and organisers of a programme
//!   the owner is a person of (`store::pipeline::people::people_in`: they
//!   completed it, applied to it, hold a role on it…); an organiser of
//!   other programmes only sees what a community member sees.
//! - Public parts: anyone, but only when the owner consented to be listed
//!   publicly; without that consent the public sees no profile at all.
//! - A profile awaiting its owner (made by the history import, not yet
//!   saved by the person) is seen by organisers and its owner only,
//!   whatever its parts' settings: nobody asked the person's consent.
//! - "Hide my employer" hides the affiliation from everyone but organisers
//!   and the owner, whatever its visibility says (an organiser still needs
//!   it to be at least community: private stays the owner's).

use super::{Part, Profile, ProfileView, Visibility};
use crate::access::{Actor, Role};
use serde::{Deserialize, Serialize};

/// The kinds of viewer the rules tell apart.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Viewer {
    /// Not signed in, or signed in without being an alumnus or staff.
    Public,
    /// A signed-in alumnus or staff member (tutor, lecturer, reviewer).
    Community,
    /// An administrator, or an organiser of a programme the owner is a
    /// person of.
    Organiser,
    /// The profile's owner.
    Owner,
}

impl Viewer {
    /// Every kind, the most restricted first.
    pub const ALL: [Viewer; 4] = [
        Viewer::Public,
        Viewer::Community,
        Viewer::Organiser,
        Viewer::Owner,
    ];
}

/// The kind of viewer someone is for profiles other than their own,
/// before it is known whose: an organiser's sight depends on the owner.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Kind {
    /// Sees [`Viewer::Public`].
    Public,
    /// Sees [`Viewer::Community`].
    Community,
    /// An organiser of these programmes (not an administrator): an
    /// organiser for the people of these programmes, a community member
    /// for everyone else.
    OrganiserOf(Vec<i32>),
    /// An administrator: an organiser for every profile.
    Administrator,
}

impl Kind {
    /// The programmes whose people this kind sees as an organiser (none
    /// but an organiser's; an administrator needs no list).
    pub fn organises(&self) -> &[i32] {
        match self {
            Kind::OrganiserOf(programmes) => programmes,
            _ => &[],
        }
    }

    /// The viewer this kind is for a profile whose owner is
    /// (`owner_in_scope`) or is not a person of one of the programmes it
    /// organises.
    pub fn viewer(&self, owner_in_scope: bool) -> Viewer {
        match self {
            Kind::Public => Viewer::Public,
            Kind::Community => Viewer::Community,
            Kind::OrganiserOf(_) if owner_in_scope => Viewer::Organiser,
            Kind::OrganiserOf(_) => Viewer::Community,
            Kind::Administrator => Viewer::Organiser,
        }
    }
}

/// The kind of viewer `actor` is for profiles other than their own
/// (`is_alumnus`: they hold a completion that is not revoked).
pub fn kind_of(actor: Option<&Actor>, is_alumnus: bool) -> Kind {
    let Some(a) = actor else {
        return Kind::Public;
    };
    let mut organises: Vec<i32> = a
        .grants
        .iter()
        .filter(|g| g.role == Role::Organiser)
        .map(|g| g.programme_id)
        .collect();
    organises.sort_unstable();
    organises.dedup();
    if a.is_admin {
        Kind::Administrator
    } else if !organises.is_empty() {
        Kind::OrganiserOf(organises)
    } else if is_alumnus || a.grants.iter().any(|g| g.role != Role::Participant) {
        Kind::Community
    } else {
        Kind::Public
    }
}

/// The viewer `actor` (of kind `kind` for others' profiles) is for the
/// profile of `owner`: its owner, or what `kind` is for them
/// (`owner_in_scope`: the owner is a person of a programme `kind`
/// organises).
pub fn viewer_for(kind: &Kind, actor: Option<&Actor>, owner: i32, owner_in_scope: bool) -> Viewer {
    if actor.is_some_and(|a| a.account_id == owner) {
        Viewer::Owner
    } else {
        kind.viewer(owner_in_scope)
    }
}

/// Whether `viewer` sees the profile at all: the public only with the
/// owner's consent to be listed externally, and one awaiting its owner
/// (`awaiting_owner`) only its owner and organisers.
pub fn sees_profile(listed_externally: bool, awaiting_owner: bool, viewer: Viewer) -> bool {
    if awaiting_owner {
        return matches!(viewer, Viewer::Organiser | Viewer::Owner);
    }
    viewer != Viewer::Public || listed_externally
}

/// Whether `viewer` may see `part`, set to `setting`, of a profile whose
/// owner chose `hide_employer` (assuming [`sees_profile`]).
pub fn may_see(part: Part, setting: Visibility, hide_employer: bool, viewer: Viewer) -> bool {
    if viewer == Viewer::Owner {
        return true;
    }
    if part == Part::Affiliation && hide_employer && viewer != Viewer::Organiser {
        return false;
    }
    match setting {
        Visibility::Private => false,
        Visibility::Community => viewer != Viewer::Public,
        Visibility::Public => true,
    }
}

/// The settings of `part` under which `viewer` may see it on others'
/// profiles: a directory filter on `part` only matches profiles whose
/// setting is one of these, so filtering never reveals a hidden part. (Not
/// for the affiliation, which "hide my employer" also governs; the
/// directory does not filter on it.)
pub fn visible_settings(part: Part, viewer: Viewer) -> Vec<Visibility> {
    let as_other = if viewer == Viewer::Owner {
        Viewer::Community
    } else {
        viewer
    };
    Visibility::ALL
        .into_iter()
        .filter(|v| may_see(part, *v, false, as_other))
        .collect()
}

/// Whether `viewer` may see `part` of `profile` (assuming [`sees_profile`]).
pub fn sees_part(profile: &Profile, part: Part, viewer: Viewer) -> bool {
    may_see(
        part,
        profile.visibility.get(part),
        profile.hide_employer,
        viewer,
    )
}

/// What `viewer` may see of `profile`; `None` when they may not see it at
/// all (then it is "not found" to them).
pub fn view(profile: &Profile, viewer: Viewer) -> Option<ProfileView> {
    if !sees_profile(profile.listed_externally, profile.awaiting_owner, viewer) {
        return None;
    }
    let shows = |part: Part| sees_part(profile, part, viewer);
    Some(ProfileView {
        account_id: profile.account_id,
        name: shows(Part::Name).then(|| profile.name.clone()),
        headline: shows(Part::Headline).then(|| profile.headline.clone()),
        affiliation: shows(Part::Affiliation).then(|| profile.affiliation.clone()),
        experience: shows(Part::Experience).then(|| profile.experience.clone()),
        skills: shows(Part::Skills).then(|| profile.skills.clone()),
        qualifications: shows(Part::Qualifications).then(|| profile.qualifications.clone()),
        links: shows(Part::Links).then(|| profile.links.clone()),
        open_to: shows(Part::OpenTo).then_some(profile.open_to),
        camps: shows(Part::Camp).then(|| profile.camps.clone()),
    })
}

#[cfg(test)]
mod tests {
    use super::super::{Camp, Experience, Held, Level, Link, OpenTo, Qualification, Skill};
    use super::*;
    use crate::access::Grant;
    use crate::lang::Localized;

    fn profile() -> Profile {
        Profile {
            account_id: 9,
            name: Localized::new("山田", "Yamada"),
            headline: "h".into(),
            affiliation: "Acme".into(),
            hide_employer: false,
            listed_externally: true,
            awaiting_owner: false,
            experience: vec![Experience::default()],
            skills: vec![Skill {
                name: "暗号".into(),
                level: Level::Teaches,
            }],
            qualifications: vec![Held {
                kind: Qualification::Riss,
                other: String::new(),
            }],
            links: vec![Link::default()],
            open_to: OpenTo {
                tutoring: true,
                ..OpenTo::default()
            },
            camps: vec![Camp {
                programme: Localized::new("キャンプ", "Camp"),
                cohort: "2026".into(),
                track: Localized::new("暗号", "Crypto"),
            }],
            visibility: super::super::Visibilities::all_private(),
        }
    }

    #[test]
    fn every_part_every_setting_every_viewer() {
        for part in Part::ALL {
            for setting in Visibility::ALL {
                for hide in [false, true] {
                    for viewer in Viewer::ALL {
                        let mut p = profile();
                        p.hide_employer = hide;
                        p.visibility.set(part, setting);
                        let v = view(&p, viewer).expect("listed");
                        let expected = match (viewer, setting) {
                            (Viewer::Owner, _) => true,
                            (_, Visibility::Private) => false,
                            (Viewer::Public, Visibility::Community) => false,
                            _ if part == Part::Affiliation && hide => viewer == Viewer::Organiser,
                            _ => true,
                        };
                        assert_eq!(
                            v.shows(part),
                            expected,
                            "{part:?} {setting:?} hide={hide} {viewer:?}"
                        );
                        // No other part leaks.
                        for other in Part::ALL.into_iter().filter(|o| *o != part) {
                            assert_eq!(v.shows(other), viewer == Viewer::Owner, "{other:?}");
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn filters_follow_the_same_rules() {
        assert_eq!(
            visible_settings(Part::Skills, Viewer::Public),
            vec![Visibility::Public]
        );
        for v in [Viewer::Community, Viewer::Organiser, Viewer::Owner] {
            assert_eq!(
                visible_settings(Part::Skills, v),
                vec![Visibility::Community, Visibility::Public]
            );
        }
    }

    #[test]
    fn the_public_sees_nothing_without_consent() {
        let mut p = profile();
        p.listed_externally = false;
        for part in Part::ALL {
            p.visibility.set(part, Visibility::Public);
        }
        assert_eq!(view(&p, Viewer::Public), None);
        assert!(view(&p, Viewer::Community).is_some_and(|v| v.name.is_some()));
    }

    #[test]
    fn a_profile_awaiting_its_owner_is_staff_only() {
        let mut p = profile();
        p.awaiting_owner = true;
        for part in Part::ALL {
            p.visibility.set(part, Visibility::Public);
        }
        // Not even consent to be listed (which an import never gives)
        // opens it to the public or the community.
        assert_eq!(view(&p, Viewer::Public), None);
        assert_eq!(view(&p, Viewer::Community), None);
        assert!(view(&p, Viewer::Organiser).is_some_and(|v| v.name.is_some()));
        assert!(view(&p, Viewer::Owner).is_some_and(|v| v.name.is_some()));
        assert_eq!(
            crate::alumni::search::search_text(&p, Viewer::Community),
            ""
        );
        assert!(crate::alumni::search::search_text(&p, Viewer::Organiser).contains("山田"));
    }

    #[test]
    fn who_is_which_viewer() {
        let base = Actor {
            account_id: 1,
            is_admin: false,
            grants: vec![],
        };
        assert_eq!(kind_of(None, false), Kind::Public);
        assert_eq!(kind_of(Some(&base), false), Kind::Public);
        assert_eq!(kind_of(Some(&base), true), Kind::Community);
        let participant = Actor {
            grants: vec![Grant::on_track(Role::Participant, 1, 2, 3)],
            ..base.clone()
        };
        assert_eq!(kind_of(Some(&participant), false), Kind::Public);
        let tutor = Actor {
            grants: vec![Grant::on_track(Role::Tutor, 1, 2, 3)],
            ..base.clone()
        };
        assert_eq!(kind_of(Some(&tutor), false), Kind::Community);
        let organiser = Actor {
            grants: vec![Grant::organiser(4), Grant::organiser(1)],
            ..base.clone()
        };
        let kind = kind_of(Some(&organiser), false);
        assert_eq!(kind, Kind::OrganiserOf(vec![1, 4]));
        // An organiser of the owner's programme, or of another one.
        assert_eq!(
            viewer_for(&kind, Some(&organiser), 2, true),
            Viewer::Organiser
        );
        assert_eq!(
            viewer_for(&kind, Some(&organiser), 2, false),
            Viewer::Community
        );
        let admin = Actor {
            is_admin: true,
            ..base.clone()
        };
        let kind = kind_of(Some(&admin), false);
        assert_eq!(kind, Kind::Administrator);
        assert_eq!(viewer_for(&kind, Some(&admin), 2, false), Viewer::Organiser);
        assert_eq!(
            viewer_for(&Kind::Public, Some(&base), 1, false),
            Viewer::Owner
        );
        assert_eq!(
            viewer_for(&Kind::Public, Some(&base), 2, true),
            Viewer::Public
        );
        assert_eq!(
            viewer_for(&Kind::Community, None, 1, true),
            Viewer::Community
        );
    }
}
