//! The funnel: how many people stand at each stage, how many reached it,
//! the conversion from one stage to the next and the time spent in each,
//! with its chart's geometry and its CSV records.

use super::Stage;
use crate::lang::Lang;
use crate::text::labels;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// One recorded change of stage of one person.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Change {
    /// The person.
    pub person: i32,
    /// The stage entered.
    pub to: Stage,
    /// When.
    pub at: DateTime<Utc>,
}

/// One stage's line of the funnel.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StageLine {
    /// The stage.
    pub stage: Stage,
    /// People standing at it now.
    pub now: usize,
    /// People who passed through it: their history spans it, from the
    /// first stage they entered to the highest they reached.
    pub reached: usize,
    /// Of those who reached it, the share (0–100) who reached the next
    /// stage; `None` for the last stage or when nobody reached it.
    pub conversion: Option<f64>,
    /// Mean days spent at it (up to `now` for those still there); `None`
    /// when nobody was at it.
    pub mean_days: Option<f64>,
}

/// The funnel, one line per stage in pipeline order.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Funnel {
    /// The lines.
    pub lines: Vec<StageLine>,
}

/// The funnel of `changes` (any order) as of `now`.
pub fn funnel(changes: &[Change], now: DateTime<Utc>) -> Funnel {
    let mut sorted = changes.to_vec();
    sorted.sort_by_key(|c| (c.person, c.at));
    let mut now_at = [0usize; 6];
    let mut reached = [0usize; 6];
    let mut days = [(0f64, 0usize); 6];
    for person in sorted.chunk_by(|a, b| a.person == b.person) {
        // Passed through every stage from the first to the highest (a
        // lecturer from industry enters at lecturer and counts only there).
        let lowest = person.iter().map(|c| c.to as usize).min();
        let highest = person.iter().map(|c| c.to as usize).max();
        if let (Some(lo), Some(hi)) = (lowest, highest) {
            for s in &mut reached[lo..=hi] {
                *s += 1;
            }
        }
        for (i, c) in person.iter().enumerate() {
            let left = person.get(i + 1).map_or(now, |n| n.at);
            let d = &mut days[c.to as usize];
            d.0 += (left - c.at).num_seconds().max(0) as f64 / 86_400.0;
            d.1 += 1;
        }
        if let Some(last) = person.last() {
            now_at[last.to as usize] += 1;
        }
    }
    let lines = Stage::ALL
        .into_iter()
        .enumerate()
        .map(|(i, stage)| StageLine {
            stage,
            now: now_at[i],
            reached: reached[i],
            conversion: match reached.get(i + 1) {
                Some(&next) if reached[i] > 0 => Some(100.0 * next as f64 / reached[i] as f64),
                _ => None,
            },
            mean_days: (days[i].1 > 0).then(|| days[i].0 / days[i].1 as f64),
        })
        .collect();
    Funnel { lines }
}

/// A number with one decimal, or empty.
fn one(x: Option<f64>) -> String {
    x.map(|v| format!("{v:.1}")).unwrap_or_default()
}

/// The CSV export's header record, in `lang` (the English one keeps the
/// machine-readable names scripts already read).
pub fn csv_header(lang: Lang) -> [&'static str; 5] {
    use labels::funnel_csv as h;
    [
        h::stage(lang),
        h::now(lang),
        h::reached(lang),
        h::conversion(lang),
        h::mean_days(lang),
    ]
}

/// One stage's CSV record, under [`csv_header`]: the stage's name in
/// `lang`, ratios and days with one decimal (empty when there are none).
pub fn csv_record(l: &StageLine, lang: Lang) -> [String; 5] {
    use labels::funnel_csv::stage_value as v;
    let stage = match l.stage {
        Stage::Participant => v::participant(lang),
        Stage::Alumnus => v::alumnus(lang),
        Stage::TutorCandidate => v::tutor_candidate(lang),
        Stage::Tutor => v::tutor(lang),
        Stage::LecturerCandidate => v::lecturer_candidate(lang),
        Stage::Lecturer => v::lecturer(lang),
    };
    [
        stage.to_string(),
        l.now.to_string(),
        l.reached.to_string(),
        one(l.conversion),
        one(l.mean_days),
    ]
}

/// Height of one bar of the chart, in SVG units.
pub const BAR_HEIGHT: usize = 28;
/// Width of the labels column: where every bar starts.
pub const BAR_X: usize = 160;
/// Width of the longest bar.
const SPAN: usize = 400;

/// The funnel as a bar chart, measured in SVG units: the pages draw it.
#[derive(Clone, Debug, PartialEq)]
pub struct Chart {
    /// Width of the whole drawing.
    pub width: usize,
    /// Height of the whole drawing.
    pub height: usize,
    /// The chart's title.
    pub title: &'static str,
    /// One bar per stage, top to bottom.
    pub bars: Vec<Bar>,
}

/// One stage's bar of the [`Chart`], with its label on the left and its
/// numbers on the right.
#[derive(Clone, Debug, PartialEq)]
pub struct Bar {
    /// The stage's name.
    pub label: &'static str,
    /// The numbers the bar shows, as text.
    pub numbers: String,
    /// Top of the bar.
    pub y: usize,
    /// Length of the bar (from [`BAR_X`]).
    pub width: usize,
    /// Baseline of the label and the numbers.
    pub text_y: usize,
    /// Where the numbers start, just right of the bar.
    pub numbers_x: usize,
}

