//! Who may review what, and automatic assignment: each application gets k
//! reviewers, loads stay balanced, and nobody reviews where they have a
//! conflict of interest.

use crate::enums::stored_enum;
use std::collections::{BTreeMap, HashSet};
use unicode_normalization::UnicodeNormalization;

stored_enum! {
    /// Why a reviewer may not review an application.
    pub enum ConflictReason: varchar(16) {
        /// The reviewer said so.
        Declared = "declared",
        /// Same school or employer as the applicant.
        Affiliation = "affiliation",
        /// The applicant named the reviewer as a mentor.
        Mentor = "mentor",
        /// The application is the reviewer's own.
        Own = "own",
    }
}

/// A reviewer as the conflict rules see them.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ReviewerFacts {
    /// Their account.
    pub id: i32,
    /// Their names (Japanese and English; either may be empty).
    pub names: Vec<String>,
    /// Their email.
    pub email: String,
    /// Their schools or employers: the one they declared and the one the
    /// track's organisers noted (either may be empty). Any of them that
    /// matches the applicant's is a conflict, so a note only ever adds
    /// conflicts in its track and never hides the declared one.
    pub affiliations: Vec<String>,
}

/// An application as the conflict rules see it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ApplicantFacts {
    /// The application.
    pub application_id: i32,
    /// The applicant's account.
    pub applicant: i32,
    /// The applicant's school or employer (may be empty).
    pub affiliation: String,
    /// The applicant's mentors, one per line or separated by commas.
    pub mentors: String,
}

