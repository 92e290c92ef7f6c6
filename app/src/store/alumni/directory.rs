//! The directory search: one SQL statement per page on either backend.
//! Free text matches the stored search text of the viewer's audience only
//! (`domain::alumni::search`), and each filter on a part of a profile
//! matches only profiles whose setting lets the viewer see that part
//! (`visibility::visible_settings`), so neither leaks what is hidden.
//!
//! Text search: `LIKE '%term%'` over normalised text. SQLite answers it
//! from the FTS5 `trigram` table `alumni_search` (its index serves terms of
//! three characters or more; shorter ones are scanned), PostgreSQL from the
//! `pg_trgm` GIN indexes of the profile's search columns.

use crate::domain::alumni::directory::{COUNT_CAP, Filters, PAGE_SIZE};
use crate::domain::alumni::search::search_column;
use crate::domain::alumni::visibility::{Viewer, visible_settings};
use crate::domain::alumni::{Part, Visibility};
use crate::store::entities::{cohort, programme, track};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseBackend, DbErr, EntityTrait, QueryFilter, Statement,
    Value,
};

/// A WHERE clause under construction, with its bound values.
struct Sql {
    backend: DatabaseBackend,
    clauses: Vec<String>,
    values: Vec<Value>,
}

impl Sql {
    /// A placeholder for `v` in this backend's syntax.
    fn bind(&mut self, v: impl Into<Value>) -> String {
        self.values.push(v.into());
        match self.backend {
            DatabaseBackend::Postgres => format!("${}", self.values.len()),
            _ => "?".to_string(),
        }
    }

    /// `col IN (…)` over the settings under which `viewer` sees `part`.
    fn visible(&mut self, part: Part, viewer: Viewer) -> String {
        let settings: Vec<Visibility> = visible_settings(part, viewer);
        let list: Vec<String> = settings
            .into_iter()
            .map(|v| self.bind(v.as_str()))
            .collect();
        format!("p.vis_{} IN ({})", part.key(), list.join(", "))
    }
}

const COLUMNS: [&str; 3] = ["search_public", "search_community", "search_staff"];

/// Where the programme, cohort and track filters point; `None` when one
/// names nothing (then nothing matches).
async fn place(
    db: &impl ConnectionTrait,
    f: &Filters,
) -> Result<Option<(Option<i32>, Option<i32>, Option<i32>)>, DbErr> {
    let Some(p) = &f.programme else {
        return Ok(Some((None, None, None)));
    };
    let Some(p) = programme::Entity::find()
        .filter(programme::Column::Slug.eq(p))
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    let Some(c) = &f.cohort else {
        return Ok(Some((Some(p.id), None, None)));
    };
    let Some(c) = cohort::Entity::find()
        .filter(cohort::Column::ProgrammeId.eq(p.id))
        .filter(cohort::Column::Slug.eq(c))
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    let Some(t) = &f.track else {
        return Ok(Some((Some(p.id), Some(c.id), None)));
    };
    let t = track::Entity::find()
        .filter(track::Column::CohortId.eq(c.id))
        .filter(track::Column::Slug.eq(t))
        .one(db)
        .await?;
    Ok(t.map(|t| (Some(p.id), Some(c.id), Some(t.id))))
}

