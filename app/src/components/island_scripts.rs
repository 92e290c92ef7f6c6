//! The scripts that load the WASM and hydrate a page's islands, for the
//! pages that have one: a page without an island sends no script at all
//! (the catalogue, the directory, every organiser's page).

use leptos::prelude::*;

/// Loads the islands' JS and WASM (hashed names from the build's hash
/// file), after the page has rendered (Leptos' island loader waits for the
/// browser to be idle). Put it once in a page that renders an `#[island]`.
#[component]
pub fn IslandScripts() -> impl IntoView {
    use_context::<LeptosOptions>().map(|options| view! { <HydrationScripts options islands=true/> })
}
