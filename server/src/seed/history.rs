//! `seed --history <out.csv>`: a realistic history file for the import
//! (`camp-connect import`) and its tests. The Security Camp from 2004 to
//! 2026: about 1,500 people with Japanese names, the tracks of each era,
//! participants who mostly complete, alumni who come back as tutors and
//! some later as lecturers, outside lecturers who teach a track for years,
//! three demo accounts matched by email, and about 1.5 % of rows broken on
//! purpose in eight different ways. Deterministic: the same file every
//! time, written without a database.

use super::alumni::Rng;
use std::collections::HashSet;
use std::fmt::Write;

/// The programme the history belongs to (the demo seed's).
const PROGRAMME: &str = "camp";
/// The years of the history.
const YEARS: std::ops::RangeInclusive<i32> = 2004..=2026;
/// Every how many rows one is broken.
const BROKEN_EVERY: usize = 64;

/// The tracks: slug, names, and the years they ran.
const TRACKS: [(&str, &str, &str, i32, i32); 11] = [
    (
        "secure-programming",
        "セキュアプログラミング",
        "Secure Programming",
        2004,
        2013,
    ),
    (
        "network",
        "ネットワークセキュリティ",
        "Network Security",
        2004,
        2026,
    ),
    ("web", "Webセキュリティ", "Web Security", 2004, 2026),
    ("secure-os", "セキュアOS", "Secure OS", 2004, 2012),
    ("forensics", "フォレンジック", "Forensics", 2008, 2026),
    ("malware", "マルウェア解析", "Malware Analysis", 2010, 2026),
    ("ctf", "CTF", "CTF", 2012, 2017),
    (
        "cryptography",
        "暗号・プライバシー",
        "Cryptography and Privacy",
        2014,
        2026,
    ),
    (
        "hardware",
        "ハードウェアセキュリティ",
        "Hardware Security",
        2016,
        2026,
    ),
    (
        "vulnerabilities",
        "脆弱性・攻撃手法",
        "Vulnerabilities and Attack Techniques",
        2018,
        2026,
    ),
    ("development", "開発", "Development", 2019, 2026),
];

/// Japanese surnames, most common first, with their romanisation.
pub(crate) const FAMILY: [(&str, &str); 40] = [
    ("佐藤", "Sato"),
    ("鈴木", "Suzuki"),
    ("高橋", "Takahashi"),
    ("田中", "Tanaka"),
    ("伊藤", "Ito"),
    ("渡辺", "Watanabe"),
    ("山本", "Yamamoto"),
    ("中村", "Nakamura"),
    ("小林", "Kobayashi"),
    ("加藤", "Kato"),
    ("吉田", "Yoshida"),
    ("山田", "Yamada"),
    ("佐々木", "Sasaki"),
    ("山口", "Yamaguchi"),
    ("松本", "Matsumoto"),
    ("井上", "Inoue"),
    ("木村", "Kimura"),
    ("林", "Hayashi"),
    ("斎藤", "Saito"),
    ("清水", "Shimizu"),
    ("山崎", "Yamazaki"),
    ("森", "Mori"),
    ("池田", "Ikeda"),
    ("橋本", "Hashimoto"),
    ("阿部", "Abe"),
    ("石川", "Ishikawa"),
    ("山下", "Yamashita"),
    ("中島", "Nakajima"),
    ("石井", "Ishii"),
    ("小川", "Ogawa"),
    ("前田", "Maeda"),
    ("岡田", "Okada"),
    ("長谷川", "Hasegawa"),
    ("藤田", "Fujita"),
    ("後藤", "Goto"),
    ("近藤", "Kondo"),
    ("村上", "Murakami"),
    ("遠藤", "Endo"),
    ("青木", "Aoki"),
    ("坂本", "Sakamoto"),
];