/// The funnel as a bar chart: per stage, a bar as long as the number who
/// reached it, labelled with the stage and the numbers (the text says
/// everything the bars show, for screen readers and print).
pub fn chart(f: &Funnel, lang: Lang) -> Chart {
    let max = f.lines.iter().map(|l| l.reached).max().unwrap_or(0).max(1);
    let bars = f
        .lines
        .iter()
        .enumerate()
        .map(|(i, l)| {
            let y = 8 + i * (BAR_HEIGHT + 8);
            let width = (SPAN * l.reached).div_ceil(max);
            Bar {
                label: l.stage.label(lang),
                numbers: labels::funnel::numbers(lang, l.now, l.reached),
                y,
                width,
                text_y: y + BAR_HEIGHT / 2 + 5,
                numbers_x: BAR_X + width + 6,
            }
        })
        .collect();
    Chart {
        width: BAR_X + SPAN + 140,
        height: f.lines.len() * (BAR_HEIGHT + 8) + 8,
        title: labels::funnel::title(lang),
        bars,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn day(d: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 1, d, 0, 0, 0)
            .single()
            .unwrap_or_default()
    }

    fn c(person: i32, to: Stage, d: u32) -> Change {
        Change {
            person,
            to,
            at: day(d),
        }
    }

    fn sample() -> Vec<Change> {
        vec![
            c(1, Stage::Participant, 1),
            c(1, Stage::Alumnus, 11),
            c(1, Stage::Tutor, 21),
            c(2, Stage::Participant, 1),
            c(2, Stage::Alumnus, 5),
            c(3, Stage::Participant, 3),
            c(4, Stage::Lecturer, 2),
        ]
    }

    #[test]
    fn counts_conversion_and_days() {
        let f = funnel(&sample(), day(31));
        let now: Vec<usize> = f.lines.iter().map(|l| l.now).collect();
        assert_eq!(now, vec![1, 1, 0, 1, 0, 1]);
        let reached: Vec<usize> = f.lines.iter().map(|l| l.reached).collect();
        // Person 4 came in as a lecturer: counted at that stage only.
        assert_eq!(reached, vec![3, 2, 1, 1, 0, 1]);
        assert_eq!(f.lines[0].conversion, Some(200.0 / 3.0));
        assert_eq!(f.lines[3].conversion, Some(0.0));
        assert_eq!(f.lines[4].conversion, None, "nobody reached it");
        assert_eq!(f.lines[5].conversion, None);
        // Participant: 10 days (1), 4 days (2), 28 days (3, still there).
        assert_eq!(f.lines[0].mean_days, Some(14.0));
        // Tutor candidate: nobody stood there.
        assert_eq!(f.lines[2].mean_days, None);
    }

    #[test]
    fn an_empty_funnel_has_zeroes_and_no_ratios() {
        let f = funnel(&[], day(1));
        assert_eq!(f.lines.len(), 6);
        assert!(
            f.lines
                .iter()
                .all(|l| l.now == 0 && l.reached == 0 && l.conversion.is_none())
        );
        let c = chart(&f, Lang::En);
        assert_eq!((c.width, c.height), (700, 224));
        assert!(c.bars.iter().all(|b| b.width == 0 && b.numbers_x == 166));
    }

    #[test]
    fn csv_has_a_header_and_a_record_per_stage() {
        let f = funnel(&sample(), day(31));
        assert_eq!(f.lines.len(), 6);
        assert_eq!(
            csv_header(Lang::En).len(),
            csv_record(&f.lines[0], Lang::En).len()
        );
        assert_eq!(
            csv_record(&f.lines[0], Lang::En),
            ["participant", "1", "3", "66.7", "14.0"].map(String::from)
        );
        assert_eq!(
            csv_record(&f.lines[2], Lang::En),
            ["tutor_candidate", "0", "1", "100.0", ""].map(String::from)
        );
        assert_eq!(csv_header(Lang::Ja)[0], "段階");
        assert_eq!(csv_record(&f.lines[2], Lang::Ja)[0], "チューター候補");
    }

    #[test]
    fn the_chart_labels_every_stage_and_scales_bars() {
        let c = chart(&funnel(&sample(), day(31)), Lang::En);
        let labels: Vec<&str> = c.bars.iter().map(|b| b.label).collect();
        assert_eq!(labels, Stage::ALL.map(|s| s.label(Lang::En)));
        assert_eq!(c.bars[0].width, 400, "longest bar spans the chart");
        assert_eq!(
            (c.bars[0].y, c.bars[0].text_y, c.bars[0].numbers_x),
            (8, 27, 566)
        );
        // 1 of 3 reached: a third of the span, rounded up.
        assert_eq!((c.bars[2].y, c.bars[2].width), (80, 134));
        assert_eq!(c.bars[0].numbers, "3 (now 1)");
        assert_eq!(c.title, "People per stage (reached)");
        let ja = chart(&funnel(&sample(), day(31)), Lang::Ja);
        assert!(ja.bars.iter().any(|b| b.label == "修了生"));
    }
}
