//! Randomness for the store: link tokens (guardian consent, roster
//! invitations, credit confirmations, calendar feeds), version stamps and
//! certificate codes all draw their bytes here. What a token is and how it
//! is stored are pure rules (`domain::tokens`).

use crate::domain::tokens::hex;
use sea_orm::DbErr;

/// `N` random bytes from the operating system.
pub fn random_bytes<const N: usize>() -> Result<[u8; N], DbErr> {
    let mut bytes = [0u8; N];
    getrandom::fill(&mut bytes).map_err(|e| DbErr::Custom(format!("no randomness: {e}")))?;
    Ok(bytes)
}

/// A new link token: 32 random bytes as 64 hex digits.
pub fn new_token() -> Result<String, DbErr> {
    Ok(hex(&random_bytes::<32>()?))
}
