//! The pipeline's mail: the certificate of completion, with its links.

#[cfg(any(feature = "mail", test))]
use crate::lang::Lang;
use crate::lang::Localized;

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
    /// The person's past in the programme was imported into an account
    /// made for them: signing in with this address (verified by the
    /// provider) makes it theirs.
    HistoryClaim {
        /// The sign-in page.
        sign_in: String,
        /// Their certificates page, reached once signed in.
        certificates: String,
    },
}

impl PipelineMail {
    /// The template's name, as stored with each message.
    pub fn name(&self) -> &'static str {
        match self {
            PipelineMail::CertificateIssued { .. } => "certificate_issued",
            PipelineMail::HistoryClaim { .. } => "history_claim",
        }
    }

    /// The subject (`mail.json`) and the content (the template named
    /// [`Self::name`], without salutation and footer) in `lang`.
    #[cfg(any(feature = "mail", test))]
    pub fn render(&self, lang: Lang) -> (String, String) {
        use crate::mail::render::render;
        use crate::text::mail::subject;
        use minijinja::context;
        match self {
            PipelineMail::CertificateIssued {
                track,
                code,
                certificate,
                verify,
            } => {
                let track = track.get(lang);
                (
                    subject::certificate_issued(lang, track),
                    render(
                        lang,
                        self.name(),
                        context! { track, code, certificate, verify },
                    ),
                )
            }
            PipelineMail::HistoryClaim {
                sign_in,
                certificates,
            } => (
                subject::history_claim(lang).to_string(),
                render(lang, self.name(), context! { sign_in, certificates }),
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

    #[test]
    fn the_claim_invitation_links_the_sign_in_in_both_languages() {
        let m = PipelineMail::HistoryClaim {
            sign_in: "https://cc.example/sign-in".into(),
            certificates: "https://cc.example/account/certificates".into(),
        };
        assert_eq!(m.name(), "history_claim");
        for lang in [Lang::Ja, Lang::En] {
            let (subject, body) = m.render(lang);
            assert!(!subject.is_empty());
            assert!(body.contains("\nhttps://cc.example/sign-in\n"), "{body}");
            assert!(body.contains("\nhttps://cc.example/account/certificates"));
        }
        assert_ne!(m.render(Lang::Ja).1, m.render(Lang::En).1);
    }
}
