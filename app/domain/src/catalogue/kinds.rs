//! The closed vocabularies of the catalogue and their stored spellings.

use serde::{Deserialize, Serialize};

/// Which programme family a programme belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ProgrammeKind {
    /// セキュリティ・キャンプ: the existing yearly camp.
    Camp,
    /// セキュリティ・キャンプ・コネクト: security joined to another field.
    Connect,
}

impl ProgrammeKind {
    /// The spelling stored in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            ProgrammeKind::Camp => "camp",
            ProgrammeKind::Connect => "connect",
        }
    }

    /// Parses the stored spelling.
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "camp" => Some(ProgrammeKind::Camp),
            "connect" => Some(ProgrammeKind::Connect),
            _ => None,
        }
    }
}

/// The two vectors of Security Camp Connect tracks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum TrackVector {
    /// 産業コネクト: automotive, power, space, …
    Industry,
    /// テックコネクト: AI, IoT, quantum computing, …
    Tech,
}

impl TrackVector {
    /// The spelling stored in the database and used in URLs.
    pub fn as_str(self) -> &'static str {
        match self {
            TrackVector::Industry => "industry",
            TrackVector::Tech => "tech",
        }
    }

    /// Parses the stored spelling.
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "industry" => Some(TrackVector::Industry),
            "tech" => Some(TrackVector::Tech),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stored_spellings_round_trip() {
        for k in [ProgrammeKind::Camp, ProgrammeKind::Connect] {
            assert_eq!(ProgrammeKind::parse(k.as_str()), Some(k));
        }
        for v in [TrackVector::Industry, TrackVector::Tech] {
            assert_eq!(TrackVector::parse(v.as_str()), Some(v));
        }
        assert_eq!(ProgrammeKind::parse("Camp"), None);
        assert_eq!(TrackVector::parse(""), None);
    }
}
