//! The in-memory directory against a plain scan of the same entries: the
//! posting lists may only narrow the work, never change the answer.

use super::snapshot::{Entry, Query, Snapshot};
use crate::domain::alumni::directory::{COUNT_CAP, PAGE_SIZE};
use crate::domain::alumni::search::{normalise, search_column};
use crate::domain::alumni::visibility::{Viewer, sees_profile, visible_settings};
use crate::domain::alumni::{OpenTo, Part, Qualification, Visibility};
use chrono::{DateTime, TimeZone, Utc};
use std::sync::Arc;

const WORDS: [&str; 12] = [
    "暗号",
    "暗号化",
    "号外",
    "セキュリティ",
    "フォレンジック",
    "rust",
    "ctf",
    "金融",
    "佐藤",
    "鈴木",
    "マルウェア解析",
    "クラウド",
];

fn at(minute: i64) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap() + chrono::Duration::minutes(minute)
}

/// A small deterministic generator (no external crate needed).
struct Rng(u64);

impl Rng {
    fn next(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n
    }
    fn word(&mut self) -> &'static str {
        WORDS[self.next(WORDS.len() as u64) as usize]
    }
    /// A word held by few: two of thirty kanji (900 such words).
    fn rare(&mut self) -> String {
        let c = |r: &mut Rng| char::from_u32(0x4E00 + r.next(30) as u32).unwrap();
        [c(self), c(self)].iter().collect()
    }
    fn setting(&mut self) -> Visibility {
        Visibility::ALL[self.next(3) as usize]
    }
}

fn entry(rng: &mut Rng, id: i32) -> Entry {
    let text = |rng: &mut Rng| -> Arc<str> {
        let n = 1 + rng.next(4);
        let mut words: Vec<String> = (0..n).map(|_| rng.word().to_string()).collect();
        if rng.next(3) == 0 {
            words.push(rng.rare());
        }
        normalise(&words.join(" ")).into()
    };
    let public = text(rng);
    Entry {
        account_id: id,
        updated_at: at(rng.next(50) as i64),
        texts: [public.clone(), text(rng), text(rng)],
        listed: rng.next(2) == 0,
        awaiting_owner: rng.next(5) == 0,
        camps: (0..rng.next(3))
            .map(|_| {
                let t = rng.next(4) as i32;
                (1 + t / 2, 10 + t / 2, 100 + t)
            })
            .collect(),
        skills: (0..rng.next(3))
            .map(|_| {
                (
                    ["rust", "go", "web"][rng.next(3) as usize].to_string(),
                    1 + rng.next(4) as i32,
                )
            })
            .collect(),
        qualifications: (0..rng.next(2))
            .map(|_| Qualification::ALL[rng.next(7) as usize])
            .collect(),
        open_to: OpenTo {
            tutoring: rng.next(2) == 0,
            lecturing: rng.next(2) == 0,
            consulting: rng.next(2) == 0,
            speaking: rng.next(2) == 0,
        },
        settings: [rng.setting(), rng.setting(), rng.setting(), rng.setting()],
    }
}

/// The answer by scanning every entry, written without the index.
fn scan(entries: &[Entry], viewer: Viewer, q: &Query, page: u64) -> (Vec<i32>, u64) {
    scan_as(entries, |_| viewer, q, page)
}

/// [`scan`] by a searcher who is `viewer_of(entry)` for each entry.
fn scan_as(
    entries: &[Entry],
    viewer_of: impl Fn(&Entry) -> Viewer,
    q: &Query,
    page: u64,
) -> (Vec<i32>, u64) {
    let sees = |e: &Entry, i: usize, part: Part| {
        visible_settings(part, viewer_of(e)).contains(&e.settings[i])
    };
    let mut found: Vec<&Entry> = entries
        .iter()
        .filter(|e| sees_profile(e.listed, e.awaiting_owner, viewer_of(e)))
        .filter(|e| {
            q.terms
                .iter()
                .all(|t| e.texts[search_column(viewer_of(e))].contains(t.as_str()))
        })
        .filter(|e| {
            let (p, c, t) = q.place;
            (p.is_none() && c.is_none() && t.is_none())
                || (sees(e, 0, Part::Camp)
                    && e.camps.iter().any(|x| {
                        p.is_none_or(|v| v == x.0)
                            && c.is_none_or(|v| v == x.1)
                            && t.is_none_or(|v| v == x.2)
                    }))
        })
        .filter(|e| {
            (q.skill.is_none() && q.level.is_none())
                || (sees(e, 1, Part::Skills)
                    && e.skills.iter().any(|(k, l)| {
                        q.skill.as_ref().is_none_or(|s| s == k) && q.level.is_none_or(|m| *l >= m)
                    }))
        })
        .filter(|e| {
            q.qualification
                .is_none_or(|x| sees(e, 2, Part::Qualifications) && e.qualifications.contains(&x))
        })
        .filter(|e| {
            q.open_to
                .is_none_or(|k| sees(e, 3, Part::OpenTo) && e.open_to.has(k))
        })
        .collect();
    found.sort_by_key(|e| std::cmp::Reverse((e.updated_at, e.account_id)));
    let ids = found
        .iter()
        .skip(((page - 1) * PAGE_SIZE) as usize)
        .take(PAGE_SIZE as usize)
        .map(|e| e.account_id)
        .collect();
    (ids, (found.len() as u64).min(COUNT_CAP + 1))
}

