//! Applications: per-programme eligibility rules, versioned question sets
//! per track, applications with their draft answers and every submitted
//! version, guardian consent for minors, and the affiliation staff declare
//! for conflict-of-interest checks.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Eligibility {
    Table,
    ProgrammeId,
    MinAge,
    MaxAge,
    OnceOnly,
    MaxApplicationsPerCohort,
    DeclarationsJa,
    DeclarationsEn,
    AskExpertise,
}

#[derive(DeriveIden)]
enum QuestionSet {
    Table,
    Id,
    TrackId,
    Version,
    CreatedAt,
}

// `QuestionSetId` names the column `question_set_id`; renaming it to please
// the lint would change the column.
#[expect(clippy::enum_variant_names)]
#[derive(DeriveIden)]
enum Question {
    Table,
    Id,
    QuestionSetId,
    Position,
    Kind,
    PromptJa,
    PromptEn,
    Choices,
    MaxChars,
    Required,
}

#[derive(DeriveIden)]
enum Application {
    Table,
    Id,
    TrackId,
    AccountId,
    Status,
    QuestionSetId,
    Revision,
    BirthDate,
    Affiliation,
    Expertise,
    Mentors,
    GuardianName,
    GuardianEmail,
    DeclarationsAccepted,
    CreatedAt,
    UpdatedAt,
    SubmittedAt,
    WithdrawnAt,
    Decision,
    DecisionReason,
    DecidedAt,
    DecidedBy,
    ReleasedAt,
    WaitlistPosition,
    OfferStatus,
    OfferExpiresAt,
    OfferRespondedAt,
}

#[derive(DeriveIden)]
enum ApplicationAnswer {
    Table,
    ApplicationId,
    QuestionId,
    Value,
}

#[derive(DeriveIden)]
enum ApplicationSubmission {
    Table,
    Id,
    ApplicationId,
    Number,
    QuestionSetId,
    Answers,
    SubmittedAt,
}

#[derive(DeriveIden)]
enum GuardianConsent {
    Table,
    Id,
    ApplicationId,
    GuardianName,
    GuardianEmail,
    TokenHash,
    CreatedAt,
    ExpiresAt,
    DecidedAt,
    Outcome,
    SignedName,
}

#[derive(DeriveIden)]
enum Affiliation {
    Table,
    AccountId,
    Name,
}