const GIVEN: [(&str, &str); 40] = [
    ("翔", "Sho"),
    ("大輝", "Daiki"),
    ("拓海", "Takumi"),
    ("蓮", "Ren"),
    ("健太", "Kenta"),
    ("悠斗", "Yuto"),
    ("陽翔", "Haruto"),
    ("湊", "Minato"),
    ("大和", "Yamato"),
    ("颯太", "Sota"),
    ("亮", "Ryo"),
    ("直樹", "Naoki"),
    ("和也", "Kazuya"),
    ("智也", "Tomoya"),
    ("誠", "Makoto"),
    ("隆之", "Takayuki"),
    ("浩二", "Koji"),
    ("剛", "Tsuyoshi"),
    ("慎吾", "Shingo"),
    ("圭", "Kei"),
    ("陽菜", "Hina"),
    ("美咲", "Misaki"),
    ("結衣", "Yui"),
    ("葵", "Aoi"),
    ("さくら", "Sakura"),
    ("彩花", "Ayaka"),
    ("優奈", "Yuna"),
    ("真央", "Mao"),
    ("千尋", "Chihiro"),
    ("玲", "Rei"),
    ("舞", "Mai"),
    ("愛", "Ai"),
    ("遥", "Haruka"),
    ("奈々", "Nana"),
    ("由佳", "Yuka"),
    ("恵", "Megumi"),
    ("明日香", "Asuka"),
    ("理沙", "Risa"),
    ("麻衣", "Mai"),
    ("瞳", "Hitomi"),
];

const DOMAINS: [&str; 5] = [
    "example.jp",
    "example.ac.jp",
    "example.co.jp",
    "example.ne.jp",
    "example.com",
];

/// A row naming a demo account, so the import matches an existing person.
struct DemoRow {
    email: &'static str,
    family: &'static str,
    given: &'static str,
    name_en: &'static str,
    year: i32,
    track: &'static str,
    role: &'static str,
    completed: &'static str,
}

/// Demo accounts the history names.
const DEMO_ROWS: [DemoRow; 3] = [
    DemoRow {
        email: "demo-alumnus@example.jp",
        family: "デモ",
        given: "修了生",
        name_en: "Demo Alumnus",
        year: 2019,
        track: "web",
        role: "participant",
        completed: "yes",
    },
    DemoRow {
        email: "demo-tutor@example.jp",
        family: "デモ",
        given: "チューター",
        name_en: "Demo Tutor",
        year: 2022,
        track: "network",
        role: "tutor",
        completed: "",
    },
    DemoRow {
        email: "Demo-Lecturer@Example.jp",
        family: "デモ",
        given: "講師",
        name_en: "Demo Lecturer",
        year: 2020,
        track: "malware",
        role: "lecturer",
        completed: "",
    },
];

/// The columns, in the order written.
const HEADER: &str = "year,programme,cohort,track,track_name_ja,track_name_en,role,family_name,given_name,name_en,email,completed";

/// A generated history file and what an import of it should find.
#[derive(Clone, Debug)]
pub struct Generated {
    /// The file (UTF-8 with a byte order mark, as Excel writes it).
    pub csv: String,
    /// Rows, the header not counted.
    pub rows: usize,
    /// Rows broken on purpose (each refused by the import).
    pub broken: usize,
    /// People the good rows name, by email (demo accounts included).
    pub people: usize,
    /// Of them, the demo accounts (matched, not made).
    pub demo_people: usize,
    /// Good participant rows that say "completed".
    pub completions: usize,
}

/// One person of the history.
#[derive(Clone)]
struct Person {
    family: (&'static str, &'static str),
    given: (&'static str, &'static str),
    email: String,
}

/// One row, as cells.
struct Row {
    year: i32,
    track: usize,
    role: &'static str,
    person: Person,
    completed: bool,
}

