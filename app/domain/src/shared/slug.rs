//! Slugs: the short names in URLs (`/programmes/connect/2027/tracks/automotive`).

/// The longest slug accepted anywhere.
pub const MAX_SLUG_LEN: usize = 64;

/// Names a cohort may not take: `/manage/<programme>/<name>` is one of the
/// organiser's own pages for the programme, so a cohort called so could not
/// be reached. Kept a little wider than today's pages so a new page does not
/// break an existing cohort.
pub const RESERVED_COHORT_SLUGS: &[&str] = &[
    "announcements",
    "candidates",
    "certificates",
    "eligibility",
    "funnel",
    "new",
    "people",
    "pipeline",
    "settings",
    "staffing",
    "training",
];

/// Whether `s` is one of [`RESERVED_COHORT_SLUGS`].
pub fn is_reserved_cohort_slug(s: &str) -> bool {
    RESERVED_COHORT_SLUGS.contains(&s)
}

/// Names a programme may not take: `/manage/outbox` and
/// `/admin/programmes/new` are pages of their own at a programme's place
/// in the URL. Kept a little wider, like [`RESERVED_COHORT_SLUGS`].
pub const RESERVED_PROGRAMME_SLUGS: &[&str] = &["admin", "new", "outbox", "settings"];

/// Whether `s` is one of [`RESERVED_PROGRAMME_SLUGS`].
pub fn is_reserved_programme_slug(s: &str) -> bool {
    RESERVED_PROGRAMME_SLUGS.contains(&s)
}

/// Whether `s` is a well-formed slug: 1 to 64 characters of lowercase ASCII
/// letters, digits and inner hyphens. Anything else cannot name a record, so
/// pages answer 404 without asking the database.
pub fn is_valid_slug(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= MAX_SLUG_LEN
        && !s.starts_with('-')
        && !s.ends_with('-')
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reserved_cohort_names_are_well_formed_slugs() {
        for s in RESERVED_COHORT_SLUGS {
            assert!(is_valid_slug(s), "{s}");
            assert!(is_reserved_cohort_slug(s));
        }
        assert!(!is_reserved_cohort_slug("2027"));
        for s in RESERVED_PROGRAMME_SLUGS {
            assert!(is_valid_slug(s), "{s}");
            assert!(is_reserved_programme_slug(s));
        }
        assert!(!is_reserved_programme_slug("camp"));
    }

    #[test]
    fn accepts_url_names() {
        for ok in ["camp", "2026", "ai", "space-systems", "a1-b2"] {
            assert!(is_valid_slug(ok), "{ok}");
        }
    }

    #[test]
    fn refuses_anything_else() {
        let long = "a".repeat(MAX_SLUG_LEN + 1);
        for bad in [
            "",
            "-a",
            "a-",
            "Camp",
            "a b",
            "a/b",
            "..",
            "自動車",
            "a_b",
            "%00",
            &long,
        ] {
            assert!(!is_valid_slug(bad), "{bad}");
        }
    }
}