#[derive(DeriveIden)]
enum Programme {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Track {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Account {
    Table,
    Id,
}

fn fk(
    from: (impl IntoIden, impl IntoIden),
    to: (impl IntoIden, impl IntoIden),
    on_delete: ForeignKeyAction,
) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .from(from.0, from.1)
        .to(to.0, to.1)
        .on_delete(on_delete)
        .to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Eligibility::Table)
                    .col(integer(Eligibility::ProgrammeId).primary_key())
                    .col(integer_null(Eligibility::MinAge))
                    .col(integer_null(Eligibility::MaxAge))
                    .col(boolean(Eligibility::OnceOnly).default(false))
                    .col(integer(Eligibility::MaxApplicationsPerCohort).default(1))
                    .col(text(Eligibility::DeclarationsJa).default(""))
                    .col(text(Eligibility::DeclarationsEn).default(""))
                    .col(boolean(Eligibility::AskExpertise).default(false))
                    .foreign_key(&mut fk(
                        (Eligibility::Table, Eligibility::ProgrammeId),
                        (Programme::Table, Programme::Id),
                        ForeignKeyAction::Cascade,
                    ))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(QuestionSet::Table)
                    .col(pk_auto(QuestionSet::Id))
                    .col(integer(QuestionSet::TrackId))
                    .col(integer(QuestionSet::Version))
                    .col(timestamp_with_time_zone(QuestionSet::CreatedAt))
                    .foreign_key(&mut fk(
                        (QuestionSet::Table, QuestionSet::TrackId),
                        (Track::Table, Track::Id),
                        ForeignKeyAction::Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_question_set_track_version")
                    .table(QuestionSet::Table)
                    .col(QuestionSet::TrackId)
                    .col(QuestionSet::Version)
                    .unique()
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Question::Table)
                    .col(pk_auto(Question::Id))
                    .col(integer(Question::QuestionSetId))
                    .col(integer(Question::Position))
                    .col(
                        string_len(Question::Kind, 16).check(Expr::col(Question::Kind).is_in([
                            "long_text",
                            "short_text",
                            "single_choice",
                            "multiple_choice",
                            "url",
                        ])),
                    )
                    .col(text(Question::PromptJa))
                    .col(text(Question::PromptEn))
                    .col(text(Question::Choices).default("[]"))
                    .col(integer_null(Question::MaxChars))
                    .col(boolean(Question::Required).default(true))
                    .foreign_key(&mut fk(
                        (Question::Table, Question::QuestionSetId),
                        (QuestionSet::Table, QuestionSet::Id),
                        ForeignKeyAction::Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_question_set_position")
                    .table(Question::Table)
                    .col(Question::QuestionSetId)
                    .col(Question::Position)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Application::Table)
                    .col(pk_auto(Application::Id))
                    .col(integer(Application::TrackId))
                    .col(integer(Application::AccountId))
                    .col(string_len(Application::Status, 16).check(
                        Expr::col(Application::Status).is_in(["draft", "submitted", "withdrawn"]),
                    ))
                    .col(integer(Application::QuestionSetId))
                    .col(integer(Application::Revision).default(0))
                    .col(date_null(Application::BirthDate))
                    .col(string(Application::Affiliation).default(""))
                    .col(text(Application::Expertise).default(""))
                    .col(text(Application::Mentors).default(""))
                    .col(string(Application::GuardianName).default(""))
                    .col(string_len(Application::GuardianEmail, 320).default(""))
                    .col(boolean(Application::DeclarationsAccepted).default(false))
                    .col(timestamp_with_time_zone(Application::CreatedAt))
                    .col(timestamp_with_time_zone(Application::UpdatedAt))
                    .col(timestamp_with_time_zone_null(Application::SubmittedAt))
                    .col(timestamp_with_time_zone_null(Application::WithdrawnAt))
                    .col(string_len_null(Application::Decision, 16).check(
                        Expr::col(Application::Decision).is_in([
                            "accepted",
                            "waitlisted",
                            "rejected",
                        ]),
                    ))
                    .col(text_null(Application::DecisionReason))
                    .col(timestamp_with_time_zone_null(Application::DecidedAt))
                    .col(integer_null(Application::DecidedBy))
                    .col(timestamp_with_time_zone_null(Application::ReleasedAt))
                    .col(integer_null(Application::WaitlistPosition))
                    .col(string_len_null(Application::OfferStatus, 16).check(
                        Expr::col(Application::OfferStatus).is_in([
                            "offered",
                            "confirmed",
                            "declined",
                            "expired",
                        ]),
                    ))
                    .col(timestamp_with_time_zone_null(Application::OfferExpiresAt))
                    .col(timestamp_with_time_zone_null(Application::OfferRespondedAt))
                    .foreign_key(&mut fk(
                        (Application::Table, Application::TrackId),
                        (Track::Table, Track::Id),
                        ForeignKeyAction::Restrict,
                    ))
                    .foreign_key(&mut fk(
                        (Application::Table, Application::AccountId),
                        (Account::Table, Account::Id),
                        ForeignKeyAction::Restrict,
                    ))
                    .foreign_key(&mut fk(
                        (Application::Table, Application::QuestionSetId),
                        (QuestionSet::Table, QuestionSet::Id),
                        ForeignKeyAction::Restrict,
                    ))
                    .foreign_key(&mut fk(
                        (Application::Table, Application::DecidedBy),
                        (Account::Table, Account::Id),
                        ForeignKeyAction::SetNull,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_application_account_track")
                    .table(Application::Table)
                    .col(Application::AccountId)
                    .col(Application::TrackId)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_application_track_status")
                    .table(Application::Table)
                    .col(Application::TrackId)
                    .col(Application::Status)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(ApplicationAnswer::Table)
                    .col(integer(ApplicationAnswer::ApplicationId))
                    .col(integer(ApplicationAnswer::QuestionId))
                    .col(text(ApplicationAnswer::Value))
                    .primary_key(
                        Index::create()
                            .col(ApplicationAnswer::ApplicationId)
                            .col(ApplicationAnswer::QuestionId),
                    )
                    .foreign_key(&mut fk(
                        (ApplicationAnswer::Table, ApplicationAnswer::ApplicationId),
                        (Application::Table, Application::Id),
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut fk(
                        (ApplicationAnswer::Table, ApplicationAnswer::QuestionId),
                        (Question::Table, Question::Id),
                        ForeignKeyAction::Cascade,
                    ))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(ApplicationSubmission::Table)
                    .col(pk_auto(ApplicationSubmission::Id))
                    .col(integer(ApplicationSubmission::ApplicationId))
                    .col(integer(ApplicationSubmission::Number))
                    .col(integer(ApplicationSubmission::QuestionSetId))
                    .col(text(ApplicationSubmission::Answers))
                    .col(timestamp_with_time_zone(ApplicationSubmission::SubmittedAt))
                    .foreign_key(&mut fk(
                        (
                            ApplicationSubmission::Table,
                            ApplicationSubmission::ApplicationId,
                        ),
                        (Application::Table, Application::Id),
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut fk(
                        (
                            ApplicationSubmission::Table,
                            ApplicationSubmission::QuestionSetId,
                        ),
                        (QuestionSet::Table, QuestionSet::Id),
                        ForeignKeyAction::Restrict,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_application_submission_number")
                    .table(ApplicationSubmission::Table)
                    .col(ApplicationSubmission::ApplicationId)
                    .col(ApplicationSubmission::Number)
                    .unique()
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(GuardianConsent::Table)
                    .col(pk_auto(GuardianConsent::Id))
                    .col(integer(GuardianConsent::ApplicationId))
                    .col(string(GuardianConsent::GuardianName))
                    .col(string_len(GuardianConsent::GuardianEmail, 320))
                    .col(string_len_uniq(GuardianConsent::TokenHash, 64))
                    .col(timestamp_with_time_zone(GuardianConsent::CreatedAt))
                    .col(timestamp_with_time_zone(GuardianConsent::ExpiresAt))
                    .col(timestamp_with_time_zone_null(GuardianConsent::DecidedAt))
                    .col(
                        string_len_null(GuardianConsent::Outcome, 16).check(
                            Expr::col(GuardianConsent::Outcome).is_in(["consented", "refused"]),
                        ),
                    )
                    .col(string_null(GuardianConsent::SignedName))
                    .foreign_key(&mut fk(
                        (GuardianConsent::Table, GuardianConsent::ApplicationId),
                        (Application::Table, Application::Id),
                        ForeignKeyAction::Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_guardian_consent_application")
                    .table(GuardianConsent::Table)
                    .col(GuardianConsent::ApplicationId)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Affiliation::Table)
                    .col(integer(Affiliation::AccountId).primary_key())
                    .col(string(Affiliation::Name))
                    .foreign_key(&mut fk(
                        (Affiliation::Table, Affiliation::AccountId),
                        (Account::Table, Account::Id),
                        ForeignKeyAction::Cascade,
                    ))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // Children first, so no foreign key is left dangling.
        for table in [
            Affiliation::Table.into_iden(),
            GuardianConsent::Table.into_iden(),
            ApplicationSubmission::Table.into_iden(),
            ApplicationAnswer::Table.into_iden(),
            Application::Table.into_iden(),
            Question::Table.into_iden(),
            QuestionSet::Table.into_iden(),
            Eligibility::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}
