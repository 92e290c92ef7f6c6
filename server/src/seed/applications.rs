//! Demo selection data: each programme's eligibility rules and realistic
//! application questions (ja/en) for every track of the open Connect cohort.

use camp_connect_app::domain::application::questions::QuestionKind;
use camp_connect_app::domain::lang::Localized;
use camp_connect_app::store::application::questions::{QuestionInput, write_questions};
use camp_connect_app::store::catalogue::rows::{cohort_row, programme_row};
use camp_connect_app::store::entities::{eligibility, track};
use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, Set,
};

fn text(kind: QuestionKind, ja: &str, en: &str, max: Option<i32>, required: bool) -> QuestionInput {
    QuestionInput {
        id: None,
        kind,
        prompt: Localized::new(ja, en),
        choices: Vec::new(),
        max_chars: max,
        required,
        file: None,
    }
}

/// The questions every demo Connect track asks.
fn connect_questions() -> Vec<QuestionInput> {
    vec![
        text(
            QuestionKind::LongText,
            "あなたの専門分野で、セキュリティが問題になった（またはなりそうな）場面を具体的に書いてください。",
            "Describe a concrete situation in your field where security became (or could become) a problem.",
            Some(800),
            true,
        ),
        text(
            QuestionKind::LongText,
            "このトラックで学びたいこと、持ち帰って職場や研究で試したいことを書いてください。",
            "What do you want to learn in this track, and what would you try out at work or in research afterwards?",
            Some(600),
            true,
        ),
        QuestionInput {
            choices: vec![
                Localized::new("ほぼ初めて", "Almost none"),
                Localized::new("業務や研究で少し", "Some, at work or in research"),
                Localized::new("日常的に扱っている", "I work with it daily"),
            ],
            ..text(
                QuestionKind::SingleChoice,
                "セキュリティの実務経験",
                "Hands-on security experience",
                None,
                true,
            )
        },
        QuestionInput {
            choices: vec![
                Localized::new("講義", "Lectures"),
                Localized::new("ハンズオン演習", "Hands-on exercises"),
                Localized::new("参加者同士の議論", "Discussion with other participants"),
                Localized::new("講師への個別相談", "One-to-one time with lecturers"),
            ],
            ..text(
                QuestionKind::MultipleChoice,
                "特に期待する形式（複数選択可）",
                "Formats you look forward to most (any number)",
                None,
                false,
            )
        },
        text(
            QuestionKind::Url,
            "発表資料・論文・リポジトリなど、あなたの活動がわかる URL（任意）",
            "A link showing your work, e.g. slides, a paper or a repository (optional)",
            None,
            false,
        ),
    ]
}

/// Writes the rules and questions; runs inside the demo seed's transaction.
pub async fn insert(db: &impl ConnectionTrait, now: DateTime<Utc>) -> Result<(), DbErr> {
    let rules = [
        (
            "camp",
            Some(22),
            true,
            1,
            false,
            "応募課題は自分の力で取り組みました\n参加が決まった場合は全日程に参加できます",
            "I worked on the application questions myself\nIf selected, I can attend every day",
        ),
        (
            "connect",
            None,
            false,
            2,
            true,
            "所属先の了解を得て応募しています",
            "My employer or school knows that I am applying",
        ),
    ];
    for (slug, max_age, once_only, per_cohort, ask_expertise, ja, en) in rules {
        let Some(p) = programme_row(db, slug).await? else {
            continue;
        };
        eligibility::ActiveModel {
            programme_id: Set(p.id),
            min_age: Set(None),
            max_age: Set(max_age),
            once_only: Set(once_only),
            max_applications_per_cohort: Set(per_cohort),
            declarations_ja: Set(ja.into()),
            declarations_en: Set(en.into()),
            ask_expertise: Set(ask_expertise),
        }
        .insert(db)
        .await?;
    }
    let Some(connect) = programme_row(db, "connect").await? else {
        return Ok(());
    };
    let Some(cohort) = cohort_row(db, connect.id, "2027").await? else {
        return Ok(());
    };
    let tracks = track::Entity::find()
        .filter(track::Column::CohortId.eq(cohort.id))
        .all(db)
        .await?;
    for t in tracks {
        write_questions(db, t.id, &connect_questions(), now).await?;
    }
    Ok(())
}