fn person(r: &mut Rng, n: usize) -> Person {
    let family = r.pick(&FAMILY);
    let given = r.pick(&GIVEN);
    let domain = r.pick(&DOMAINS);
    let email = format!(
        "{}.{}{n}@{domain}",
        given.1.to_lowercase(),
        family.1.to_lowercase()
    );
    Person {
        family,
        given,
        email,
    }
}

/// The rows of the history, in year and track order, before breaking.
fn history(r: &mut Rng) -> Vec<Row> {
    let mut rows = Vec::new();
    let mut n = 0;
    let mut alumni: Vec<(i32, Person)> = Vec::new();
    let mut tutors: Vec<(i32, Person)> = Vec::new();
    let mut lecturers: Vec<Vec<Person>> = vec![Vec::new(); TRACKS.len()];
    for year in YEARS {
        let mut this_year = Vec::new();
        for (t, &(_, _, _, from, to)) in TRACKS.iter().enumerate() {
            if !(from..=to).contains(&year) {
                continue;
            }
            // Outside lecturers teach a track for years; one in five years
            // one of them is replaced.
            while lecturers[t].len() < 2 {
                n += 1;
                lecturers[t].push(person(r, n));
            }
            if (year - from) % 5 == 4 && r.chance(40) {
                lecturers[t].remove(0);
                n += 1;
                lecturers[t].push(person(r, n));
            }
            for p in lecturers[t].clone() {
                rows.push(Row {
                    year,
                    track: t,
                    role: "lecturer",
                    person: p,
                    completed: false,
                });
            }
            // A former tutor who tutored at least three years ago lectures.
            if year >= 2012 && r.chance(30) {
                let old: Vec<&(i32, Person)> =
                    tutors.iter().filter(|(y, _)| *y <= year - 3).collect();
                if !old.is_empty() {
                    let (_, p) = old[(r.next() % old.len() as u64) as usize];
                    rows.push(Row {
                        year,
                        track: t,
                        role: "lecturer",
                        person: p.clone(),
                        completed: false,
                    });
                }
            }
            // Tutors: alumni of the last six years, each once a year.
            let recent: Vec<Person> = alumni
                .iter()
                .filter(|(y, _)| (year - 6..year).contains(y))
                .map(|(_, p)| p.clone())
                .collect();
            let mut chosen = HashSet::new();
            for _ in 0..(1 + r.next() % 3) {
                if recent.is_empty() {
                    break;
                }
                let p = &recent[(r.next() % recent.len() as u64) as usize];
                if chosen.insert(p.email.clone())
                    && !tutors.iter().any(|(y, q)| *y == year && q.email == p.email)
                {
                    tutors.push((year, p.clone()));
                    rows.push(Row {
                        year,
                        track: t,
                        role: "tutor",
                        person: p.clone(),
                        completed: false,
                    });
                }
            }
            for _ in 0..(8 + r.next() % 5) {
                n += 1;
                let p = person(r, n);
                let completed = r.chance(93);
                if completed {
                    this_year.push((year, p.clone()));
                }
                rows.push(Row {
                    year,
                    track: t,
                    role: "participant",
                    person: p,
                    completed,
                });
            }
        }
        alumni.extend(this_year);
    }
    rows
}

/// A cell as CSV writes it: quoted when it must be.
fn cell(v: &str) -> String {
    if v.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", v.replace('"', "\"\""))
    } else {
        v.to_string()
    }
}

/// The cells of a row.
fn cells(row: &Row) -> Vec<String> {
    let (slug, ja, en, _, _) = TRACKS[row.track];
    let p = &row.person;
    vec![
        row.year.to_string(),
        PROGRAMME.into(),
        row.year.to_string(),
        slug.into(),
        ja.into(),
        en.into(),
        row.role.into(),
        p.family.0.into(),
        p.given.0.into(),
        format!("{} {}", p.given.1, p.family.1),
        p.email.clone(),
        if row.completed {
            "yes".into()
        } else {
            "no".into()
        },
    ]
}

