//! The pipeline's mail: the certificate of completion, with its links.

use crate::lang::{Lang, Localized};

/// A mail of the pipeline. Links are full addresses on a line of their own,
/// so mail programs make them clickable.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PipelineMail {
    /// The person completed a track: their certificate and how to verify it.
    CertificateIssued {
        /// "Cohort: track", in both languages.
        track: Localized,
        /// The certificate's code, in groups of four.
        code: String,
        /// The printable certificate.
        certificate: String,
        /// The public verification page.
        verify: String,
    },
}

impl PipelineMail {
    /// The template's name, as stored with each message.
    pub fn name(&self) -> &'static str {
        match self {
            PipelineMail::CertificateIssued { .. } => "certificate_issued",
        }
    }

    /// The subject and the content (without salutation and footer) in `lang`.
    pub fn render(&self, lang: Lang) -> (String, String) {
        let PipelineMail::CertificateIssued {
            track,
            code,
            certificate,
            verify,
        } = self;
        let t = track.get(lang);
        match lang {
            Lang::Ja => (
                format!("【Camp Connect】{t}の修了証"),
                format!(
                    "{t}の修了おめでとうございます。修了証を発行しました。\n\n\
                     修了証（印刷できます）:\n{certificate}\n\n\
                     確認コード: {code}\n\
                     大学などが単位認定のために確認するときは、次のページでこのコードを確かめられます:\n{verify}"
                ),
            ),
            Lang::En => (
                format!("[Camp Connect] Your certificate of completion: {t}"),
                format!(
                    "Congratulations on completing {t}. Your certificate of completion is ready.\n\n\
                     Certificate (printable):\n{certificate}\n\n\
                     Verification code: {code}\n\
                     A university granting course credit can check the code here:\n{verify}"
                ),
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_certificate_mail_carries_code_and_links_in_both_languages() {
        let m = PipelineMail::CertificateIssued {
            track: Localized::new("コネクト 2027: IoT", "Connect 2027: IoT"),
            code: "2345-6789-ABCD-EFGH".into(),
            certificate: "https://cc.example/certificates/2345-6789-ABCD-EFGH".into(),
            verify: "https://cc.example/verify/2345-6789-ABCD-EFGH".into(),
        };
        assert_eq!(m.name(), "certificate_issued");
        for lang in [Lang::Ja, Lang::En] {
            let (subject, body) = m.render(lang);
            assert!(subject.contains("IoT"));
            assert!(body.contains("2345-6789-ABCD-EFGH"));
            assert!(body.contains("\nhttps://cc.example/verify/2345-6789-ABCD-EFGH"));
            assert!(body.contains("\nhttps://cc.example/certificates/2345-6789-ABCD-EFGH"));
        }
        assert_ne!(m.render(Lang::Ja).0, m.render(Lang::En).0);
    }
}
