//! What every capability of the domain uses: the two languages and their
//! texts, time in JST, slugs, local URLs, form checks, link tokens,
//! spreadsheet-safe cells and the enums stored by name. Re-exported at the
//! crate's top level (`domain::lang`, `domain::time`, …), so callers name
//! them the short way.

pub mod enums;
pub mod forms;
pub mod lang;
pub mod slug;
pub mod spreadsheet;
pub mod text;
pub mod time;
pub mod tokens;
pub mod url;