fn query(rng: &mut Rng) -> Query {
    let mut q = Query::default();
    if rng.next(3) == 0 {
        // Few hold it: the rare-token path.
        q.terms.push(rng.rare());
    }
    for _ in 0..rng.next(3) {
        let w = rng.word();
        // Whole words, and parts of them (one character, two, the middle).
        let chars: Vec<char> = w.chars().collect();
        let from = rng.next(chars.len() as u64) as usize;
        let to = from + 1 + rng.next((chars.len() - from) as u64) as usize;
        q.terms
            .push(normalise(&chars[from..to].iter().collect::<String>()));
    }
    match rng.next(6) {
        0 => q.place = (Some(1 + rng.next(2) as i32), None, None),
        1 => q.place = (None, None, Some(100 + rng.next(4) as i32)),
        2 => q.skill = Some("rust".into()),
        3 => q.level = Some(1 + rng.next(4) as i32),
        4 => q.qualification = Some(Qualification::ALL[rng.next(7) as usize]),
        _ => q.open_to = Some(crate::domain::alumni::OPEN_TO_KEYS[rng.next(4) as usize]),
    }
    q
}

fn check(snapshot: &Snapshot, entries: &[Entry], rng: &mut Rng, rounds: usize) {
    for _ in 0..rounds {
        let q = query(rng);
        let page = 1 + rng.next(3);
        for viewer in Viewer::ALL {
            assert_eq!(
                snapshot.search(viewer.into(), &q, page),
                scan(entries, viewer, &q, page),
                "{viewer:?} {q:?} page {page}"
            );
        }
    }
}

#[test]
fn an_organiser_searches_organiser_text_of_their_programmes_people_only() {
    use super::snapshot::Searcher;
    use crate::domain::alumni::visibility::Kind;
    let mut rng = Rng(0x0a9);
    let entries: Vec<Entry> = (1..=2000).map(|id| entry(&mut rng, id)).collect();
    let snapshot = Snapshot::new(entries.clone());
    let scope: std::collections::HashSet<i32> = (1..=2000).filter(|id| id % 3 == 0).collect();
    let kind = Kind::OrganiserOf(vec![1]);
    let viewer_of = |e: &Entry| kind.viewer(scope.contains(&e.account_id));
    for _ in 0..200 {
        let q = query(&mut rng);
        let page = 1 + rng.next(3);
        assert_eq!(
            snapshot.search(Searcher::of(&kind, &scope), &q, page),
            scan_as(&entries, viewer_of, &q, page),
            "{q:?} page {page}"
        );
    }
    // An entry whose organiser-only text alone holds a word is found by
    // an organiser of its owner's programme only.
    let mut e = entry(&mut rng, 5000);
    e.texts = ["".into(), "".into(), normalise("秘密の勤務先").into()];
    let snapshot = Snapshot::new(vec![e]);
    let q = Query {
        terms: vec![normalise("勤務先")],
        ..Query::default()
    };
    let none = std::collections::HashSet::new();
    assert_eq!(
        snapshot.search(Searcher::of(&kind, &none), &q, 1),
        (vec![], 0)
    );
    let theirs = std::collections::HashSet::from([5000]);
    assert_eq!(
        snapshot.search(Searcher::of(&kind, &theirs), &q, 1),
        (vec![5000], 1)
    );
}

#[test]
fn answers_as_a_full_scan_does() {
    let mut rng = Rng(0x5eed);
    let entries: Vec<Entry> = (1..=3000).map(|id| entry(&mut rng, id)).collect();
    let snapshot = Snapshot::new(entries.clone());
    assert_eq!(snapshot.len(), 3000);
    check(&snapshot, &entries, &mut rng, 300);
}

#[test]
fn stays_right_through_edits_deletions_and_compaction() {
    let mut rng = Rng(0xfeed);
    let mut entries: Vec<Entry> = (1..=1500).map(|id| entry(&mut rng, id)).collect();
    let mut snapshot = Snapshot::new(entries.clone());
    // 4,000 edits: more than enough to compact the posting lists twice.
    for round in 0..4000 {
        let i = rng.next(entries.len() as u64) as usize;
        let id = entries[i].account_id;
        if round % 10 == 0 {
            entries.remove(i);
            snapshot.apply(id, None);
        } else {
            let mut e = entry(&mut rng, id);
            e.updated_at = at(60 + round);
            entries[i] = e.clone();
            snapshot.apply(id, Some(e));
        }
        if round % 500 == 0 {
            check(&snapshot, &entries, &mut rng, 20);
        }
    }
    assert_eq!(snapshot.len(), entries.len());
    check(&snapshot, &entries, &mut rng, 200);
}

#[test]
fn two_character_japanese_words_and_unknown_pairs() {
    let mut rng = Rng(7);
    let mut e = entry(&mut rng, 1);
    e.texts = [
        "".into(),
        normalise("耐量子暗号の研究").into(),
        normalise("耐量子暗号の研究").into(),
    ];
    let snapshot = Snapshot::new(vec![e]);
    let q = |t: &str| Query {
        terms: vec![normalise(t)],
        ..Query::default()
    };
    assert_eq!(
        snapshot.search(Viewer::Community.into(), &q("暗号"), 1),
        (vec![1], 1)
    );
    assert_eq!(
        snapshot.search(Viewer::Community.into(), &q("量"), 1),
        (vec![1], 1)
    );
    assert_eq!(
        snapshot.search(Viewer::Community.into(), &q("号の研"), 1),
        (vec![1], 1)
    );
    // The public text is empty: the public finds nothing.
    assert_eq!(
        snapshot.search(Viewer::Public.into(), &q("暗号"), 1),
        (vec![], 0)
    );
    // A pair nobody's text holds answers at once.
    assert_eq!(
        snapshot.search(Viewer::Community.into(), &q("研暗"), 1),
        (vec![], 0)
    );
}
