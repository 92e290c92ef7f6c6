//! sea-orm entities, one file per table, mirroring `migrations/`.

pub mod cohort;
pub mod field;
pub mod programme;
pub mod track;
