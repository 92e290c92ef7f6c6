//! What the announcement pages show: the segments one may write to, the
//! history of a programme's announcements, one announcement with the
//! preview of its mails, and the form.

use super::Segment;
use crate::forms::FieldError;
use crate::lang::{Lang, Localized};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// The form of an announcement, as posted (`draft[…]`) and as shown again.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnnouncementForm {
    /// The draft being edited; none for a new announcement.
    #[serde(default)]
    pub id: Option<i32>,
    /// The segment's form value ([`Segment::key`]).
    #[serde(default)]
    pub segment: String,
    /// Subject in Japanese.
    #[serde(default)]
    pub subject_ja: String,
    /// Subject in English.
    #[serde(default)]
    pub subject_en: String,
    /// Body in Japanese.
    #[serde(default)]
    pub body_ja: String,
    /// Body in English.
    #[serde(default)]
    pub body_en: String,
}

/// A segment one may write to, with the name of its record.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SegmentChoice {
    /// The segment.
    pub segment: Segment,
    /// Its cohort's, track's or event's name (the programme's for alumni).
    pub place: Localized,
}

impl SegmentChoice {
    /// "Kind: place" in `lang`, as the form's choice and the list show it.
    pub fn label(&self, lang: Lang) -> String {
        format!(
            "{}: {}",
            self.segment.kind.label(lang),
            self.place.get(lang)
        )
    }
}

/// One announcement of the history.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnnouncementRow {
    /// Its id.
    pub id: i32,
    /// Who it went (or goes) to.
    pub segment: SegmentChoice,
    /// Subject in Japanese.
    pub subject_ja: String,
    /// Subject in English.
    pub subject_en: String,
    /// Who wrote it (empty once their account is deleted).
    pub author: Localized,
    /// When it was first saved.
    pub created_at: DateTime<Utc>,
    /// When it was sent; `None` while a draft.
    pub sent_at: Option<DateTime<Utc>>,
    /// How many mails sending it queued.
    pub recipient_count: Option<i32>,
}

/// A programme's announcements page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnnouncementsPage {
    /// The programme's URL name.
    pub programme_slug: String,
    /// The programme's name.
    pub programme: Localized,
    /// The segments one may write to now.
    pub choices: Vec<SegmentChoice>,
    /// The announcements, newest first.
    pub rows: Vec<AnnouncementRow>,
    /// The new announcement's form (what a refused plain post typed).
    pub form: AnnouncementForm,
}

/// One recipient's mail, as the preview shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SampleMail {
    /// The recipient's address.
    pub to: String,
    /// The mail's language (the recipient's).
    pub lang: Lang,
    /// The subject line.
    pub subject: String,
    /// The whole body, salutation and signature included.
    pub body: String,
}

/// Who an announcement would reach now, and how a few of them see it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Preview {
    /// How many people it goes to.
    pub count: usize,
    /// Of them, how many read Japanese.
    pub japanese: usize,
    /// A few of their mails (one in each language when both are read).
    pub samples: Vec<SampleMail>,
}

/// One announcement's page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnnouncementView {
    /// The programme's URL name.
    pub programme_slug: String,
    /// The programme's name.
    pub programme: Localized,
    /// The announcement.
    pub row: AnnouncementRow,
    /// Its texts, for editing while a draft.
    pub form: AnnouncementForm,
    /// The segments one may write to now.
    pub choices: Vec<SegmentChoice>,
    /// The mails it would send now (drafts only).
    pub preview: Option<Preview>,
    /// Why it cannot be sent now (a segment emptied, a template that no
    /// longer fits its segment).
    pub problems: Vec<FieldError>,
}

/// The page of a programme's announcements.
pub fn list_path(programme: &str) -> String {
    format!("/manage/{programme}/announcements")
}

/// The page of one announcement.
pub fn announcement_path(programme: &str, id: i32) -> String {
    format!("/manage/{programme}/announcements/{id}")
}

/// Picks the recipients whose mails the preview shows: the first of each
/// language, then the next ones in order, `max` in all. `langs` are the
/// recipients' languages in their order; the answer is their indexes.
pub fn sample_indexes(langs: &[Lang], max: usize) -> Vec<usize> {
    let mut picked: Vec<usize> = [Lang::Ja, Lang::En]
        .iter()
        .filter_map(|l| langs.iter().position(|x| x == l))
        .take(max)
        .collect();
    for i in 0..langs.len() {
        if picked.len() >= max {
            break;
        }
        if !picked.contains(&i) {
            picked.push(i);
        }
    }
    picked.sort_unstable();
    picked
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_preview_shows_each_language_read() {
        use Lang::{En, Ja};
        assert_eq!(sample_indexes(&[Ja, Ja, Ja, Ja, En], 3), vec![0, 1, 4]);
        assert_eq!(sample_indexes(&[En, Ja], 3), vec![0, 1]);
        assert_eq!(sample_indexes(&[Ja; 5], 3), vec![0, 1, 2]);
        assert_eq!(sample_indexes(&[], 3), Vec::<usize>::new());
        // With room for one, the Japanese one (the default language).
        assert_eq!(sample_indexes(&[En, Ja], 1), vec![1]);
    }
}
