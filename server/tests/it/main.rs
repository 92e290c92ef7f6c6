//! The integration tests, in one binary so the whole app is linked once
//! rather than once per test file: the real router (or the real `serve`
//! process) on SQLite and on a fresh PostgreSQL database per test, one
//! module per capability. Tests of one capability run with
//! `cargo test -p camp-connect --test it review::`.

mod common;

mod account;
mod admin;
mod alumni;
mod announcements;
mod applications;
mod authorization_matrix;
mod backup;
mod catalogue_pages;
mod credits;
mod dashboard;
mod database;
mod durability;
mod events;
mod exports;
mod files;
mod fuzz_forms;
mod github;
mod history_import;
mod identity;
mod mail;
mod mail_tls;
mod manage;
mod meeting;
mod operations;
mod outbox_ops;
mod pipeline;
mod programmes;
mod rate_limit;
mod reminders;
mod review;
mod rosters;
mod scale_out;
mod seats;
mod shutdown;
