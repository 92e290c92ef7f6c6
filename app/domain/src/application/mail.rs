//! The application mails' subjects and bodies (salutation and signature are
//! added by `domain::mail`): the submission receipt, the guardian's consent
//! request, and the guardian's answer to the applicant.

use crate::lang::Lang;
use crate::time::format_datetime;
use chrono::{DateTime, Utc};

/// The receipt of a submission.
pub fn received(
    track: &str,
    at: DateTime<Utc>,
    deadline: DateTime<Utc>,
    lang: Lang,
) -> (String, String) {
    let (at, deadline) = (format_datetime(at, lang), format_datetime(deadline, lang));
    match lang {
        Lang::Ja => (
            format!("【Camp Connect】応募を受け付けました（{track}）"),
            format!(
                "「{track}」への応募を {at} に受け付けました。\n\n\
                 締切（{deadline}）までは Camp Connect の「応募一覧」から\n\
                 内容を修正して再提出できます。提出した各版は保存されています。"
            ),
        ),
        Lang::En => (
            format!("[Camp Connect] Application received ({track})"),
            format!(
                "We received your application to {track} on {at}.\n\n\
                 Until the deadline ({deadline}) you can edit and resubmit it under\n\
                 My applications on Camp Connect. Every version you submit is kept."
            ),
        ),
    }
}

/// The request to a minor applicant's guardian.
pub fn guardian_request(
    applicant: &str,
    track: &str,
    dates: &str,
    link: &str,
    expires_at: DateTime<Utc>,
    lang: Lang,
) -> (String, String) {
    let expires = format_datetime(expires_at, lang);
    match lang {
        Lang::Ja => (
            format!("【Camp Connect】{applicant} さんの応募への保護者の同意のお願い"),
            format!(
                "{applicant} さんが「{track}」（開催: {dates}）に応募しました。\n\
                 応募者は開催初日の時点で 18 歳未満のため、保護者の方の同意が必要です。\n\n\
                 次のリンクから、同意または不同意をお選びください（アカウントは不要です）。\n\
                 {link}\n\n\
                 リンクは一度だけ、{expires} まで使えます。\n\
                 お心当たりがない場合は、このメールを破棄してください。"
            ),
        ),
        Lang::En => (
            format!("[Camp Connect] Your consent for {applicant}'s application"),
            format!(
                "{applicant} has applied to {track} ({dates}).\n\
                 As they will be under 18 when it starts, a guardian's consent is needed.\n\n\
                 Please consent or refuse by this link (no account needed):\n\
                 {link}\n\n\
                 The link works once, until {expires}.\n\
                 If you do not know of this application, please ignore this mail."
            ),
        ),
    }
}

/// The guardian's answer, told to the applicant.
pub fn guardian_outcome(track: &str, consented: bool, lang: Lang) -> (String, String) {
    match (lang, consented) {
        (Lang::Ja, true) => (
            format!("【Camp Connect】保護者の方が同意しました（{track}）"),
            format!("「{track}」への応募について、保護者の方が参加に同意しました。"),
        ),
        (Lang::Ja, false) => (
            format!("【Camp Connect】保護者の方が同意しませんでした（{track}）"),
            format!(
                "「{track}」への応募について、保護者の方は参加に同意しませんでした。\n\
                 保護者の同意がないと参加を確定できません。ご家族でご相談ください。"
            ),
        ),
        (Lang::En, true) => (
            format!("[Camp Connect] Your guardian consented ({track})"),
            format!("Your guardian consented to your taking part in {track}."),
        ),
        (Lang::En, false) => (
            format!("[Camp Connect] Your guardian did not consent ({track})"),
            format!(
                "Your guardian did not consent to your taking part in {track}.\n\
                 Without their consent a place cannot be confirmed; please talk it over."
            ),
        ),
    }
}

#[cfg(test)]
mod tests {
    use crate::lang::{Lang, Localized};
    use crate::mail::MailTemplate;
    use chrono::{TimeZone, Utc};

    fn track() -> Localized {
        Localized::new("コネクト 2027: AI", "Connect 2027: AI")
    }

    #[test]
    fn receipt_names_the_track_and_the_deadline() {
        let t = MailTemplate::ApplicationReceived {
            track: track(),
            at: Utc.with_ymd_and_hms(2026, 12, 1, 3, 0, 0).unwrap(),
            deadline: Utc.with_ymd_and_hms(2027, 1, 15, 3, 0, 0).unwrap(),
        };
        assert_eq!(t.name(), "application_received");
        let ja = t.render(Lang::Ja, "佐藤 葵");
        assert_eq!(
            ja.subject,
            "【Camp Connect】応募を受け付けました（コネクト 2027: AI）"
        );
        assert!(ja.body.starts_with("佐藤 葵 様"));
        assert!(ja.body.contains("2026年12月1日 12:00 JST に受け付けました"));
        assert!(ja.body.contains("締切（2027年1月15日 12:00 JST）"));
        let en = t.render(Lang::En, "Aoi Sato");
        assert!(en.subject.ends_with("(Connect 2027: AI)"));
        assert!(en.body.contains("on 1 Dec 2026, 12:00 JST."));
    }

    #[test]
    fn guardian_request_carries_the_link_and_its_expiry() {
        let t = MailTemplate::GuardianConsentRequest {
            applicant: "佐藤 葵".into(),
            track: track(),
            dates: Localized::new("2027年3月1日〜3日", "1–3 Mar 2027"),
            link: "https://camp.example.jp/guardian/abc".into(),
            expires_at: Utc.with_ymd_and_hms(2026, 12, 15, 3, 0, 0).unwrap(),
        };
        assert_eq!(t.name(), "guardian_consent_request");
        let ja = t.render(Lang::Ja, "佐藤 花子");
        assert!(ja.subject.contains("佐藤 葵 さんの応募"));
        assert!(ja.body.contains("https://camp.example.jp/guardian/abc"));
        assert!(ja.body.contains("2026年12月15日 12:00 JST まで"));
        let en = t.render(Lang::En, "Hanako Sato");
        assert!(en.body.contains("(1–3 Mar 2027)"));
        assert!(en.body.contains("until 15 Dec 2026, 12:00 JST"));
    }

    #[test]
    fn outcome_says_yes_or_no() {
        let yes = MailTemplate::GuardianConsentOutcome {
            track: track(),
            consented: true,
        };
        let no = MailTemplate::GuardianConsentOutcome {
            track: track(),
            consented: false,
        };
        assert_eq!(yes.name(), "guardian_consent_outcome");
        assert!(yes.render(Lang::Ja, "").body.contains("同意しました"));
        assert!(no.render(Lang::Ja, "").body.contains("同意しませんでした"));
        assert!(yes.render(Lang::En, "").subject.contains("consented"));
        assert!(no.render(Lang::En, "").body.contains("did not consent"));
    }
}
