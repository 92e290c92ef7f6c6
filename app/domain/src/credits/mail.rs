//! The credit mails: the request to a supervisor, with the single-use
//! link, and the supervisor's answer to the person.

use crate::lang::Lang;
use crate::time::format_datetime;
use chrono::{DateTime, Utc};

/// A credit mail, with what it needs to say.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CreditMail {
    /// To a supervisor: confirm or decline an activity by the link.
    ConfirmRequest {
        /// Who reported it.
        person: String,
        /// What it was.
        title: String,
        /// Hours, as shown (`1.5`).
        hours: String,
        /// The single-use link.
        link: String,
        /// When the link stops working.
        expires_at: DateTime<Utc>,
    },
    /// To the person: what the supervisor answered.
    Decided {
        /// What it was.
        title: String,
        /// Confirmed or declined.
        confirmed: bool,
    },
}

impl CreditMail {
    /// The template's name, as stored with each message.
    pub fn name(&self) -> &'static str {
        match self {
            CreditMail::ConfirmRequest { .. } => "credit_confirm_request",
            CreditMail::Decided {
                confirmed: true, ..
            } => "credit_confirmed",
            CreditMail::Decided { .. } => "credit_declined",
        }
    }

    /// Subject and content (without salutation and footer) in `lang`.
    pub fn render(&self, lang: Lang) -> (String, String) {
        match self {
            CreditMail::ConfirmRequest {
                person,
                title,
                hours,
                link,
                expires_at,
            } => {
                let until = format_datetime(*expires_at, lang);
                match lang {
                    Lang::Ja => (
                        format!("【Camp Connect】{person}さんの活動の確認のお願い"),
                        format!(
                            "{person}さんが、あなたを確認者として次の活動を報告しました。\n\
                             「{title}」（{hours} 時間）\n\n\
                             次のページで、内容を確認のうえ承認または否認してください（アカウントは不要です）。\n\
                             {link}\n\
                             このリンクは一度だけ、{until} まで使えます。"
                        ),
                    ),
                    Lang::En => (
                        format!("[Camp Connect] Please confirm an activity of {person}"),
                        format!(
                            "{person} named you to confirm this activity:\n\
                             \"{title}\" ({hours} hours)\n\n\
                             Please approve or decline it on this page (no account needed):\n\
                             {link}\n\
                             The link works once, until {until}."
                        ),
                    ),
                }
            }
            CreditMail::Decided { title, confirmed } => match (lang, confirmed) {
                (Lang::Ja, true) => (
                    "【Camp Connect】活動の確認結果".to_string(),
                    format!(
                        "報告された「{title}」が確認者により承認され、クレジットに加算されました。"
                    ),
                ),
                (Lang::Ja, false) => (
                    "【Camp Connect】活動の確認結果".to_string(),
                    format!("報告された「{title}」は確認者により否認されました。"),
                ),
                (Lang::En, true) => (
                    "[Camp Connect] Your activity was reviewed".to_string(),
                    format!(
                        "Your supervisor confirmed \"{title}\"; it now counts in your credits."
                    ),
                ),
                (Lang::En, false) => (
                    "[Camp Connect] Your activity was reviewed".to_string(),
                    format!("Your supervisor declined \"{title}\"."),
                ),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn credit_mails_render_in_both_languages() {
        let m = CreditMail::ConfirmRequest {
            person: "山田".into(),
            title: "講演".into(),
            hours: "1.5".into(),
            link: "https://cc.example/credits/confirm/abc".into(),
            expires_at: DateTime::from_timestamp(1_800_000_000, 0).unwrap(),
        };
        for lang in [Lang::Ja, Lang::En] {
            let (_, body) = m.render(lang);
            assert!(body.contains("/credits/confirm/abc") && body.contains("1.5"));
        }
        let d = CreditMail::Decided {
            title: "講演".into(),
            confirmed: false,
        };
        assert_ne!(d.render(Lang::Ja).0, d.render(Lang::En).0);
    }
}
