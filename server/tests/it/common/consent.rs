//! The guardian's consent a minor's application waits for, recorded as
//! the guardian's answer to the mailed link records it.

/// Records that `guardian` consented to application `id`, as answering
/// the mailed link does (the offer's gate and the roster read this row).
pub async fn guardian_consented(db: &sea_orm::DatabaseConnection, id: i32, guardian: &str) {
    use camp_connect_app::domain::application::consent::ConsentOutcome;
    use camp_connect_app::store::entities::guardian_consent;
    use sea_orm::{ActiveModelTrait, Set};
    let now = chrono::Utc::now();
    guardian_consent::ActiveModel {
        application_id: Set(id),
        guardian_name: Set("Parent".into()),
        guardian_email: Set(guardian.into()),
        token_hash: Set("x".into()),
        created_at: Set(now),
        expires_at: Set(now + chrono::Duration::days(7)),
        decided_at: Set(Some(now)),
        outcome: Set(Some(ConsentOutcome::Consented)),
        signed_name: Set(Some("Parent".into())),
        ..Default::default()
    }
    .insert(db)
    .await
    .unwrap();
}
