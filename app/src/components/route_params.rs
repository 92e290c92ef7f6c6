//! The route's parameters as tracked closures, the source of a page's
//! `Resource`: every page names its programme, cohort and track (or a
//! record's id) the same way.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

/// The route parameter `name`, empty when absent.
pub fn param(name: &'static str) -> impl Fn() -> String + Copy + Send + Sync + 'static {
    let params = use_params_map();
    move || params.read().get(name).unwrap_or_default()
}

/// The route parameter `name` as a record id; 0 (found by no look-up, so
/// answered as not found) when absent or not a number.
pub fn id_param(name: &'static str) -> impl Fn() -> i32 + Copy + Send + Sync + 'static {
    let params = use_params_map();
    move || {
        params
            .read()
            .get(name)
            .and_then(|id| id.parse::<i32>().ok())
            .unwrap_or(0)
    }
}

/// The programme and cohort slugs of `/…/{programme}/{cohort}/…`.
pub fn cohort_params() -> impl Fn() -> (String, String) + Copy + Send + Sync + 'static {
    let params = use_params_map();
    move || {
        let p = params.read();
        (
            p.get("programme").unwrap_or_default(),
            p.get("cohort").unwrap_or_default(),
        )
    }
}

/// The programme, cohort and track slugs of
/// `/…/{programme}/{cohort}/tracks/{track}/…`.
pub fn track_params() -> impl Fn() -> (String, String, String) + Copy + Send + Sync + 'static {
    let params = use_params_map();
    move || {
        let p = params.read();
        (
            p.get("programme").unwrap_or_default(),
            p.get("cohort").unwrap_or_default(),
            p.get("track").unwrap_or_default(),
        )
    }
}
