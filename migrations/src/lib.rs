//! Camp Connect's database migrations: reversible, one file per change, run
//! by `camp-connect migrate` (and at start-up of the embedded SQLite default).
//! The same code serves SQLite and PostgreSQL.

pub use sea_orm_migration::prelude::*;

mod m20261126_000001_create_catalogue;
mod m20261126_000002_create_identity;
mod m20261126_000003_create_outbox;
mod m20261126_000004_create_applications;
mod m20261126_000005_create_review;
mod m20261126_000006_create_rosters;
mod m20261126_000007_create_pipeline;
mod m20261126_000008_create_ranking_version;
mod m20261126_000009_create_alumni_profiles;
mod m20261126_000010_create_events_credits;
mod m20261126_000011_create_directory_changes;
mod m20261127_000012_index_unreleased_decisions;
mod m20261206_000013_create_reviewer_affiliation;
mod m20261206_000014_create_application_draft;
mod m20261206_000015_outbox_secrets_and_limits;
mod m20261207_000017_create_history_batch;
mod m20261207_000018_create_answer_file;
mod m20261207_000019_create_announcement;
mod m20261207_000021_reminders_and_opt_out;
mod m20261207_000023_alumni_profile_awaiting_owner;
mod m20261207_000024_eligibility_refusal_and_prefecture;
mod outbox_status_check;

/// Applies and reverts Camp Connect's migrations in order.
pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261126_000001_create_catalogue::Migration),
            Box::new(m20261126_000002_create_identity::Migration),
            Box::new(m20261126_000003_create_outbox::Migration),
            Box::new(m20261126_000004_create_applications::Migration),
            Box::new(m20261126_000005_create_review::Migration),
            Box::new(m20261126_000006_create_rosters::Migration),
            Box::new(m20261126_000007_create_pipeline::Migration),
            Box::new(m20261126_000008_create_ranking_version::Migration),
            Box::new(m20261126_000009_create_alumni_profiles::Migration),
            Box::new(m20261126_000010_create_events_credits::Migration),
            Box::new(m20261126_000011_create_directory_changes::Migration),
            Box::new(m20261127_000012_index_unreleased_decisions::Migration),
            Box::new(m20261206_000013_create_reviewer_affiliation::Migration),
            Box::new(m20261206_000014_create_application_draft::Migration),
            Box::new(m20261206_000015_outbox_secrets_and_limits::Migration),
            Box::new(m20261207_000017_create_history_batch::Migration),
            Box::new(m20261207_000018_create_answer_file::Migration),
            Box::new(m20261207_000019_create_announcement::Migration),
            Box::new(m20261207_000021_reminders_and_opt_out::Migration),
            Box::new(m20261207_000023_alumni_profile_awaiting_owner::Migration),
            Box::new(m20261207_000024_eligibility_refusal_and_prefecture::Migration),
        ]
    }
}
