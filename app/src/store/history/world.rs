//! What an import reads over and over, loaded once: the programmes, the
//! accounts by email, and the cohorts and tracks found or made so far. An
//! import of 2,000 rows then asks the database only about what each row
//! adds.

use crate::domain::history::{HistoryRow, past_schedule};
use crate::domain::lang::{Lang, Localized};
use crate::domain::text::labels;
use crate::store::catalogue::rows::{cohort_row, programme_rows, track_row};
use crate::store::entities::{account, cohort, identity, programme, track};
use crate::store::identity::{NewAccount, create_account};
use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait,
    QueryFilter, QuerySelect, Set,
};
use std::collections::{HashMap, HashSet};

/// An account as the import matches it.
#[derive(Clone, Debug)]
pub struct Person {
    /// The account.
    pub id: i32,
    /// Its names.
    pub name: Localized,
    /// Whether it has a sign-in method: a claimed account's names are the
    /// person's own, which an import never changes.
    pub claimed: bool,
    /// Whether this import made it.
    pub made_now: bool,
}

/// The records an import has seen, by the keys its rows use.
pub struct World {
    programmes: HashMap<String, programme::Model>,
    cohorts: HashMap<(i32, String), cohort::Model>,
    tracks: HashMap<(i32, String), track::Model>,
    people: HashMap<String, Person>,
}

impl World {
    /// Loads the programmes and every active account by its lower-cased
    /// email (addresses are compared without case, as elsewhere).
    pub async fn load(db: &impl ConnectionTrait) -> Result<World, DbErr> {
        let claimed: HashSet<i32> = identity::Entity::find()
            .select_only()
            .column(identity::Column::AccountId)
            .into_tuple::<i32>()
            .all(db)
            .await?
            .into_iter()
            .collect();
        let people = account::Entity::find()
            .filter(account::Column::Email.is_not_null())
            .all(db)
            .await?
            .into_iter()
            .filter_map(|a| {
                let email = a.email?.to_lowercase();
                let person = Person {
                    id: a.id,
                    name: Localized::new(a.name_ja, a.name_en),
                    claimed: claimed.contains(&a.id),
                    made_now: false,
                };
                Some((email, person))
            })
            .collect();
        let programmes = programme_rows(db)
            .await?
            .into_iter()
            .map(|p| (p.slug.clone(), p))
            .collect();
        Ok(World {
            programmes,
            cohorts: HashMap::new(),
            tracks: HashMap::new(),
            people,
        })
    }

    /// The programme with `slug`.
    pub fn programme(&self, slug: &str) -> Option<&programme::Model> {
        self.programmes.get(slug)
    }

    /// The account with `email` (lower-cased).
    pub fn person(&self, email: &str) -> Option<&Person> {
        self.people.get(email)
    }

    /// The cohort `slug` of `programme_id`, if it exists.
    pub async fn cohort(
        &mut self,
        db: &impl ConnectionTrait,
        programme_id: i32,
        slug: &str,
    ) -> Result<Option<cohort::Model>, DbErr> {
        let key = (programme_id, slug.to_string());
        if let Some(c) = self.cohorts.get(&key) {
            return Ok(Some(c.clone()));
        }
        let found = cohort_row(db, programme_id, slug).await?;
        if let Some(c) = &found {
            self.cohorts.insert(key, c.clone());
        }
        Ok(found)
    }

    /// The track `slug` of `cohort_id`, if it exists.
    pub async fn track(
        &mut self,
        db: &impl ConnectionTrait,
        cohort_id: i32,
        slug: &str,
    ) -> Result<Option<track::Model>, DbErr> {
        let key = (cohort_id, slug.to_string());
        if let Some(t) = self.tracks.get(&key) {
            return Ok(Some(t.clone()));
        }
        let found = track_row(db, cohort_id, slug).await?;
        if let Some(t) = &found {
            self.tracks.insert(key, t.clone());
        }
        Ok(found)
    }

    /// Makes the cohort of `row` in `p`: titled after the programme and
    /// the year, with dates long past (closed for applications).
    pub async fn make_cohort(
        &mut self,
        db: &impl ConnectionTrait,
        p: &programme::Model,
        row: &HistoryRow,
    ) -> Result<cohort::Model, DbErr> {
        let [open, close, start, end] = past_schedule(row.year);
        let title = |lang: Lang, name: &str| labels::history::cohort_title(lang, name, row.year);
        let c = cohort::ActiveModel {
            programme_id: Set(p.id),
            slug: Set(row.cohort.clone()),
            title_ja: Set(title(Lang::Ja, &p.name_ja)),
            title_en: Set(title(Lang::En, &p.name_en)),
            venue_ja: Set(String::new()),
            venue_en: Set(String::new()),
            applications_open_at: Set(open),
            applications_close_at: Set(close),
            sessions_start_at: Set(start),
            sessions_end_at: Set(end),
            ..Default::default()
        }
        .insert(db)
        .await?;
        self.cohorts.insert((p.id, row.cohort.clone()), c.clone());
        Ok(c)
    }

    /// Makes the track of `row` in cohort `c`, named as the row says,
    /// listed after the cohort's other tracks.
    pub async fn make_track(
        &mut self,
        db: &impl ConnectionTrait,
        c: &cohort::Model,
        row: &HistoryRow,
    ) -> Result<track::Model, DbErr> {
        let count = track::Entity::find()
            .filter(track::Column::CohortId.eq(c.id))
            .count(db)
            .await?;
        let t = track::ActiveModel {
            cohort_id: Set(c.id),
            slug: Set(row.track.clone()),
            name_ja: Set(row.track_name.ja.clone()),
            name_en: Set(row.track_name.en.clone()),
            summary_ja: Set(String::new()),
            summary_en: Set(String::new()),
            description_ja: Set(String::new()),
            description_en: Set(String::new()),
            vector: Set(None),
            field_id: Set(None),
            dss_role_ja: Set(None),
            dss_role_en: Set(None),
            capacity: Set(0),
            lecturer_target: Set(0),
            tutor_target: Set(0),
            position: Set(i32::try_from(count).unwrap_or(i32::MAX)),
            ..Default::default()
        }
        .insert(db)
        .await?;
        self.tracks.insert((c.id, row.track.clone()), t.clone());
        Ok(t)
    }

    /// Makes an account for `email` with `name` and no sign-in method: the
    /// first sign-in with this verified address claims it.
    pub async fn make_person(
        &mut self,
        db: &impl ConnectionTrait,
        email: &str,
        name: &Localized,
        now: DateTime<Utc>,
    ) -> Result<Person, DbErr> {
        let new = NewAccount {
            email,
            name_ja: &name.ja,
            name_en: &name.en,
            is_admin: false,
        };
        let person = Person {
            id: create_account(db, new, now).await?,
            name: name.clone(),
            claimed: false,
            made_now: true,
        };
        self.people.insert(email.to_string(), person.clone());
        Ok(person)
    }

    /// Renames the unclaimed account of `email` (and its profile, if the
    /// import made one) to `name`.
    pub async fn rename(
        &mut self,
        db: &impl ConnectionTrait,
        email: &str,
        name: &Localized,
    ) -> Result<(), DbErr> {
        let Some(person) = self.people.get_mut(email) else {
            return Ok(());
        };
        account::ActiveModel {
            id: Set(person.id),
            name_ja: Set(name.ja.clone()),
            name_en: Set(name.en.clone()),
            ..Default::default()
        }
        .update(db)
        .await?;
        person.name = name.clone();
        super::directory::rename_profile(db, person.id, name).await
    }
}
