//! `camp-connect import <file> [--dry-run]`: the history import from the
//! command line, in English like the other commands' output.

use camp_connect_app::domain::history::view::{Outcome, Report};
use camp_connect_app::domain::lang::Lang;
use camp_connect_app::store::history::{Importer, import as import_file};
use sea_orm::DatabaseConnection;

/// Imports `bytes` into every programme (the operator's scope) and returns
/// what to print: a line per row that is not unchanged, then the counts.
/// A file that cannot be read at all is an error, in one line.
pub async fn import(
    db: &DatabaseConnection,
    bytes: &[u8],
    dry_run: bool,
) -> Result<String, String> {
    let who = Importer::operator(dry_run);
    let report = import_file(db, bytes, &who, chrono::Utc::now())
        .await
        .map_err(|e| format!("cannot import: {e}"))?
        .map_err(|p| format!("cannot import: {}", p.message(Lang::En)))?;
    Ok(printed(&report, dry_run))
}

/// The lines `import` prints for `report`.
fn printed(report: &Report, dry_run: bool) -> String {
    let mut out = String::new();
    for r in report
        .rows
        .iter()
        .filter(|r| r.outcome != Outcome::Unchanged)
    {
        let role = r.role.map_or("-", |role| role.as_str());
        out.push_str(&format!(
            "line {}: {} {} {role} {}",
            r.line,
            r.outcome.as_str(),
            r.place,
            r.email
        ));
        if r.outcome == Outcome::Refused {
            out.push_str(&format!(" ({})", r.reasons(Lang::En)));
        }
        out.push('\n');
    }
    if dry_run {
        out.push_str("dry run, nothing written: ");
    }
    out.push_str(&report.summary());
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use camp_connect_app::domain::forms::{FieldError, Problem};
    use camp_connect_app::domain::history::view::RowResult;

    #[test]
    fn unchanged_rows_are_left_out_and_refusals_say_why() {
        let row = |line, outcome, problems| RowResult {
            line,
            email: "a@example.jp".into(),
            name: "山田 太郎".into(),
            place: "camp/2010/web".into(),
            role: None,
            outcome,
            problems,
        };
        let report = Report {
            rows: vec![
                row(2, Outcome::Unchanged, Vec::new()),
                row(
                    3,
                    Outcome::Refused,
                    vec![FieldError {
                        field: "email".into(),
                        problem: Problem::Required,
                    }],
                ),
            ],
            people_created: 0,
            certificates: 0,
        };
        let out = printed(&report, true);
        assert!(!out.contains("line 2"), "{out}");
        assert!(
            out.starts_with("line 3: refused camp/2010/web - a@example.jp (email: "),
            "{out}"
        );
        assert!(
            out.ends_with(
                "dry run, nothing written: 2 rows: 0 created, 0 matched, 0 updated, 1 unchanged, 1 refused; 0 people created, 0 certificates"
            ),
            "{out}"
        );
    }
}
