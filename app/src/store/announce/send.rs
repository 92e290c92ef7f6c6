//! Previewing and sending an announcement. Both resolve the segment and
//! render every recipient's mail the same way: the organiser's texts are
//! parsed once (`domain::announce::template`) and rendered with each
//! recipient's name in their language. Sending queues all of them in one
//! transaction whose first statement marks the announcement sent, so a
//! second send (a double submit, two organisers at once) finds it sent
//! and queues nothing.

use super::segment::{Place, place_of, recipients};
use super::{Refusal, find};
use crate::domain::announce::mail::AnnouncementMail;
use crate::domain::announce::template::{Texts, Values};
use crate::domain::announce::view::{Preview, SampleMail, sample_indexes};
use crate::domain::announce::{Checked, PREVIEW_SAMPLES};
use crate::domain::forms::Problem;
use crate::domain::lang::{Lang, Localized};
use crate::domain::mail::MailTemplate;
use crate::store::audit::{AuditEntry, append_audit};
use crate::store::entities::{account, announcement, programme};
use crate::store::outbox::Recipient;
use crate::store::outbox::bulk::enqueue_many;
use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait, QueryFilter};

/// The mail of each person in `people` for announcement `c` of `p`.
fn mails(
    p: &programme::Model,
    c: &Checked,
    place: &Place,
    texts: &Texts<'_>,
    people: &[account::Model],
) -> Result<Vec<(Recipient, MailTemplate)>, Refusal> {
    let programme = Localized::new(&p.name_ja, &p.name_en);
    let mut out = Vec::with_capacity(people.len());
    for to in people.iter().filter_map(Recipient::of_account) {
        let lang = to.lang;
        let mut values = Values::from([
            ("name", to.name.clone()),
            ("programme", programme.get(lang).to_string()),
        ]);
        for (key, name) in [
            ("cohort", &place.cohort),
            ("track", &place.track),
            ("event", &place.event),
        ] {
            if let Some(name) = name {
                values.insert(key, name.get(lang).to_string());
            }
        }
        let (subject, body) = match lang {
            Lang::Ja => ("subject_ja", "body_ja"),
            Lang::En => ("subject_en", "body_en"),
        };
        // The checks of `Texts::new` leave nothing to fail here; were
        // they wrong, the refusal names the field rather than panicking.
        let rendered = |field: &str| {
            texts
                .render(field, &values)
                .ok_or_else(|| Refusal::one(field, Problem::UnknownVariable(1)))
        };
        let mail = AnnouncementMail {
            programme: programme.get(lang).to_string(),
            audience: c.segment.kind.audience(lang, place.label.get(lang)),
            subject: rendered(subject)?,
            text: rendered(body)?,
        };
        out.push((to, MailTemplate::Announcement(mail)));
    }
    Ok(out)
}

/// Everyone's mail for `c` in `p` now, or why there is none: the segment's
/// record is not `p`'s (not found), a template does not fit the segment,
/// the decisions are not released, or nobody is in it.
async fn resolve(
    db: &impl ConnectionTrait,
    p: &programme::Model,
    c: &Checked,
) -> Result<Result<Vec<(Recipient, MailTemplate)>, Refusal>, DbErr> {
    let Some(place) = place_of(db, p, c.segment).await? else {
        return Ok(Err(Refusal::NotFound));
    };
    let texts = match c.texts() {
        Ok(texts) => texts,
        Err(problems) => return Ok(Err(Refusal::Invalid(problems))),
    };
    let people = match recipients(db, p, c.segment).await? {
        Ok(people) => people,
        Err(problem) => return Ok(Err(Refusal::one("segment", problem))),
    };
    Ok(mails(p, c, &place, &texts, &people))
}

/// How many people announcement `c` of `p` reaches now, and a few of
/// their mails as they will read them (see [`sample_indexes`]).
pub async fn preview(
    db: &impl ConnectionTrait,
    p: &programme::Model,
    c: &Checked,
) -> Result<Result<Preview, Refusal>, DbErr> {
    let all = match resolve(db, p, c).await? {
        Ok(all) => all,
        Err(refusal) => return Ok(Err(refusal)),
    };
    let langs: Vec<Lang> = all.iter().map(|(to, _)| to.lang).collect();
    let samples = sample_indexes(&langs, PREVIEW_SAMPLES)
        .into_iter()
        .map(|i| {
            let (to, template) = &all[i];
            let mail = template.render(to.lang, &to.name);
            SampleMail {
                to: to.email.clone(),
                lang: to.lang,
                subject: mail.subject,
                body: mail.body,
            }
        })
        .collect();
    Ok(Ok(Preview {
        count: all.len(),
        japanese: langs.iter().filter(|l| **l == Lang::Ja).count(),
        samples,
    }))
}

/// Sends announcement `id` of `p` as `actor`: in one transaction, marks it
/// sent (only if it was not), queues every recipient's mail in bulk,
/// records how many and audits who sent what to whom. Every check of the
/// preview runs again on what is in the database now. Returns how many
/// mails were queued.
pub async fn send(
    db: &DatabaseConnection,
    actor: i32,
    p: &programme::Model,
    id: i32,
    now: DateTime<Utc>,
) -> Result<Result<usize, Refusal>, DbErr> {
    let txn = crate::store::begin_write(db).await?;
    // The write first: on SQLite the transaction holds the write lock from
    // here, on PostgreSQL a second send waits on the row and then finds it
    // sent.
    let marked = announcement::Entity::update_many()
        .col_expr(announcement::Column::SentAt, Expr::value(Some(now)))
        .col_expr(announcement::Column::SentBy, Expr::value(Some(actor)))
        .filter(announcement::Column::Id.eq(id))
        .filter(announcement::Column::ProgrammeId.eq(p.id))
        .filter(announcement::Column::SentAt.is_null())
        .exec(&txn)
        .await?;
    if marked.rows_affected != 1 {
        return Ok(Err(match find(&txn, p, id).await? {
            Some(_) => Refusal::one("announcement", Problem::AlreadySent),
            None => Refusal::NotFound,
        }));
    }
    let Some(a) = find(&txn, p, id).await? else {
        return Ok(Err(Refusal::NotFound));
    };
    let c = super::checked_of(&a);
    let all = match resolve(&txn, p, &c).await? {
        Ok(all) => all,
        // Dropping the transaction rolls the mark back: still a draft.
        Err(refusal) => return Ok(Err(refusal)),
    };
    let count = enqueue_many(&txn, &all, Some(p.id), now).await?;
    let stored = i32::try_from(count).unwrap_or(i32::MAX);
    announcement::Entity::update_many()
        .col_expr(
            announcement::Column::RecipientCount,
            Expr::value(Some(stored)),
        )
        .filter(announcement::Column::Id.eq(id))
        .exec(&txn)
        .await?;
    let entry = AuditEntry {
        actor_id: Some(actor),
        action: "announcement.send",
        entity: "announcement",
        entity_id: id.to_string(),
        programme_id: Some(p.id),
        summary: format!(
            "announcement to {} ({}): {count} mails queued",
            c.segment.key(),
            a.subject_ja
        ),
    };
    append_audit(&txn, entry, now).await?;
    txn.commit().await?;
    Ok(Ok(count))
}
