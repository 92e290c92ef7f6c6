//! Renders the mail templates of `app/templates/mail/{ja,en}/<name>.txt`
//! with minijinja. `build.rs` embeds every template, so nothing is read from
//! disk; a template naming a variable its builder does not supply fails
//! (strict undefined), and the unit tests render every template through its
//! builder in both languages.

use crate::lang::Lang;
use crate::text::mail::salutation;
use minijinja::{AutoEscape, Environment, UndefinedBehavior, Value, context};
use std::sync::LazyLock;

include!(concat!(env!("OUT_DIR"), "/mail_templates.rs"));

/// Every template, parsed on first use.
static TEMPLATES: LazyLock<Environment<'static>> = LazyLock::new(|| {
    let mut env = Environment::new();
    env.set_undefined_behavior(UndefinedBehavior::Strict);
    // Plain text: nothing is escaped.
    env.set_auto_escape_callback(|_| AutoEscape::None);
    for (name, source) in MAIL_TEMPLATES {
        if let Err(e) = env.add_template(name, source) {
            panic!("the mail template {name}.txt does not parse: {e}");
        }
    }
    env
});

/// The template `name` in `lang`, rendered with `context`.
///
/// # Panics
/// When there is no such template or it names a variable `context` lacks:
/// a programming error, which the unit tests rendering every mail in both
/// languages catch. Builders are infallible, as they were when the texts
/// were Rust.
pub(crate) fn render(lang: Lang, name: &str, context: Value) -> String {
    let key = format!("{}/{name}", lang.as_str());
    TEMPLATES
        .get_template(&key)
        .and_then(|template| template.render(context))
        .unwrap_or_else(|e| panic!("the mail template {key}.txt: {e}"))
}

/// The whole body of a mail (`layout.txt`): the salutation of `recipient`
/// (may be empty), the `content` and the signature.
pub(crate) fn body(lang: Lang, recipient: &str, content: String) -> String {
    let recipient = recipient.trim();
    let salutation = if recipient.is_empty() {
        salutation::anyone(lang).to_string()
    } else {
        salutation::named(lang, recipient)
    };
    render(lang, "layout", context! { salutation, content })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    #[should_panic(expected = "en/organiser_granted.txt")]
    fn a_variable_the_builder_does_not_supply_fails() {
        render(
            Lang::En,
            "organiser_granted",
            context! { programm => "typo" },
        );
    }

    #[test]
    #[should_panic(expected = "ja/no_such_mail.txt")]
    fn a_missing_template_fails() {
        render(Lang::Ja, "no_such_mail", context! {});
    }

    #[test]
    fn templates_are_plain_text_not_html() {
        let content = render(
            Lang::En,
            "organiser_granted",
            context! { programme => "R&D <AI>" },
        );
        assert!(content.contains("organiser of R&D <AI>."), "{content}");
    }
}