/// A name compared loosely: Unicode NFKC (full-width letters and digits
/// become half-width, half-width kana full-width), lower case, and runs of
/// white space (including the ideographic space) as one space, trimmed.
/// So `ＡＢＣ大学`, ` abc大学 ` and `ABC　大学`… compare as the same school.
pub fn normalise_name(s: &str) -> String {
    let folded: String = s.nfkc().collect::<String>().to_lowercase();
    folded.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The reason `r` may not review `a`, if any (declared conflicts are
/// stored and checked by the caller).
pub fn conflict(r: &ReviewerFacts, a: &ApplicantFacts) -> Option<ConflictReason> {
    if r.id == a.applicant {
        return Some(ConflictReason::Own);
    }
    let theirs = normalise_name(&a.affiliation);
    let same_org = !theirs.is_empty()
        && r.affiliations
            .iter()
            .any(|org| normalise_name(org) == theirs);
    if same_org {
        return Some(ConflictReason::Affiliation);
    }
    let mine: HashSet<String> = r
        .names
        .iter()
        .chain(std::iter::once(&r.email))
        .map(|n| normalise_name(n))
        .filter(|n| !n.is_empty())
        .collect();
    let named = a
        .mentors
        .split(['\n', ',', '、', ';', '；', '，'])
        .map(normalise_name)
        .any(|m| !m.is_empty() && mine.contains(&m));
    named.then_some(ConflictReason::Mentor)
}

/// What automatic assignment decided.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Plan {
    /// New (application, reviewer) pairs to store.
    pub new: Vec<(i32, i32)>,
    /// Applications left with fewer than k reviewers (too few without a conflict).
    pub short: Vec<i32>,
}

/// Gives every application `k` reviewers among `reviewers`, keeping the
/// `existing` pairs (they count towards k and towards each reviewer's load)
/// and never pairing where `blocked(application, reviewer)` holds.
///
/// Most constrained applications go first; each free slot goes to the least
/// loaded allowed reviewer (ties: lowest id). Without conflicts this keeps
/// max − min load ≤ 1 over the new assignments; with them it stays as close
/// as they allow. Deterministic for the same input.
pub fn auto_assign(
    applications: &[i32],
    reviewers: &[i32],
    existing: &[(i32, i32)],
    k: usize,
    blocked: impl Fn(i32, i32) -> bool,
) -> Plan {
    let mut load: BTreeMap<i32, usize> = reviewers.iter().map(|r| (*r, 0)).collect();
    let mut has: HashSet<(i32, i32)> = HashSet::new();
    let mut given: BTreeMap<i32, usize> = BTreeMap::new();
    for &(a, r) in existing {
        has.insert((a, r));
        *given.entry(a).or_default() += 1;
        if let Some(l) = load.get_mut(&r) {
            *l += 1;
        }
    }
    let allowed = |a: i32| -> Vec<i32> {
        reviewers
            .iter()
            .copied()
            .filter(|&r| !blocked(a, r))
            .collect()
    };
    let mut order: Vec<(usize, i32, Vec<i32>)> = applications
        .iter()
        .map(|&a| {
            let ok = allowed(a);
            (ok.len(), a, ok)
        })
        .collect();
    order.sort_by_key(|(n, a, _)| (*n, *a));
    let mut plan = Plan::default();
    for (_, a, ok) in order {
        let mut count = given.get(&a).copied().unwrap_or(0);
        while count < k {
            let pick = ok
                .iter()
                .copied()
                .filter(|&r| !has.contains(&(a, r)))
                .min_by_key(|r| (load.get(r).copied().unwrap_or(0), *r));
            let Some(r) = pick else {
                plan.short.push(a);
                break;
            };
            has.insert((a, r));
            *load.entry(r).or_default() += 1;
            plan.new.push((a, r));
            count += 1;
        }
    }
    plan.short.sort_unstable();
    plan
}

#[cfg(test)]
mod tests {
    use super::*;

    fn loads(plan: &Plan, existing: &[(i32, i32)], reviewers: &[i32]) -> Vec<usize> {
        reviewers
            .iter()
            .map(|r| {
                plan.new
                    .iter()
                    .chain(existing)
                    .filter(|(_, x)| x == r)
                    .count()
            })
            .collect()
    }

    #[test]
    fn every_application_gets_k_and_loads_balance() {
        let apps: Vec<i32> = (1..=10).collect();
        let revs = [101, 102, 103];
        let plan = auto_assign(&apps, &revs, &[], 2, |_, _| false);
        assert_eq!(plan.new.len(), 20);
        assert!(plan.short.is_empty());
        for a in &apps {
            assert_eq!(plan.new.iter().filter(|(x, _)| x == a).count(), 2);
        }
        let l = loads(&plan, &[], &revs);
        assert!(
            l.iter().max().unwrap() - l.iter().min().unwrap() <= 1,
            "{l:?}"
        );
        // Deterministic.
        assert_eq!(plan, auto_assign(&apps, &revs, &[], 2, |_, _| false));
    }

    #[test]
    fn conflicted_reviewers_are_never_chosen() {
        let apps: Vec<i32> = (1..=6).collect();
        let revs = [1, 2, 3, 4];
        let blocked = |a: i32, r: i32| (a % 2 == 0 && r == 1) || (a == 3 && r == 2);
        let plan = auto_assign(&apps, &revs, &[], 2, blocked);
        assert!(plan.new.iter().all(|&(a, r)| !blocked(a, r)));
        assert_eq!(plan.new.len(), 12);
        let l = loads(&plan, &[], &revs);
        assert!(
            l.iter().max().unwrap() - l.iter().min().unwrap() <= 1,
            "{l:?}"
        );
    }

    #[test]
    fn existing_assignments_are_kept_and_counted() {
        let existing = [(1, 10), (1, 11), (2, 10)];
        let plan = auto_assign(&[1, 2, 3], &[10, 11, 12], &existing, 2, |_, _| false);
        assert!(plan.new.iter().all(|(a, _)| *a != 1));
        assert_eq!(plan.new.iter().filter(|(a, _)| *a == 2).count(), 1);
        assert!(!plan.new.contains(&(2, 10)));
        let l = loads(&plan, &existing, &[10, 11, 12]);
        assert_eq!(l.iter().sum::<usize>(), 6);
        assert!(
            l.iter().max().unwrap() - l.iter().min().unwrap() <= 1,
            "{l:?}"
        );
    }

    #[test]
    fn too_few_free_reviewers_leaves_the_application_short() {
        let plan = auto_assign(&[1, 2], &[5, 6], &[], 2, |a, r| a == 1 && r == 5);
        assert_eq!(plan.short, vec![1]);
        assert_eq!(plan.new.iter().filter(|(a, _)| *a == 1).count(), 1);
        assert_eq!(plan.new.iter().filter(|(a, _)| *a == 2).count(), 2);
    }

    #[test]
    fn affiliations_compare_loosely() {
        assert_eq!(normalise_name(" ＡＢＣ　大学 "), "abc 大学");
        let r = ReviewerFacts {
            id: 1,
            names: vec!["山田 太郎".into(), "Taro Yamada".into()],
            email: "taro@example.jp".into(),
            affiliations: vec![String::new(), "ABC 大学".into()],
        };
        let a = |aff: &str, mentors: &str| ApplicantFacts {
            application_id: 9,
            applicant: 2,
            affiliation: aff.into(),
            mentors: mentors.into(),
        };
        assert_eq!(
            conflict(&r, &a("ａｂｃ　大学", "")),
            Some(ConflictReason::Affiliation)
        );
        assert_eq!(conflict(&r, &a("XYZ 高校", "")), None);
        assert_eq!(
            conflict(&r, &a("", "鈴木 花子、 taro yamada")),
            Some(ConflictReason::Mentor)
        );
        assert_eq!(
            conflict(&r, &a("", "Someone\nTARO@example.jp")),
            Some(ConflictReason::Mentor)
        );
        assert_eq!(conflict(&r, &a("", "Taro")), None);
        // No affiliation on either side is no conflict.
        let nobody = ReviewerFacts {
            affiliations: vec![String::new(), String::new()],
            ..r.clone()
        };
        assert_eq!(conflict(&nobody, &a("", "")), None);
        assert_eq!(ConflictReason::Mentor.as_str(), "mentor");
        // Nobody reviews their own application, whatever else is true.
        let own = ApplicantFacts {
            applicant: r.id,
            ..a("XYZ 高校", "")
        };
        assert_eq!(conflict(&r, &own), Some(ConflictReason::Own));
    }
}