/// The WHERE clause of a search by `viewer` with `f`; `None` when nothing
/// can match.
async fn conditions(
    db: &impl ConnectionTrait,
    viewer: Viewer,
    f: &Filters,
) -> Result<Option<Sql>, DbErr> {
    let backend = db.get_database_backend();
    let mut sql = Sql {
        backend,
        clauses: Vec::new(),
        values: Vec::new(),
    };
    if viewer == Viewer::Public {
        let yes = sql.bind(true);
        sql.clauses.push(format!("p.listed_externally = {yes}"));
    }
    let column = COLUMNS[search_column(viewer)];
    let sqlite = backend == DatabaseBackend::Sqlite;
    if !f.terms.is_empty() {
        let target = if sqlite {
            column.to_string()
        } else {
            format!("p.{column}")
        };
        let likes: Vec<String> = f
            .terms
            .iter()
            .map(|t| format!("{target} LIKE {}", sql.bind(format!("%{t}%"))))
            .collect();
        let all = likes.join(" AND ");
        sql.clauses.push(if sqlite {
            format!("p.account_id IN (SELECT rowid FROM alumni_search WHERE {all})")
        } else {
            format!("({all})")
        });
    }
    let Some((programme, cohort, track)) = place(db, f).await? else {
        return Ok(None);
    };
    // On SQLite `?` binds by position: each clause binds its values in the
    // order they appear in its text.
    if programme.is_some() {
        let visible = sql.visible(Part::Camp, viewer);
        let mut inner = vec![
            "c.account_id = p.account_id".to_string(),
            "c.revoked_at IS NULL".to_string(),
        ];
        for (col, id) in [
            ("programme_id", programme),
            ("cohort_id", cohort),
            ("track_id", track),
        ] {
            if let Some(id) = id {
                inner.push(format!("c.{col} = {}", sql.bind(id)));
            }
        }
        sql.clauses.push(format!(
            "{visible} AND EXISTS (SELECT 1 FROM completion c WHERE {})",
            inner.join(" AND ")
        ));
    }
    if f.skill.is_some() || f.level.is_some() {
        let visible = sql.visible(Part::Skills, viewer);
        let mut inner = vec!["s.account_id = p.account_id".to_string()];
        if let Some(k) = &f.skill {
            inner.push(format!("s.skill_key = {}", sql.bind(k.clone())));
        }
        if let Some(l) = f.level {
            inner.push(format!("s.level >= {}", sql.bind(l.number())));
        }
        sql.clauses.push(format!(
            "{visible} AND EXISTS (SELECT 1 FROM alumni_skill s WHERE {})",
            inner.join(" AND ")
        ));
    }
    if let Some(q) = f.qualification {
        let visible = sql.visible(Part::Qualifications, viewer);
        let kind = sql.bind(q.as_str());
        sql.clauses.push(format!(
            "{visible} AND EXISTS (SELECT 1 FROM alumni_qualification q \
             WHERE q.account_id = p.account_id AND q.kind = {kind})"
        ));
    }
    if let Some(key) = f.open_to {
        let visible = sql.visible(Part::OpenTo, viewer);
        let yes = sql.bind(true);
        let flag = match key {
            "tutoring" | "lecturing" => format!(
                "EXISTS (SELECT 1 FROM availability a WHERE a.account_id = p.account_id \
                 AND a.open_to_{key} = {yes})"
            ),
            _ => format!("p.open_to_{key} = {yes}"),
        };
        sql.clauses.push(format!("{visible} AND {flag}"));
    }
    Ok(Some(sql))
}

/// The accounts on page `f.page` of a search by `viewer` (newest changes
/// first), and how many match (counted up to `COUNT_CAP` + 1).
pub async fn search(
    db: &impl ConnectionTrait,
    viewer: Viewer,
    f: &Filters,
) -> Result<(Vec<i32>, u64), DbErr> {
    let Some(sql) = conditions(db, viewer, f).await? else {
        return Ok((Vec::new(), 0));
    };
    let backend = sql.backend;
    let filter = if sql.clauses.is_empty() {
        String::new()
    } else {
        format!(" WHERE {}", sql.clauses.join(" AND "))
    };
    let count = db
        .query_one_raw(Statement::from_sql_and_values(
            backend,
            format!(
                "SELECT COUNT(*) AS n FROM (SELECT 1 FROM alumni_profile p{filter} LIMIT {}) AS m",
                COUNT_CAP + 1
            ),
            sql.values.clone(),
        ))
        .await?
        .map(|r| r.try_get::<i64>("", "n"))
        .transpose()?
        .unwrap_or(0);
    let offset = f.page.saturating_sub(1).saturating_mul(PAGE_SIZE);
    let rows = db
        .query_all_raw(Statement::from_sql_and_values(
            backend,
            format!(
                "SELECT p.account_id FROM alumni_profile p{filter} \
                 ORDER BY p.updated_at DESC, p.account_id DESC LIMIT {PAGE_SIZE} OFFSET {offset}"
            ),
            sql.values,
        ))
        .await?;
    let ids = rows
        .into_iter()
        .map(|r| r.try_get::<i32>("", "account_id"))
        .collect::<Result<Vec<_>, _>>()?;
    Ok((ids, u64::try_from(count).unwrap_or(0)))
}
