//! Server-only persistence: sea-orm entities and the queries of each
//! capability. Queries return domain types, never rows.

pub mod account;
pub mod application;
pub mod audit;
pub mod catalogue;
pub mod catalogue_edit;
pub mod entities;
pub mod identity;
pub mod outbox;
pub mod review;
pub mod roles;
pub mod sessions;
