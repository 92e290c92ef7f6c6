//! The closed vocabularies of the catalogue and their stored spellings.

use crate::enums::stored_enum;

stored_enum! {
    /// Which programme family a programme belongs to.
    pub enum ProgrammeKind: varchar(16) {
        /// セキュリティ・キャンプ: the existing yearly camp.
        Camp = "camp",
        /// セキュリティ・キャンプ・コネクト: security joined to another field.
        Connect = "connect",
    }
}

stored_enum! {
    /// The two vectors of Security Camp Connect tracks.
    #[derive(PartialOrd, Ord)]
    pub enum TrackVector: varchar(16) {
        /// 産業コネクト: automotive, power, space, …
        Industry = "industry",
        /// テックコネクト: AI, IoT, quantum computing, …
        Tech = "tech",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stored_spellings_round_trip() {
        for k in ProgrammeKind::ALL {
            assert_eq!(ProgrammeKind::parse(k.as_str()), Some(k));
        }
        for v in TrackVector::ALL {
            assert_eq!(TrackVector::parse(v.as_str()), Some(v));
        }
        assert_eq!(ProgrammeKind::parse("Camp"), None);
        assert_eq!(TrackVector::parse(""), None);
    }
}
