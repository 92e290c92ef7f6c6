//! `seed --scale-alumni N`: N alumni with profiles in realistic Japanese
//! and English (names, headlines, narrative experience, skills, some
//! qualifications), varied visibility, about 40% listed publicly: the data
//! of the directory benchmark (`scripts/bench-alumni.sh`). Deterministic,
//! so every run searches the same text.

use camp_connect_app::domain::alumni::{
    Experience, Held, Level, OpenTo, Part, Profile, Qualification, Skill, Visibilities, Visibility,
};
use camp_connect_app::domain::lang::{Lang, Localized};
use camp_connect_app::store::entities::account;
use chrono::Utc;
use sea_orm::{
    ColumnTrait, DatabaseConnection, DbErr, EntityTrait, QueryFilter, Set, TransactionTrait,
};

/// The surnames of the directory's alumni: the history's twelve most common.
const SURNAMES: &[(&str, &str)] = super::history::FAMILY.split_at(12).0;
const GIVEN: [(&str, &str); 10] = [
    ("健", "Ken"),
    ("玲", "Rei"),
    ("葵", "Aoi"),
    ("蓮", "Ren"),
    ("陽菜", "Hina"),
    ("翔", "Sho"),
    ("美咲", "Misaki"),
    ("大輝", "Daiki"),
    ("結衣", "Yui"),
    ("拓海", "Takumi"),
];
const TOPICS: [&str; 14] = [
    "暗号",
    "Webセキュリティ",
    "マルウェア解析",
    "フォレンジック",
    "IoTセキュリティ",
    "制御システム",
    "クラウドセキュリティ",
    "脆弱性診断",
    "ペネトレーションテスト",
    "CTF",
    "耐量子暗号",
    "AIセキュリティ",
    "車載セキュリティ",
    "Reverse engineering",
];
const ACTIVITIES: [&str; 5] = [
    "の研究をしています",
    "を仕事にしています",
    "が専門です",
    "の教育に関わっています",
    "のコミュニティを運営しています",
];
const INDUSTRIES: [&str; 8] = [
    "金融",
    "通信",
    "自動車",
    "電力",
    "官公庁",
    "大学",
    "SaaS",
    "ゲーム",
];
const ROLES: [&str; 6] = [
    "CSIRT",
    "セキュリティエンジニア",
    "研究員",
    "SOC アナリスト",
    "Security consultant",
    "CTO",
];
const COMPANIES: [&str; 8] = [
    "サイバー防衛株式会社",
    "東都通信",
    "Example Security KK",
    "国立情報大学",
    "みらい銀行",
    "Tokyo Cloud Inc.",
    "北斗自動車",
    "IPA",
];
const SKILLS: [&str; 16] = [
    "暗号",
    "Rust",
    "Go",
    "C",
    "Python",
    "リバースエンジニアリング",
    "Webアプリ診断",
    "Kubernetes",
    "AWS",
    "フォレンジック",
    "IDS/IPS",
    "ファジング",
    "Linux カーネル",
    "CTF",
    "ネットワーク",
    "組込み",
];

/// A small deterministic generator (xorshift64*), shared by the seeds
/// that must write the same data on every run.
pub(crate) struct Rng(pub(crate) u64);

impl Rng {
    /// The next number.
    pub(crate) fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    /// One of `items`.
    pub(crate) fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[(self.next() % items.len() as u64) as usize]
    }

    /// True `percent` times in a hundred.
    pub(crate) fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
}

fn profile_for(account_id: i32, i: usize, r: &mut Rng) -> Profile {
    let (sj, se) = r.pick(SURNAMES);
    let (gj, ge) = r.pick(&GIVEN);
    let topic = r.pick(&TOPICS);
    let industry = r.pick(&INDUSTRIES);
    let role = r.pick(&ROLES);
    let start = 2005 + (r.next() % 18) as i32;
    let experience = vec![Experience {
        industry: industry.to_string(),
        role: role.to_string(),
        period: format!("{start}–{}", start + 1 + (r.next() % 6) as i32),
        text: format!(
            "{industry}業界で{topic}を担当し、インシデント対応と社内教育を進めました。Led {} work for {} teams.",
            r.pick(&[
                "threat modelling",
                "red team",
                "incident response",
                "secure design"
            ]),
            2 + r.next() % 20
        ),
    }];
    let mut skills: Vec<Skill> = Vec::new();
    for _ in 0..3 {
        let name = r.pick(&SKILLS);
        if !skills.iter().any(|s| s.name == name) {
            let level = r.pick(&Level::ALL);
            skills.push(Skill {
                name: name.to_string(),
                level,
            });
        }
    }
    let mut qualifications = Vec::new();
    if r.chance(20) {
        qualifications.push(Held {
            kind: Qualification::Riss,
            other: String::new(),
        });
    }
    if r.chance(5) {
        qualifications.push(Held {
            kind: r.pick(&Qualification::ALL[1..6]),
            other: String::new(),
        });
    }
    let mut visibility = Visibilities::suggested();
    for part in [Part::Name, Part::Headline, Part::Skills] {
        if r.chance(60) {
            visibility.set(part, Visibility::Public);
        }
    }
    if r.chance(50) {
        visibility.set(Part::Affiliation, Visibility::Community);
    }
    Profile {
        account_id,
        name: Localized::new(format!("{sj} {gj}"), format!("{ge} {se}")),
        headline: format!("{topic}{}（{i}）", r.pick(&ACTIVITIES)),
        affiliation: r.pick(&COMPANIES).to_string(),
        hide_employer: r.chance(30),
        listed_externally: r.chance(40),
        awaiting_owner: false,
        experience,
        skills,
        qualifications,
        links: Vec::new(),
        open_to: OpenTo {
            consulting: r.chance(20),
            speaking: r.chance(10),
            ..OpenTo::default()
        },
        camps: Vec::new(),
        visibility,
    }
}

/// Adds `n` alumni with profiles (accounts `scale-alumnus-<i>@example.jp`).
pub async fn seed_scale_alumni(db: &DatabaseConnection, n: usize) -> Result<usize, DbErr> {
    const CHUNK: usize = 500;
    let now = Utc::now();
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let mut done = 0;
    while done < n {
        let upto = (done + CHUNK).min(n);
        let emails: Vec<String> = (done..upto)
            .map(|i| format!("scale-alumnus-{i}@example.jp"))
            .collect();
        let txn = db.begin().await?;
        account::Entity::insert_many(emails.iter().map(|e| account::ActiveModel {
            email: Set(Some(e.clone())),
            name_ja: Set(String::new()),
            name_en: Set(String::new()),
            language: Set(Lang::Ja),
            is_admin: Set(false),
            created_at: Set(now),
            ..Default::default()
        }))
        .exec(&txn)
        .await?;
        let ids = account::Entity::find()
            .filter(account::Column::Email.is_in(emails.iter().map(String::as_str)))
            .all(&txn)
            .await?;
        let profiles: Vec<Profile> = ids
            .iter()
            .zip(done..upto)
            .map(|(a, i)| profile_for(a.id, i, &mut rng))
            .collect();
        camp_connect_app::store::alumni::bulk::insert_new(&txn, &profiles, now).await?;
        txn.commit().await?;
        done = upto;
    }
    Ok(n)
}
