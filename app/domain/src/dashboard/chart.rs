//! The geometry of the applications-per-day chart: one bar per day,
//! stacked by track, with a value axis of round steps and a few dates
//! along the bottom. Measured in SVG units; the page draws it and gives
//! the same numbers as a table.

use super::DayCounts;
use chrono::NaiveDate;

/// Width of the drawing; narrow, so that its text stays legible when a
/// phone shrinks it to the screen.
pub const WIDTH: f64 = 360.0;
/// Height of the drawing.
pub const HEIGHT: f64 = 200.0;
/// Left of the plot: room for the value axis's numbers.
const LEFT: f64 = 36.0;
/// Right margin.
const RIGHT: f64 = 8.0;
/// Top margin.
const TOP: f64 = 10.0;
/// The baseline: room for the dates below it.
pub const BASELINE: f64 = HEIGHT - 24.0;
/// At most this many dates are written along the bottom.
const MAX_DATES: usize = 6;

/// Fill colours of the tracks' series, in order (repeating after the
/// last); each has a contrast of at least 3:1 on white (WCAG 1.4.11).
pub const PALETTE: [&str; 6] = [
    "#1f5f8b", "#b35900", "#2e7d32", "#8e24aa", "#c62828", "#4e5d6c",
];

/// The colour of series `i`.
pub fn colour(i: usize) -> &'static str {
    PALETTE[i % PALETTE.len()]
}

/// One track's part of one day's bar.
#[derive(Clone, Debug, PartialEq)]
pub struct Segment {
    /// Left edge.
    pub x: f64,
    /// Top edge.
    pub y: f64,
    /// Width.
    pub width: f64,
    /// Height.
    pub height: f64,
    /// The track, as an index (and colour: [`colour`]).
    pub series: usize,
}

/// A line across the plot at a round value, with the value at its left.
#[derive(Clone, Debug, PartialEq)]
pub struct Tick {
    /// Height of the line.
    pub y: f64,
    /// The value.
    pub value: u64,
}

/// A date written under its bar.
#[derive(Clone, Debug, PartialEq)]
pub struct DateLabel {
    /// Centre of the text.
    pub x: f64,
    /// The day.
    pub day: NaiveDate,
}

/// The chart, ready to draw.
#[derive(Clone, Debug, PartialEq)]
pub struct DayChart {
    /// Left of the plot (where the value axis stands).
    pub left: f64,
    /// Right of the plot.
    pub right: f64,
    /// The bars' parts, day by day, bottom up.
    pub segments: Vec<Segment>,
    /// The value axis's lines, from 0 up.
    pub ticks: Vec<Tick>,
    /// The dates written along the bottom.
    pub dates: Vec<DateLabel>,
}

/// A round step (1, 2 or 5 times a power of ten) that divides `0..=max`
/// into at most four parts.
pub fn step(max: u64) -> u64 {
    let mut unit = 1u64;
    loop {
        for m in [1, 2, 5] {
            let s = unit * m;
            if max.div_ceil(s) <= 4 {
                return s;
            }
        }
        unit = unit.saturating_mul(10);
    }
}

/// Rounds to a tenth of a unit, so that the drawing's numbers stay short.
fn tenth(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

/// The chart of `days`.
pub fn day_chart(days: &[DayCounts]) -> DayChart {
    let most = days.iter().map(DayCounts::total).max().unwrap_or(0).max(1);
    let step = step(most);
    let top_value = most.div_ceil(step) * step;
    let plot = BASELINE - TOP;
    let y_of = |v: u64| tenth(BASELINE - plot * v as f64 / top_value as f64);
    let right = WIDTH - RIGHT;
    let slot = (right - LEFT) / days.len().max(1) as f64;
    // A gap between bars, unless they are too thin to spare one.
    let width = tenth(if slot >= 4.0 { slot * 0.75 } else { slot });
    let mut segments = Vec::new();
    for (i, d) in days.iter().enumerate() {
        let x = tenth(LEFT + slot * i as f64 + (slot - width) / 2.0);
        let mut below = 0;
        for (series, &n) in d.per_track.iter().enumerate() {
            if n == 0 {
                continue;
            }
            let (bottom, top) = (y_of(below), y_of(below + n));
            segments.push(Segment {
                x,
                y: top,
                width,
                height: tenth(bottom - top),
                series,
            });
            below += n;
        }
    }
    let ticks = (0..=top_value / step)
        .map(|k| Tick {
            y: y_of(k * step),
            value: k * step,
        })
        .collect();
    let every = days.len().div_ceil(MAX_DATES).max(1);
    let dates = days
        .iter()
        .enumerate()
        .step_by(every)
        .map(|(i, d)| DateLabel {
            x: tenth(LEFT + slot * (i as f64 + 0.5)),
            day: d.day,
        })
        .collect();
    DayChart {
        left: LEFT,
        right,
        segments,
        ticks,
        dates,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(d: u32, per_track: Vec<u64>) -> DayCounts {
        DayCounts {
            day: NaiveDate::from_ymd_opt(2027, 5, d).unwrap_or_default(),
            per_track,
        }
    }

    #[test]
    fn steps_are_round_and_few() {
        assert_eq!(step(1), 1);
        assert_eq!(step(4), 1);
        assert_eq!(step(5), 2);
        assert_eq!(step(9), 5);
        assert_eq!(step(20), 5);
        assert_eq!(step(21), 10);
        assert_eq!(step(5_000), 2_000);
    }

    #[test]
    fn bars_stack_tracks_from_the_baseline() {
        let c = day_chart(&[day(1, vec![2, 6]), day(2, vec![0, 0]), day(3, vec![0, 3])]);
        // 8 at most: steps of 2 up to 8.
        let values: Vec<u64> = c.ticks.iter().map(|t| t.value).collect();
        assert_eq!(values, vec![0, 2, 4, 6, 8]);
        assert_eq!(c.ticks[0].y, BASELINE);
        assert_eq!(c.ticks[4].y, 10.0);
        // Three slots of 105.3 between 36 and 352; bars three quarters wide.
        assert_eq!(c.segments.len(), 3);
        let first = &c.segments[0];
        assert_eq!((first.series, first.x, first.width), (0, 49.2, 79.0));
        assert_eq!((first.y, first.height), (134.5, 41.5));
        // The second track's part sits on the first's, up to the top.
        assert_eq!((c.segments[1].y, c.segments[1].series), (10.0, 1));
        assert_eq!(c.segments[1].y + c.segments[1].height, first.y);
        assert_eq!(c.segments[2].x, 259.8);
        assert_eq!(c.dates.len(), 3);
    }

    #[test]
    fn long_spans_write_a_few_dates_and_thin_bars_touch() {
        let days: Vec<DayCounts> = (1..=31).map(|d| day(d, vec![1])).collect();
        let mut more = days.clone();
        more.extend((1..=30).map(|d| day(d, vec![1])));
        let c = day_chart(&days);
        assert_eq!(c.dates.len(), 6);
        assert!(c.segments.iter().all(|s| s.width > 0.0));
        let thin = day_chart(&[more.clone(), more.clone()].concat());
        assert!(thin.dates.len() <= MAX_DATES);
        assert!(thin.segments.iter().all(|s| s.width < 4.0));
    }

    #[test]
    fn an_empty_chart_has_an_axis_and_no_bars() {
        let c = day_chart(&[]);
        assert!(c.segments.is_empty() && c.dates.is_empty());
        assert_eq!(c.ticks.len(), 2);
    }
}
