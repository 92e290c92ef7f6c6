//! Every row of every table, for tests that check what a request did (or
//! did not) change.

use sea_orm::{ConnectionTrait, DatabaseConnection, Statement};
use std::collections::BTreeMap;

/// Every table's rows, each column cast to text, sorted.
pub async fn contents(db: &DatabaseConnection) -> BTreeMap<String, Vec<Vec<Option<String>>>> {
    let backend = db.get_database_backend();
    let sql = |s: &str| Statement::from_string(backend, s);
    let postgres = backend == sea_orm::DatabaseBackend::Postgres;
    let tables_sql = if postgres {
        "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1"
    } else {
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY 1"
    };
    let mut out = BTreeMap::new();
    for t in db.query_all_raw(sql(tables_sql)).await.unwrap() {
        let table: String = t.try_get_by_index(0).unwrap();
        let columns_sql = if postgres {
            format!(
                "SELECT column_name::text FROM information_schema.columns \
                 WHERE table_schema = 'public' AND table_name = '{table}' ORDER BY ordinal_position"
            )
        } else {
            format!("SELECT name FROM pragma_table_info('{table}') ORDER BY cid")
        };
        let columns: Vec<String> = db
            .query_all_raw(sql(&columns_sql))
            .await
            .unwrap()
            .iter()
            .map(|r| r.try_get_by_index(0).unwrap())
            .collect();
        let select = columns
            .iter()
            .map(|c| format!("CAST(\"{c}\" AS TEXT)"))
            .collect::<Vec<_>>()
            .join(", ");
        let mut rows: Vec<Vec<Option<String>>> = db
            .query_all_raw(sql(&format!("SELECT {select} FROM \"{table}\"")))
            .await
            .unwrap()
            .iter()
            .map(|r| {
                (0..columns.len())
                    .map(|i| r.try_get_by_index::<Option<String>>(i).unwrap())
                    .collect()
            })
            .collect();
        rows.sort();
        out.insert(table, rows);
    }
    out
}
