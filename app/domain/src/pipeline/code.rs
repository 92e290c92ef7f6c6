//! Verification codes of completion certificates: unguessable, read aloud
//! or typed from paper without confusion.
//!
//! A code is [`CODE_LEN`] characters from [`ALPHABET`], which leaves out
//! the look-alikes 0/O, 1/I/L and U/V, shown in groups of four
//! (`7KQ2-…`). The random bytes come from the server (`store`); this module
//! only turns them into a code, so it stays pure and testable.

/// The characters of a code: digits and capitals without 0, 1, I, L, O, U.
pub const ALPHABET: &[u8; 30] = b"23456789ABCDEFGHJKMNPQRSTVWXYZ";

/// Characters in a code (30^16 ≈ 2^78 codes).
pub const CODE_LEN: usize = 16;

/// Random bytes to ask for: more than [`CODE_LEN`], because bytes that
/// would bias the code are skipped.
pub const RANDOM_BYTES: usize = 64;

/// The code drawn from `random` bytes, without bias (bytes from 240 up
/// are skipped, so each character is equally likely); `None` in the
/// practically impossible case that too few bytes were usable.
pub fn code_from_bytes(random: &[u8]) -> Option<String> {
    let limit = 256 - 256 % ALPHABET.len();
    let chars: String = random
        .iter()
        .map(|&b| usize::from(b))
        .filter(|&b| b < limit)
        .take(CODE_LEN)
        .map(|b| char::from(ALPHABET[b % ALPHABET.len()]))
        .collect();
    (chars.len() == CODE_LEN).then_some(chars)
}

/// The code as shown and printed: groups of four joined by hyphens.
pub fn display(code: &str) -> String {
    code.as_bytes()
        .chunks(4)
        .map(|c| String::from_utf8_lossy(c).into_owned())
        .collect::<Vec<_>>()
        .join("-")
}

/// The code typed by a person, as stored: hyphens and spaces dropped,
/// lower case raised; `None` when it cannot be a code.
pub fn normalise(typed: &str) -> Option<String> {
    let code: String = typed
        .chars()
        .filter(|c| !matches!(c, '-' | ' '))
        .map(|c| c.to_ascii_uppercase())
        .collect();
    let valid = code.len() == CODE_LEN && code.bytes().all(|b| ALPHABET.contains(&b));
    valid.then_some(code)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A deterministic stand-in for the system's randomness.
    fn bytes(seed: u64) -> Vec<u8> {
        let mut x = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
        (0..RANDOM_BYTES)
            .map(|_| {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                (x >> 24) as u8
            })
            .collect()
    }

    #[test]
    fn the_alphabet_has_no_look_alikes_and_no_repeats() {
        for c in b"01ILOU" {
            assert!(!ALPHABET.contains(c), "{}", char::from(*c));
        }
        let mut sorted = ALPHABET.to_vec();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(sorted.len(), ALPHABET.len());
    }

    #[test]
    fn codes_are_long_enough_to_be_unguessable() {
        let bits = CODE_LEN as f64 * (ALPHABET.len() as f64).log2();
        assert!(bits >= 75.0, "{bits} bits");
    }

    #[test]
    fn codes_use_only_the_alphabet_and_differ() {
        let codes: Vec<String> = (1..2000)
            .filter_map(|s| code_from_bytes(&bytes(s)))
            .collect();
        assert_eq!(codes.len(), 1999);
        for c in &codes {
            assert_eq!(c.len(), CODE_LEN);
            assert!(c.bytes().all(|b| ALPHABET.contains(&b)), "{c}");
        }
        let mut unique = codes.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), codes.len());
    }

    #[test]
    fn every_character_is_equally_likely() {
        // Each usable byte value gives one character; the usable values
        // are a multiple of the alphabet, so each character has 8 of them.
        let mut counts = [0usize; 30];
        for b in 0..=255u8 {
            if let Some(code) = code_from_bytes(&[b; CODE_LEN]) {
                let first = code.as_bytes()[0];
                if let Some(k) = ALPHABET.iter().position(|&a| a == first) {
                    counts[k] += 1;
                }
            }
        }
        assert!(counts.iter().all(|&n| n == 8), "{counts:?}");
    }

    #[test]
    fn biased_bytes_are_skipped_and_too_few_give_none() {
        let mut high = vec![255u8; RANDOM_BYTES];
        assert_eq!(code_from_bytes(&high), None);
        high[3] = 0;
        assert_eq!(code_from_bytes(&high), None);
        assert_eq!(
            code_from_bytes(&[0u8; CODE_LEN]).as_deref(),
            Some("2222222222222222")
        );
    }

    #[test]
    fn typed_codes_are_normalised() {
        let code = code_from_bytes(&bytes(42)).unwrap_or_default();
        let shown = display(&code);
        assert_eq!(shown.len(), CODE_LEN + 3);
        assert_eq!(normalise(&shown), Some(code.clone()));
        assert_eq!(normalise(&shown.to_lowercase()), Some(code.clone()));
        assert_eq!(
            normalise(" 2222 2222-2222 2222 ").as_deref(),
            Some("2222222222222222")
        );
        assert_eq!(
            normalise("0222222222222222"),
            None,
            "0 is not in the alphabet"
        );
        assert_eq!(normalise("222"), None);
        assert_eq!(normalise(""), None);
        assert_eq!(normalise("22222222222222222"), None);
    }
}
