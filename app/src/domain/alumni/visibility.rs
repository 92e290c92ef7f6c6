//! Who may see what of an alumni profile: the one place that decides it.
//! Pages, the directory, its search text and every export build what they
//! show with [`view`] (and search with [`super::search::search_text`],
//! which asks [`may_see`]), so a rule changes here or nowhere.
//!
//! - Private parts: only the owner.
//! - Community parts: signed-in alumni and staff (organisers included).
//! - Public parts: anyone, but only when the owner consented to be listed
//!   publicly; without that consent the public sees no profile at all.
//! - "Hide my employer" hides the affiliation from everyone but organisers
//!   and the owner, whatever its visibility says (an organiser still needs
//!   it to be at least community: private stays the owner's).

use super::{Part, Profile, ProfileView, Visibility};
use crate::domain::access::{Actor, Role};
use serde::{Deserialize, Serialize};

/// The kinds of viewer the rules tell apart.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Viewer {
    /// Not signed in, or signed in without being an alumnus or staff.
    Public,
    /// A signed-in alumnus or staff member (tutor, lecturer, reviewer).
    Community,
    /// An organiser of any programme, or an administrator.
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

/// The kind of viewer `actor` is for profiles other than their own
/// (`is_alumnus`: they hold a completion that is not revoked).
pub fn viewer_of(actor: Option<&Actor>, is_alumnus: bool) -> Viewer {
    let Some(a) = actor else {
        return Viewer::Public;
    };
    if a.is_admin || a.grants.iter().any(|g| g.role == Role::Organiser) {
        Viewer::Organiser
    } else if is_alumnus || a.grants.iter().any(|g| g.role != Role::Participant) {
        Viewer::Community
    } else {
        Viewer::Public
    }
}

/// The kind of viewer `actor` (of kind `kind` for others' profiles) is for
/// the profile of `owner`: its owner, or `kind`.
pub fn viewer_for(kind: Viewer, actor: Option<&Actor>, owner: i32) -> Viewer {
    if actor.is_some_and(|a| a.account_id == owner) {
        Viewer::Owner
    } else {
        kind
    }
}

/// Whether `viewer` sees the profile at all: the public only with the
/// owner's consent to be listed externally.
pub fn sees_profile(listed_externally: bool, viewer: Viewer) -> bool {
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
    if !sees_profile(profile.listed_externally, viewer) {
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
    use crate::domain::access::Grant;
    use crate::domain::lang::Localized;

    fn profile() -> Profile {
        Profile {
            account_id: 9,
            name: Localized::new("山田", "Yamada"),
            headline: "h".into(),
            affiliation: "Acme".into(),
            hide_employer: false,
            listed_externally: true,
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
    fn who_is_which_viewer() {
        let base = Actor {
            account_id: 1,
            is_admin: false,
            grants: vec![],
        };
        assert_eq!(viewer_of(None, false), Viewer::Public);
        assert_eq!(viewer_of(Some(&base), false), Viewer::Public);
        assert_eq!(viewer_of(Some(&base), true), Viewer::Community);
        let participant = Actor {
            grants: vec![Grant::on_track(Role::Participant, 1, 2, 3)],
            ..base.clone()
        };
        assert_eq!(viewer_of(Some(&participant), false), Viewer::Public);
        let tutor = Actor {
            grants: vec![Grant::on_track(Role::Tutor, 1, 2, 3)],
            ..base.clone()
        };
        assert_eq!(viewer_of(Some(&tutor), false), Viewer::Community);
        let organiser = Actor {
            grants: vec![Grant::organiser(1)],
            ..base.clone()
        };
        assert_eq!(viewer_of(Some(&organiser), false), Viewer::Organiser);
        let admin = Actor {
            is_admin: true,
            ..base.clone()
        };
        assert_eq!(viewer_of(Some(&admin), false), Viewer::Organiser);
        assert_eq!(viewer_for(Viewer::Public, Some(&base), 1), Viewer::Owner);
        assert_eq!(viewer_for(Viewer::Public, Some(&base), 2), Viewer::Public);
        assert_eq!(viewer_for(Viewer::Public, None, 1), Viewer::Public);
    }
}