/// Breaks `cells` in the `kind`-th way (of eight).
fn break_row(cells: &mut [String], kind: usize) {
    match kind {
        0 => cells[10].clear(),
        1 => cells[0] = "20１5".into(),
        2 => cells[6] = "student".into(),
        4 => cells[1] = "kamp".into(),
        5 => {
            cells[6] = "tutor".into();
            cells[11] = "yes".into();
        }
        6 => cells[10] = cells[10].replace('@', "."),
        _ => cells[7].clear(),
    }
}

/// The history file and what an import of it should find.
pub fn generate() -> Generated {
    let mut r = Rng(0x2004_2026_5ec0_ca3b);
    let history = history(&mut r);
    let mut lines: Vec<Vec<String>> = Vec::new();
    let mut broken = 0;
    let mut good_emails = HashSet::new();
    let mut completions = 0;
    for (i, row) in history.iter().enumerate() {
        let mut c = cells(row);
        if i % BROKEN_EVERY == BROKEN_EVERY - 1 {
            let kind = (i / BROKEN_EVERY) % 8;
            broken += 1;
            if kind == 3 {
                // The same row twice: the second is refused.
                lines.push(c.clone());
            } else {
                break_row(&mut c, kind);
                lines.push(c);
                continue;
            }
        }
        good_emails.insert(row.person.email.to_lowercase());
        completions += usize::from(row.completed);
        lines.push(c);
    }
    for d in &DEMO_ROWS {
        let t = TRACKS.iter().position(|t| t.0 == d.track).unwrap_or(0);
        let (_, ja_name, en_name, _, _) = TRACKS[t];
        let year = d.year.to_string();
        lines.push(
            [
                year.as_str(),
                PROGRAMME,
                year.as_str(),
                d.track,
                ja_name,
                en_name,
                d.role,
                d.family,
                d.given,
                d.name_en,
                d.email,
                d.completed,
            ]
            .map(str::to_string)
            .to_vec(),
        );
        good_emails.insert(d.email.to_lowercase());
        completions += usize::from(d.completed == "yes");
    }
    let mut csv = String::from("\u{feff}");
    csv.push_str(HEADER);
    csv.push_str("\r\n");
    for l in &lines {
        let _ = write!(
            csv,
            "{}\r\n",
            l.iter().map(|c| cell(c)).collect::<Vec<_>>().join(",")
        );
    }
    Generated {
        csv,
        rows: lines.len(),
        broken,
        people: good_emails.len(),
        demo_people: DEMO_ROWS.len(),
        completions,
    }
}

/// Writes the generated file to `path`; what it holds.
pub fn write(path: &std::path::Path) -> std::io::Result<Generated> {
    let g = generate();
    std::fs::write(path, &g.csv)?;
    Ok(g)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_history_is_realistic_and_the_same_every_time() {
        let g = generate();
        assert_eq!(g.csv, generate().csv);
        assert!((1_300..=1_700).contains(&g.people), "{} people", g.people);
        let share = g.broken as f64 / g.rows as f64;
        assert!(
            (0.01..=0.02).contains(&share),
            "{} of {} broken",
            g.broken,
            g.rows
        );
        for year in ["2004", "2026"] {
            assert!(
                g.csv.contains(&format!("\r\n{year},camp,{year},")),
                "{year}"
            );
        }
        assert!(g.csv.contains(",tutor,") && g.csv.contains(",lecturer,"));
    }

    #[test]
    fn some_people_have_several_roles_over_the_years() {
        let g = generate();
        let mut roles: std::collections::HashMap<String, HashSet<String>> = Default::default();
        for line in g.csv.lines().skip(1) {
            let c: Vec<&str> = line.split(',').collect();
            roles
                .entry(c[10].to_lowercase())
                .or_default()
                .insert(c[6].to_string());
        }
        let several = roles.values().filter(|r| r.len() > 1).count();
        assert!(several > 50, "{several} people in several roles");
    }
}
