//! The audit summary of an administrator's save: what a new record holds,
//! or each changed value before and after, so the log alone tells what a
//! programme or field was called before an edit.

/// The most characters of one value the summary shows (descriptions run
/// to 20,000 characters; the log needs to recognise them, not hold them).
const SHOWN: usize = 80;

/// `value` quoted, cut to [`SHOWN`] characters.
fn shown(value: &str) -> String {
    if value.chars().count() <= SHOWN {
        format!("{value:?}")
    } else {
        let head: String = value.chars().take(SHOWN).collect();
        format!("{head:?}…")
    }
}

/// `created <what>: name="value", …` for a new record's values.
pub fn created(what: &str, values: &[(&str, &str)]) -> String {
    let listed: Vec<String> = values
        .iter()
        .map(|(name, value)| format!("{name}={}", shown(value)))
        .collect();
    format!("created {what}: {}", listed.join(", "))
}

/// The values a save changed, each before and after.
#[derive(Debug, Default)]
pub struct Changes(Vec<String>);

impl Changes {
    /// Notes `name` when `old` and `new` differ.
    pub fn note(&mut self, name: &str, old: &str, new: &str) {
        if old != new {
            self.0
                .push(format!("{name}: {} → {}", shown(old), shown(new)));
        }
    }

    /// Whether nothing changed (then nothing is written or recorded).
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// `changed <what>: name: "old" → "new"; …`
    pub fn summary(&self, what: &str) -> String {
        format!("changed {what}: {}", self.0.join("; "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_summary_names_each_change_before_and_after() {
        let mut c = Changes::default();
        c.note("slug", "next", "next");
        assert!(c.is_empty());
        c.note("name_en", "Next", "Security Camp Next");
        c.note("position", "3", "1");
        assert_eq!(
            c.summary("programme next"),
            r#"changed programme next: name_en: "Next" → "Security Camp Next"; position: "3" → "1""#
        );
    }

    #[test]
    fn long_values_are_cut_and_line_breaks_escaped() {
        let long = "あ".repeat(SHOWN + 5);
        let s = created("field x", &[("name_ja", &long), ("name_en", "a\nb")]);
        assert!(s.contains(&format!("{:?}…", "あ".repeat(SHOWN))), "{s}");
        assert!(s.ends_with(r#"name_en="a\nb""#), "{s}");
    }
}
