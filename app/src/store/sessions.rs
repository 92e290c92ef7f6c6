//! A tower-sessions store on sea-orm, so sessions live in the same SQLite or
//! PostgreSQL database as everything else and every instance sees them.
//! The table keys each session by the SHA-256 of its id ([`stored_id`]), so
//! a leaked table or backup holds no cookie that signs anyone in.

use super::entities::session;
use crate::domain::tokens::token_hash;
use async_trait::async_trait;
use chrono::{DateTime, Utc};
use sea_orm::{
    ColumnTrait, DatabaseConnection, DbErr, EntityTrait, NotSet, QueryFilter, Set, SqlErr,
};
use time::OffsetDateTime;
use tower_sessions::session::{Id, Record};
use tower_sessions::session_store::{self, SessionStore};

/// How long a session's expiry may go without being moved forward (see
/// `auth::refresh_idle_expiry`). Moving it on every request would make
/// every page view a database write queued behind SQLite's single writer;
/// this shortens the idle timeout by at most this much.
pub const EXPIRY_REFRESH_SLACK: chrono::Duration = chrono::Duration::minutes(5);

/// Sessions in the `session` table.
#[derive(Clone, Debug)]
pub struct DbSessionStore {
    db: DatabaseConnection,
}

impl DbSessionStore {
    /// A store on `db`.
    pub fn new(db: DatabaseConnection) -> Self {
        Self { db }
    }

    /// Deletes every expired session; returns how many.
    pub async fn delete_expired(&self, now: DateTime<Utc>) -> Result<u64, DbErr> {
        let res = session::Entity::delete_many()
            .filter(session::Column::ExpiresAt.lte(now))
            .exec(&self.db)
            .await?;
        Ok(res.rows_affected)
    }

    fn row(record: &Record) -> session_store::Result<session::ActiveModel> {
        let data = serde_json::to_string(&record.data)
            .map_err(|e| session_store::Error::Encode(e.to_string()))?;
        Ok(session::ActiveModel {
            id: Set(stored_id(&record.id)),
            data: Set(data),
            expires_at: Set(to_chrono(record.expiry_date)),
        })
    }
}

/// The key a session is stored under: the SHA-256 (hex) of the cookie's id.
/// The cookie holds the id, the table only its hash.
pub fn stored_id(id: &Id) -> String {
    token_hash(&id.to_string())
}

fn to_chrono(t: OffsetDateTime) -> DateTime<Utc> {
    DateTime::from_timestamp(t.unix_timestamp(), t.nanosecond()).unwrap_or_default()
}

fn to_time(t: DateTime<Utc>) -> session_store::Result<OffsetDateTime> {
    let nanos = i128::from(t.timestamp()) * 1_000_000_000 + i128::from(t.timestamp_subsec_nanos());
    OffsetDateTime::from_unix_timestamp_nanos(nanos)
        .map_err(|e| session_store::Error::Decode(e.to_string()))
}

fn backend(err: DbErr) -> session_store::Error {
    tracing::error!(error = %err, "session store");
    session_store::Error::Backend(err.to_string())
}

#[async_trait]
impl SessionStore for DbSessionStore {
    async fn create(&self, record: &mut Record) -> session_store::Result<()> {
        // Ids are 128 random bits; a collision is all but impossible, but a
        // new id is cheaper than ever handing one person another's session.
        for _ in 0..3 {
            match session::Entity::insert(Self::row(record)?)
                .exec(&self.db)
                .await
            {
                Ok(_) => return Ok(()),
                Err(e) if matches!(e.sql_err(), Some(SqlErr::UniqueConstraintViolation(_))) => {
                    record.id = Id::default();
                }
                Err(e) => return Err(backend(e)),
            }
        }
        Err(session_store::Error::Backend("no free session id".into()))
    }

    async fn save(&self, record: &Record) -> session_store::Result<()> {
        // tower-sessions calls this only for a modified session (new ones
        // go through `create`). An update, never an insert: a session that
        // was signed out, ended everywhere or swept after this request
        // loaded it stays gone (an upsert here once undid sign-outs).
        let mut row = Self::row(record)?;
        row.id = NotSet;
        session::Entity::update_many()
            .set(row)
            .filter(session::Column::Id.eq(stored_id(&record.id)))
            .exec(&self.db)
            .await
            .map_err(backend)?;
        Ok(())
    }

    async fn load(&self, id: &Id) -> session_store::Result<Option<Record>> {
        let Some(row) = session::Entity::find_by_id(stored_id(id))
            .filter(session::Column::ExpiresAt.gt(Utc::now()))
            .one(&self.db)
            .await
            .map_err(backend)?
        else {
            return Ok(None);
        };
        let data = serde_json::from_str(&row.data)
            .map_err(|e| session_store::Error::Decode(e.to_string()))?;
        Ok(Some(Record {
            id: *id,
            data,
            expiry_date: to_time(row.expires_at)?,
        }))
    }

    async fn delete(&self, id: &Id) -> session_store::Result<()> {
        session::Entity::delete_by_id(stored_id(id))
            .exec(&self.db)
            .await
            .map_err(backend)?;
        Ok(())
    }
}
