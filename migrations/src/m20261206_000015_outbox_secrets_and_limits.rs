//! The outbox keeps a mail's live link apart from its body, and records
//! who had a mail sent to an address they typed.
//!
//! `link_secret` holds the link while the message waits; the stored body
//! has a placeholder in its place, the worker puts the link in at send time
//! and erases the column once the message is sent or given up, so neither
//! the table nor a backup taken afterwards holds a working link.
//! `requested_by` is the account whose form sent mail to a typed address
//! (a supervisor, a guardian, an invited lecturer): the mail limits count
//! these rows per account and per address over the last hour, in the
//! database, so the limit holds across instances. Messages queued before
//! this migration lose their links the same way.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum OutboxMessage {
    Table,
    Id,
    Template,
    Status,
    TextBody,
    LinkSecret,
    RequestedBy,
    CreatedAt,
}

const REQUESTED_INDEX: &str = "ix_outbox_message_requested";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // One column per statement: SQLite adds only one at a time.
        manager
            .alter_table(
                Table::alter()
                    .table(OutboxMessage::Table)
                    .add_column(text_null(OutboxMessage::LinkSecret))
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(OutboxMessage::Table)
                    .add_column(integer_null(OutboxMessage::RequestedBy))
                    .to_owned(),
            )
            .await?;
        scrub_stored_links(manager).await?;
        // The limits read the last hour's typed-address mail.
        manager
            .create_index(
                Index::create()
                    .name(REQUESTED_INDEX)
                    .table(OutboxMessage::Table)
                    .col(OutboxMessage::CreatedAt)
                    .col(OutboxMessage::RequestedBy)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(
                Index::drop()
                    .name(REQUESTED_INDEX)
                    .table(OutboxMessage::Table)
                    .to_owned(),
            )
            .await?;
        for column in [OutboxMessage::RequestedBy, OutboxMessage::LinkSecret] {
            manager
                .alter_table(
                    Table::alter()
                        .table(OutboxMessage::Table)
                        .drop_column(column)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}

/// What stands in a stored body for its link: `domain::mail::LINK_PLACEHOLDER`
/// (the migrations do not depend on the app crate).
const LINK_PLACEHOLDER: &str = "[[link]]";

/// The paths of the single-use links mails carried before this migration.
const LINK_PATHS: [&str; 3] = ["/guardian/", "/invitations/", "/credits/confirm/"];

/// The first single-use link in `body` (`http…/<path>/<64 hex digits>`),
/// as the byte range it spans.
fn live_link(body: &str) -> Option<std::ops::Range<usize>> {
    LINK_PATHS.iter().find_map(|path| {
        let at = body.find(path)?;
        let token_end = at + path.len() + 64;
        let token = body.get(at + path.len()..token_end)?;
        if !token.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        let start = body[..at].rfind(char::is_whitespace).map_or(0, |i| i + 1);
        Some(start..token_end)
    })
}

/// Takes the live link out of the messages queued before this migration:
/// a waiting one keeps it in `link_secret`, a sent or failed one loses it.
async fn scrub_stored_links(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    let db = manager.get_connection();
    let rows = db
        .query_all(
            &Query::select()
                .columns([
                    OutboxMessage::Id,
                    OutboxMessage::Status,
                    OutboxMessage::TextBody,
                ])
                .from(OutboxMessage::Table)
                .and_where(Expr::col(OutboxMessage::Template).is_in([
                    "guardian_consent_request",
                    "lecturer_invitation",
                    "credit_confirm_request",
                ]))
                .to_owned(),
        )
        .await?;
    for row in rows {
        let id: i64 = row.try_get("", "id")?;
        let status: String = row.try_get("", "status")?;
        let body: String = row.try_get("", "text_body")?;
        let Some(range) = live_link(&body) else {
            continue;
        };
        let link = body[range.clone()].to_string();
        let mut scrubbed = body;
        scrubbed.replace_range(range, LINK_PLACEHOLDER);
        let waiting = matches!(status.as_str(), "pending" | "held" | "sending");
        db.execute(
            &Query::update()
                .table(OutboxMessage::Table)
                .values([
                    (OutboxMessage::TextBody, scrubbed.into()),
                    (OutboxMessage::LinkSecret, waiting.then_some(link).into()),
                ])
                .and_where(Expr::col(OutboxMessage::Id).eq(id))
                .to_owned(),
        )
        .await?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_single_use_link_in_a_stored_body() {
        let token = "0a".repeat(32);
        let body = format!("Dear A,\n\nOpen\nhttps://camp.example.jp/guardian/{token}\nby then.");
        let range = live_link(&body).expect("a link");
        assert_eq!(
            &body[range],
            format!("https://camp.example.jp/guardian/{token}")
        );
        assert_eq!(live_link("https://camp.example.jp/offers/12"), None);
        assert_eq!(live_link("/guardian/not-a-token"), None);
    }
}
