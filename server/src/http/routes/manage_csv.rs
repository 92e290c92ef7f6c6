//! The organisers' CSV exports of a track (its ranking, its applications'
//! answers, its roster) and of a cohort (the rosters of all its tracks),
//! in the reader's language, for organisers of the programme (and
//! administrators) only.

use super::csv::csv_response;
use super::reader::reader_lang;
use super::scope;
use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::response::Response;
use camp_connect_app::domain::access::Action;
use camp_connect_app::domain::lang::Lang;
use camp_connect_app::domain::text::labels;
use camp_connect_app::error::AppError;
use camp_connect_app::state::AppState;
use camp_connect_app::store;
use tower_sessions::Session;

/// The ranking export's address.
pub const RANKING: &str = "/manage/{programme}/{cohort}/tracks/{track}/review/export.csv";
/// The answers export's address.
pub const ANSWERS: &str = "/manage/{programme}/{cohort}/tracks/{track}/review/answers.csv";
/// The track roster export's address.
pub const TRACK_ROSTER: &str = "/manage/{programme}/{cohort}/tracks/{track}/roster.csv";
/// The cohort roster export's address.
pub const COHORT_ROSTER: &str = "/manage/{programme}/{cohort}/roster.csv";

/// What a track's export holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TrackExport {
    /// The ranking with per-criterion means, decisions and offers.
    Ranking,
    /// Every submitted application's answers.
    Answers,
    /// Participants, tutors and lecturers.
    Roster,
}

impl TrackExport {
    /// Who may download it: those who run the selection, or the rosters.
    fn action(self) -> Action {
        match self {
            TrackExport::Ranking | TrackExport::Answers => Action::ManageSelection,
            TrackExport::Roster => Action::ManageRosters,
        }
    }
}

/// `GET` of a track export (`kind`), e.g.
/// `/manage/<programme>/<cohort>/tracks/<track>/roster.csv`.
pub async fn track_csv(
    kind: TrackExport,
    State(state): State<AppState>,
    session: Session,
    headers: HeaderMap,
    Path((programme, cohort, track)): Path<(String, String, String)>,
) -> Response {
    let lang = reader_lang(&headers);
    let slugs = (programme.as_str(), cohort.as_str(), track.as_str());
    csv_response(lang, track_file(&state, &session, slugs, kind, lang).await)
}

async fn track_file(
    state: &AppState,
    session: &Session,
    slugs: (&str, &str, &str),
    kind: TrackExport,
    lang: Lang,
) -> Result<(String, String), AppError> {
    let db = &state.db;
    let actor = scope::actor(state, session).await?;
    let ctx = scope::track(db, actor.as_ref(), kind.action(), slugs).await?;
    let (p, c, t) = (
        ctx.programme.slug.as_str(),
        ctx.cohort.slug.as_str(),
        ctx.track.slug.as_str(),
    );
    Ok(match kind {
        // The ranking's name predates the others; scripts may expect it.
        TrackExport::Ranking => (
            scope::file_name(&[p, c, t]),
            store::review::export::track_csv(db, &ctx, lang).await?,
        ),
        TrackExport::Answers => (
            scope::file_name(&[p, c, t, labels::csv_file::answers(lang)]),
            store::review::answers::answers_csv(db, &ctx, lang).await?,
        ),
        TrackExport::Roster => (
            scope::file_name(&[p, c, t, labels::csv_file::roster(lang)]),
            store::rosters::export::track_csv(db, &ctx, lang).await?,
        ),
    })
}

/// `GET /manage/<programme>/<cohort>/roster.csv`: the rosters of every
/// track of the cohort, one CSV.
pub async fn cohort_roster_csv(
    State(state): State<AppState>,
    session: Session,
    headers: HeaderMap,
    Path((programme, cohort)): Path<(String, String)>,
) -> Response {
    let lang = reader_lang(&headers);
    let slugs = (programme.as_str(), cohort.as_str());
    csv_response(lang, cohort_file(&state, &session, slugs, lang).await)
}

async fn cohort_file(
    state: &AppState,
    session: &Session,
    slugs: (&str, &str),
    lang: Lang,
) -> Result<(String, String), AppError> {
    let db = &state.db;
    let actor = scope::actor(state, session).await?;
    let (p, c) = scope::cohort(db, actor.as_ref(), Action::ManageRosters, slugs).await?;
    let body = store::rosters::export::cohort_csv(db, &p, &c, lang).await?;
    let kind = labels::csv_file::roster(lang);
    Ok((
        scope::file_name(&[p.slug.as_str(), c.slug.as_str(), kind]),
        body,
    ))
}
