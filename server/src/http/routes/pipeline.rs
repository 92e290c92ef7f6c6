//! Routes of the pipeline that are not pages: the funnel's CSV export.

use super::reader::reader_lang;
use axum::extract::{Path, Query, State};
use axum::http::HeaderMap;
use axum::response::Response;
use camp_connect_app::domain::access::Action;
use camp_connect_app::domain::lang::Lang;
use camp_connect_app::domain::slug::is_valid_slug;
use camp_connect_app::error::AppError;
use camp_connect_app::state::AppState;
use chrono::Utc;
use serde::Deserialize;
use tower_sessions::Session;

/// The funnel export's address.
pub const FUNNEL_EXPORT: &str = "/manage/{programme}/funnel.csv";

/// The cohort and track the funnel is narrowed to.
#[derive(Debug, Default, Deserialize)]
pub struct FunnelScope {
    /// The cohort's slug.
    cohort: Option<String>,
    /// The track's slug.
    track: Option<String>,
}

/// `GET /manage/<programme>/funnel.csv[?cohort=…&track=…]`: the funnel as
/// CSV in the reader's language, for organisers of the programme only.
pub async fn funnel_csv(
    State(state): State<AppState>,
    session: Session,
    headers: HeaderMap,
    Path(programme): Path<String>,
    Query(scope): Query<FunnelScope>,
) -> Response {
    let lang = reader_lang(&headers);
    super::csv::csv_response(lang, build(&state, &session, &programme, scope, lang).await)
}

async fn build(
    state: &AppState,
    session: &Session,
    programme: &str,
    scope: FunnelScope,
    lang: Lang,
) -> Result<(String, String), AppError> {
    let db = &state.db;
    let actor = super::scope::actor(state, session).await?;
    let p = super::scope::programme(db, actor.as_ref(), Action::ManagePipeline, programme).await?;
    let cohort = scope.cohort.filter(|c| is_valid_slug(c));
    let track = scope.track.filter(|t| is_valid_slug(t));
    let page = camp_connect_app::store::pipeline::funnel::funnel_page(
        db,
        &p,
        cohort.as_deref(),
        track.as_deref(),
        Utc::now(),
    )
    .await?
    .ok_or(AppError::NotFound)?;
    let name = [Some(p.slug.as_str()), cohort.as_deref(), track.as_deref()]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join("-");
    let csv = camp_connect_app::store::pipeline::funnel::funnel_csv(&page.funnel, lang);
    Ok((format!("{name}-funnel.csv"), csv))
}
