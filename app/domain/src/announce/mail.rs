//! The announcement mail: the organiser's subject and text, already
//! rendered for the recipient ([`super::template`]), in the fixed frame of
//! `announcement.txt` that says who sent it to whom.

#[cfg(any(feature = "mail", test))]
use crate::lang::Lang;

/// One recipient's announcement.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AnnouncementMail {
    /// The programme's name in the recipient's language.
    pub programme: String,
    /// Who the announcement went to, as [`super::SegmentKind::audience`]
    /// says it in the recipient's language.
    pub audience: String,
    /// The organiser's subject, rendered for the recipient.
    pub subject: String,
    /// The organiser's text, rendered for the recipient.
    pub text: String,
}

impl AnnouncementMail {
    /// The template's name, as stored with each message.
    pub fn name(&self) -> &'static str {
        super::TEMPLATE
    }

    /// Subject (`mail.json`) and content (`announcement.txt`) in `lang`.
    #[cfg(any(feature = "mail", test))]
    /// The subject is one line: a line break a value brought is a space.
    pub fn render(&self, lang: Lang) -> (String, String) {
        use crate::mail::render::render;
        use crate::text::mail::subject;
        use minijinja::context;
        let line = self.subject.replace(['\r', '\n'], " ");
        let AnnouncementMail {
            programme,
            audience,
            text,
            ..
        } = self;
        (
            subject::announcement(lang, programme, &line),
            render(lang, self.name(), context! { programme, audience, text }),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_frame_names_sender_and_audience_and_keeps_the_text_as_typed() {
        let m = AnnouncementMail {
            programme: "セキュリティ・キャンプ".into(),
            audience: "AI トラックの合格者".into(),
            subject: "事前課題\nについて".into(),
            text: "<b>課題</b> & 締切".into(),
        };
        let (subject, body) = m.render(Lang::Ja);
        assert_eq!(subject, "【セキュリティ・キャンプ】事前課題 について");
        assert!(body.starts_with("<b>課題</b> & 締切\n"), "{body}");
        assert!(body.contains("AI トラックの合格者"), "{body}");
        let (subject, body) = m.render(Lang::En);
        assert!(
            subject.starts_with("[セキュリティ・キャンプ] "),
            "{subject}"
        );
        assert!(
            body.contains("organisers of セキュリティ・キャンプ"),
            "{body}"
        );
    }
}
