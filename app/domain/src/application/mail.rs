//! The application mails' subjects and bodies (salutation and signature are
//! added by `domain::mail`): the submission receipt, the guardian's consent
//! request, and the guardian's answer to the applicant. The texts are in
//! `mail.json` and `app/templates/mail`.

#![cfg(any(feature = "mail", test))]

use crate::lang::Lang;
use crate::mail::render::render;
use crate::text::mail::subject;
use crate::time::format_datetime;
use chrono::{DateTime, Utc};
use minijinja::context;

/// The receipt of a submission.
pub fn received(
    track: &str,
    at: DateTime<Utc>,
    deadline: DateTime<Utc>,
    lang: Lang,
) -> (String, String) {
    let (at, deadline) = (format_datetime(at, lang), format_datetime(deadline, lang));
    (
        subject::application_received(lang, track),
        render(
            lang,
            "application_received",
            context! { track, at, deadline },
        ),
    )
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
    (
        subject::guardian_consent_request(lang, applicant),
        render(
            lang,
            "guardian_consent_request",
            context! { applicant, track, dates, link, expires },
        ),
    )
}

/// The guardian's answer, told to the applicant.
pub fn guardian_outcome(track: &str, consented: bool, lang: Lang) -> (String, String) {
    let subject = if consented {
        subject::guardian_consent_given(lang, track)
    } else {
        subject::guardian_consent_refused(lang, track)
    };
    (
        subject,
        render(
            lang,
            "guardian_consent_outcome",
            context! { track, consented },
        ),
    )
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
