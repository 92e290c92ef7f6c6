//! Long text written by organisers.

use leptos::prelude::*;

/// Shows `text` as paragraphs, one per blank-line-separated block. The text
/// is escaped like any other: organisers write plain text, not HTML.
#[component]
pub fn Paragraphs(text: String) -> impl IntoView {
    text.split("\n\n")
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(|p| view! { <p>{p.to_string()}</p> })
        .collect_view()
}

/// `text` as the markup of a `<textarea>`'s content. Leptos (tachys 0.2)
/// writes a textarea's children into the server's HTML unescaped, so a
/// value holding `</textarea><script>…` would end the element and run;
/// give the escaped text as `inner_html` instead (the browser decodes the
/// entities back into the same text, on the server's page and in the
/// browser alike). The app's one escaper of HTML text: the document's
/// `<title>` (`app::title_text`) goes through it too.
pub fn textarea_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn textarea_content_cannot_end_the_element() {
        assert_eq!(
            super::textarea_html("</textarea><b>&"),
            "&lt;/textarea&gt;&lt;b&gt;&amp;"
        );
    }
}
