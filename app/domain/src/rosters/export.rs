//! The roster CSV of a track or of a whole cohort: its participants (the
//! confirmed applicants), tutors and lecturers, with what the roster page
//! already shows of them (names and addresses) and, for participants who
//! were minors, whether their guardian consented. No birth dates: the
//! consent's state is all an organiser needs from them.

use crate::lang::{Lang, Localized};
use crate::spreadsheet::cell_time;
use crate::text::labels;
use chrono::{DateTime, Utc};

/// Where a participant's guardian consent stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Consent {
    /// Of age on the cohort's first day: no consent needed.
    NotNeeded,
    /// A minor whose current guardian consented.
    Given,
    /// A minor without the current guardian's consent.
    Missing,
}

/// The roles a roster lists.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum RosterRole {
    /// A confirmed applicant.
    Participant,
    /// Supports the participants.
    Tutor,
    /// Teaches the track.
    Lecturer,
}

/// One person on a roster, as the CSV writes them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RosterLine {
    /// The track's slug (the English file's value: scripts match on it).
    pub track_slug: String,
    /// The track's name (the Japanese file's value).
    pub track_name: Localized,
    /// Participant, tutor or lecturer.
    pub role: RosterRole,
    /// Their name.
    pub name: Localized,
    /// Their address (empty for a deleted account).
    pub email: String,
    /// Since when they are on the roster: for a participant, when they
    /// confirmed their place (the grant is made in that transaction).
    pub since: DateTime<Utc>,
    /// The guardian consent, for participants whose application is known.
    pub consent: Option<Consent>,
}

/// The header record, in `lang` (the English one keeps the names scripts
/// read).
pub fn csv_header(lang: Lang) -> [&'static str; 7] {
    use labels::roster_csv as h;
    [
        h::track(lang),
        h::role(lang),
        h::name_ja(lang),
        h::name_en(lang),
        h::email(lang),
        h::since(lang),
        h::guardian_consent(lang),
    ]
}

fn role_text(role: RosterRole, lang: Lang) -> &'static str {
    use labels::roster_csv::role_value as v;
    match role {
        RosterRole::Participant => v::participant(lang),
        RosterRole::Tutor => v::tutor(lang),
        RosterRole::Lecturer => v::lecturer(lang),
    }
}

fn consent_text(c: Consent, lang: Lang) -> &'static str {
    use labels::roster_csv::consent_value as v;
    match c {
        Consent::NotNeeded => v::not_needed(lang),
        Consent::Given => v::given(lang),
        Consent::Missing => v::missing(lang),
    }
}

/// One person's record, under [`csv_header`].
pub fn csv_record(l: &RosterLine, lang: Lang) -> [String; 7] {
    let track = match lang {
        Lang::Ja => l.track_name.get(lang).to_string(),
        Lang::En => l.track_slug.clone(),
    };
    [
        track,
        role_text(l.role, lang).to_string(),
        l.name.ja.clone(),
        l.name.en.clone(),
        l.email.clone(),
        cell_time(l.since),
        l.consent
            .map(|c| consent_text(c, lang).to_string())
            .unwrap_or_default(),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn line(role: RosterRole, consent: Option<Consent>) -> RosterLine {
        RosterLine {
            track_slug: "ai".into(),
            track_name: Localized::new("AI セキュリティ", "AI security"),
            role,
            name: Localized::new("山田 花子", "Hanako Yamada"),
            email: "hanako@example.jp".into(),
            since: Utc.with_ymd_and_hms(2027, 2, 1, 1, 0, 0).unwrap(),
            consent,
        }
    }

    #[test]
    fn records_match_the_header_in_both_languages() {
        let minor = line(RosterRole::Participant, Some(Consent::Given));
        assert_eq!(
            csv_header(Lang::En).len(),
            csv_record(&minor, Lang::En).len()
        );
        assert_eq!(
            csv_record(&minor, Lang::En),
            [
                "ai",
                "participant",
                "山田 花子",
                "Hanako Yamada",
                "hanako@example.jp",
                "2027-02-01 10:00",
                "given",
            ]
        );
        let ja = csv_record(&minor, Lang::Ja);
        assert_eq!(ja[0], "AI セキュリティ");
        assert_eq!(ja[1], "参加者");
        assert_eq!(ja[6], "同意済み");
        assert_eq!(csv_header(Lang::Ja)[6], "保護者の同意");
    }

    #[test]
    fn staff_have_no_consent_to_report() {
        let tutor = csv_record(&line(RosterRole::Tutor, None), Lang::Ja);
        assert_eq!(tutor[1], "チューター");
        assert_eq!(tutor[6], "");
        let adult = csv_record(
            &line(RosterRole::Participant, Some(Consent::NotNeeded)),
            Lang::En,
        );
        assert_eq!(adult[6], "not_needed");
        let missing = csv_record(
            &line(RosterRole::Participant, Some(Consent::Missing)),
            Lang::Ja,
        );
        assert_eq!(missing[6], "未同意");
    }
}
