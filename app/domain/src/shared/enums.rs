//! The one way to declare an enum whose values are stored by name: a
//! status, a kind, a role. `stored_enum!` writes the enum, its spellings
//! and, with the `store` feature, its sea-orm column type, so the database,
//! the forms and the code cannot disagree on a spelling.

/// Declares an enum stored by name, each value written `Variant = "stored"`
/// (its spelling in the database, forms and URLs) or `Variant = "stored" /
/// labels::group::key` (with the accessor of its label in `labels.json`;
/// then every value has one and the enum gets `label`):
///
/// ```text
/// stored_enum! {
///     /// Where one person stands with one event.
///     pub enum RsvpStatus: varchar(16) {
///         /// Has a place.
///         Confirmed = "confirmed" / labels::rsvp_status::confirmed,
///         …
///     }
/// }
/// ```
///
/// `varchar(n)` is the column's type in `migrations/`. The enum derives
/// `Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize` (serde
/// keeps the variant names) plus any `#[derive]` written above it, and has
/// `ALL` (in declaration order), `as_str` and `parse`. With the `store`
/// feature it is also a sea-orm `ActiveEnum` with a `String` value, so
/// entities hold it as a field and queries compare columns with it.
macro_rules! stored_enum {
    // With labels: the plain enum, then `label`.
    (
        $(#[$attr:meta])*
        $vis:vis enum $name:ident : varchar($len:literal) {
            $($(#[$vattr:meta])* $v:ident = $s:literal / $label:path),+ $(,)?
        }
    ) => {
        $crate::enums::stored_enum! {
            $(#[$attr])*
            $vis enum $name : varchar($len) { $($(#[$vattr])* $v = $s),+ }
        }

        impl $name {
            /// The name shown to people (`labels.json`).
            pub fn label(self, lang: $crate::lang::Lang) -> &'static str {
                match self { $($name::$v => $label(lang)),+ }
            }
        }
    };
    (
        $(#[$attr:meta])*
        $vis:vis enum $name:ident : varchar($len:literal) {
            $($(#[$vattr:meta])* $v:ident = $s:literal),+ $(,)?
        }
    ) => {
        $(#[$attr])*
        #[derive(
            Clone, Copy, Debug, PartialEq, Eq, Hash, ::serde::Serialize, ::serde::Deserialize,
        )]
        #[cfg_attr(feature = "store", derive(sea_orm::DeriveActiveEnum, sea_orm::EnumIter))]
        // sea-orm reads `db_type` as a string, which a macro cannot build
        // from `$len`; the expression it names is expanded inside the
        // enum's `ActiveEnum` impl, where `Self::COLUMN_LEN` is `$len`.
        #[cfg_attr(
            feature = "store",
            sea_orm(
                rs_type = "String",
                db_type = "String(sea_orm::sea_query::StringLen::N(Self::COLUMN_LEN))"
            )
        )]
        $vis enum $name {
            $(
                $(#[$vattr])*
                #[cfg_attr(feature = "store", sea_orm(string_value = $s))]
                $v
            ),+
        }

        #[cfg(feature = "store")]
        impl $name {
            /// The length of the column that stores it (`migrations/`).
            const COLUMN_LEN: u32 = $len;
        }

        impl $name {
            /// Every value, in declaration order.
            pub const ALL: [$name; [$(stringify!($v)),+].len()] = [$($name::$v),+];

            /// The spelling stored in the database and used in forms.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$v => $s),+ }
            }

            /// Parses the stored spelling (exactly: no trimming, no case
            /// folding).
            pub fn parse(s: &str) -> Option<Self> {
                match s {
                    $($s => Some($name::$v),)+
                    _ => None,
                }
            }
        }
    };
}
pub(crate) use stored_enum;

#[cfg(test)]
mod tests {
    use crate::lang::Lang;
    use crate::text::labels;

    stored_enum! {
        /// A labelled enum, as events and credits declare them.
        enum Labelled: varchar(16) {
            /// The first.
            One = "one" / labels::rsvp_status::confirmed,
            /// The second.
            Two = "two_2" / labels::rsvp_status::cancelled,
        }
    }

    stored_enum! {
        /// An enum without labels, with an extra derive.
        #[derive(PartialOrd, Ord)]
        enum Plain: varchar(24) {
            /// Sorts first.
            Low = "low",
            /// Sorts last.
            High = "high",
        }
    }

    #[test]
    fn spellings_round_trip_and_nothing_else_parses() {
        assert_eq!(Labelled::ALL, [Labelled::One, Labelled::Two]);
        for v in Labelled::ALL {
            assert_eq!(Labelled::parse(v.as_str()), Some(v));
        }
        for v in Plain::ALL {
            assert_eq!(Plain::parse(v.as_str()), Some(v));
        }
        assert_eq!(Labelled::Two.as_str(), "two_2");
        assert_eq!(Labelled::parse("Two"), None);
        assert_eq!(Labelled::parse(" one"), None);
        assert_eq!(Plain::parse(""), None);
    }

    #[test]
    fn labels_and_extra_derives_come_through() {
        assert_eq!(
            Labelled::Two.label(Lang::En),
            labels::rsvp_status::cancelled(Lang::En)
        );
        assert!(Plain::Low < Plain::High);
    }
}
